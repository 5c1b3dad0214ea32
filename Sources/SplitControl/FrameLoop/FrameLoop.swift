import SplitCost
import SplitModels
import SplitPlanners
import SplitSession

/// A device's per-frame logic as a state machine: probe, estimate, decide, transfer or fall
/// back, drop, and account energy and battery.
///
/// It does no I/O and keeps no time of its own. A driver hands it ``Input``s (a frame arrived,
/// the device part ran, the transfer finished or timed out, a probe ended, a second passed) and
/// carries out the ``Action``s it returns (run the device part, send the tensor with a timeout,
/// send a probe); every ``Step`` also carries the session events to record. The simulator drives
/// it against a bandwidth trace and the live device will drive it against a real link, so the
/// two cannot disagree.
///
/// ```swift
/// var loop = FrameLoop(controller: controller, estimator: estimator, battery: battery, settings: settings, clock: FixedClock())
/// var step = loop.handle(.frameArrived(frame: 0, at: 0))        // [.runDevicePart(p, predictedMs: 12)]
/// step = loop.handle(.deviceFinished(ms: 12.4))                  // [.send(bytes: 50_176, timeoutMs: 300)]
/// step = loop.handle(.transferFinished(ms: 40.1))                // [.awaitEdge(predictedMs: 1.2)]
/// step = loop.handle(.edgeFinished(ms: 1.2))                     // events: link, frame; no action
/// ```
///
/// Energy follows the power model (``DevicePowerModel``) exactly: a frame's energy is compute
/// watts × its `device_ms` + radio watts × its `transfer_ms` + idle watts × (RTT + `edge_ms`);
/// a probe's is radio watts × its airtime, recorded as its own event; idling between frames is
/// idle watts × the idle time. The battery drains by all three, and each battery sample says how
/// much each took since the previous one.
public struct FrameLoop: Sendable {
    /// What the loop is told.
    public enum Input: Hashable, Sendable {
        /// The session starts at `at`; `probe` is the first probe's result (nil when none was sent).
        case started(at: Double, probe: ProbeResult?)
        /// A camera frame is ready. `override` replaces the controller's partition while the edge
        /// is reachable (the hindsight oracle of the simulator).
        case frameArrived(frame: Int, at: Double, override: Partition? = nil)
        /// The device part of the current frame ran, taking `ms`.
        case deviceFinished(ms: Double)
        /// The tensor reached the edge after `ms` on the air.
        case transferFinished(ms: Double)
        /// The device gave up on the transfer after `ms`, with `deliveredBytes` through.
        case transferTimedOut(ms: Double, deliveredBytes: Int)
        /// The edge failed the request after `ms` (lost connection, an error status, an answer of
        /// the wrong shape): handled as a transfer that got nothing through, with `reason` recorded.
        case transferFailed(ms: Double, reason: String)
        /// The tensor went through and the connection is up, but the edge answered nothing before
        /// the request's deadline, `ms` after the transfer began (a loaded edge): the frame
        /// finishes locally and the device probes, as for a lost edge, but the fault recorded is
        /// `edge_timeout`, with `reason`.
        case edgeTimedOut(ms: Double, reason: String)
        /// The edge reported its load in an answer; it enters the cost of every partition that
        /// sends anything from the next frame (see ``EdgeLoadEstimate``).
        case edgeReported(EdgeLoadReport)
        /// The edge's result came back; its compute took `ms`.
        case edgeFinished(ms: Double)
        /// The rest of the model ran on the device after a given-up transfer, taking `ms`.
        case localFinished(ms: Double)
        /// The probe in flight ended at `at`.
        case probeFinished(at: Double, result: ProbeResult)
        /// An operator command, effective from the next frame.
        case operatorCommand(OperatorCommand, at: Double)
        /// An operator's note, recorded as it is.
        case note(String, at: Double)
        /// The model's profile was measured at `batch` samples per frame (after an operator's
        /// batch change): it replaces the linear estimate from the next frame.
        case batchMeasured(ModelProfile, batch: Int)
        /// Time for a battery sample.
        case batterySample(at: Double)
        /// A real battery's level was read (a live device with `--battery sysfs`): it replaces the
        /// modelled level from now on.
        case batteryMeasured(percent: Double)
        /// The edge, shared among several devices, assigns this device a version and split (nil:
        /// no assignment, the device's own controller decides): followed from the next frame.
        case edgeAssigned(EdgeAssignment?)
    }

