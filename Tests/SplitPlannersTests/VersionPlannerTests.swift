import SplitCost
import SplitModels
import SplitPlanners
import SplitTestSupport
import Testing

/// Version × split planning: the best (version, partition) among the versions that meet the
/// accuracy floor, a fallback to the most accurate when none does, and exactness against brute force.
@Suite("VersionPlanner: version × split under an accuracy floor")
struct VersionPlannerTests {
    static let full = ModelVersion(name: "full", source: .file("fashion-edge.onnx"), accuracyPercent: 90.21)
    static let small = ModelVersion(name: "small", source: .file("fashion-device.onnx"), accuracyPercent: 89.31,
                                    compression: "a smaller network")
    static let slow = PlanRequest(link: LinkConditions(bandwidthMbps: 0.08, rttMs: 10))

    static func planner(floor: Double?, policy: PolicyKind = .mincut, slo: Double? = nil) -> VersionPlanner {
        VersionPlanner(versions: [(full, CostModel(profile: HandModels.chain())), (small, CostModel(profile: HandModels.smallChain()))],
                       policy: policy, constraints: PlanningConstraints(latencySLOMs: slo, accuracyFloorPercent: floor))
    }

    /// The versions a device may offer an edge under a floor: those meeting it, in order, and when
    /// none does the most accurate one alone, wherever it stands in the list.
    @Test func versionsMeetingTheFloorFallBackToTheMostAccurate() {
        let versions = [Self.small, Self.full]
        #expect(PlanningConstraints().versionsMeetingFloor(versions) == [0, 1])
        #expect(PlanningConstraints(accuracyFloorPercent: 89.31).versionsMeetingFloor(versions) == [0, 1])
        #expect(PlanningConstraints(accuracyFloorPercent: 90).versionsMeetingFloor(versions) == [1])
        #expect(PlanningConstraints(accuracyFloorPercent: 95).versionsMeetingFloor(versions) == [1])
        #expect(PlanningConstraints(accuracyFloorPercent: 95).versionsMeetingFloor([Self.full, Self.small]) == [0])
        #expect(PlanningConstraints(accuracyFloorPercent: 95).versionsMeetingFloor([]) == [])
    }

    /// The one wording of a floor no version meets, which simulate and the device print.
    @Test func aFloorNoneMeetsIsSaidOnce() {
        let versions = [Self.small, Self.full]
        #expect(PlanningConstraints().unmetFloorNote(versions) == nil)
        #expect(PlanningConstraints(accuracyFloorPercent: 90).unmetFloorNote(versions) == nil)
        let note = PlanningConstraints(accuracyFloorPercent: 95).unmetFloorNote(versions)
        #expect(note == "no version meets the accuracy floor: falling back to the most accurate (floor 95 %; full is 90.21 %)")
    }

    @Test func withoutAFloorTheFasterVersionWins() {
        let choice = Self.planner(floor: nil).plan(Self.slow)
        #expect(choice.version.name == "small")
        #expect(choice.plan.split == 2)
        #expect(abs(choice.plan.cost.latencyMs - 27.75) < 1e-9)
        #expect(choice.reason == .best)
        #expect(choice.options.map(\.plan.split) == [2, 2])
        #expect(abs(choice.options[0].plan.cost.latencyMs - 45.5) < 1e-9)
        #expect(!choice.plan.binding.contains(.accuracyFloor))
    }

    @Test func theFloorSwitchesTheChoice() {
        let choice = Self.planner(floor: 90).plan(Self.slow)
        #expect(choice.version.name == "full")
        #expect(choice.plan.split == 2)
        #expect(abs(choice.plan.cost.latencyMs - 45.5) < 1e-9)
        #expect(choice.reason == .floorExcludedFaster)
        #expect(choice.plan.binding.contains(.accuracyFloor))
        #expect(choice.plan.isFeasible)
        #expect(choice.options.map(\.meetsFloor) == [true, false])
    }

    @Test func aFloorEqualToAnAccuracyIsMet() {
        let choice = Self.planner(floor: 89.31).plan(Self.slow)
        #expect(choice.version.name == "small")
        #expect(choice.options.map(\.meetsFloor) == [true, true])
    }

    @Test func aFloorNobodyMeetsFallsBackToTheMostAccurateAndSaysSo() {
        let choice = Self.planner(floor: 95).plan(Self.slow)
        #expect(choice.version.name == "full")
        #expect(choice.reason == .noVersionMeetsFloor)
        #expect(choice.plan.violated.contains(.accuracyFloor))
        #expect(!choice.plan.isFeasible)
        #expect(choice.options.allSatisfy { !$0.meetsFloor })
    }

