import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession
import SplitTestSupport
import Testing

/// A decision's `from` is the partition the frame before ran, also when the version changes:
/// the chosen version's controller knows only its own last partition, which may be another.
@Suite("Decisions name the partition the last frame ran")
struct DecisionFromTests {
    static let tiny = ModelVersion(name: "tiny", source: .zooModel("c"), accuracyPercent: 80)

    static func versions() -> VersionedController {
        VersionedController(versions: [(VersionedControllerTests.full, CostModel(profile: HandModels.chain())),
                                       (tiny, CostModel(profile: HandModels.tinyChain()))], policy: .mincut)
    }

    @Test("a change of version by the floor names the other version's partition as from")
    func versionedController() {
        var controller = Self.versions()
        let first = controller.decide(link: VersionedControllerTests.slow, batteryPercent: 100)
        #expect(first.version.name == "tiny" && first.decision.partition == .prefix(3, layerCount: 3))
        _ = controller.apply(.setConstraint(.accuracyFloor, 90))
        let floored = controller.decide(link: VersionedControllerTests.slow, batteryPercent: 100)
        #expect(floored.version.name == "full" && floored.decision.partition == .prefix(2, layerCount: 3))
        #expect(floored.decision.previous == .prefix(3, layerCount: 3))
        _ = controller.apply(.setConstraint(.accuracyFloor, nil))
        let cleared = controller.decide(link: VersionedControllerTests.slow, batteryPercent: 100)
        #expect(cleared.version.name == "tiny")
        #expect(cleared.decision.previous == .prefix(2, layerCount: 3))
    }

    @Test("in the frame loop every decision's from is the last frame's partition: floor, edge assignment, withdrawal")
    func frameLoop() throws {
        var loop = FrameLoop(versions: Self.versions(), estimator: EWMAEstimator(alpha: 1, prior: 0.08),
                             battery: BatteryModel(capacityMWh: 1_000), settings: FrameLoop.Settings(rttMs: 10), clock: FixedClock())
        _ = loop.handle(.started(at: 0, probe: nil))
        var events: [TimedEvent] = []
        events += FrameDriver.frame(&loop, 0)
        events += loop.handle(.operatorCommand(.setConstraint(.accuracyFloor, 90), at: 0.5)).events
        events += FrameDriver.frame(&loop, 1)
        events += loop.handle(.operatorCommand(.setConstraint(.accuracyFloor, nil), at: 1.5)).events
        events += FrameDriver.frame(&loop, 2)
        _ = loop.handle(.edgeAssigned(EdgeAssignment(version: "full", split: 0)))
        events += FrameDriver.frame(&loop, 3)
        events += FrameDriver.frame(&loop, 4)
        _ = loop.handle(.edgeAssigned(nil))
        events += FrameDriver.frame(&loop, 5)

        let audit = DecisionFromAudit(events)
        #expect(audit.mismatches.isEmpty, "\(audit.mismatches)")
        // tiny 3 → full 2 (floor) → tiny 3 (cleared) → full 0 (assigned) → tiny 3 (withdrawn).
        #expect(audit.versionChanges == 4)
        #expect(audit.checked == 4)
        // Each decision names the version and partition its frame then ran.
        #expect(audit.toMismatches.isEmpty, "\(audit.toMismatches)")
        #expect(audit.decisionsNamingVersion == audit.decisions)
    }

    @Test("an edge's assignment of another version at the same split is a decision naming the new version")
    func sameSplitOtherVersion() throws {
        var loop = FrameLoop(versions: Self.versions(), estimator: EWMAEstimator(alpha: 1, prior: 0.08),
                             battery: BatteryModel(capacityMWh: 1_000), settings: FrameLoop.Settings(rttMs: 10), clock: FixedClock())
        _ = loop.handle(.started(at: 0, probe: nil))
        var events: [TimedEvent] = []
        _ = loop.handle(.edgeAssigned(EdgeAssignment(version: "tiny", split: 0)))
        events += FrameDriver.frame(&loop, 0)
        _ = loop.handle(.edgeAssigned(EdgeAssignment(version: "full", split: 0)))
        events += FrameDriver.frame(&loop, 1)
        let decisions = events.compactMap { if case .decision(let d) = $0.event { d } else { nil } }
        #expect(decisions.map(\.version) == ["tiny", "full"])
        #expect(decisions.last?.from == .split(0) && decisions.last?.to == .split(0))
        #expect(decisions.last?.reason == .edgeShares)
        let audit = DecisionFromAudit(events)
        #expect(audit.toMismatches.isEmpty && audit.mismatches.isEmpty, "\(audit.toMismatches) \(audit.mismatches)")
    }
}
