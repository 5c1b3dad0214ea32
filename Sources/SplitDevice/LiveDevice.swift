import Foundation
import SplitControl
import SplitCost
import SplitEdge
import SplitEngine
import SplitModels
import SplitOIP
import SplitPlanners
import SplitSession
import SplitSimulator

/// A live device: computes the first layers of a real model on the engine, sends the boundary
/// tensors to an edge over the Open Inference Protocol, and lets the adaptive controller move
/// the split frame by frame — the same ``FrameLoop`` the simulator drives, here against real
/// effects (the engine, a gRPC connection, an emulated uplink, the wall clock).
///
/// A value: build it from a ``LiveDeviceConfiguration`` and call ``run(onReady:emit:operators:stop:progress:)``
/// from any task; `splitscope device` is a thin command around it and `demo` runs it in-process
/// beside an edge and the dashboard.
///
/// At start it measures its own layers on the engine, reads the model's metadata from the edge
/// and times the edge with a few whole-model requests (see docs/device.md); from then on each
/// frame runs the device part, sends the boundary tensors with ModelInfer (request parameters:
/// frame id and partition), and reads the edge's compute time, queue wait and queue length from
/// the answer — the load enters the cost of every partition from the next frame. An edge that
/// fails, vanishes or answers with the wrong tensor is a lost edge: the frame finishes here
/// (outcome `local`), a `fault` event is recorded, and the device runs locally, probing, until
/// the edge answers again.
///
/// ```swift
/// let device = LiveDevice(configuration)
/// let summary = try await device.run(onReady: { header, profile in … }, emit: { event in … },
///                                    operators: queue, stop: stop, progress: { print($0) })
/// ```
public struct LiveDevice: Sendable {
    public let configuration: LiveDeviceConfiguration

    public init(_ configuration: LiveDeviceConfiguration) {
        self.configuration = configuration
    }

    /// Runs the session until `stop` is signalled or the configured duration passes.
    ///
    /// `onReady` gets the session header and the measured profile once start-up is done, before
    /// the first event (open a recording, start a control port there); `emit` gets every event in
    /// order, from one task at a time; `progress` gets start-up lines for a person.
    public func run(onReady: @Sendable (SessionHeader, ModelProfile) throws -> Void,
                    emit: @escaping @Sendable (TimedEvent) -> Void, operators: OperatorQueue?, stop: LiveStop,
                    progress: @Sendable (String) -> Void = { _ in }) async throws -> LiveReport {
        var config = configuration
        let edge: EdgeConnection
        do {
            edge = try EdgeConnection(host: config.edgeHost, port: config.edgePort)
        } catch {
            throw LiveDeviceError("--edge \(config.edgeHost):\(config.edgePort): \(Self.peerWords(error))")
        }
        let connection = Task { await edge.run() }
        defer {
            edge.close()
            connection.cancel()
        }
        let feed = try FrameFeed(config.frames, graph: config.graph)
        let runner = DevicePartRunner(graph: config.graph, weights: config.weights, threads: config.threads)
        var cut: ForeignCut?
        let expected: OIPTensorSpec
        if config.foreignModel {
            let fixed = try await foreignCut(edge)
            cut = fixed
            expected = fixed.output
        } else {
            expected = try await checkMetadata(edge)
        }
        let profile = try await measureProfile(edge: edge, feed: feed, cut: cut, runner: runner, progress: progress)
        // A foreign server's cut is the session's policy too: static:K where it is a prefix, so the
        // header and the summaries say the split was fixed (the controller holds it either way).
        if let split = cut?.partition.prefixSplit { config.policy = .staticSplit(split) }
        var header = LiveDevice(config).header(profile: profile, cut: cut)
        // Every other version is checked at the edge and measured here as the first was.
        var versions: [(part: LiveDriver.ModelPart, profile: ModelProfile)] = []
        if let first = config.versions.first {
            guard cut == nil else { throw LiveDeviceError("--versions and --edge-model do not go together: a foreign server's cut fixes one model") }
            versions.append((LiveDriver.ModelPart(modelName: first.modelName, graph: first.graph, runner: runner, expected: expected), profile))
            for version in config.versions.dropFirst() {
                guard version.graph.inputShape == config.graph.inputShape, version.graph.batchSize == config.graph.batchSize else {
                    throw LiveDeviceError("version \(version.version.name) takes \(version.graph.inputShape.dims), "
                        + "version \(first.version.name) \(config.graph.inputShape.dims): the versions of a family take the same input")
                }
                let own = LiveDevice(config.running(version))
                let ownRunner = DevicePartRunner(graph: version.graph, weights: version.weights, threads: config.threads)
                let ownExpected = try await own.checkMetadata(edge)
                let ownProfile = try await own.measureProfile(edge: edge, feed: feed, cut: nil, runner: ownRunner, progress: progress)
                versions.append((LiveDriver.ModelPart(modelName: version.modelName, graph: version.graph, runner: ownRunner,
                                                      expected: ownExpected), ownProfile))
            }
            header.versions = zip(config.versions, versions).map { SessionModelVersion($0.version, model: $1.profile) }
            // The family's name, not its first version's model's, as `simulate --versions` and a fleet name it.
            if let family = config.versionFamily { header.model.name = family }
        }
        try onReady(header, profile)
        var driver = try LiveDriver(config: config, profile: profile, edge: edge, runner: runner, feed: feed,
                                    expected: expected, cut: cut, emit: emit, operators: operators, stop: stop, versions: versions)
        return try await driver.run()
    }

