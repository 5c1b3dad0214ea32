import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession
import SplitTestSupport
import Testing

/// The frame loop follows an edge's assignment of version × split, unless something the device
/// must honour forbids it.
@Suite("Frame loop: an edge's assignment")
struct EdgeAssignmentTests {
    static func loop(policy: PolicyKind = .mincut, constraints: PlanningConstraints = .none) -> FrameLoop {
        let controller = VersionedController(
            versions: [(VersionedControllerTests.full, CostModel(profile: HandModels.chain())),
                       (VersionedControllerTests.small, CostModel(profile: HandModels.smallChain()))],
            policy: policy, constraints: constraints)
        var loop = FrameLoop(versions: controller, estimator: EWMAEstimator(alpha: 1, prior: 0.08),
                             battery: BatteryModel(capacityMWh: 1_000), settings: FrameLoop.Settings(rttMs: 10), clock: FixedClock())
        _ = loop.handle(.started(at: 0, probe: nil))
        return loop
    }

    static func decisions(_ events: [TimedEvent]) -> [DecisionEvent] {
        events.compactMap { if case .decision(let d) = $0.event { d } else { nil } }
    }

    static func frames(_ events: [TimedEvent]) -> [FrameEvent] {
        events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }
    }

    @Test("the assigned version and split run from the next frame, the decision's reason edge_shares; withdrawn, the controller decides again")
    func followed() throws {
        var loop = Self.loop()
        let first = Self.frames(FrameDriver.frame(&loop, 0))
        #expect(first.first?.version == "small")
        _ = loop.handle(.edgeAssigned(EdgeAssignment(version: "full", split: 0)))
        let events = FrameDriver.frame(&loop, 1)
        let decision = try #require(Self.decisions(events).first)
        #expect(decision.reason == .edgeShares)
        #expect(decision.to == .split(0))
        let frame = try #require(Self.frames(events).first)
        #expect(frame.version == "full" && frame.partition == .split(0))
        // Held while assigned: no new decision.
        #expect(Self.decisions(FrameDriver.frame(&loop, 2)).isEmpty)
        // Withdrawn (the edge is no longer shared): the device's own choice comes back.
        _ = loop.handle(.edgeAssigned(nil))
        let own = Self.frames(FrameDriver.frame(&loop, 3))
        #expect(own.first?.version == "small")
    }

    @Test("not followed under a pin, a fixed policy, an accuracy floor the version misses, a split out of range or an unknown version")
    func refused() throws {
        var pinned = Self.loop()
        _ = FrameDriver.frame(&pinned, 0)
        _ = pinned.handle(.operatorCommand(.pin(.prefix(3, layerCount: 3)), at: 0.5))
        _ = pinned.handle(.edgeAssigned(EdgeAssignment(version: "small", split: 0)))
        #expect(Self.frames(FrameDriver.frame(&pinned, 1)).first?.partition == .split(3))

        var fixed = Self.loop(policy: .device)
        _ = fixed.handle(.edgeAssigned(EdgeAssignment(version: "small", split: 0)))
        #expect(Self.frames(FrameDriver.frame(&fixed, 0)).first?.partition == .split(3))

        var floored = Self.loop(constraints: PlanningConstraints(accuracyFloorPercent: 90))
        _ = floored.handle(.edgeAssigned(EdgeAssignment(version: "small", split: 0)))
        #expect(Self.frames(FrameDriver.frame(&floored, 0)).first?.version == "full")

        for assignment in [EdgeAssignment(version: "full", split: 9), EdgeAssignment(version: "huge", split: 0)] {
            var loop = Self.loop()
            _ = loop.handle(.edgeAssigned(assignment))
            let events = FrameDriver.frame(&loop, 0)
            #expect(Self.decisions(events).allSatisfy { $0.reason != .edgeShares })
        }
    }

    /// Under a floor no version meets the device falls back to, and offers its edge, only the most
    /// accurate version: an assignment of that version is followed, one of another is not.
    @Test("under a floor none meets, the most accurate version's assignment is followed and no other")
    func unmetFloorFollowsTheFallback() throws {
        var loop = Self.loop(constraints: PlanningConstraints(accuracyFloorPercent: 99))
        _ = FrameDriver.frame(&loop, 0)
        _ = loop.handle(.edgeAssigned(EdgeAssignment(version: "full", split: 0)))
        let events = FrameDriver.frame(&loop, 1)
        let frame = try #require(Self.frames(events).first)
        #expect(frame.version == "full" && frame.partition == .split(0))
        #expect(Self.decisions(events).first?.reason == .edgeShares)

        var other = Self.loop(constraints: PlanningConstraints(accuracyFloorPercent: 99))
        _ = other.handle(.edgeAssigned(EdgeAssignment(version: "small", split: 0)))
        #expect(Self.frames(FrameDriver.frame(&other, 0)).first?.version == "full")
    }

    @Test("a latency SLO the assigned split breaks keeps the device's own choice")
    func sloForbids() throws {
        // All on the device costs 45.5 ms on the hand chain; a 30-ms SLO forbids it.
        var loop = Self.loop(constraints: PlanningConstraints(latencySLOMs: 30))
        _ = loop.handle(.edgeAssigned(EdgeAssignment(version: "full", split: 3)))
        let events = FrameDriver.frame(&loop, 0)
        #expect(Self.decisions(events).allSatisfy { $0.reason != .edgeShares })
    }

    @Test("the SLO is judged on the link after the operator's bandwidth cap, as the controller plans with it")
    func bandwidthCapCounts() throws {
        // The loop's first estimate is the estimator's prior (0.08 Mbit/s) with the 10-ms RTT.
        let model = CostModel(profile: HandModels.chain())
        let allOnEdge = Partition.prefix(0, layerCount: model.layerCount)
        let open = model.evaluate(allOnEdge, link: LinkConditions(bandwidthMbps: 0.08, rttMs: 10)).latencyMs
        let capped = model.evaluate(allOnEdge, link: LinkConditions(bandwidthMbps: 0.01, rttMs: 10)).latencyMs
        try #require(capped > open + 2)
        let slo = open + 1
        func firstFrame(_ constraints: PlanningConstraints) throws -> FrameEvent {
            var loop = Self.loop(constraints: constraints)
            _ = loop.handle(.edgeAssigned(EdgeAssignment(version: "full", split: 0)))
            return try #require(Self.frames(FrameDriver.frame(&loop, 0)).first)
        }
        // Within the SLO on the estimated link: followed.
        let free = try firstFrame(PlanningConstraints(latencySLOMs: slo))
        #expect(free.version == "full" && free.partition == .split(0))
        // Past it once the cap slows the link: the device keeps its own choice.
        let held = try firstFrame(PlanningConstraints(latencySLOMs: slo, bandwidthCapMbps: 0.01))
        #expect(!(held.version == "full" && held.partition == .split(0)), "\(held)")
    }

    @Test("an unreachable edge is not followed: the device runs locally")
    func unreachable() throws {
        let controller = VersionedController(
            versions: [(VersionedControllerTests.full, CostModel(profile: HandModels.chain()))], policy: .mincut)
        var loop = FrameLoop(versions: controller, estimator: EWMAEstimator(alpha: 1, prior: 0.08),
                             battery: BatteryModel(capacityMWh: 1_000), settings: FrameLoop.Settings(rttMs: 10), clock: FixedClock())
        _ = loop.handle(.started(at: 0, probe: .timedOut(afterMs: 100)))
        _ = loop.handle(.edgeAssigned(EdgeAssignment(version: "full", split: 0)))
        let events = FrameDriver.frame(&loop, 0)
        #expect(Self.frames(events).first?.partition == .split(3))
    }
}