    /// How a probe ended.
    public enum ProbeResult: Hashable, Sendable {
        /// The edge answered after `airtimeMs`.
        case answered(airtimeMs: Double)
        /// The device gave up after `afterMs`.
        case timedOut(afterMs: Double)

        /// Time on the air, in ms.
        public var airtimeMs: Double {
            switch self {
            case .answered(let ms), .timedOut(let ms): ms
            }
        }
    }

    /// What the driver is asked to do; each is answered by one input.
    public enum Action: Hashable, Sendable {
        /// Send a probe of `bytes`, giving up after `timeoutMs`; answer with `.probeFinished`.
        case sendProbe(bytes: Int, timeoutMs: Double)
        /// Run the device part of `partition`; answer with `.deviceFinished`.
        case runDevicePart(Partition, predictedMs: Double)
        /// Send the tensor, giving up after `timeoutMs`; answer with `.transferFinished` or `.transferTimedOut`.
        case send(bytes: Int, timeoutMs: Double)
        /// Wait for the edge; answer with `.edgeFinished`.
        case awaitEdge(predictedMs: Double)
        /// Run the remaining layers on the device; answer with `.localFinished`.
        case finishLocally(predictedMs: Double)
    }

    /// What one input produced: events to record, in time order, and actions to carry out.
    public struct Step: Hashable, Sendable {
        public var events: [TimedEvent] = []
        public var actions: [Action] = []

        public init(events: [TimedEvent] = [], actions: [Action] = []) {
            self.events = events
            self.actions = actions
        }
    }

    /// The device's settings for probing, giving up on transfers and costing energy.
    public struct Settings: Hashable, Sendable {
        /// Round-trip time to the edge in ms, paid by every offloaded frame.
        public var rttMs: Double
        public var power: DevicePowerModel
        /// Bytes in a probe.
        public var probeBytes: Int
        /// While nothing is offloaded, probe once this long (s) has passed since the last transfer or
        /// probe ended; never two probes at once.
        public var probeIntervalS: Double
        /// The longest the device waits for a transfer or probe, in ms.
        public var edgeTimeoutMs: Double
        /// Give up on a tensor transfer after this multiple of the local time of the remaining layers…
        public var timeoutFactor: Double
        /// …but never before this many ms.
        public var minimumTimeoutMs: Double

        public init(rttMs: Double = 20, power: DevicePowerModel = .jetsonOnLTE, probeBytes: Int = 20_000,
                    probeIntervalS: Double = 0.25, edgeTimeoutMs: Double = 1_000, timeoutFactor: Double = 1.5,
                    minimumTimeoutMs: Double = 100) {
            self.rttMs = rttMs
            self.power = power
            self.probeBytes = probeBytes
            self.probeIntervalS = probeIntervalS
            self.edgeTimeoutMs = edgeTimeoutMs
            self.timeoutFactor = timeoutFactor
            self.minimumTimeoutMs = minimumTimeoutMs
        }

        /// How long the device waits for a tensor transfer before it finishes the frame itself,
        /// when the layers after the cut take `restMs` on the device.
        public func transferTimeoutMs(restMs: Double) -> Double {
            min(edgeTimeoutMs, max(minimumTimeoutMs, timeoutFactor * restMs))
        }
    }

    /// A frame in progress.
    struct Frame: Hashable, Sendable {
        var index: Int
        var at: Double
        var partition: Partition
        var plan: CostBreakdown
        var predictedMs: Double
        var predictedDeviceMs: Double
        var estimateMbps: Double
        var deviceMs = 0.0
        var slowdown = 1.0
        var transferMs: Double?
        var bytesSent: Int?
        var edgeMs: Double?
        /// The model version that runs it (a loop over a family of versions), by name.
        var version: String?
        /// Samples in the frame's batch, nil for 1.
        var batch: Int?
    }