    /// The partition a foreign server's model fixes (`--edge-model`), from its metadata.
    private func foreignCut(_ edge: EdgeConnection) async throws -> ForeignCut {
        let config = configuration
        let metadata: Inference_ModelMetadataResponse
        do {
            metadata = try await edge.metadata(model: config.modelName)
        } catch {
            throw ForeignCutError("--edge-model \(config.modelName): \(config.edgeHost):\(config.edgePort) does not serve it "
                + "(ModelMetadata failed: \(LiveDriver.short(error)))")
        }
        return try ForeignCut(graph: config.graph, model: config.modelName, inputs: DeclaredTensor.of(metadata.inputs),
                              outputs: DeclaredTensor.of(metadata.outputs))
    }

    /// The model's output as the edge must return it, after checking the edge serves the model
    /// with the input the device sends.
    private func checkMetadata(_ edge: EdgeConnection) async throws -> OIPTensorSpec {
        let config = configuration
        let graph = config.graph
        let metadata: Inference_ModelMetadataResponse
        do {
            metadata = try await edge.metadata(model: config.modelName, timeoutMs: config.metadataTimeoutMs)
        } catch {
            throw LiveDeviceError("--edge \(config.edgeHost):\(config.edgePort): cannot read model \(config.modelName)'s metadata: \(Self.peerWords(error))")
        }
        let inputName = EdgeModel.tensorName(of: .input, in: graph)
        let inputShape = [graph.batchSize] + graph.inputShape.dims
        guard let input = metadata.inputs.first(where: { $0.name == inputName }) else {
            throw LiveDeviceError("the edge's \(config.modelName) has no input \(inputName) "
                + "(it has \(metadata.inputs.map(\.name).joined(separator: ", ")))")
        }
        let served = input.shape.map(Int.init)
        guard served.count == inputShape.count, zip(served, inputShape).allSatisfy({ $0 == $1 || $0 == -1 }) else {
            throw LiveDeviceError("the edge's \(config.modelName) takes \(inputName) as \(served), this device sends \(inputShape)")
        }
        let output = EdgeModel.tensorName(of: .layer(graph.layers.count - 1), in: graph)
        return OIPTensorSpec(name: output, shape: [graph.batchSize] + graph.layers[graph.layers.count - 1].outputShape.dims)
    }

    /// The profile the controller plans with: the device's layers measured here (stretched by the
    /// slowdown), the edge's scaled from them by the edge's own whole-model compute time.
    /// The median ms of whole-model runs on the device through the runner frames use.
    private func wholeModelMs(runner: DevicePartRunner, frame: BatchTensor, repeats: Int) throws -> Double {
        let all = Partition(onDevice: [Bool](repeating: true, count: configuration.graph.layers.count))
        var samples = [Double]()
        do {
            _ = try runner.runDevice(all, input: frame)
            for _ in 0..<max(1, repeats) { samples.append(try runner.runDevice(all, input: frame).ms) }
        } catch {
            throw LiveDeviceError(EngineError.message(error, model: configuration.graph.messageName))
        }
        return LayerProfiler.median(samples)
    }

    /// The factor that makes per-layer medians add up to the whole-model median: 1 when either is
    /// not a positive finite number, and never outside 0.5…3 (a wilder ratio is a disturbed
    /// measurement, not overhead).
    static func calibration(layerSumMs: Double, wholeMs: Double) -> Double {
        guard layerSumMs.isFinite, wholeMs.isFinite, layerSumMs > 0, wholeMs > 0 else { return 1 }
        return min(3, max(0.5, wholeMs / layerSumMs))
    }