    /// The planner's fallback and the versions a device may run under an unmet floor are one
    /// rule: for every order of versions, ties among the most accurate included, both name the
    /// same version (the first of the most accurate).
    @Test func thePlannersFallbackIsTheVersionsMeetingTheFloor() {
        let twin = ModelVersion(name: "twin", source: .file("twin.onnx"), accuracyPercent: 90.21)
        let lists: [[ModelVersion]] = [[Self.full, Self.small], [Self.small, Self.full], [Self.small, twin, Self.full],
                                       [Self.full, twin, Self.small], [twin, Self.small, Self.full]]
        let floor = PlanningConstraints(accuracyFloorPercent: 99)
        for versions in lists {
            let options = versions.map { version in
                VersionChoice.Option(version: version, plan: SplitPlan(policy: "test", partition: .prefix(1, layerCount: 3),
                                                                         cost: CostModel(profile: HandModels.chain()).evaluate(
                                                                             .prefix(1, layerCount: 3), link: Self.slow.link),
                                                                         objective: .latency),
                                     meetsFloor: floor.admits(version))
            }
            let choice = VersionPlanner.choose(among: options)
            #expect(choice.reason == .noVersionMeetsFloor)
            #expect(floor.versionsMeetingFloor(versions) == [choice.index])
            #expect(choice.index == versions.firstIndex { $0.accuracyPercent == 90.21 })
        }
    }

    @Test func feasibleVersionsComeBeforeFasterInfeasibleOnes() {
        // An SLO of 30 ms: only the small version meets it; with the floor at 90 the full one is
        // the only one allowed, so it is chosen although it breaks the SLO (least-violating).
        let open = Self.planner(floor: nil, slo: 30).plan(Self.slow)
        #expect(open.version.name == "small")
        #expect(open.plan.isFeasible)
        let floored = Self.planner(floor: 90, slo: 30).plan(Self.slow)
        #expect(floored.version.name == "full")
        #expect(floored.plan.violated.contains(.latencySLO))
    }

    @Test func equalObjectivesGoToTheMoreAccurateVersion() {
        let twin = ModelVersion(name: "twin", source: .zooModel("x"), accuracyPercent: 95)
        let planner = VersionPlanner(versions: [(Self.full, CostModel(profile: HandModels.chain())),
                                                (twin, CostModel(profile: HandModels.chain()))],
                                     policy: .mincut, constraints: .none)
        #expect(planner.plan(Self.slow).version.name == "twin")
    }

    /// Exact: the choice equals the best of every version × every partition meeting the floor,
    /// by brute force, over links from 0.01 to 100 Mbit/s.
    @Test(arguments: [nil, 89.0, 90.0] as [Double?])
    func theChoiceIsTheBruteForceOptimum(floor: Double?) {
        let planner = Self.planner(floor: floor)
        for mbps in [0.01, 0.05, 0.08, 0.3, 1, 3, 8, 30, 100] {
            let link = LinkConditions(bandwidthMbps: mbps, rttMs: 10)
            let choice = planner.plan(PlanRequest(link: link))
            var best = Double.infinity
            for (version, costModel) in zip(planner.versions, planner.costModels) where planner.constraints.admits(version) {
                for mask in 0..<(1 << costModel.layerCount) {
                    let partition = Partition(onDevice: (0..<costModel.layerCount).map { mask & (1 << $0) != 0 })
                    best = min(best, costModel.evaluate(partition, link: link).latencyMs)
                }
            }
            // Min-cut works on integer capacities: within its quantisation bound (far below 1 µs here).
            #expect(abs(choice.plan.cost.latencyMs - best) < 1e-6, "\(mbps) Mbit/s, floor \(String(describing: floor))")
        }
    }

    @Test func belowTheBatteryFloorTheObjectiveIsEnergy() {
        let planner = VersionPlanner(versions: [(Self.full, CostModel(profile: HandModels.chain())),
                                                (Self.small, CostModel(profile: HandModels.smallChain()))],
                                     policy: .mincut, constraints: PlanningConstraints(batteryFloorPercent: 50))
        let choice = planner.plan(PlanRequest(link: Self.slow.link, batteryPercent: 10))
        #expect(choice.plan.objective == .energy)
        let energies = choice.options.map(\.plan.cost.energyMJ)
        #expect(choice.plan.cost.energyMJ == energies.min())
    }
}
