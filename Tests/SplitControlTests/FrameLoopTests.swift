import SplitControl
import SplitCost
import SplitJSON
import SplitModels
import SplitPlanners
import SplitSession
import Testing

/// The frame loop driven by hand, input by input, on the hand-worked chain: split 2 runs L1 and
/// L2 on the device (30 ms), sends 50 B and leaves L3 to the edge (0.5 ms); L3 on the device is 50 ms.
@Suite("Frame loop")
struct FrameLoopTests {
    let model = CostModel(profile: handChain())
    let power = DevicePowerModel.jetsonOnLTE

    func loop(_ policy: PolicyKind = .staticSplit(2)) -> FrameLoop {
        FrameLoop(controller: AdaptiveController(costModel: model, policy: policy),
                  estimator: EWMAEstimator(alpha: 0.8, prior: 0.001), battery: BatteryModel(capacityMWh: 1_000),
                  settings: FrameLoop.Settings(rttMs: 10, power: power), clock: FixedClock())
    }

    func frames(_ step: FrameLoop.Step) -> [FrameEvent] {
        step.events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }
    }

    func probes(_ step: FrameLoop.Step) -> [ProbeEvent] {
        step.events.compactMap { if case .probe(let p) = $0.event { p } else { nil } }
    }

    func faults(_ step: FrameLoop.Step) -> [FaultKind] {
        step.events.compactMap { if case .fault(let f) = $0.event { f.kind } else { nil } }
    }

    func decisions(_ step: FrameLoop.Step) -> [DecisionEvent] {
        step.events.compactMap { if case .decision(let d) = $0.event { d } else { nil } }
    }

    @Test func anOffloadedFrameRecordsItsPartsAndTheirEnergy() throws {
        var loop = loop()
        let start = loop.handle(.started(at: 0, probe: .answered(airtimeMs: 20)))
        #expect(probes(start) == [ProbeEvent(bytes: 20_000, airtimeMs: 20, energyMJ: 30, outcome: .answered)])
        #expect(loop.edgeReachable)
        var step = loop.handle(.frameArrived(frame: 0, at: 0))
        #expect(step.actions == [.runDevicePart(.prefix(2, layerCount: 3), predictedMs: 30)])
        let decision = try #require(decisions(step).first)
        #expect(decision.reason == .start && decision.to == .split(2))
        #expect(decision.decisionMicros == nil, "a fixed clock measures no decision time")
        // The frame ran 10 % slow on the device: the timeout is 1.5 × the remaining 50 ms × 1.1, at least 100 ms.
        step = loop.handle(.deviceFinished(ms: 33))
        #expect(step.actions == [.send(bytes: 50, timeoutMs: 100)])
        step = loop.handle(.transferFinished(ms: 5))
        #expect(step.actions == [.awaitEdge(predictedMs: 0.5)])
        let before = loop.battery.remainingMJ
        step = loop.handle(.edgeFinished(ms: 0.6))
        #expect(step.actions.isEmpty)
        let frame = try #require(frames(step).first)
        #expect(frame.outcome == .ok)
        #expect(frame.deviceMs == 33 && frame.transferMs == 5 && frame.rttMs == 10 && frame.edgeMs == 0.6 && frame.bytesSent == 50)
        #expect(abs((frame.totalMs ?? 0) - 48.6) < 1e-9)
        // 5 W × 33 ms + 1.5 W × 5 ms + 0.5 W × (10 + 0.6) ms.
        #expect(abs((frame.energyMJ ?? 0) - 177.8) < 1e-9)
        #expect(abs(before - loop.battery.remainingMJ - 177.8) < 1e-9)
    }

    @Test func aTransferThatTimesOutFinishesLocallyAndRecordsWhatHappened() throws {
        var loop = loop()
        _ = loop.handle(.started(at: 0, probe: .answered(airtimeMs: 20)))
        _ = loop.handle(.frameArrived(frame: 0, at: 0))
        _ = loop.handle(.deviceFinished(ms: 30))
        var step = loop.handle(.transferTimedOut(ms: 100, deliveredBytes: 0))
        #expect(faults(step) == [.edgeLost])
        #expect(step.actions == [.finishLocally(predictedMs: 50)])
        #expect(!loop.edgeReachable)
        step = loop.handle(.localFinished(ms: 50))
        let frame = try #require(frames(step).first)
        #expect(frame.outcome == .local)
        // All the layers it ran, the abandoned transfer's bytes and wait; no edge, no RTT.
        #expect(frame.deviceMs == 80 && frame.transferMs == 100 && frame.bytesSent == 0 && frame.edgeMs == nil && frame.rttMs == nil)
        #expect(frame.totalMs == 180)
        #expect(frame.energyMJ == 5 * 80 + 1.5 * 100)

        // Busy until 0.18 s: the frame at 0.1 s is dropped.
        step = loop.handle(.frameArrived(frame: 1, at: 0.1))
        #expect(frames(step).map(\.outcome) == [.dropped] && step.actions.isEmpty)
        // At 0.2 s the edge is not trusted: run everything locally; the transfer ended at 0.13 s, too recent to probe.
        step = loop.handle(.frameArrived(frame: 2, at: 0.2))
        #expect(decisions(step).map(\.reason) == [.fault])
        #expect(step.actions == [.runDevicePart(.prefix(3, layerCount: 3), predictedMs: 80)])
        _ = loop.handle(.deviceFinished(ms: 80))
        // At 0.4 s a probe goes out; while it is on the air no second one does.
        step = loop.handle(.frameArrived(frame: 4, at: 0.4))
        #expect(step.actions.first == .sendProbe(bytes: 20_000, timeoutMs: 1_000))
        #expect(loop.probeInFlight)
        _ = loop.handle(.deviceFinished(ms: 80))
        step = loop.handle(.frameArrived(frame: 6, at: 0.6))
        #expect(!step.actions.contains { if case .sendProbe = $0 { true } else { false } })
        _ = loop.handle(.deviceFinished(ms: 80))
        // The probe answers: the edge is back, and the probe cost its airtime on the radio.
        step = loop.handle(.probeFinished(at: 0.75, result: .answered(airtimeMs: 350)))
        #expect(faults(step) == [.edgeBack])
        #expect(probes(step).first?.energyMJ == 1.5 * 350)
        #expect(loop.edgeReachable)
        step = loop.handle(.frameArrived(frame: 8, at: 0.8))
        #expect(decisions(step).map(\.to) == [.split(2)])
    }

    @Test func theBatteryDrainsByFramesProbesAndIdleAndSaysWhichTookWhat() throws {
        var loop = loop()
        let full = loop.battery.remainingMJ
        var energy = 0.0
        for step in [loop.handle(.started(at: 0, probe: .answered(airtimeMs: 20))),
                     loop.handle(.batterySample(at: 0)),
                     loop.handle(.frameArrived(frame: 0, at: 0)), loop.handle(.deviceFinished(ms: 30)),
                     loop.handle(.transferFinished(ms: 5)), loop.handle(.edgeFinished(ms: 0.5))] {
            energy += frames(step).compactMap(\.energyMJ).reduce(0, +) + probes(step).compactMap(\.energyMJ).reduce(0, +)
        }
        let sample = loop.handle(.batterySample(at: 1))
        guard case .battery(let battery)? = sample.events.first?.event, let drained = battery.drained else {
            Issue.record("expected a battery sample with its breakdown")
            return
        }
        // The frame took 45.5 ms; the device idled for the rest of the second.
        #expect(abs(drained.idleMJ - 0.5 * (1_000 - 45.5)) < 1e-9)
        #expect(abs(drained.framesMJ - (5 * 30 + 1.5 * 5 + 0.5 * 10.5)) < 1e-9)
        #expect(drained.probesMJ == 0, "the start probe was counted in the first sample")
        #expect(abs(full - loop.battery.remainingMJ - (energy + drained.idleMJ)) < 1e-9)
        #expect(abs((battery.drainMW ?? 0) - drained.totalMJ) < 1e-9, "one second: mJ per s is mW")
    }

    @Test func aFrameThatOffloadsIsNeverAccompaniedByAProbe() {
        // Its own transfer measures the link; a probe beside it would share the uplink with the tensor.
        var loop = loop()
        _ = loop.handle(.started(at: 0, probe: .answered(airtimeMs: 20)))
        for i in 0..<5 {
            let step = loop.handle(.frameArrived(frame: i * 10, at: Double(i)))
            #expect(step.actions == [.runDevicePart(.prefix(2, layerCount: 3), predictedMs: 30)], "frame at \(i) s")
            _ = loop.handle(.deviceFinished(ms: 30))
            _ = loop.handle(.transferFinished(ms: 5))
            _ = loop.handle(.edgeFinished(ms: 0.5))
        }
    }

    @Test func aDeviceThatCannotOffloadNeverProbes() throws {
        var loop = loop(.device)
        _ = loop.handle(.started(at: 0, probe: nil))
        for i in 0..<20 {
            let step = loop.handle(.frameArrived(frame: i, at: Double(i)))
            if i == 0 { #expect(decisions(step).map(\.reason) == [.start]) }
            #expect(step.actions == [.runDevicePart(.prefix(3, layerCount: 3), predictedMs: 80)])
            let done = loop.handle(.deviceFinished(ms: 80))
            #expect(frames(done).first?.energyMJ == 400)
        }
    }

    @Test func operatorCommandsAreRecordedInTheSessionVocabularyAndTakeEffectNextFrame() throws {
        var loop = loop(.neurosurgeon)
        _ = loop.handle(.started(at: 0, probe: .answered(airtimeMs: 20)))
        let step = loop.handle(.operatorCommand(.pin(.prefix(1, layerCount: 3)), at: 2))
        guard case .operatorAction(let event)? = step.events.first?.event else {
            Issue.record("expected an operator event")
            return
        }
        #expect(event == OperatorEvent(action: .pin, field: "partition", oldValue: .null, newValue: ["split": 1]))
        let next = loop.handle(.frameArrived(frame: 20, at: 2))
        #expect(decisions(next).first?.reason == .operatorPin)
        #expect(decisions(next).first?.to == .split(1))
    }

    @Test func aSessionThatStartsWithoutTheEdgeStartsLocally() {
        var loop = loop(.neurosurgeon)
        let start = loop.handle(.started(at: 0, probe: .timedOut(afterMs: 1_000)))
        #expect(probes(start).map(\.outcome) == [.timedOut])
        #expect(!loop.edgeReachable)
        let step = loop.handle(.frameArrived(frame: 10, at: 1))
        // The first decision is the start, not a fault; the device runs locally and probes.
        #expect(decisions(step).map(\.reason) == [.start])
        #expect(step.actions == [.sendProbe(bytes: 20_000, timeoutMs: 1_000), .runDevicePart(.prefix(3, layerCount: 3), predictedMs: 80)])
    }

    @Test func inputsOutOfTurnAreIgnored() {
        var loop = loop()
        _ = loop.handle(.started(at: 0, probe: .answered(airtimeMs: 20)))
        // No frame is running: a stray completion changes nothing and records nothing.
        for input in [FrameLoop.Input.deviceFinished(ms: 1), .transferFinished(ms: 1), .edgeFinished(ms: 1), .localFinished(ms: 1),
                      .transferTimedOut(ms: 1, deliveredBytes: 0), .probeFinished(at: 0.1, result: .timedOut(afterMs: 1))] {
            let step = loop.handle(input)
            #expect(step.events.isEmpty && step.actions.isEmpty, "\(input)")
        }
    }
}