    private func measureProfile(edge: EdgeConnection, feed: FrameFeed, cut: ForeignCut?, runner: DevicePartRunner,
                                progress: @Sendable (String) -> Void) async throws -> ModelProfile {
        let config = configuration
        let graph = config.graph
        let repeats = max(1, config.profileRepeats)
        progress("measuring \(graph.name)'s \(CountPhrase.of(graph.layers.count, "layer")) on this device (\(CountPhrase.of(repeats, "run")))…")
        var deviceMs: [Double]
        do {
            deviceMs = try LayerProfiler.medians(graph, config.weights, threads: config.threads, repeats: repeats)
        } catch {
            throw LiveDeviceError(EngineError.message(error, model: graph.messageName))
        }
        guard let frame = feed.frame(0) else { throw LiveDeviceError("no frame to time the edge with") }
        // Per-layer medians leave out what a frame pays between layers and around the part; scale
        // them so they add up to the median whole-model run on the path frames take.
        let layerSum = deviceMs.reduce(0, +)
        let whole = try wholeModelMs(runner: runner, frame: frame, repeats: repeats)
        let scale = Self.calibration(layerSumMs: layerSum, wholeMs: whole)
        deviceMs = deviceMs.map { $0 * scale }
        let deviceTotal = deviceMs.reduce(0, +)
        // Measured on this machine; a --slowdown device plans with these times multiplied, so say both.
        let slowedText = config.slowdown == 1 ? ""
            : String(format: ", %.1f ms as the slowed device (× %g)", deviceTotal * config.slowdown, config.slowdown)
        progress("device: \(String(format: "%.1f", deviceTotal)) ms for the whole model measured (layers add up to "
            + "\(String(format: "%.1f", layerSum)))\(slowedText); timing the edge…")
        if let cut {
            let edgeMs = try await timeForeignEdge(edge, cut: cut, frame: frame, runner: runner)
            let edgeLayers = graph.layers.indices.filter { !cut.partition.onDevice[$0] }
            let deviceMsThere = edgeLayers.reduce(0) { $0 + deviceMs[$1] }
            let ratio = deviceMsThere > 0 ? edgeMs / deviceMsThere : 1
            progress("edge: \(String(format: "%.1f", edgeMs)) ms for its \(CountPhrase.of(edgeLayers.count, "layer")) (median round trip of "
                + "\(max(1, config.edgeCalibrationRequests)); a foreign server reports no times of its own)")
            var profile = RooflineEstimator().profile(of: config.sentGraph)
            for index in profile.layers.indices {
                profile.layers[index].deviceMs = deviceMs[index] * config.slowdown
                profile.layers[index].edgeMs = deviceMs[index] * ratio
            }
            return profile
        }
        let tensor = try oipTensor(.input, frame)
        let output = EdgeModel.tensorName(of: .layer(graph.layers.count - 1), in: graph)
        let spec = OIPTensorSpec(name: output, shape: [graph.batchSize] + graph.layers[graph.layers.count - 1].outputShape.dims)
        var edgeSamples = [Double]()
        for request in 0..<(max(1, config.edgeCalibrationRequests) + 1) {
            do {
                let answer = try await edge.infer(model: config.modelName, tensors: [tensor], frameID: -1 - request,
                                                  partition: "calibration", expecting: spec, timeoutMs: 30_000)
                if request > 0 { edgeSamples.append(answer.computeMs) }  // the first warms the edge up
            } catch {
                throw LiveDeviceError("--edge \(config.edgeHost):\(config.edgePort): timing request failed: \(Self.peerWords(error))")
            }
        }
        let edgeTotal = LayerProfiler.median(edgeSamples)
        let ratio = deviceTotal > 0 ? edgeTotal / deviceTotal : 1
        progress("edge: \(String(format: "%.1f", edgeTotal)) ms for the whole model (median of \(edgeSamples.count))")
        var profile = RooflineEstimator().profile(of: config.sentGraph)
        for index in profile.layers.indices {
            profile.layers[index].deviceMs = deviceMs[index] * config.slowdown
            profile.layers[index].edgeMs = deviceMs[index] * ratio
        }
        return profile
    }

