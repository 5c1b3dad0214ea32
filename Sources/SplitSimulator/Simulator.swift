import SplitControl
import SplitJSON
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession
import SplitTraces

/// Runs frames through the cost model against a real bandwidth trace and writes the session.
///
/// Transfers take the time the trace gives (integrated over the transfer); the controller sees
/// only its own estimate, built from the transfers and probes it made. One camera frame arrives
/// every 1/fps seconds; the device processes one at a time and drops frames that arrive while it
/// is busy. A transfer slower than the deadline is abandoned: the device
/// finishes that frame locally, runs locally and probes until the edge answers again.
public struct Simulator: Sendable {
    public let costModel: CostModel
    public let trace: BandwidthTrace
    public let policy: SimulatedPolicy
    public let settings: SimulationSettings
    private let table: PrefixCostTable
    private let noise: FrameNoise

    public init(profile: ModelProfile, trace: BandwidthTrace, policy: SimulatedPolicy, settings: SimulationSettings) {
        costModel = CostModel(profile: profile, power: settings.power)
        self.trace = trace
        self.policy = policy
        self.settings = settings
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
        let n = costModel.layerCount
        let fps = settings.fps
        let plannerKind: PolicyKind
        switch policy {
        case .planner(let kind): plannerKind = kind
        case .oracle: plannerKind = .neurosurgeon
        }
        var controller = AdaptiveController(costModel: costModel, policy: plannerKind, constraints: settings.constraints,
                                            hysteresis: policy == .oracle ? .none : settings.hysteresis)
        let oracle = policy == .oracle ? OracleSearch(costModel: costModel, table: table, constraints: settings.constraints) : nil
        var battery = BatteryModel(capacityMWh: settings.batteryMWh, levelPercent: settings.batteryStartPercent)
        let probeMs = (trace.transferTime(bytes: settings.probeBytes, startingAt: 0) ?? .infinity) * 1000
        let initialEstimate = probeMs.isFinite ? Double(settings.probeBytes) * 8 / (probeMs * 1000) : 0.001
        var estimator = settings.estimator.make(prior: initialEstimate)
        // The device offloads only while the link is trusted: a transfer that timed out makes it
        // run locally until a probe gets through. Only a transfer that delivered almost nothing
        // is announced as the edge being lost (and its return as the edge coming back).
        var reachable = probeMs <= settings.edgeTimeoutMs
        var lostAnnounced = !reachable
        var lastTransferAt = 0.0
        var breakdowns: [Partition: (device: Double, edge: Double, bytes: Int)] = [:]

        var latencies: [Double] = []
        var energies: [Double] = []
        var dropped = 0
        var local = 0
        var switches = 0
        var nextSecond = 0.0
        var lastRemaining = battery.remainingMJ
        var freeAt = 0.0
        var frameIndex = 0
        var lastReported = -1.0
        var script = settings.operatorScript.sorted { $0.at < $1.at }[...]
        let frameCount = Int((settings.durationS * fps).rounded(.down))

        try emit(TimedEvent(t: 0, event: .link(LinkEvent(bandwidthMbps: initialEstimate, rttMs: settings.rttMs, source: .measured))))
        while frameIndex < frameCount {
            let ts = Double(frameIndex) / fps
            // Frames that arrived while the device was busy are dropped; the newest waiting one runs.
            if ts < freeAt - 1e-12 {
                let next = max(frameIndex + 1, Int((freeAt * fps).rounded(.up)))
                for skipped in frameIndex..<min(next, frameCount) {
                    let at = Double(skipped) / fps
                    try emitSeconds(upTo: at, &nextSecond, battery: battery, lastRemaining: &lastRemaining, emit: emit)
                    try emit(TimedEvent(t: at, event: .frame(FrameEvent(frame: skipped,
                        partition: sessionPartition(controller.current ?? .prefix(n, layerCount: n)), outcome: .dropped))))
                    dropped += 1
                }
                frameIndex = next
                continue
            }
            try emitSeconds(upTo: ts, &nextSecond, battery: battery, lastRemaining: &lastRemaining, emit: emit)
            if ts - lastReported >= 1 {
                progress(ts / settings.durationS)
                lastReported = ts
            }

            // Keep the estimate fresh with a probe when nothing has been sent for a while.
            var probeEnergy = 0.0
            if ts - lastTransferAt >= settings.probeIntervalS {
                let seconds = trace.transferTime(bytes: settings.probeBytes, startingAt: ts)
                if let seconds, seconds * 1000 <= settings.edgeTimeoutMs {
                    estimator.observe(bytes: settings.probeBytes, seconds: seconds)
                    probeEnergy = settings.power.radioWatts * seconds * 1000
                    reachable = true
                    if lostAnnounced {
                        lostAnnounced = false
                        try emit(TimedEvent(t: ts, event: .fault(FaultEvent(kind: .edgeBack, action: "resume offloading"))))
                    }
                    try emit(TimedEvent(t: ts, event: .link(LinkEvent(bandwidthMbps: estimator.estimateMbps, rttMs: settings.rttMs, source: .measured))))
                } else {
                    probeEnergy = settings.power.radioWatts * settings.edgeTimeoutMs
                }
                lastTransferAt = ts
            }

            // Scripted operator actions due by now take effect from this frame.
            while let next = script.first, next.at <= ts {
                script = script.dropFirst()
                let record = next.apply(to: &controller)
                try emit(TimedEvent(t: ts, event: .operatorAction(OperatorEvent(
                    action: OperatorAction(rawValue: record.action), field: record.field,
                    oldValue: Self.json(record.old, field: record.field), newValue: Self.json(record.new, field: record.field)))))
            }
            let estimate = LinkConditions(bandwidthMbps: estimator.estimateMbps, rttMs: settings.rttMs)
            let (deviceFactor, edgeFactor) = noise.factors(frame: frameIndex)
            let clock = ContinuousClock()
            var decision: ControllerDecision?
            let elapsed = clock.measure {
                decision = controller.decide(link: estimate, batteryPercent: battery.levelPercent, edgeReachable: reachable)
            }
            guard var decision else { break }
            if let oracle, reachable {
                let best = oracle.best(at: ts, trace: trace, rttMs: settings.rttMs, deviceFactor: deviceFactor,
                                       edgeFactor: edgeFactor, timeoutMs: settings.edgeTimeoutMs)
                if best != decision.partition {
                    decision = oracle.override(decision, with: best, link: estimate)
                    controller.adopt(best)
                }
            }
            let partition = decision.partition
            if decision.changed {
                if decision.previous != nil { switches += 1 }
                try emit(TimedEvent(t: ts, event: .decision(DecisionEvent(
                    from: decision.previous.map(sessionPartition), to: sessionPartition(partition),
                    reason: DecisionReason(rawValue: decision.reason?.rawValue ?? "start"),
                    decisionMicros: elapsed / .microseconds(1),
                    predictedMs: decision.plan.cost.latencyMs,
                    candidates: decision.candidates.prefix(4).map {
                        DecisionCandidate(partition: sessionPartition($0.partition), predictedMs: $0.predictedMs)
                    }))))
            }

            // Run the frame against the true trace.
            let parts = breakdowns[partition] ?? {
                let cost = costModel.evaluate(partition, link: estimate)
                return (cost.deviceMs, cost.edgeMs, cost.transferBytes)
            }()
            breakdowns[partition] = parts
            let deviceMs = parts.device * deviceFactor
            var transferMs = 0.0
            var edgeMs = 0.0
            var totalMs = deviceMs
            var outcome = FrameOutcome.ok
            var sent = 0
            var energy = settings.power.computeWatts * deviceMs
            if !partition.isDeviceOnly {
                let start = ts + deviceMs / 1000
                let seconds = trace.transferTime(bytes: parts.bytes, startingAt: start)
                lastTransferAt = ts
                // Give up on the edge once waiting costs more than finishing locally would.
                let rest = (table.deviceMs[n] - parts.device) * deviceFactor
                let timeoutMs = min(settings.edgeTimeoutMs, max(settings.minimumTimeoutMs, settings.timeoutFactor * rest))
                if let seconds, seconds * 1000 <= timeoutMs {
                    transferMs = seconds * 1000
                    edgeMs = parts.edge * edgeFactor
                    sent = parts.bytes
                    estimator.observe(bytes: parts.bytes, seconds: seconds)
                    totalMs = deviceMs + transferMs + settings.rttMs + edgeMs
                    energy += settings.power.radioWatts * transferMs + settings.power.idleWatts * (settings.rttMs + edgeMs)
                } else {
                    // The edge did not answer in time: give up and finish the remaining layers locally.
                    let delivered = trace.bytesDelivered(from: start, to: start + timeoutMs / 1000)
                    estimator.observe(bytes: max(1, Int(delivered)), seconds: timeoutMs / 1000)
                    transferMs = timeoutMs
                    totalMs = deviceMs + timeoutMs + rest
                    energy += settings.power.radioWatts * timeoutMs + settings.power.computeWatts * rest
                    outcome = .local
                    local += 1
                    // A slow link is not a lost edge: only a transfer that got (almost) nothing
                    // through is announced; either way the device stays local until a probe answers.
                    reachable = false
                    if !lostAnnounced, delivered < 0.05 * Double(parts.bytes) {
                        lostAnnounced = true
                        try emit(TimedEvent(t: ts, event: .fault(FaultEvent(kind: .edgeLost, action: "finish locally, run on the device, probe every \(settings.probeIntervalS) s"))))
                    }
                }
                try emit(TimedEvent(t: ts, event: .link(LinkEvent(bandwidthMbps: estimator.estimateMbps, rttMs: settings.rttMs, source: .measured))))
            }
            energy += probeEnergy
            battery.drain(energy)
            latencies.append(totalMs)
            energies.append(energy)
            try emit(TimedEvent(t: ts, event: .frame(FrameEvent(
                frame: frameIndex, partition: sessionPartition(partition), predictedMs: decision.plan.cost.latencyMs,
                predictedDeviceMs: decision.plan.cost.deviceMs, deviceMs: deviceMs, bytesSent: sent, transferMs: transferMs,
                edgeMs: edgeMs, totalMs: totalMs, energyMJ: energy, batteryPct: battery.levelPercent,
                bandwidthEstimateMbps: estimate.bandwidthMbps, outcome: outcome))))
            freeAt = ts + totalMs / 1000
            // Between frames the device idles.
            let nextArrival = Double(frameIndex + 1) / fps
            if nextArrival > freeAt { battery.drain(settings.power.idleWatts * (nextArrival - freeAt) * 1000) }
            frameIndex += 1
        }
        try emitSeconds(upTo: settings.durationS, &nextSecond, battery: battery, lastRemaining: &lastRemaining, emit: emit)
        progress(1)
        return SessionSummary(policy: policy.description, latencies: latencies, energies: energies, dropped: dropped,
                                 local: local, switches: switches, slo: settings.constraints.latencySLOMs,
                                 batteryEndPercent: battery.levelPercent)
    }

