import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitTestSupport
import Testing

/// The controller over model versions: version × split per frame, the accuracy floor set and
/// cleared by the operator, and the fallback when no version meets it.
@Suite("VersionedController: version × split per frame")
struct VersionedControllerTests {
    static let full = ModelVersion(name: "full", source: .zooModel("a"), accuracyPercent: 90.21)
    static let small = ModelVersion(name: "small", source: .zooModel("b"), accuracyPercent: 89.31)
    static let slow = LinkConditions(bandwidthMbps: 0.08, rttMs: 10)

    static func controller(policy: PolicyKind = .mincut, floor: Double? = nil) -> VersionedController {
        VersionedController(versions: [(full, CostModel(profile: HandModels.chain())), (small, CostModel(profile: HandModels.smallChain()))],
                            policy: policy, constraints: PlanningConstraints(accuracyFloorPercent: floor))
    }

    @Test func theFloorSetAndClearedByTheOperatorSwitchesTheVersion() {
        var controller = Self.controller()
        let first = controller.decide(link: Self.slow, batteryPercent: 100)
        #expect(first.version.name == "small")
        #expect(first.decision.partition == .prefix(2, layerCount: 3))
        #expect(first.decision.reason == .start)

        let record = controller.apply(.setConstraint(.accuracyFloor, 90))
        #expect(record.new == .number(90))
        #expect(controller.constraints.accuracyFloorPercent == 90)
        let floored = controller.decide(link: Self.slow, batteryPercent: 100)
        #expect(floored.version.name == "full")
        #expect(floored.versionChanged)
        #expect(floored.decision.reason == .constraint)
        #expect(abs(floored.decision.plan.cost.latencyMs - 45.5) < 1e-9)

        _ = controller.apply(.setConstraint(.accuracyFloor, nil))
        let cleared = controller.decide(link: Self.slow, batteryPercent: 100)
        #expect(cleared.version.name == "small")
        #expect(cleared.choiceReason == .best)
    }

    /// A two-layer chain of 1,000-byte input and 10-byte output, each layer `deviceMs` on the device and `edgeMs` on the edge.
    static func chain(_ name: String, deviceMs: Double, edgeMs: Double) -> ModelProfile {
        ModelProfile(name: name, inputBytes: 1000, layers: [
            ProfileLayer(name: "L1", inputs: [.input], outputBytes: 1000, deviceMs: deviceMs, edgeMs: edgeMs, params: 10),
            ProfileLayer(name: "L2", inputs: [.layer(0)], outputBytes: 10, deviceMs: deviceMs, edgeMs: edgeMs, params: 10),
        ])
    }

    /// A change of version the edge's loss (or return) brings about says `fault`, not `bandwidth`,
    /// also when the chosen version's own controller keeps its partition (it ran locally before).
    @Test func aChangeOfVersionForALostEdgeSaysFault() {
        // edgey: 1.28 ms sent whole, 200 ms on the device; local: 3 ms on the device, 11.08 ms sent whole
        // (the gains pass the hysteresis, 1 ms).
        var controller = VersionedController(versions: [
            (ModelVersion(name: "edgey", source: .zooModel("a"), accuracyPercent: 90), CostModel(profile: Self.chain("edgey", deviceMs: 100, edgeMs: 0.1))),
            (ModelVersion(name: "local", source: .zooModel("b"), accuracyPercent: 80), CostModel(profile: Self.chain("local", deviceMs: 1.5, edgeMs: 5))),
        ], policy: .mincut)
        let fast = LinkConditions(bandwidthMbps: 100, rttMs: 1)
        #expect(controller.decide(link: fast, batteryPercent: 100).version.name == "edgey")
        let lost = controller.decide(link: fast, batteryPercent: 100, edgeReachable: false)
        #expect(lost.version.name == "local" && lost.versionChanged)
        #expect(lost.decision.reason == .fault)
        let still = controller.decide(link: fast, batteryPercent: 100, edgeReachable: false)
        #expect(!still.versionChanged && still.decision.reason == nil)
        let back = controller.decide(link: fast, batteryPercent: 100)
        #expect(back.version.name == "edgey" && back.versionChanged)
        #expect(back.decision.reason == .fault)
    }

