import SplitCost
import SplitSession
import SplitTraces

/// An AppealNet cascade over a real bandwidth trace: the device model answers every frame, and a
/// frame whose confidence is below the threshold is appealed (its input sent to the edge model,
/// whose answer is final).
///
/// Each frame is one labelled input in turn (looping over `inputs`), with the device model's real
/// confidence and both models' real answers (measured by the caller on the engine). Compute takes
/// each input's `deviceMs`/`edgeMs` with the simulator's per-frame jitter; the appeal's transfer
/// takes the time the trace gives, starting when the device part ends. An appeal that does not
/// get through within the edge timeout is abandoned: the device's answer stands (outcome `local`).
/// One frame every 1/fps seconds; frames that arrive while the device is busy are dropped.
public struct CascadeSimulator: Sendable {
    public let inputs: [CascadeSample]
    public let trace: BandwidthTrace
    public let settings: SimulationSettings
    /// Appeal a frame whose confidence is below this.
    public let threshold: Double
    /// Bytes sent per appeal (the model input as the engine sends it).
    public let inputBytes: Int
    /// The device model's layer count: every frame runs the whole device model.
    public let deviceLayers: Int

    public init(inputs: [CascadeSample], trace: BandwidthTrace, settings: SimulationSettings, threshold: Double, inputBytes: Int,
                deviceLayers: Int) {
        self.inputs = inputs
        self.trace = trace
        self.settings = settings
        self.threshold = threshold
        self.inputBytes = inputBytes
        self.deviceLayers = deviceLayers
    }

    /// The policy name sessions record: `cascade:T`.
    public var policyName: String { Self.policyName(threshold: threshold) }

    /// The policy name a cascade session with `threshold` records, simulated or live: `cascade:T`.
    public static func policyName(threshold: Double) -> String { CascadePolicyName.name(threshold: threshold) }

    /// Runs the session, handing each event to `emit` in time order, and returns its summary.
    public func run(emit: (TimedEvent) throws -> Void, progress: (Double) -> Void = { _ in }) rethrows -> SessionSummary {
        var tally = SessionTally(sloMs: settings.constraints.latencySLOMs)
        let frameCount = inputs.isEmpty ? 0 : Int((settings.durationS * settings.fps).rounded(.down))
        var busyUntil = 0.0
        var nextSecond = 0.0
        var lastReported = -1.0
        func record(_ event: TimedEvent, _ emit: (TimedEvent) throws -> Void) rethrows {
            tally.add(event)
            try emit(event)
        }
        func marks(upTo t: Double, _ emit: (TimedEvent) throws -> Void) rethrows {
            while nextSecond <= t + 1e-12 {
                let mbps = trace.bytesDelivered(from: nextSecond, to: nextSecond + 1) * 8 / 1e6
                try record(TimedEvent(t: nextSecond, event: .link(LinkEvent(bandwidthMbps: mbps, rttMs: settings.rttMs,
                                                                              source: .trace))), emit)
                nextSecond += 1
            }
        }
        for index in 0..<frameCount {
            let ts = Double(index) / settings.fps
            try marks(upTo: ts, emit)
            if ts - lastReported >= 1 {
                progress(ts / settings.durationS)
                lastReported = ts
            }
            guard ts + 1e-12 >= busyUntil else {
                try record(TimedEvent(t: ts, event: .frame(FrameEvent(frame: index, partition: .split(deviceLayers),
                                                                      outcome: .dropped))), emit)
                continue
            }
            let frame = frameEvent(index, at: ts)
            busyUntil = ts + (frame.totalMs ?? 0) / 1000
            try record(TimedEvent(t: ts, event: .frame(frame)), emit)
        }
        try marks(upTo: settings.durationS, emit)
        progress(1)
        return tally.summary(policy: policyName)
    }

    /// Frame `index`, arriving at `ts` and processed at once.
    func frameEvent(_ index: Int, at ts: Double) -> FrameEvent {
        let noise = FrameNoise(seed: settings.seed, deviceSigma: settings.deviceJitter, edgeSigma: settings.edgeJitter)
        let input = inputs[index % inputs.count]
        let factors = noise.factors(frame: index)
        let deviceMs = input.deviceMs * factors.device
        var frame = FrameEvent(frame: index, partition: .split(deviceLayers), deviceMs: deviceMs, confidence: input.confidence)
        let energy = { (transfer: Double, wait: Double) in
            settings.power.energyMJ(deviceMs: deviceMs, transferMs: transfer, waitMs: wait)
        }
        guard input.isAppealed(at: threshold) else {
            frame.transferMs = 0
            frame.totalMs = deviceMs
            frame.energyMJ = energy(0, 0)
            frame.answered = .device
            frame.correct = input.deviceCorrect
            return frame
        }
        let start = ts + deviceMs / 1000
        let timeoutMs = settings.edgeTimeoutMs
        if let seconds = trace.transferTime(bytes: inputBytes, startingAt: start), seconds * 1000 <= timeoutMs {
            let transferMs = seconds * 1000
            let edgeMs = input.edgeMs * factors.edge
            frame.bytesSent = inputBytes
            frame.transferMs = transferMs
            frame.rttMs = settings.rttMs
            frame.edgeMs = edgeMs
            frame.totalMs = deviceMs + transferMs + settings.rttMs + edgeMs
            frame.energyMJ = energy(transferMs, settings.rttMs + edgeMs)
            frame.answered = .edge
            frame.correct = input.edgeCorrect
        } else {
            // The appeal did not get through in time: the device's answer stands.
            let delivered = trace.bytesDelivered(from: start, to: start + timeoutMs / 1000)
            frame.bytesSent = Int(min(delivered, Double(inputBytes)))
            frame.transferMs = timeoutMs
            frame.totalMs = deviceMs + timeoutMs
            frame.energyMJ = energy(timeoutMs, 0)
            frame.outcome = .local
            frame.answered = .device
            frame.correct = input.deviceCorrect
        }
        return frame
    }
}
