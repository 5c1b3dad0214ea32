import SplitControl
import SplitJSON
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession
import SplitTraces

/// Runs frames through the cost model against a real bandwidth trace and writes the session.
///
/// The simulator drives the device's ``FrameLoop`` (the same state machine a live device runs)
/// against the trace: transfers and probes take the time the trace gives (integrated over the
/// transfer), compute takes the profile's time with per-frame jitter. The controller sees only
/// its own estimate, built from the transfers and probes it made. One camera frame arrives every
/// 1/fps seconds; the device processes one at a time and drops frames that arrive while it is
/// busy. A transfer slower than the deadline is abandoned: the device finishes that frame
/// locally, runs locally and probes (one probe at a time) until the edge answers again.
public struct Simulator: Sendable {
    public let costModel: CostModel
    public let trace: BandwidthTrace
    public let policy: SimulatedPolicy
    public let settings: SimulationSettings
    /// Times the decisions and dates the session: ``FixedClock`` for reproducible files.
    public let clock: any SessionClock
    private let table: PrefixCostTable
    private let noise: FrameNoise
    /// A family of model versions to choose among every frame (empty: the one model of `costModel`).
    public let versions: [(ModelVersion, CostModel)]
    /// Samples per frame of `profile` (a zoo model's `--batch`).
    public var startBatch = 1
    /// The model's true profile at another batch size (a graph's roofline at that batch), nil when
    /// only the linear estimate is known: an operator's batch change hands it to the frame loop
    /// at once, as the simulated device's measurement at the switch.
    public var profileAtBatch: (@Sendable (Int) -> ModelProfile?)?

    /// A simulator of one model or, with `versions`, of a family of versions (then `profile` is
    /// the first version's, the model the session header carries, and every frame names its version).
    public init(profile: ModelProfile, trace: BandwidthTrace, policy: SimulatedPolicy, settings: SimulationSettings,
                clock: any SessionClock = FixedClock(), versions: [(ModelVersion, ModelProfile)] = []) {
        self.versions = versions.map { ($0.0, CostModel(profile: $0.1, power: settings.power)) }
        costModel = CostModel(profile: profile, power: settings.power)
        self.trace = trace
        self.policy = policy
        self.settings = settings
        self.clock = clock
        table = PrefixCostTable(costModel: costModel)
        noise = FrameNoise(seed: settings.seed, deviceSigma: settings.deviceJitter, edgeSigma: settings.edgeJitter)
    }

    /// Runs the session without recording it and returns its summary.
    public func run(progress: (Double) -> Void = { _ in }) -> SessionSummary {
        run(emit: { _ in }, progress: progress)
    }

    /// Runs the session, handing each event to `emit` in time order, and returns its summary.
    ///
    /// `progress` is called with the fraction done, at most every simulated second.
    public func run(emit: (TimedEvent) throws -> Void, progress: (Double) -> Void) rethrows -> SessionSummary {
        try run(emit: emit, progress: progress, pacer: nil, operators: nil)
    }