    enum Phase: Hashable, Sendable {
        case idle
        case device(Frame)
        case transfer(Frame)
        case edge(Frame)
        case local(Frame)
    }

    /// The controller of the model in force (with versions: of the version in force, kept in
    /// step with ``versioned`` after every decision and operator command).
    public private(set) var controller: AdaptiveController
    /// The controller over a family of model versions, when the loop runs one (`--versions`).
    public private(set) var versioned: VersionedController?
    public private(set) var battery: BatteryModel
    public let settings: Settings
    private var estimator: any BandwidthEstimator
    private let clock: any SessionClock
    /// The predicted costs of each partition run so far, of the version in force (`partsVersion`).
    private var parts: [Partition: CostBreakdown] = [:]
    private var partsVersion: Int?
    private var phase = Phase.idle
    /// When the device is free again (the simulator answers a frame's inputs at its arrival).
    private var busyUntil = 0.0
    /// Idle energy is charged from here; infinity while a frame runs.
    private var idleFrom = 0.0
    private var probeSentAt: Double?
    private var lastTransferAt = 0.0
    /// The device offloads only while the link is trusted: a transfer that timed out makes it
    /// run locally until a probe gets through.
    public private(set) var edgeReachable = false
    /// Only a transfer that delivered almost nothing is announced as the edge being lost.
    private var lostAnnounced = true
    private var drained = EnergyBreakdown()
    private var lastSampleAt: Double?
    private var edgeLoad = EdgeLoadEstimate()
    /// The edge's assignment in force, if any.
    public private(set) var assignment: EdgeAssignment?
    /// The accuracy floor whose ``PlanningConstraints/unmetFloorNote(_:)`` the session has
    /// recorded (nil while the floor in force is met, or there is none): said once per floor.
    private var unmetFloorSaid: Double?

    public init(controller: AdaptiveController, estimator: any BandwidthEstimator, battery: BatteryModel, settings: Settings,
                clock: any SessionClock) {
        self.controller = controller
        self.estimator = estimator
        self.battery = battery
        self.settings = settings
        self.clock = clock
    }

    /// A loop over a family of model versions: every frame the versioned controller chooses the
    /// version and its partition, and the frame's event names the version.
    public init(versions: VersionedController, estimator: any BandwidthEstimator, battery: BatteryModel, settings: Settings,
                clock: any SessionClock) {
        self.init(controller: versions.controllers[0], estimator: estimator, battery: battery, settings: settings, clock: clock)
        versioned = versions
    }

    /// The device time of the whole model in force, the local fallback's reference.
    private var localMs: Double {
        let n = controller.costModel.layerCount
        return controller.costModel.evaluate(.prefix(n, layerCount: n), link: LinkConditions(bandwidthMbps: 1, rttMs: 0)).deviceMs
    }

    /// The batch size in force as a frame event writes it: nil for 1.
    private var batchField: Int? {
        controller.batch == 1 ? nil : controller.batch
    }

    /// The name of the version in force, nil for a loop of one model.
    private var versionName: String? {
        versioned.map { $0.versions[$0.currentVersion ?? 0].name }
    }

    /// The bandwidth estimate, in Mbit/s.
    public var estimateMbps: Double { estimator.estimateMbps }

    /// The extra wait the edge's reported load adds to every offloaded frame, in ms.
    public var edgeWaitMs: Double { edgeLoad.waitMs }

    /// Whether a frame is in progress (its device part, transfer, edge or local finish).
    public var frameInFlight: Bool { phase != .idle }

    /// Whether a probe is on the air.
    public var probeInFlight: Bool { probeSentAt != nil }

