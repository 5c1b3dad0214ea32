import Foundation
import GRPCCore
import SplitAllocation
import SplitControl
import SplitCost
import SplitEdge
import SplitEngine
import SplitModels
import SplitOIP
import SplitPlanners
import SplitSession
import SplitSimulator

/// The live device's driver: one task owns the ``FrameLoop`` and takes every input from a single
/// stream, in order; effects (the engine, the uplink, gRPC calls, timers) run beside it and
/// answer into the stream. Nothing but this task touches the loop, so no input can race another.
struct LiveDriver {
    /// What the driver's stream carries.
    enum Event: Sendable {
        /// Camera frame `index` arrived at session time `at`.
        case frame(index: Int, at: Double)
        /// A whole second of session time passed.
        case second(at: Double)
        /// The device part ran: the tensors to send (nil when the engine failed, with why).
        case deviceDone(ms: Double, tensors: [TensorSource: BatchTensor]?, error: String?)
        /// The edge answered the frame's request (with what it said of this device's share).
        case answered(transferMs: Double, edgeMs: Double, report: EdgeLoadReport?, share: EdgeShareReply?)
        /// Any other answer to an action.
        case input(FrameLoop.Input)
        /// A probe ended, with what the edge said of this device's share.
        case probed(at: Double, result: FrameLoop.ProbeResult, share: EdgeShareReply?)
        /// The remaining layers ran here after the edge was given up, or failed.
        case localDone(ms: Double, error: String?)
        /// The model was measured at a new batch size (nil when it could not be), with a note
        /// that says what was measured.
        case batchMeasured(ModelProfile?, batch: Int, note: String)
    }

    /// One model the device can run a frame on: the edge's name for it, its graph, its device
    /// part runner and the output the edge must return.
    struct ModelPart: Sendable {
        var modelName: String
        var graph: ModelGraph
        var runner: DevicePartRunner
        var expected: OIPTensorSpec
    }

    let config: LiveDeviceConfiguration
    let profile: ModelProfile
    /// With versions (`device --versions`), each version's part, in the manifest's order; empty for one model.
    let versionParts: [ModelPart]
    let edge: EdgeConnection
    let runner: DevicePartRunner
    let feed: FrameFeed
    let expected: OIPTensorSpec
    /// The cut a foreign server's model fixes (`--edge-model`); nil for splitscope's edge.
    let cut: ForeignCut?
    let emit: @Sendable (TimedEvent) -> Void
    let operators: OperatorQueue?
    let stop: LiveStop

    private var loop: FrameLoop
    private var tally: SessionTally
    private let shaper: UplinkShaper
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant
    private let compute = DispatchQueue(label: "splitscope.device.compute")
    private let stream: AsyncStream<Event>
    private let sink: AsyncStream<Event>.Continuation
    /// The frame in flight: its index, partition and the tensors its device part returned.
    private var frameIndex = 0
    private var partition: Partition?
    private var tensors: [TensorSource: BatchTensor] = [:]
    /// The model the frame in flight runs on (the chosen version's, with versions).
    private var part: ModelPart
    private var answer: (edgeMs: Double, report: EdgeLoadReport?)?
    private var busy = false
    /// Extra ms a request may take beyond its transfer timeout: the edge's own compute, with room.
    private let edgeAllowanceMs: Double
    private var predictionErrors: [Double] = []
    private var lastBackAt: Double?
    private var recoveries: [Double] = []
    /// What a probe carries: the model's tensor nearest the configured probe size, sent and echoed back.
    private let probeTensor: OIPTensor
    /// What a probe carries to a foreign server instead: zeros of its inputs, answered by its output.
    private let foreignProbe: ForeignProbe?
    /// The foreign server's ms for its layers, measured at start (it reports none per request).
    private let foreignEdgeMs: Double
    /// Samples per frame now (the operator's `batch`); the start's is `runner`'s.
    private var batch: Int
    /// Runners at the other batch sizes used, built at the switch and kept.
    private var sized: [Int: DevicePartRunner] = [:]
    /// Batch sizes whose profile has been (or is being) measured.
    private var measuring: Set<Int> = []
    /// What this device tells an edge it shares with others: its task, its link and its options.
    private var shareReport: DeviceReport
    /// Whether the edge holds the options table of the report's generation.
    private var tableConfirmed = false
    /// The versions' measured profiles, from which the options table is built anew when the floor changes.
    private let versionProfiles: [ModelProfile]
    /// The accuracy floor the options table was built under.
    private var tableFloor: Double?
    /// Devices in the edge's last allocation this device recorded (0: none recorded).
    private var sharedAmong = 0
    /// The uplink this device may use, in Mbit/s: its share of the edge's (nil: no cap).
    private var capMbps: Double?