    /// The once-a-second events: the trace's true bandwidth and the battery.
    ///
    /// The drain rate is the energy taken out since the previous mark, in mJ/s = mW.
    private func emitSeconds(upTo t: Double, _ nextSecond: inout Double, battery: BatteryModel, lastRemaining: inout Double,
                             emit: (TimedEvent) throws -> Void) rethrows {
        while nextSecond <= t + 1e-12 {
            let mbps = trace.bytesDelivered(from: nextSecond, to: nextSecond + 1) * 8 / 1e6
            try emit(TimedEvent(t: nextSecond, event: .link(LinkEvent(bandwidthMbps: mbps, rttMs: settings.rttMs, source: .trace))))
            let drain = nextSecond > 0 ? max(0, lastRemaining - battery.remainingMJ) : nil
            lastRemaining = battery.remainingMJ
            try emit(TimedEvent(t: nextSecond, event: .battery(BatteryEvent(levelPct: battery.levelPercent, drainMW: drain))))
            nextSecond += 1
        }
    }

    /// An operator value as the session writes it; a pinned split is a partition (`{"split": k}`).
    static func json(_ value: OperatorValue, field: String?) -> JSONValue {
        switch value {
        case .none: .null
        case .number(let x) where field == "partition": .object(JSONObject([("split", .number(x))]))
        case .number(let x): .number(x)
        case .text(let s): .string(s)
        }
    }

    /// The session's form of a partition: a split index for prefixes, else the device layers' names.
    func sessionPartition(_ partition: Partition) -> SessionPartition {
        if let k = partition.prefixSplit { return .split(k) }
        return .deviceLayers(costModel.profile.layers.indices.filter { partition.onDevice[$0] }.map { costModel.profile.layers[$0].name })
    }
}
