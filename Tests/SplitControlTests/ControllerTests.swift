import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitTestSupport
import Testing

/// The hand-worked chain (see SplitTestSupport for the numbers).
func handChain() -> ModelProfile { HandModels.chain() }

let slow = LinkConditions(bandwidthMbps: 0.08, rttMs: 10)
let fast = LinkConditions(bandwidthMbps: 8, rttMs: 10)

@Suite("Adaptive controller")
struct ControllerTests {
    let model = CostModel(profile: handChain())

    @Test func firstDecisionIsAStart() {
        var controller = AdaptiveController(costModel: model, policy: .neurosurgeon)
        let first = controller.decide(link: slow, batteryPercent: 100)
        #expect(first.reason == .start)
        #expect(first.partition.prefixSplit == 2)
        let again = controller.decide(link: slow, batteryPercent: 100)
        #expect(again.reason == nil)
        #expect(again.previous == first.partition)
    }

    /// `device --edge-model`: a partition the edge's model fixes starts as a start (no operator
    /// chose it), holds on any link that can carry it in time, and gives way to device-only while
    /// the edge is lost.
    @Test func aFixedPartitionHoldsAndFallsBackWhileTheEdgeIsLost() {
        var controller = AdaptiveController(costModel: model, policy: .neurosurgeon)
        let fixed = Partition.prefix(1, layerCount: model.layerCount)
        controller.fix(fixed)
        #expect(controller.mayOffload)
        let first = controller.decide(link: LinkConditions(bandwidthMbps: 0.5, rttMs: 10), batteryPercent: 100)
        #expect(first.reason == .start)
        #expect(first.partition == fixed)
        #expect(controller.decide(link: fast, batteryPercent: 100).partition == fixed)
        let lost = controller.decide(link: fast, batteryPercent: 100, edgeReachable: false)
        #expect(lost.partition.isDeviceOnly)
        let back = controller.decide(link: fast, batteryPercent: 100)
        #expect(back.partition == fixed)
        #expect(back.reason == .fault)
    }

    /// On a link too slow to send the cut's tensors before the frame loop would give up on them,
    /// a fixed cut gives way to the device alone, and comes back only once the transfer is
    /// predicted well inside that wait: a link wavering around the limit makes it switch once,
    /// not every frame (it used to go to the cut, time out, fall back and return at each probe).
    @Test func aFixedCutWaitsOutALinkTooSlowForItWithoutFlapping() {
        let n = model.layerCount
        let fixed = Partition.prefix(1, layerCount: n)
        let local = Partition.prefix(n, layerCount: n)
        let giveUp = FrameLoop.Settings(edgeTimeoutMs: 1_000, timeoutFactor: 1.5, minimumTimeoutMs: 100)
        let rest = model.evaluate(local, link: fast).deviceMs - model.evaluate(fixed, link: fast).deviceMs
        let wait = giveUp.transferTimeoutMs(restMs: rest)
        // The rate at which the cut's tensors take exactly the wait.
        let bytes = Double(model.evaluate(fixed, link: fast).transferBytes)
        let limitMbps = bytes * 8 / (wait * 1000)
        func link(_ mbps: Double) -> LinkConditions { LinkConditions(bandwidthMbps: mbps, rttMs: 10) }
        #expect(abs(model.evaluate(fixed, link: link(limitMbps)).transferMs - wait) < 1e-6 * wait)

        var controller = AdaptiveController(costModel: model, policy: .neurosurgeon)
        controller.fix(fixed, giveUp: giveUp)
        #expect(controller.decide(link: link(limitMbps * 2), batteryPercent: 100).partition == fixed)
        let tooSlow = controller.decide(link: link(limitMbps * 0.9), batteryPercent: 100)
        #expect(tooSlow.partition == local && tooSlow.reason == .bandwidth)
        #expect(Set(tooSlow.candidates.map(\.partition)) == [fixed, local])
        // Back above the limit, but not by the band: stay on the device.
        #expect(controller.decide(link: link(limitMbps * 1.1), batteryPercent: 100).partition == local)
        let back = controller.decide(link: link(limitMbps / AdaptiveController.fixedReturnShare * 1.05), batteryPercent: 100)
        #expect(back.partition == fixed && back.reason == .bandwidth)

        var wavering = AdaptiveController(costModel: model, policy: .neurosurgeon)
        wavering.fix(fixed, giveUp: giveUp)
        let decisions = (0..<200).map { wavering.decide(link: link(limitMbps * ($0 % 2 == 0 ? 1.05 : 0.95)), batteryPercent: 100) }
        #expect(decisions.dropFirst().filter { $0.reason != nil }.count == 1, "one switch to the device, then it stays")
        #expect(decisions.last?.partition == local)
    }