    /// Takes one input and returns what it produced.
    public mutating func handle(_ input: Input) -> Step {
        var step = Step()
        switch input {
        case .started(let at, let probe):
            lastTransferAt = at
            if let probe {
                probeSentAt = at
                finishProbe(at: at, probe, into: &step, announce: false)
            } else {
                // Nothing was measured, so nothing speaks against the edge.
                edgeReachable = true
            }
            if probe.map({ if case .answered = $0 { false } else { true } }) ?? true { step.events.append(linkEvent(at)) }
            lostAnnounced = !edgeReachable
        case .frameArrived(let index, let at, let override):
            arrive(index, at: at, override: override, into: &step)
        case .deviceFinished(let ms):
            guard case .device(var frame) = phase else { break }
            frame.deviceMs = ms
            frame.slowdown = frame.plan.deviceMs > 0 ? ms / frame.plan.deviceMs : 1
            if frame.partition.isDeviceOnly {
                complete(frame, outcome: .ok, into: &step)
            } else {
                // Give up on the edge once waiting costs more than finishing locally would.
                let rest = max(0, localMs - frame.plan.deviceMs) * frame.slowdown
                let timeout = settings.transferTimeoutMs(restMs: rest)
                phase = .transfer(frame)
                step.actions.append(.send(bytes: frame.plan.transferBytes, timeoutMs: timeout))
            }
        case .transferFinished(let ms):
            guard case .transfer(var frame) = phase else { break }
            frame.transferMs = ms
            frame.bytesSent = frame.plan.transferBytes
            lastTransferAt = frame.at + (frame.deviceMs + ms) / 1000
            estimator.observe(bytes: frame.plan.transferBytes, seconds: ms / 1000)
            phase = .edge(frame)
            step.actions.append(.awaitEdge(predictedMs: frame.plan.edgeMs))
        case .edgeFinished(let ms):
            guard case .edge(var frame) = phase else { break }
            frame.edgeMs = ms
            step.events.append(linkEvent(frame.at))
            complete(frame, outcome: .ok, into: &step)
        case .transferTimedOut(let ms, let delivered):
            giveUp(afterMs: ms, delivered: delivered, reason: nil, into: &step)
        case .transferFailed(let ms, let reason):
            giveUp(afterMs: ms, delivered: 0, reason: reason, into: &step)
        case .edgeTimedOut(let ms, let reason):
            giveUp(afterMs: ms, delivered: nil, reason: reason, into: &step)
        case .edgeReported(let report):
            edgeLoad.observe(report)
        case .edgeAssigned(let assigned):
            assignment = assigned
        case .batteryMeasured(let percent):
            if percent.isFinite { battery = BatteryModel(capacityMWh: battery.capacityMWh, levelPercent: percent) }
        case .localFinished(let ms):
            guard case .local(var frame) = phase else { break }
            frame.deviceMs += ms
            step.events.append(linkEvent(frame.at))
            complete(frame, outcome: .local, into: &step)
        case .probeFinished(let at, let result):
            guard probeSentAt != nil else { break }
            finishProbe(at: at, result, into: &step, announce: true)
        case .operatorCommand(let command, let at):
            let record: OperatorRecord
            if var versions = versioned {
                record = versions.apply(command)
                versioned = versions
                controller = versions.controllers[versions.currentVersion ?? 0]
            } else {
                record = controller.apply(command)
            }
            // A batch change changes every partition's cost.
            if case .setBatch = command { parts.removeAll() }
            step.events.append(TimedEvent(t: at, event: .operatorAction(OperatorEvent(record, profile: controller.costModel.profile))))
            // The operator who sets a floor hears whether a version meets it, every time.
            if case .setConstraint(.accuracyFloor, _) = command { unmetFloorSaid = nil }
            noteUnmetFloor(at: at, into: &step)
        case .note(let text, let at):
            step.events.append(TimedEvent(t: at, event: .note(NoteEvent(text: text))))
        case .batchMeasured(let profile, let batch):
            // A loop over model versions keeps the estimates: one measured profile is one version's.
            if versioned == nil {
                controller.learn(profile, batch: batch)
                parts.removeAll()
            }
        case .batterySample(let at):
            chargeIdle(until: at)
            let drainMW = lastSampleAt.flatMap { at > $0 ? drained.totalMJ / (at - $0) : nil }
            step.events.append(TimedEvent(t: at, event: .battery(BatteryEvent(levelPct: battery.levelPercent, drainMW: drainMW,
                                                                              drained: drained))))
            drained = EnergyBreakdown()
            lastSampleAt = at
        }
        return step
    }