    /// Times a foreign server on its cut: the device part runs on one frame, and the boundary
    /// tensors go straight to the server (no emulated link) a few times; the median round trip, the
    /// first request left out as a warm-up, stands for the server's compute of its layers.
    private func timeForeignEdge(_ edge: EdgeConnection, cut: ForeignCut, frame: BatchTensor, runner: DevicePartRunner)
        async throws -> Double {
        let config = configuration
        let sent: [OIPTensor]
        do {
            let computed = try runner.runDevice(cut.partition, input: frame).tensors
            sent = try cut.boundary.map { source in
                let name = cut.names[source] ?? EdgeModel.tensorName(of: source, in: config.graph)
                guard let tensor = computed[source] else { throw LiveDeviceError("the device part did not return \(name)") }
                return try LiveDriver.oipTensor(name: name, tensor, as: .fp32)
            }
        } catch {
            throw LiveDeviceError("\(config.graph.messageName): the device part of the server's cut cannot run: \(error)")
        }
        let clock = ContinuousClock()
        var samples = [Double]()
        for request in 0..<(max(1, config.edgeCalibrationRequests) + 1) {
            let began = clock.now
            do {
                _ = try await edge.infer(model: config.modelName, tensors: sent, frameID: -1 - request, partition: "calibration",
                                         expecting: cut.output, requestOutput: true, timeoutMs: 30_000)
            } catch {
                throw LiveDeviceError("--edge-model \(config.modelName): timing request failed: \(LiveDriver.short(error))")
            }
            if request > 0 { samples.append((clock.now - began) / .milliseconds(1)) }
        }
        return LayerProfiler.median(samples)
    }

    /// The session header: `source: "live"`, the measured model and the settings.
    ///
    /// The policy of a device that follows a splitscope edge's assignment while the edge is shared
    /// (an adaptive policy, no `--edge-model` cut) is recorded as such,
    /// `edge-assigned (mincut when alone)` (``EdgeAssignedPolicy``), not as its own policy alone.
    func header(profile: ModelProfile, cut: ForeignCut? = nil) -> SessionHeader {
        let config = configuration
        let slowed = config.slowdown == 1 ? "" : String(format: " × %g slowdown", config.slowdown)
        let policy = EdgeAssignedPolicy.recordedName(of: config.policy, foreignCut: cut != nil)
        return SessionHeader(
            startTime: config.clock.startTime, source: .live, fps: config.fps, policy: policy, model: profile,
            device: SessionDeviceInfo(name: "device", compute: "measured here, \(config.threads) thread(s)\(slowed)",
                                      power: SessionPowerModel(config.power), batteryMWh: config.batteryMWh),
            edge: SessionEdgeInfo(name: "\(config.edgeHost):\(config.edgePort)", compute: cut.map { cut in
                "OIP model \(cut.model) (--edge-model): serves only the cut after \(cut.partition.deviceLayerCount) device "
                    + "layers; its times measured at start by timing \(max(1, config.edgeCalibrationRequests)) round trips, "
                    + "as a server other than splitscope reports none; its load unknown unless it reports it"
            } ?? "measured by the edge (OIP)"),
            link: SessionLinkSettings(rttMs: config.rttMs, bandwidth: config.trace?.name ?? "loopback (measured)",
                                      estimator: config.estimator.description),
            constraints: SessionConstraints(config.constraints))
    }

    private func oipTensor(_ source: TensorSource, _ tensor: BatchTensor) throws -> OIPTensor {
        try LiveDriver.oipTensor(name: EdgeModel.tensorName(of: source, in: configuration.graph), tensor, as: configuration.boundary)
    }

    /// What the edge (or the link to it) said, as the device prints it: its words are the
    /// network's, so escaped and bounded by ``DisplayText``.
    static func peerWords(_ error: any Error) -> String {
        DisplayText.escaped("\(error)", limit: 300)
    }
}

/// Tells a running ``LiveDevice`` to finish: no new frames; the frame in flight completes.
public final class LiveStop: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    public init() {}

    /// Asks the device to stop (safe from any thread, e.g. a signal handler's queue).
    public func stop() {
        lock.withLock { stopped = true }
    }

    public var isStopped: Bool {
        lock.withLock { stopped }
    }
}

/// What a live session did, for the command's closing lines.
public struct LiveReport: Hashable, Sendable {
    public var summary: SessionSummary
    /// Frames per second processed (not dropped) over the session's length.
    public var framesPerSecond: Double
    /// Median of |measured − predicted| / measured over the frames the edge answered.
    public var medianPredictionError: Double?
    /// Seconds from each `edge_back` fault event to the next frame the edge answered.
    public var recoveries: [Double]
    public var durationS: Double
}

/// The live device could not start or go on; the message names the flag or file.
public struct LiveDeviceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
