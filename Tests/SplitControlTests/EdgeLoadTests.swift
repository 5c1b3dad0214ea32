import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession
import SplitTestSupport
import Testing

/// The edge's reported load in the controller's costs: a loaded edge makes every offloading
/// partition dearer and pushes the split toward the device.
///
/// On the hand chain at ~6.4 Mbit/s and RTT 10 ms, edge-only costs 1000 B → 1.25 ms + 10 + 3.5 =
/// 14.75 ms and device-only 80 ms; with 80 ms of edge wait added to every offloading partition
/// edge-only costs 94.75 ms and device-only (which waits for nothing) wins.
@Suite("Edge load")
struct EdgeLoadTests {
    let model = CostModel(profile: HandModels.chain())

    func loop() -> FrameLoop {
        FrameLoop(controller: AdaptiveController(costModel: model, policy: .mincut),
                  estimator: EWMAEstimator(alpha: 0.8, prior: 0.001), battery: BatteryModel(capacityMWh: 1_000),
                  settings: FrameLoop.Settings(rttMs: 10), clock: FixedClock())
    }

    /// Runs one frame to the end, answering each action as a fast edge would; returns the partition it ran.
    func runFrame(_ loop: inout FrameLoop, _ index: Int, at t: Double) -> Partition? {
        var ran: Partition?
        var pending = [FrameLoop.Input.frameArrived(frame: index, at: t)]
        while !pending.isEmpty {
            for action in loop.handle(pending.removeFirst()).actions {
                switch action {
                case .runDevicePart(let partition, let ms):
                    ran = partition
                    pending.append(.deviceFinished(ms: ms))
                case .send: pending.append(.transferFinished(ms: 1))
                case .awaitEdge(let ms): pending.append(.edgeFinished(ms: ms))
                case .finishLocally(let ms): pending.append(.localFinished(ms: ms))
                case .sendProbe: pending.append(.probeFinished(at: t, result: .answered(airtimeMs: 20)))
                }
            }
        }
        return ran
    }

    @Test("the estimate smooths queue wait plus the compute of requests still queued")
    func estimateArithmetic() {
        var load = EdgeLoadEstimate()
        #expect(load.waitMs == 0)
        load.observe(EdgeLoadReport(queueMs: 40, queueLength: 2, computeMs: 10))
        #expect(abs(load.waitMs - 48) < 1e-9)  // 0.8 × (40 + 2 × 10)
        load.observe(EdgeLoadReport(queueMs: 0, queueLength: 0, computeMs: 10))
        #expect(abs(load.waitMs - 9.6) < 1e-9)  // 0.2 × 48
        load.observe(EdgeLoadReport(queueMs: .nan, queueLength: -3, computeMs: .infinity))
        #expect(abs(load.waitMs - 1.92) < 1e-9)  // bad figures count as 0
    }

    @Test("an idle edge keeps the frame on the edge; a loaded one moves it to the device")
    func loadPushesTowardDevice() {
        var idle = loop()
        _ = idle.handle(.started(at: 0, probe: .answered(airtimeMs: 20)))
        #expect(runFrame(&idle, 0, at: 0) == .prefix(0, layerCount: 3))
        _ = idle.handle(.edgeReported(EdgeLoadReport(queueMs: 0, queueLength: 0, computeMs: 3.5)))
        #expect(runFrame(&idle, 1, at: 1) == .prefix(0, layerCount: 3))

        var loaded = loop()
        _ = loaded.handle(.started(at: 0, probe: .answered(airtimeMs: 20)))
        #expect(runFrame(&loaded, 0, at: 0) == .prefix(0, layerCount: 3))
        _ = loaded.handle(.edgeReported(EdgeLoadReport(queueMs: 100, queueLength: 0, computeMs: 3.5)))
        #expect(abs(loaded.edgeWaitMs - 80) < 1e-9)
        let step = loaded.handle(.frameArrived(frame: 1, at: 1))
        #expect(step.actions.contains(.runDevicePart(.prefix(3, layerCount: 3), predictedMs: 80)))
        let reasons = step.events.compactMap { if case .decision(let d) = $0.event { d.reason } else { nil } }
        #expect(reasons == [.edgeLoad], "the switch is recorded as the edge's load's doing")
    }

    @Test("a failed request finishes the frame locally and records the reason in the fault")
    func failedRequest() {
        var loop = loop()
        _ = loop.handle(.started(at: 0, probe: .answered(airtimeMs: 20)))
        _ = loop.handle(.frameArrived(frame: 0, at: 0))
        _ = loop.handle(.deviceFinished(ms: 0))
        let step = loop.handle(.transferFailed(ms: 2, reason: "wrong answer from the edge"))
        #expect(step.actions == [.finishLocally(predictedMs: 80)])
        let faults = step.events.compactMap { if case .fault(let f) = $0.event { f } else { nil } }
        #expect(faults.count == 1)
        #expect(faults.first?.kind == .edgeLost)
        #expect(faults.first?.action?.hasPrefix("wrong answer from the edge") == true)
        let done = loop.handle(.localFinished(ms: 80))
        let frames = done.events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }
        #expect(frames.map(\.outcome) == [.local])
        #expect(!loop.edgeReachable)
    }

    /// An edge that got the whole tensor and answered nothing before the deadline is a timeout, not
    /// a lost edge: the frame finishes locally with every byte counted as sent, the link's estimate
    /// is left alone (the link carried it), the fault is `edge_timeout`, and a probe's answer brings
    /// the device back (`edge_back`), as after a loss.
    @Test("a request that timed out is an edge_timeout fault, the frame finished locally")
    func timedOutRequest() {
        var loop = loop()
        _ = loop.handle(.started(at: 0, probe: .answered(airtimeMs: 20)))
        let estimate = loop.estimateMbps
        _ = loop.handle(.frameArrived(frame: 0, at: 0))
        _ = loop.handle(.deviceFinished(ms: 0))
        let step = loop.handle(.edgeTimedOut(ms: 1_200, reason: "the edge answered nothing within its 1200 ms deadline"))
        #expect(step.actions == [.finishLocally(predictedMs: 80)])
        let faults = step.events.compactMap { if case .fault(let f) = $0.event { f } else { nil } }
        #expect(faults.map(\.kind) == [.edgeTimeout])
        #expect(faults.first?.action?.hasPrefix("the edge answered nothing within its 1200 ms deadline; finish locally") == true)
        #expect(loop.estimateMbps == estimate)
        let done = loop.handle(.localFinished(ms: 80))
        let frames = done.events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }
        #expect(frames.map(\.outcome) == [.local])
        #expect(frames.first?.bytesSent ?? 0 > 0 && frames.first?.transferMs == 1_200)
        #expect(!loop.edgeReachable)
        // The next frame runs on the device and probes; the probe's answer brings the edge back.
        let next = loop.handle(.frameArrived(frame: 1, at: 2))
        #expect(next.actions.contains { if case .sendProbe = $0 { true } else { false } }, "\(next.actions)")
        let back = loop.handle(.probeFinished(at: 2.1, result: .answered(airtimeMs: 5)))
        #expect(back.events.contains { if case .fault(let f) = $0.event { f.kind == .edgeBack } else { false } })
        #expect(FaultKind.edgeTimeout.leavesEdge && FaultKind.edgeLost.leavesEdge && !FaultKind.edgeBack.leavesEdge)
    }
}