    @Test func bandwidthChangeSwitchesWithAReason() {
        var controller = AdaptiveController(costModel: model, policy: .neurosurgeon)
        _ = controller.decide(link: slow, batteryPercent: 100)
        let next = controller.decide(link: fast, batteryPercent: 100)
        #expect(next.reason == .bandwidth)
        #expect(next.partition.prefixSplit == 0)
        #expect(next.candidates.count == 2)
    }

    @Test func hysteresisHoldsNearEqualSplits() {
        // At 0.5 Mbit/s (0.016 ms/B): split 0 = 16 + 10 + 3.5 = 29.5 ms, split 2 = 30 + 0.8 + 10 + 0.5 = 41.3 ms.
        // Find a bandwidth where split 0 is only a little better than split 2 and check we stay on 2.
        var controller = AdaptiveController(costModel: model, policy: .neurosurgeon, hysteresis: Hysteresis(relative: 0.2, absolute: 0))
        _ = controller.decide(link: slow, batteryPercent: 100)
        // 0.35 Mbit/s: split 0 = 1000·8/350 + 13.5 ≈ 36.36 ms; split 2 = 30 + 50·8/350 + 10.5 ≈ 41.64 ms: 12.7 % better, under 20 %.
        let near = controller.decide(link: LinkConditions(bandwidthMbps: 0.35, rttMs: 10), batteryPercent: 100)
        #expect(near.reason == nil)
        #expect(near.partition.prefixSplit == 2)
        // Without hysteresis it switches.
        var eager = AdaptiveController(costModel: model, policy: .neurosurgeon, hysteresis: .none)
        _ = eager.decide(link: slow, batteryPercent: 100)
        #expect(eager.decide(link: LinkConditions(bandwidthMbps: 0.35, rttMs: 10), batteryPercent: 100).partition.prefixSplit == 0)
    }

    @Test func pinAndUnpinTakeEffectNextFrame() {
        var controller = AdaptiveController(costModel: model, policy: .neurosurgeon)
        _ = controller.decide(link: fast, batteryPercent: 100)
        let record = controller.pin(.prefix(3, layerCount: 3))
        #expect(record.action == .pin)
        #expect(record.field == "partition")
        #expect(record.new == .partition(.prefix(3, layerCount: 3)))
        let pinned = controller.decide(link: fast, batteryPercent: 100)
        #expect(pinned.reason == .operatorPin)
        #expect(pinned.partition.prefixSplit == 3)
        #expect(controller.decide(link: fast, batteryPercent: 100).reason == nil)
        let unpin = controller.unpin()
        #expect(unpin.old == .partition(.prefix(3, layerCount: 3)))
        let released = controller.decide(link: fast, batteryPercent: 100)
        #expect(released.reason == .operatorUnpin)
        #expect(released.partition.prefixSplit == 0)
    }

    @Test func constraintAndPolicyChangesAreRecorded() {
        var controller = AdaptiveController(costModel: model, policy: .neurosurgeon)
        _ = controller.decide(link: fast, batteryPercent: 100)
        let record = controller.setConstraint(.minDeviceLayers, to: 1)
        #expect(record.field == "min_device_layers")
        #expect(record.old == .none && record.new == .number(1))
        let after = controller.decide(link: fast, batteryPercent: 100)
        #expect(after.reason == .constraint)
        #expect(after.partition.prefixSplit == 1)
        let policy = controller.setPolicy(.device)
        #expect(policy.old == .text("neurosurgeon") && policy.new == .text("device"))
        let local = controller.decide(link: fast, batteryPercent: 100)
        #expect(local.reason == .policy && local.partition.prefixSplit == 3)
    }