    /// The device energy of a frame with these recorded parts, by the power model.
    public static func energyMJ(deviceMs: Double, transferMs: Double, rttMs: Double, edgeMs: Double,
                                power: DevicePowerModel) -> Double {
        power.energyMJ(deviceMs: deviceMs, transferMs: transferMs, waitMs: rttMs + edgeMs)
    }

    /// Abandons the current frame's transfer: the frame finishes locally and the device stays
    /// local until a probe answers. `delivered` nil: the whole tensor went through and the edge
    /// answered nothing before the deadline (``Input/edgeTimedOut(ms:reason:)``), which says
    /// nothing of the link's rate and is announced as `edge_timeout`.
    private mutating func giveUp(afterMs ms: Double, delivered: Int?, reason: String?, into step: inout Step) {
        guard case .transfer(var frame) = phase else { return }
        let bytes = frame.plan.transferBytes
        let through = min(max(0, delivered ?? bytes), bytes)
        frame.transferMs = ms
        frame.bytesSent = through
        lastTransferAt = frame.at + (frame.deviceMs + ms) / 1000
        if delivered != nil { estimator.observe(bytes: max(1, through), seconds: ms / 1000) }
        // A slow link is not a lost edge: only a transfer that got (almost) nothing through is
        // announced, and an edge that got it all and answered nothing; either way the device
        // stays local until a probe answers.
        edgeReachable = false
        let kind: FaultKind? = delivered == nil ? .edgeTimeout : (Double(through) < 0.05 * Double(bytes) ? .edgeLost : nil)
        if !lostAnnounced, let kind {
            lostAnnounced = true
            let action = "finish locally, run on the device, probe every \(settings.probeIntervalS) s"
            step.events.append(TimedEvent(t: frame.at, event: .fault(FaultEvent(
                kind: kind, action: reason.map { "\($0); \(action)" } ?? action))))
        }
        phase = .local(frame)
        step.actions.append(.finishLocally(predictedMs: max(0, localMs - frame.plan.deviceMs)))
    }

    private mutating func arrive(_ index: Int, at: Double, override: Partition?, into step: inout Step) {
        let n = controller.costModel.layerCount
        // A frame that arrives while the device is busy is dropped; the next one after it is free runs.
        guard phase == .idle, at >= busyUntil - 1e-12 else {
            let partition = controller.current ?? .prefix(n, layerCount: n)
            var dropped = FrameEvent(frame: index, partition: SessionPartition(partition, of: controller.costModel.profile), outcome: .dropped)
            dropped.version = versionName
            dropped.batch = batchField
            step.events.append(TimedEvent(t: at, event: .frame(dropped)))
            return
        }
        chargeIdle(until: at)
        idleFrom = .infinity
        // The edge's reported load is paid by every partition that sends anything, like the RTT.
        let estimate = LinkConditions(bandwidthMbps: estimator.estimateMbps, rttMs: settings.rttMs + edgeLoad.waitMs)
        let battery = battery.levelPercent
        let reachable = edgeReachable
        let clock = clock
        // A decision's `from` is a partition of the version that ran the last frame.
        let fromProfile = controller.costModel.profile
        let versionBefore = versioned?.currentVersion
        let (decided, micros) = clock.measure {
            decide(link: estimate, batteryPercent: battery, edgeReachable: reachable)
        }
        var decision = decided
        // A switch the edge's load brought about, not the link: without the load the old partition
        // would have cost no more than the new one.
        // (Only within one version: another version's partition is not of this cost model's layers.)
        if decision.reason == .bandwidth, edgeLoad.waitMs > 0, let previous = decision.previous,
           versioned?.currentVersion == versionBefore {
            let unloaded = LinkConditions(bandwidthMbps: estimate.bandwidthMbps, rttMs: settings.rttMs)
            let model = controller.costModel
            if model.evaluate(previous, link: unloaded).latencyMs <= model.evaluate(decision.partition, link: unloaded).latencyMs {
                decision.reason = .edgeLoad
            }
        }
        if let override, edgeReachable, override != decision.partition {
            decision = overriding(decision, with: override, link: estimate)
            controller.adopt(override)
        }
        noteUnmetFloor(at: at, into: &step)
        if decision.changed {
            // Named in the decision, so a reader need not wait for the frame to learn which version it chose.
            let event = DecisionEvent(decision, profile: controller.costModel.profile, fromProfile: fromProfile, version: versionName,
                                      micros: micros)
            step.events.append(TimedEvent(t: at, event: .decision(event)))
        }
        let partition = decision.partition
        // While this frame offloads nothing, keep the estimate fresh with a probe once nothing has
        // been on the air for a while; one at a time, and never beside a tensor on the same link.
        if probeSentAt == nil, partition.isDeviceOnly, controller.mayOffload, at - lastTransferAt >= settings.probeIntervalS - 1e-12 {
            probeSentAt = at
            step.actions.append(.sendProbe(bytes: settings.probeBytes, timeoutMs: settings.edgeTimeoutMs))
        }
        if partsVersion != versioned?.currentVersion {
            parts.removeAll()
            partsVersion = versioned?.currentVersion
        }
        let cost = parts[partition] ?? controller.costModel.evaluate(partition, link: estimate)
        parts[partition] = cost
        let frame = Frame(index: index, at: at, partition: partition, plan: cost, predictedMs: decision.plan.cost.latencyMs,
                          predictedDeviceMs: decision.plan.cost.deviceMs, estimateMbps: estimate.bandwidthMbps, version: versionName,
                          batch: batchField)
        phase = .device(frame)
        step.actions.append(.runDevicePart(partition, predictedMs: cost.deviceMs))
    }