    init(config: LiveDeviceConfiguration, profile: ModelProfile, edge: EdgeConnection, runner: DevicePartRunner, feed: FrameFeed,
         expected: OIPTensorSpec, cut: ForeignCut? = nil, emit: @escaping @Sendable (TimedEvent) -> Void, operators: OperatorQueue?,
         stop: LiveStop, versions: [(part: ModelPart, profile: ModelProfile)] = []) throws {
        self.config = config
        versionParts = versions.map(\.part)
        part = versions.first?.part ?? ModelPart(modelName: config.modelName, graph: config.graph, runner: runner, expected: expected)
        self.profile = profile
        self.edge = edge
        self.runner = runner
        self.feed = feed
        self.expected = expected
        self.cut = cut
        self.emit = emit
        self.operators = operators
        self.stop = stop
        probeTensor = try Self.probeTensor(graph: config.graph, near: config.frameLoop.probeBytes)
        foreignProbe = try cut.map { try ForeignProbe(cut: $0, graph: config.graph) }
        var settings = config.loopSettings
        settings.probeBytes = foreignProbe?.bytes ?? probeTensor.raw.count
        let costModel = CostModel(profile: profile, power: config.power)
        // The measured profile is at `--batch`: the controller's start, from which other sizes scale.
        var controller = AdaptiveController(costModel: costModel, policy: config.policy, constraints: config.constraints,
                                            hysteresis: config.hysteresis, batch: config.graph.batchSize)
        if let cut { controller.fix(cut.partition, giveUp: settings) }
        foreignEdgeMs = cut.map { cut in
            profile.layers.indices.filter { !cut.partition.onDevice[$0] }.reduce(0) { $0 + profile.layers[$1].edgeMs }
        } ?? 0
        let battery = BatteryModel(capacityMWh: config.batteryMWh, levelPercent: config.batteryStartPercent)
        if versions.isEmpty {
            loop = FrameLoop(controller: controller, estimator: config.estimator.make(prior: 0.001), battery: battery,
                             settings: settings, clock: config.clock)
        } else {
            let family = zip(config.versions, versions).map { ($0.version, CostModel(profile: $1.profile, power: config.power)) }
            loop = FrameLoop(versions: VersionedController(versions: family, policy: config.policy, constraints: config.constraints,
                                                           hysteresis: config.hysteresis),
                             estimator: config.estimator.make(prior: 0.001), battery: battery, settings: settings, clock: config.clock)
        }
        tally = SessionTally(sloMs: config.constraints.latencySLOMs, batteryPercent: config.batteryStartPercent)
        shaper = UplinkShaper(trace: config.trace, rttMs: config.rttMs)
        start = clock.now
        (stream, sink) = AsyncStream.makeStream(of: Event.self)
        let edgeWhole = profile.layers.reduce(0) { $0 + $1.edgeMs }
        edgeAllowanceMs = 3 * edgeWhole + 200
        batch = config.graph.batchSize
        versionProfiles = versions.map(\.profile)
        tableFloor = config.constraints.accuracyFloorPercent
        shareReport = DeviceReport(deviceID: config.deviceID, taskWeight: config.taskWeight,
                                   sloMs: config.constraints.latencySLOMs ?? DeviceReport.defaultSLOMs, rttMs: config.rttMs,
                                   bandwidthMbps: Quantity.bandwidthMbps.highest, optionsGeneration: 1,
                                   options: Self.optionsTable(config: config, profile: profile, versions: versions.map(\.profile),
                                                              constraints: config.constraints))
    }