    /// Runs the session as a live one: each frame waits for its time on `pacer`'s wall clock, and
    /// what the operator sent since the previous frame (`operators`) is handed to the frame loop
    /// first, so it takes effect from this frame and is recorded at its time — the seam a live
    /// device drives too.
    public func run(emit: (TimedEvent) throws -> Void, progress: (Double) -> Void, pacer: SimulationPacer?,
                    operators: OperatorQueue?) rethrows -> SessionSummary {
        let n = costModel.layerCount
        let fps = settings.fps
        let plannerKind: PolicyKind
        switch policy {
        case .planner(let kind): plannerKind = kind
        case .oracle: plannerKind = .neurosurgeon
        }
        let controller = AdaptiveController(costModel: costModel, policy: plannerKind, constraints: settings.constraints,
                                            hysteresis: policy == .oracle ? .none : settings.hysteresis, batch: startBatch)
        let oracle = policy == .oracle ? OracleSearch(costModel: costModel, table: table, constraints: settings.constraints) : nil
        let battery = BatteryModel(capacityMWh: settings.batteryMWh, levelPercent: settings.batteryStartPercent)
        var loop = versions.isEmpty
            ? FrameLoop(controller: controller, estimator: settings.estimator.make(prior: 0.001), battery: battery,
                        settings: settings.frameLoop, clock: clock)
            : FrameLoop(versions: VersionedController(versions: versions, policy: plannerKind, constraints: settings.constraints,
                                                      hysteresis: settings.hysteresis),
                        estimator: settings.estimator.make(prior: 0.001), battery: battery, settings: settings.frameLoop, clock: clock)
        var tally = SessionTally(sloMs: settings.constraints.latencySLOMs, batteryPercent: loop.battery.levelPercent)
        // A probe on the air: when it ends and how.
        var probe: (endsAt: Double, result: FrameLoop.ProbeResult)?
        var nextSecond = 0.0
        var lastReported = -1.0
        var script = settings.operatorScript.sorted { $0.at < $1.at }[...]
        let frameCount = Int((settings.durationS * fps).rounded(.down))

        // Local helpers take `emit` as their own parameter so that `run` stays `rethrows`.
        func record(_ step: FrameLoop.Step, _ emit: (TimedEvent) throws -> Void) rethrows {
            for event in step.events {
                tally.add(event)
                try emit(event)
            }
        }
        /// An operator input; a batch change brings the true profile at the new size with it.
        func operate(_ input: FrameLoop.Input, _ emit: (TimedEvent) throws -> Void) rethrows {
            try record(loop.handle(input), emit)
            if case .operatorCommand(.setBatch(let batch), _) = input, let profile = profileAtBatch?(batch) {
                try record(loop.handle(.batchMeasured(profile, batch: batch)), emit)
            }
        }
        /// What a probe sent at `t` meets on the trace.
        func probeResult(at t: Double, timeoutMs: Double) -> FrameLoop.ProbeResult {
            if let seconds = trace.transferTime(bytes: settings.probeBytes, startingAt: t), seconds * 1000 <= timeoutMs {
                return .answered(airtimeMs: seconds * 1000)
            }
            return .timedOut(afterMs: timeoutMs)
        }
        /// Everything due up to `t`, in time order: the probe's end and the once-a-second marks.
        func advance(to t: Double, _ emit: (TimedEvent) throws -> Void) rethrows {
            while true {
                let probeDue = probe.map { $0.endsAt <= t + 1e-12 } ?? false
                let secondDue = nextSecond <= t + 1e-12
                if probeDue, let ending = probe, !secondDue || ending.endsAt <= nextSecond {
                    probe = nil
                    try record(loop.handle(.probeFinished(at: ending.endsAt, result: ending.result)), emit)
                } else if secondDue {
                    // The once-a-second events: the trace's true bandwidth and the battery.
                    let mbps = trace.bytesDelivered(from: nextSecond, to: nextSecond + 1) * 8 / 1e6
                    let link = LinkEvent(bandwidthMbps: mbps, rttMs: settings.rttMs, source: .trace)
                    try record(FrameLoop.Step(events: [TimedEvent(t: nextSecond, event: .link(link))]), emit)
                    try record(loop.handle(.batterySample(at: nextSecond)), emit)
                    nextSecond += 1
                } else {
                    return
                }
            }
        }

        // The device measures the link once before the first frame (unless it can never offload).
        let first = loop.controller.mayOffload ? probeResult(at: 0, timeoutMs: settings.edgeTimeoutMs) : nil
        try record(loop.handle(.started(at: 0, probe: first)), emit)
        for frameIndex in 0..<frameCount {
            let ts = Double(frameIndex) / fps
            pacer?.wait(until: ts)
            try advance(to: ts, emit)
            if ts - lastReported >= 1 {
                progress(ts / settings.durationS)
                lastReported = ts
            }
            // Scripted operator actions due by now take effect from this frame.
            while let next = script.first, next.at <= ts {
                script = script.dropFirst()
                try operate(.operatorCommand(next.command(layerCount: n), at: ts), emit)
            }
            // So do the live operator's, received since the previous frame.
            for message in operators?.drain() ?? [] {
                try operate(message.input(at: ts), emit)
            }
            let (deviceFactor, edgeFactor) = noise.factors(frame: frameIndex)
            var override: Partition?
            if let oracle, loop.edgeReachable {
                override = oracle.best(at: ts, trace: trace, rttMs: settings.rttMs, deviceFactor: deviceFactor,
                                       edgeFactor: edgeFactor, timeoutMs: settings.edgeTimeoutMs)
            }
            // Run the frame against the true trace: answer each action the loop asks for.
            var pending = [FrameLoop.Input.frameArrived(frame: frameIndex, at: ts, override: override)]
            var deviceMs = 0.0
            while !pending.isEmpty {
                let step = loop.handle(pending.removeFirst())
                try record(step, emit)
                for action in step.actions {
                    switch action {
                    case .sendProbe(_, let timeoutMs):
                        let result = probeResult(at: ts, timeoutMs: timeoutMs)
                        probe = (ts + result.airtimeMs / 1000, result)
                    case .runDevicePart(_, let predictedMs):
                        deviceMs = predictedMs * deviceFactor
                        pending.append(.deviceFinished(ms: deviceMs))
                    case .send(let bytes, let timeoutMs):
                        let start = ts + deviceMs / 1000
                        if let seconds = trace.transferTime(bytes: bytes, startingAt: start), seconds * 1000 <= timeoutMs {
                            pending.append(.transferFinished(ms: seconds * 1000))
                        } else {
                            let delivered = trace.bytesDelivered(from: start, to: start + timeoutMs / 1000)
                            pending.append(.transferTimedOut(ms: timeoutMs, deliveredBytes: Int(min(delivered, Double(bytes)))))
                        }
                    case .awaitEdge(let predictedMs):
                        pending.append(.edgeFinished(ms: predictedMs * edgeFactor))
                    case .finishLocally(let predictedMs):
                        pending.append(.localFinished(ms: predictedMs * deviceFactor))
                    }
                }
            }
        }
        pacer?.wait(until: settings.durationS)
        try advance(to: settings.durationS, emit)
        progress(1)
        return tally.summary(policy: policy.description)
    }
}