    @Test func crossingTheBatteryFloorSwitchesForBattery() {
        // Energy at the slow link: split 0 is cheapest (156.75 mJ) but split 2 is fastest (45.5 ms).
        var controller = AdaptiveController(costModel: model, policy: .neurosurgeon,
                                            constraints: PlanningConstraints(latencySLOMs: 200, batteryFloorPercent: 20))
        #expect(controller.decide(link: slow, batteryPercent: 50).partition.prefixSplit == 2)
        let low = controller.decide(link: slow, batteryPercent: 19)
        #expect(low.reason == .battery)
        #expect(low.partition.prefixSplit == 0)
        #expect(low.plan.objective == .energy)
    }

    @Test func edgeLossRunsLocallyAndRecovers() {
        var controller = AdaptiveController(costModel: model, policy: .neurosurgeon)
        _ = controller.decide(link: fast, batteryPercent: 100)
        let lost = controller.decide(link: fast, batteryPercent: 100, edgeReachable: false)
        #expect(lost.reason == .fault && lost.partition.isDeviceOnly)
        let back = controller.decide(link: fast, batteryPercent: 100)
        #expect(back.reason == .fault && back.partition.prefixSplit == 0)
    }
}

@Suite("Estimators and battery")
struct EstimatorTests {
    @Test func harmonicMeanOfTheWindow() {
        var estimator = HarmonicMeanEstimator(window: 3, prior: 5)
        #expect(estimator.estimateMbps == 5)
        // 1 MB in 1 s = 8 Mbit/s; 1 MB in 4 s = 2 Mbit/s.
        estimator.observe(bytes: 1_000_000, seconds: 1)
        estimator.observe(bytes: 1_000_000, seconds: 4)
        #expect(abs(estimator.estimateMbps - 2 / (1.0 / 8 + 1.0 / 2)) < 1e-12)
        estimator.observe(bytes: 1_000_000, seconds: 1)
        // Window [8, 2, 8]: harmonic mean 3 / (1/8 + 1/2 + 1/8) = 4.
        #expect(abs(estimator.estimateMbps - 4) < 1e-9)
        estimator.observe(bytes: 1_000_000, seconds: 1)
        estimator.observe(bytes: 1_000_000, seconds: 1)
        // The 2 Mbit/s sample has left the window of three.
        #expect(abs(estimator.estimateMbps - 8) < 1e-9)
        estimator.observe(bytes: 0, seconds: 1)
        estimator.observe(bytes: 10, seconds: .nan)
        #expect(abs(estimator.estimateMbps - 8) < 1e-9)
    }

    @Test func ewmaMovesTowardSamples() {
        var estimator = EWMAEstimator(alpha: 0.5, prior: 1)
        estimator.observe(bytes: 1_000_000, seconds: 1)
        #expect(estimator.estimateMbps == 8)
        estimator.observe(bytes: 1_000_000, seconds: 2)
        #expect(estimator.estimateMbps == 6)
    }

    @Test func batteryDrainsInMilliwattHours() {
        var battery = BatteryModel(capacityMWh: 1, levelPercent: 100)
        // 1 mWh = 3,600 mJ.
        battery.drain(1_800)
        #expect(abs(battery.levelPercent - 50) < 1e-9)
        battery.drain(10_000)
        #expect(battery.levelPercent == 0)
        battery.drain(-5)
        #expect(battery.levelPercent == 0)
    }
}

@Suite("Operator actions during a fault")
struct OperatorDuringFaultTests {
    @Test func anUnpinWhileTheEdgeIsLostTakesEffectWhenItIsBack() {
        var controller = AdaptiveController(costModel: CostModel(profile: handChain()), policy: .neurosurgeon)
        _ = controller.pin(.prefix(1, layerCount: 3))
        #expect(controller.decide(link: fast, batteryPercent: 100).partition.prefixSplit == 1)
        #expect(controller.decide(link: fast, batteryPercent: 100, edgeReachable: false).reason == .fault)
        _ = controller.unpin()
        // Still down: runs locally, the unpin waits.
        #expect(controller.decide(link: fast, batteryPercent: 100, edgeReachable: false).reason == nil)
        let back = controller.decide(link: fast, batteryPercent: 100)
        #expect(back.reason == .operatorUnpin)
        #expect(back.partition.prefixSplit == 0)
    }
}