    /// The device's options for an edge's allocator: every prefix split of each version that meets
    /// the accuracy floor (when none does, of the most accurate only, the version the device falls
    /// back to), with the device ms measured here and the bytes it sends. The one model of a device
    /// without `--versions` has no known accuracy: it is left out (never sent as 0 %).
    static func optionsTable(config: LiveDeviceConfiguration, profile: ModelProfile, versions: [ModelProfile],
                             constraints: PlanningConstraints = .none) -> DeviceOptionsTable {
        guard !versions.isEmpty else {
            return DeviceOptionsTable(options: AllocationOption.prefixOptions(
                version: config.modelName, accuracyPercent: 0, profile: profile, edgeGmacsPerSecond: 10),
                                      unstatedAccuracy: [config.modelName])
        }
        let family = Array(zip(config.versions, versions))
        let allowed = constraints.versionsMeetingFloor(family.map(\.0.version))
        return DeviceOptionsTable(options: allowed.flatMap { i in
            AllocationOption.prefixOptions(version: family[i].0.version.name, accuracyPercent: family[i].0.version.accuracyPercent,
                                           profile: family[i].1, edgeGmacsPerSecond: 10)
        })
    }

    /// After operator commands: when the accuracy floor moved, the options table holds the versions
    /// that meet the new one, under a new generation, so the edge takes it on the next request and
    /// allocates anew.
    private mutating func followFloor() {
        let constraints = loop.controller.constraints
        guard !versionProfiles.isEmpty, constraints.accuracyFloorPercent != tableFloor else { return }
        tableFloor = constraints.accuracyFloorPercent
        let table = Self.optionsTable(config: config, profile: profile, versions: versionProfiles, constraints: constraints)
        guard table != shareReport.options else { return }
        shareReport.options = table
        shareReport.optionsGeneration += 1
        tableConfirmed = false
    }

    /// The runner frames use now: the model in force's (the chosen version's, or the one model's)
    /// at the batch size in force (a device choosing among versions keeps its start's).
    private var currentRunner: DevicePartRunner {
        batch == part.runner.graph.batchSize ? part.runner : sized[batch] ?? part.runner
    }

    /// The model output the edge returns for a frame of the batch size in force.
    private var expectedOutput: OIPTensorSpec {
        guard cut == nil, !expected.shape.isEmpty else { return expected }
        var spec = expected
        spec.shape[0] = batch
        return spec
    }

    /// Session time now, in seconds.
    private func now() -> Double {
        (clock.now - start) / .seconds(1)
    }

    /// Runs frames until stopped or the duration passes; then lets the frame in flight finish.
    mutating func run() async throws -> LiveReport {
        start = clock.now
        let first = loop.controller.mayOffload ? await probe(bytes: loop.settings.probeBytes, timeoutMs: loop.settings.edgeTimeoutMs) : nil
        record(loop.handle(.started(at: 0, probe: first)))
        let ticker = startTicker()
        defer { ticker.cancel() }
        var ended = false
        var endedAt = 0.0
        // Ticks, seconds and probe ends that come while a frame is in flight wait for it to
        // finish, so events are recorded in time order, as the simulator records them.
        var deferred = [Event]()
        outer: for await arrived in stream {
            var queue = [arrived]
            while !queue.isEmpty {
                let event = queue.removeFirst()
                if busy, Self.waitsForFrame(event) {
                    deferred.append(event)
                    continue
                }
                switch event {
                case .frame(let index, let at):
                    if ended || stop.isStopped || config.durationS.map({ at >= $0 }) == true {
                        if !ended { ended = true; endedAt = at }
                    } else {
                        for message in operators?.drain() ?? [] { record(loop.handle(admitted(message).input(at: at))) }
                        followFloor()
                        if loop.controller.batch != batch { switchBatch(to: loop.controller.batch, frame: index) }
                        frameIndex = index
                        try perform(loop.handle(.frameArrived(frame: index, at: at)))
                    }
                case .second(let at):
                    if config.battery == .sysfs, let level = config.batteryGauge.levelPercent() {
                        _ = loop.handle(.batteryMeasured(percent: level))
                    }
                    record(loop.handle(.batterySample(at: at)))
                case .deviceDone(let ms, let sent, let error):
                    guard let sent else { throw LiveDeviceError("the device part failed: \(error ?? "unknown")") }
                    tensors = sent
                    try perform(loop.handle(.deviceFinished(ms: ms)))
                case .answered(let transferMs, let edgeMs, let report, let share):
                    answer = (edgeMs, report)
                    if let share { take(share) }
                    try perform(loop.handle(.transferFinished(ms: transferMs)))
                case .localDone(let ms, let error):
                    if let error { throw LiveDeviceError("finishing a frame locally failed: \(error)") }
                    try perform(loop.handle(.localFinished(ms: ms)))
                case .input(let input):
                    try perform(loop.handle(input))
                case .probed(let at, let result, let share):
                    if let share { take(share) }
                    try perform(loop.handle(.probeFinished(at: at, result: result)))
                case .batchMeasured(let measured, let size, let text):
                    if let measured {
                        record(loop.handle(.batchMeasured(measured, batch: size)))
                        // The edge's allocator prices this device's options anew.
                        if versionParts.isEmpty {
                            shareReport.options = Self.optionsTable(config: config, profile: measured, versions: [])
                            shareReport.optionsGeneration += 1
                            tableConfirmed = false
                        }
                    }
                    record(loop.handle(.note(text, at: now())))
                }
                if !busy, !deferred.isEmpty {
                    queue.insert(contentsOf: deferred, at: 0)
                    deferred.removeAll()
                }
            }
            // Stopping is noticed at the latest on the next once-a-second tick, however slow the camera.
            if !ended, stop.isStopped {
                ended = true
                endedAt = now()
            }
            if ended, !busy { break outer }
            if ended, now() - endedAt > 5 { break outer }  // the frame in flight is bounded by its timeouts; never hang
        }
        record(loop.handle(.batterySample(at: now())))
        let duration = max(endedAt, 0.001)
        let summary = tally.summary(policy: EdgeAssignedPolicy.recordedName(of: loop.controller.policyKind, foreignCut: cut != nil))
        return LiveReport(summary: summary, framesPerSecond: Double(summary.frames) / duration,
                          medianPredictionError: predictionErrors.isEmpty ? nil : LayerProfiler.median(predictionErrors),
                          recoveries: recoveries, durationS: duration)
    }