    /// Records a finished frame: its event, its energy, and when the device is free again.
    private mutating func complete(_ frame: Frame, outcome: FrameOutcome, into step: inout Step) {
        let transfer = frame.transferMs ?? 0
        let answered = frame.edgeMs != nil
        let rtt = answered ? settings.rttMs : 0
        let edge = frame.edgeMs ?? 0
        let total = frame.deviceMs + transfer + rtt + edge
        let energy = Self.energyMJ(deviceMs: frame.deviceMs, transferMs: transfer, rttMs: rtt, edgeMs: edge, power: settings.power)
        battery.drain(energy)
        drained.framesMJ += energy
        busyUntil = frame.at + total / 1000
        idleFrom = busyUntil
        phase = .idle
        var event = FrameEvent(
            frame: frame.index, partition: SessionPartition(frame.partition, of: controller.costModel.profile),
            predictedMs: frame.predictedMs, predictedDeviceMs: frame.predictedDeviceMs, deviceMs: frame.deviceMs,
            bytesSent: frame.bytesSent ?? 0, transferMs: transfer, rttMs: answered ? rtt : nil, edgeMs: frame.edgeMs,
            totalMs: total, energyMJ: energy, batteryPct: battery.levelPercent, bandwidthEstimateMbps: frame.estimateMbps,
            outcome: outcome)
        event.version = frame.version
        event.batch = frame.batch
        step.events.append(TimedEvent(t: frame.at, event: .frame(event)))
    }

    private mutating func finishProbe(at: Double, _ result: ProbeResult, into step: inout Step, announce: Bool) {
        probeSentAt = nil
        lastTransferAt = at
        let energy = settings.power.radioWatts * result.airtimeMs
        battery.drain(energy)
        drained.probesMJ += energy
        let answered: Bool
        if case .answered = result { answered = true } else { answered = false }
        step.events.append(TimedEvent(t: at, event: .probe(ProbeEvent(
            bytes: settings.probeBytes, airtimeMs: result.airtimeMs, energyMJ: energy, outcome: answered ? .answered : .timedOut))))
        guard answered else { return }
        estimator.observe(bytes: settings.probeBytes, seconds: result.airtimeMs / 1000)
        edgeReachable = true
        if announce, lostAnnounced {
            lostAnnounced = false
            step.events.append(TimedEvent(t: at, event: .fault(FaultEvent(kind: .edgeBack, action: "resume offloading"))))
        }
        step.events.append(linkEvent(at))
    }