    /// A change of version the battery floor brings about (the objective becomes energy) says
    /// `battery`, also when the chosen version's controller keeps its own partition.
    @Test func aChangeOfVersionAtTheBatteryFloorSaysBattery() {
        // busy: 3 ms and 15 mJ on the device (its edge too slow to pay); waiting: 21.08 ms and 10.6 mJ sent
        // whole to a slow edge. Faster is busy; below the floor, cheaper in energy is waiting.
        var controller = VersionedController(versions: [
            (ModelVersion(name: "busy", source: .zooModel("a"), accuracyPercent: 90), CostModel(profile: Self.chain("busy", deviceMs: 1.5, edgeMs: 50))),
            (ModelVersion(name: "waiting", source: .zooModel("b"), accuracyPercent: 90), CostModel(profile: Self.chain("waiting", deviceMs: 100, edgeMs: 10))),
        ], policy: .mincut, constraints: PlanningConstraints(batteryFloorPercent: 50))
        let fast = LinkConditions(bandwidthMbps: 100, rttMs: 1)
        #expect(controller.decide(link: fast, batteryPercent: 100).version.name == "busy")
        let low = controller.decide(link: fast, batteryPercent: 40)
        #expect(low.version.name == "waiting" && low.versionChanged)
        #expect(low.decision.reason == .battery)
    }

    @Test func aFloorNobodyMeetsRunsTheMostAccurateAndSaysSo() {
        var controller = Self.controller(floor: 99)
        let decision = controller.decide(link: Self.slow, batteryPercent: 100)
        #expect(decision.version.name == "full")
        #expect(decision.choiceReason == .noVersionMeetsFloor)
    }

    @Test func theVersionStaysWhileConditionsStay() {
        var controller = Self.controller(policy: .gads)
        _ = controller.decide(link: Self.slow, batteryPercent: 100)
        for _ in 0..<5 {
            let next = controller.decide(link: Self.slow, batteryPercent: 100)
            #expect(next.version.name == "small")
            #expect(!next.versionChanged)
            #expect(next.decision.reason == nil)
        }
    }

    @Test func aPinHoldsTheVersionInForce() {
        var controller = Self.controller()
        _ = controller.decide(link: Self.slow, batteryPercent: 100)
        _ = controller.apply(.pin(.prefix(3, layerCount: 3)))
        _ = controller.apply(.setConstraint(.accuracyFloor, 90))
        let pinned = controller.decide(link: Self.slow, batteryPercent: 100)
        #expect(pinned.version.name == "small")
        #expect(pinned.decision.partition == .prefix(3, layerCount: 3))
        #expect(pinned.choiceReason == .pinned)
        _ = controller.apply(.unpin)
        #expect(controller.decide(link: Self.slow, batteryPercent: 100).version.name == "full")
    }
}

/// The frame loop over versions: each frame runs its version's partition with its version's
/// predicted times, and its event names the version.
@Suite("Frame loop over model versions")
struct VersionedFrameLoopTests {
    @Test func framesRunAndNameTheChosenVersion() throws {
        let controller = VersionedController(
            versions: [(VersionedControllerTests.full, CostModel(profile: HandModels.chain())),
                       (VersionedControllerTests.small, CostModel(profile: HandModels.smallChain()))],
            policy: .mincut)
        var loop = FrameLoop(versions: controller, estimator: EWMAEstimator(alpha: 1, prior: 0.08),
                             battery: BatteryModel(capacityMWh: 1_000), settings: FrameLoop.Settings(rttMs: 10), clock: FixedClock())
        _ = loop.handle(.started(at: 0, probe: nil))
        var step = loop.handle(.frameArrived(frame: 0, at: 0))
        // The small version's split 2: 5 + 10 ms on the device.
        #expect(step.actions == [.runDevicePart(.prefix(2, layerCount: 3), predictedMs: 15)])
        #expect(loop.controller.costModel.profile.name == "hand-small")
        step = loop.handle(.deviceFinished(ms: 15))
        #expect(step.actions == [.send(bytes: 25, timeoutMs: 100)])
        step = loop.handle(.transferFinished(ms: 2.5))
        step = loop.handle(.edgeFinished(ms: 0.25))
        let frame = try #require(step.events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }.first)
        #expect(frame.version == "small")

        // The floor from the operator: the next frame runs the full version (its split 2: 10 + 20 ms).
        let set = loop.handle(.operatorCommand(.setConstraint(.accuracyFloor, 90), at: 0.1))
        #expect(set.events.count == 1)
        step = loop.handle(.frameArrived(frame: 1, at: 0.1))
        #expect(step.actions == [.runDevicePart(.prefix(2, layerCount: 3), predictedMs: 30)])
        #expect(loop.versioned?.currentVersion == 0)
        #expect(loop.controller.costModel.profile.name == "hand")
    }
}