    /// An operator message as the session takes it: a command the session cannot carry out (see
    /// ``OperatorAdmission``; the control port has already answered it with the reason) becomes a
    /// note recording the attempt.
    private func admitted(_ message: OperatorMessage) -> OperatorMessage {
        guard case .command(let command) = message, let reason = config.operatorAdmission.refusal(of: command) else { return message }
        return .note("operator refused: \(reason)")
    }

    /// Whether an event waits while a frame is in flight (it does not answer the frame's actions).
    private static func waitsForFrame(_ event: Event) -> Bool {
        switch event {
        case .frame, .second: true
        case .input(.probeFinished), .probed: true
        case .batchMeasured: true
        default: false
        }
    }

    /// Frame and second ticks on the wall clock, into the stream.
    private func startTicker() -> Task<Void, Never> {
        let sink = sink
        let fps = config.fps
        let start = start
        let duration = config.durationS
        let stop = stop
        return Task {
            var index = 0
            var second = 1.0
            while !Task.isCancelled {
                let frameAt = Double(index) / fps
                let next = min(frameAt, second)
                try? await Task.sleep(until: start + .seconds(next), clock: .continuous)
                if Task.isCancelled { break }
                if second <= frameAt {
                    sink.yield(.second(at: second))
                    second += 1
                } else {
                    sink.yield(.frame(index: index, at: frameAt))
                    index += 1
                    if stop.isStopped || duration.map({ frameAt >= $0 }) == true {
                        // Keep ticking slowly so the driver sees the end even when idle.
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                }
            }
        }
    }

    /// Records a step's events; while the edge is shared with other devices each event but the
    /// allocation itself carries this device's id, so a session of several devices tells them apart.
    private mutating func record(_ step: FrameLoop.Step) {
        for var event in step.events {
            if sharedAmong >= 2, event.device == nil {
                if case .shares = event.event {} else { event.device = config.deviceID }
            }
            tally.add(event)
            note(event)
            emit(event)
        }
    }

    /// Keeps the figures the report needs: prediction error of answered frames, recovery times.
    private mutating func note(_ timed: TimedEvent) {
        switch timed.event {
        case .frame(let frame):
            guard frame.outcome == .ok, frame.edgeMs != nil, let total = frame.totalMs, let predicted = frame.predictedMs, total > 0
            else { return }
            predictionErrors.append(abs(total - predicted) / total)
            if let back = lastBackAt {
                recoveries.append(max(0, timed.t - back))
                lastBackAt = nil
            }
        case .fault(let fault) where fault.kind == .edgeBack:
            lastBackAt = timed.t
        default:
            break
        }
    }

    /// Records a step's events and carries out its actions (answering some at once).
    private mutating func perform(_ step: FrameLoop.Step) throws {
        record(step)
        for action in step.actions {
            switch action {
            case .runDevicePart(let chosen, _):
                busy = true
                partition = chosen
                if !versionParts.isEmpty { part = versionParts[loop.versioned?.currentVersion ?? 0] }
                answer = nil
                tensors = [:]
                runDevice(chosen, frame: frameIndex)
            case .send(_, let timeoutMs):
                send(timeoutMs: timeoutMs, parameters: shareParameters())
            case .awaitEdge:
                let (edgeMs, report) = answer ?? (0, nil)
                try perform(loop.handle(.edgeFinished(ms: edgeMs)))
                // A server that reports no load leaves the estimate of the edge's load unknown (as it was).
                if let report { record(loop.handle(.edgeReported(report))) }
            case .finishLocally:
                finishLocally()
            case .sendProbe(let bytes, let timeoutMs):
                let sink = sink
                // A device running locally keeps telling a shared edge about itself through its probes.
                let driver = ProbeSender(edge: edge, model: config.modelName, tensor: probeTensor, foreign: foreignProbe, shaper: shaper,
                                         rttMs: config.rttMs, clock: clock, start: start, parameters: shareParameters())
                Task {
                    let result = await driver.probe(bytes: bytes, timeoutMs: timeoutMs)
                    sink.yield(.probed(at: result.at, result: result.result, share: result.share))
                }
            }
        }
        busy = loop.frameInFlight
    }

    private func runDevice(_ chosen: Partition, frame: Int) {
        let sink = sink
        let runner = currentRunner
        let slowdown = config.slowdown
        guard let input = feed.frame(frame, batch: batch) else {
            sink.yield(.deviceDone(ms: 0, tensors: nil, error: "no frame \(frame)"))
            return
        }
        compute.async {
            do {
                let (sent, ms) = try runner.runDevice(chosen, input: input)
                Self.stretch(ms, by: slowdown)
                sink.yield(.deviceDone(ms: ms * slowdown, tensors: sent, error: nil))
            } catch {
                sink.yield(.deviceDone(ms: 0, tensors: nil, error: "\(error)"))
            }
        }
    }

    private func finishLocally() {
        let sink = sink
        let runner = currentRunner
        let slowdown = config.slowdown
        guard let chosen = partition else {
            sink.yield(.localDone(ms: 0, error: "no partition in flight"))
            return
        }
        let given = tensors
        compute.async {
            do {
                let ms = try runner.runRest(chosen, given: given)
                Self.stretch(ms, by: slowdown)
                sink.yield(.localDone(ms: ms * slowdown, error: nil))
            } catch {
                sink.yield(.localDone(ms: 0, error: "\(error)"))
            }
        }
    }

    /// Frames carry `size` samples from this frame on: the runner at that size (its parts built
    /// on first use and kept), and — the first time a size is used — its measurement at the
    /// switch, queued on the compute queue ahead of the frame's device part: the whole model at
    /// that size on the device (which builds its part, packing the weights), then the edge's
    /// compute of it; until it answers, the controller plans with the start's profile scaled
    /// linearly. A device on a foreign server's cut keeps its batch (the operator's command is a
    /// note there).
    private mutating func switchBatch(to size: Int, frame index: Int) {
        batch = size
        guard size != runner.graph.batchSize else { return }
        let part = sized[size] ?? runner.resized(to: size)
        sized[size] = part
        guard cut == nil, !measuring.contains(size), let input = feed.frame(index, batch: size) else { return }
        measuring.insert(size)
        let sink = sink
        let estimate = BatchProfiles(base: profile, batch: runner.graph.batchSize)
        let guess = estimate.profile(batch: size)
        let slowdown = config.slowdown
        let config = config
        let edge = edge
        let graph = part.graph
        let clock = clock
        compute.async {
            let began = clock.now
            let all = Partition(onDevice: [Bool](repeating: true, count: graph.layers.count))
            var samples = [Double]()
            do {
                _ = try part.runDevice(all, input: input)  // builds the part and warms it up
                for _ in 0..<3 { samples.append(try part.runDevice(all, input: input).ms) }
            } catch {
                sink.yield(.batchMeasured(nil, batch: size, note: "batch \(size): the engine cannot run it (\(LiveDriver.short(error))); "
                    + "planning with the linear estimate"))
                return
            }
            let deviceMs = LayerProfiler.median(samples) * slowdown
            let switchMs = (clock.now - began) / .milliseconds(1)
            Task {
                var edgeSamples = [Double]()
                let output = OIPTensorSpec(name: EdgeModel.tensorName(of: .layer(graph.layers.count - 1), in: graph),
                                           shape: [size] + graph.layers[graph.layers.count - 1].outputShape.dims)
                if let tensor = try? LiveDriver.oipTensor(name: EdgeModel.tensorName(of: .input, in: graph), input, as: config.boundary) {
                    for request in 0..<3 {
                        if let answer = try? await edge.infer(model: config.modelName, tensors: [tensor], frameID: -100 - request,
                                                              partition: "calibration", expecting: output, timeoutMs: 30_000),
                           request > 0 {
                            edgeSamples.append(answer.computeMs)
                        }
                    }
                }
                let edgeMs = edgeSamples.isEmpty ? .nan : LayerProfiler.median(edgeSamples)
                let measured = estimate.measured(batch: size, deviceTotalMs: deviceMs, edgeTotalMs: edgeMs)
                let guessDevice = guess.layers.reduce(0) { $0 + $1.deviceMs }
                let guessEdge = guess.layers.reduce(0) { $0 + $1.edgeMs }
                let edgeText = edgeSamples.isEmpty ? "edge not measured (no answer; its linear estimate kept, \(Self.ms(guessEdge)))"
                    : "edge \(Self.ms(edgeMs)) (linear estimate \(Self.ms(guessEdge)))"
                sink.yield(.batchMeasured(measured, batch: size, note: "batch \(size) measured at the switch: device \(Self.ms(deviceMs)) "
                    + "for the whole model (linear estimate \(Self.ms(guessDevice))), \(edgeText); building and timing its "
                    + "device part took \(Self.ms(switchMs))"))
            }
        }
    }

    private static func ms(_ value: Double) -> String {
        String(format: "%.1f ms", value)
    }

    /// Makes a computation that took `ms` take `ms × factor` in all (a weaker device).
    private static func stretch(_ ms: Double, by factor: Double) {
        let extra = ms * (factor - 1)
        if extra > 0 { Thread.sleep(forTimeInterval: extra / 1000) }
    }

    /// What this frame's request says to an edge shared with other devices (nothing to a foreign server).
    private mutating func shareParameters() -> [String: Inference_InferParameter] {
        guard cut == nil else { return [:] }
        if let trace = config.trace {
            let t = now()
            shareReport.bandwidthMbps = max(0, trace.bytesDelivered(from: t - 1, to: t) * 8 / 1e6)
            if shareReport.bandwidthMbps > 0 { shareReport.bandwidthMbps = Quantity.bandwidthMbps.clamp(shareReport.bandwidthMbps) }
        }
        return shareReport.parameters(withOptions: !tableConfirmed)
    }

    /// Takes what the edge said of this device's share: the table's receipt, a new allocation
    /// (recorded as a `shares` event), the assignment the controller follows and the uplink cap —
    /// the last two only while the edge is shared with other devices.
    private mutating func take(_ reply: EdgeShareReply) {
        tableConfirmed = !reply.optionsWanted
        if let text = reply.allocation, let generation = reply.generation, generation != shareReport.knownAllocation {
            shareReport.knownAllocation = generation
            let at = Double(frameIndex) / config.fps
            switch EdgeAllocation.sharesEvent(parsing: text) {
            case .success(let shares):
                sharedAmong = shares.devices.count
                record(FrameLoop.Step(events: [TimedEvent(t: at, event: .shares(shares))]))
            case .failure(let error):
                sharedAmong = 0
                record(loop.handle(.note("the edge's allocation \(generation) is unreadable: \(DisplayText.escaped("\(error)", limit: 160))",
                                         at: at)))
            }
        }
        let several = sharedAmong >= 2
        let assignment = several ? reply.split.map { EdgeAssignment(version: versionParts.isEmpty ? nil : reply.version, split: $0) } : nil
        if assignment != loop.assignment { _ = loop.handle(.edgeAssigned(assignment)) }
        capMbps = several ? reply.uplinkMbps.map { max(reply.bandwidthShare ?? 0, EdgeScheduler.leastShare) * $0 } : nil
    }

    /// Sends the frame's boundary tensors through the emulated uplink and ModelInfer.
    private func send(timeoutMs: Double, parameters: [String: Inference_InferParameter]) {
        let sink = sink
        guard let chosen = partition else {
            sink.yield(.input(.transferFailed(ms: 0, reason: "no partition in flight")))
            return
        }
        var sent = [OIPTensor]()
        do {
            for source in try currentRunner.boundary(of: chosen) {
                let name = cut?.names[source] ?? EdgeModel.tensorName(of: source, in: part.graph)
                guard let tensor = tensors[source] else {
                    throw LiveDeviceError("the device part did not return \(name)")
                }
                sent.append(try Self.oipTensor(name: name, tensor, as: config.boundary))
            }
        } catch {
            sink.yield(.input(.transferFailed(ms: 0, reason: "\(error)")))
            return
        }
        let bytes = sent.reduce(0) { $0 + $1.raw.count }
        let at = now()
        let plan = shaper.plan(bytes: bytes, startingAt: at, timeoutMs: timeoutMs, capMbps: capMbps)
        let edge = edge
        let config = config
        let expected = versionParts.isEmpty ? expectedOutput : part.expected
        let modelName = part.modelName
        let frame = frameIndex
        let label = chosen.prefixSplit.map { "split:\($0)" } ?? "device_layers:\(chosen.deviceLayerCount)"
        let allowance = edgeAllowanceMs
        let clock = clock
        let foreign = cut != nil
        let foreignEdgeMs = foreignEdgeMs
        Task {
            switch plan {
            case .giveUp(let afterMs, let delivered):
                try? await Task.sleep(for: .milliseconds(afterMs))
                sink.yield(.input(.transferTimedOut(ms: afterMs, deliveredBytes: delivered)))
            case .deliver(let holdMs):
                let began = clock.now
                try? await Task.sleep(for: .milliseconds(holdMs + config.rttMs))
                let rpcStart = clock.now
                do {
                    let answer = try await edge.infer(model: modelName, tensors: sent, frameID: frame, partition: label,
                                                      expecting: expected, requestOutput: foreign, parameters: parameters,
                                                      timeoutMs: max(1, timeoutMs - holdMs) + allowance)
                    let wall = (clock.now - rpcStart) / .milliseconds(1)
                    // A server that reports no times (a foreign one) is taken to compute for as long as it did at start.
                    let edgeMs = answer.reportsLoad ? answer.computeMs + answer.queueMs : min(wall, foreignEdgeMs)
                    let report = answer.reportsLoad
                        ? EdgeLoadReport(queueMs: answer.queueMs, queueLength: answer.queueLength, computeMs: answer.computeMs) : nil
                    sink.yield(.answered(transferMs: holdMs + max(0, wall - edgeMs), edgeMs: edgeMs, report: report, share: answer.share))
                } catch let error as RPCError where error.code == .deadlineExceeded {
                    // The connection is up and the tensor went; the edge (loaded) said nothing in time.
                    let elapsed = (clock.now - began) / .milliseconds(1) - config.rttMs
                    let deadline = max(1, timeoutMs - holdMs) + allowance
                    sink.yield(.input(.edgeTimedOut(ms: max(0, elapsed),
                                                    reason: "the edge answered nothing within its \(Int(deadline.rounded())) ms deadline")))
                } catch {
                    let elapsed = (clock.now - began) / .milliseconds(1) - config.rttMs
                    sink.yield(.input(.transferFailed(ms: max(0, elapsed), reason: Self.describe(error))))
                }
            }
        }
    }

    /// One probe, awaited (the first, before any frame).
    private func probe(bytes: Int, timeoutMs: Double) async -> FrameLoop.ProbeResult {
        await ProbeSender(edge: edge, model: config.modelName, tensor: probeTensor, foreign: foreignProbe, shaper: shaper,
                          rttMs: config.rttMs, clock: clock, start: start)
            .probe(bytes: bytes, timeoutMs: timeoutMs).result
    }

    /// A tensor of the model (its input or a layer's output, zeros) whose size is nearest `bytes`.
    static func probeTensor(graph: ModelGraph, near bytes: Int) throws -> OIPTensor {
        let sources = [TensorSource.input] + graph.layers.indices.map(TensorSource.layer)
        func shape(_ source: TensorSource) -> [Int] {
            switch source {
            case .input: [graph.batchSize] + graph.inputShape.dims
            case .layer(let i): [graph.batchSize] + graph.layers[i].outputShape.dims
            }
        }
        func distance(_ source: TensorSource) -> Double {
            abs(log(Double(max(1, 4 * shape(source).reduce(1, *))) / Double(max(1, bytes))))
        }
        let best = sources.min { distance($0) < distance($1) } ?? .input
        let dims = shape(best)
        let zeros = [Float](repeating: 0, count: dims.reduce(1, *))
        return try OIPTensor(name: EdgeModel.tensorName(of: best, in: graph), shape: dims, floats: zeros)
    }

    /// A short account of why a request failed, for the fault event.
    static func describe(_ error: any Error) -> String {
        if let answer = error as? EdgeAnswerError { return "wrong answer from the edge: \(answer)" }
        return "edge request failed: " + short(error)
    }

    /// An error's text (much of it the edge's words), escaped and cut to 160 characters.
    static func short(_ error: any Error) -> String {
        DisplayText.escaped("\(error)", limit: 160)
    }

    /// A tensor as OIP carries it: named, NCHW, little-endian float32 or INT8 quantised per tensor.
    static func oipTensor(name: String, _ tensor: BatchTensor, as datatype: OIPDatatype) throws -> OIPTensor {
        let nchw = tensor.channelsFirst
        switch datatype {
        case .fp32: return try OIPTensor(name: name, shape: nchw.shape, floats: nchw.elements)
        case .int8: return try OIPTensor(name: name, shape: nchw.shape, quantising: nchw.elements)
        }
    }
}

/// Sends probes: the probe's bytes through the emulated uplink, then ServerReady.
struct ProbeSender: Sendable {
    let edge: EdgeConnection
    let model: String
    /// The tensor a probe carries to the edge and back.
    let tensor: OIPTensor
    /// With a foreign server, what the probe sends instead (it echoes nothing back).
    let foreign: ForeignProbe?
    let shaper: UplinkShaper
    let rttMs: Double
    let clock: ContinuousClock
    let start: ContinuousClock.Instant
    /// What the probe tells a shared edge about this device (nothing for a foreign server).
    var parameters: [String: Inference_InferParameter] = [:]