    /// Records that no version meets the accuracy floor in force and which version the loop
    /// falls back to, in ``PlanningConstraints/unmetFloorNote(_:)``'s words: before the first
    /// decision under it, and right after every operator change that sets such a floor. A loop of
    /// one model has no accuracy to judge.
    private mutating func noteUnmetFloor(at t: Double, into step: inout Step) {
        guard let versioned else { return }
        let constraints = versioned.constraints
        guard let note = constraints.unmetFloorNote(versioned.versions) else {
            unmetFloorSaid = nil
            return
        }
        guard unmetFloorSaid != constraints.accuracyFloorPercent else { return }
        unmetFloorSaid = constraints.accuracyFloorPercent
        step.events.append(TimedEvent(t: t, event: .note(NoteEvent(text: note))))
    }

    private mutating func chargeIdle(until t: Double) {
        guard t > idleFrom else { return }
        let energy = settings.power.idleWatts * (t - idleFrom) * 1000
        battery.drain(energy)
        drained.idleMJ += energy
        idleFrom = t
    }

    private func linkEvent(_ t: Double) -> TimedEvent {
        TimedEvent(t: t, event: .link(LinkEvent(bandwidthMbps: estimator.estimateMbps, rttMs: settings.rttMs, source: .measured)))
    }

    /// This frame's decision: the versioned controller's when the loop runs versions (the
    /// controller of the chosen version becomes the one in force), else the controller's.
    private mutating func decide(link: LinkConditions, batteryPercent: Double, edgeReachable: Bool) -> ControllerDecision {
        let before = (version: versioned?.currentVersion, partition: controller.current)
        let decided = VersionedController.decide(controller: &controller, versions: &versioned, link: link,
                                                 batteryPercent: batteryPercent, edgeReachable: edgeReachable).decision
        guard let assignment, edgeReachable, let followed = follow(assignment, link: link, before: before) else { return decided }
        return followed
    }

    /// The edge's assignment as this frame's decision, or nil when the device keeps its own: the
    /// operator pinned, the policy is fixed (device-only, edge-only, a static split), the assigned
    /// version is unknown or below the accuracy floor, the split is out of range, or the split
    /// breaks a constraint (``AdaptiveController/admittedCost(of:link:)``).
    private mutating func follow(_ assignment: EdgeAssignment, link: LinkConditions,
                                 before: (version: Int?, partition: Partition?)) -> ControllerDecision? {
        guard let admitted = assignment.admitted(by: controller, versions: versioned, link: link) else { return nil }
        let index = admitted.versionIndex
        let partition = admitted.partition
        let cost = admitted.cost
        // What the last frame ran (of the version then in force), not what the assigned version's
        // controller would have run: its `current` is its own choice, made this frame or long ago.
        let previous = before.partition
        VersionedController.adopt(admitted, controller: &controller, versions: &versioned)
        let changed = before.version != index || before.partition != partition
        let plan = SplitPlan(policy: "edge_shares", partition: partition, cost: cost, objective: .latency)
        return ControllerDecision(partition: partition, plan: plan, previous: previous,
                                  reason: changed ? (before.partition == nil ? .start : .edgeShares) : nil,
                                  candidates: [ControllerDecision.Candidate(partition: partition, predictedMs: cost.latencyMs)])
    }

    /// The controller's decision with another partition in its place (the hindsight oracle's).
    private func overriding(_ decision: ControllerDecision, with partition: Partition, link: LinkConditions) -> ControllerDecision {
        var plan = decision.plan
        plan.policy = "oracle"
        plan.partition = partition
        plan.split = partition.prefixSplit
        plan.cost = controller.costModel.evaluate(partition, link: link)
        let reason: DecisionReason? = decision.previous == nil ? .start : (decision.previous == partition ? nil : .bandwidth)
        return ControllerDecision(partition: partition, plan: plan, previous: decision.previous, reason: reason,
                                  candidates: [ControllerDecision.Candidate(partition: partition, predictedMs: plan.cost.latencyMs)])
    }
}