    func probe(bytes: Int, timeoutMs: Double) async -> (at: Double, result: FrameLoop.ProbeResult, share: EdgeShareReply?) {
        let began = clock.now
        let t = (began - start) / .seconds(1)
        func at() -> Double { (clock.now - start) / .seconds(1) }
        switch shaper.plan(bytes: bytes, startingAt: t, timeoutMs: timeoutMs) {
        case .giveUp(let afterMs, _):
            try? await Task.sleep(for: .milliseconds(afterMs))
            return (at(), .timedOut(afterMs: afterMs), nil)
        case .deliver(let holdMs):
            try? await Task.sleep(for: .milliseconds(holdMs + rttMs))
            let ready: Bool
            var share: EdgeShareReply?
            if let foreign {
                ready = await foreign.send(edge, model: model, timeoutMs: max(1, timeoutMs - holdMs))
            } else {
                (ready, share) = await edge.echo(model: model, tensor: tensor, parameters: parameters, timeoutMs: max(1, timeoutMs - holdMs))
            }
            let airtime = max(0.001, (clock.now - began) / .milliseconds(1) - rttMs)
            return (at(), ready ? .answered(airtimeMs: airtime) : .timedOut(afterMs: airtime), share)
        }
    }
}

/// A probe of a foreign server: zeros of its inputs, under its names, answered by the model output.
struct ForeignProbe: Sendable {
    let tensors: [OIPTensor]
    let expected: OIPTensorSpec

    init(cut: ForeignCut, graph: ModelGraph) throws {
        tensors = try cut.boundary.map { source in
            let dims: [Int] = switch source {
            case .input: [graph.batchSize] + graph.inputShape.dims
            case .layer(let i): [graph.batchSize] + graph.layers[i].outputShape.dims
            }
            return try OIPTensor(name: cut.names[source] ?? EdgeModel.tensorName(of: source, in: graph), shape: dims,
                                 floats: [Float](repeating: 0, count: dims.reduce(1, *)))
        }
        expected = cut.output
    }

    /// Bytes a probe sends.
    var bytes: Int { tensors.reduce(0) { $0 + $1.raw.count } }

    /// True when the server answered with the model output in time.
    func send(_ edge: EdgeConnection, model: String, timeoutMs: Double) async -> Bool {
        do {
            _ = try await edge.infer(model: model, tensors: tensors, frameID: -1, partition: "probe", expecting: expected,
                                     requestOutput: true, timeoutMs: timeoutMs)
            return true
        } catch {
            return false
        }
    }
}
