import ArgumentParser
import SplitControl
import SplitCost
import SplitData
import SplitEngine
import SplitJSON
import SplitModels
import SplitSession
import SplitSimulator
import SplitTraces

/// `simulate --cascade`: the flags of an AppealNet cascade session.
struct SimulateCascadeOptions: ParsableArguments {
    @Flag(name: .long, help: "Simulate an AppealNet cascade: --model-file is the device model, --edge-model-file the edge model; each frame is a real test image.")
    var cascade = false

    @Option(name: .long, help: "With --cascade: the edge model, which answers appealed frames.")
    var edgeModelFile: String?

    @OptionGroup var frames: CascadeFrameOptions

    /// A usage error when a cascade flag is given without `--cascade`.
    func refuseWithoutCascade() throws {
        let given = (edgeModelFile != nil ? ["--edge-model-file"] : []) + frames.givenFlags
        if let flag = given.first {
            throw CommandError("\(flag) is for --cascade; add --cascade or leave it out")
        }
    }
}

extension SimulateCommand {
    /// Runs a cascade session: both models answer real test images on the engine; compute takes
    /// the roofline times of the device model (device) and the edge model (edge), appeals the trace's time.
    func runCascade(_ loaded: LoadedModel, trace bandwidth: BandwidthTrace, settings: SimulationSettings,
                    clock: any SessionClock) throws {
        let options = cascadeOptions
        guard let deviceFile = model.zoo.modelFile, let graph = loaded.graph else {
            throw CommandError("--cascade needs --model-file FILE.onnx, the device model")
        }
        guard let edgeFile = options.edgeModelFile else {
            throw CommandError("--cascade needs --edge-model-file FILE.onnx, the model appealed frames go to")
        }
        if policy != "mincut" { throw CommandError("--policy does not apply to --cascade: the device runs its whole model") }
        if control != nil || pace != nil { throw CommandError("--control and --pace are not supported with --cascade yet") }
        if !`operator`.isEmpty { throw CommandError("--operator is not supported with --cascade") }
        let threshold = try options.frames.threshold()
        // Checked before the data set is read, so a wrong file is said at once.
        try ModelFile.check(edgeFile, flag: "--edge-model-file")
        let dataSet = try options.frames.dataSet()
        let images = try dataSet.load(from: options.frames.dataPath)
        let frameCount = Int((settings.durationS * settings.fps).rounded(.down))
        let shown = images.prefix(max(1, min(frameCount, images.count)))
        let edgeImported = try EngineOptions.importFile(edgeFile, flag: "--edge-model-file", batch: 1)
        try EvalCommand.checkFits(graph, file: deviceFile, data: dataSet, images: shown)
        try EvalCommand.checkFits(edgeImported.graph, file: edgeFile, data: dataSet, images: shown)
        guard let weights = loaded.weights else { throw CommandError("\(deviceFile): no weights", isUsage: false) }
        let pool = ThreadPool(threads: 1)
        let device = CascadeMeasurement.Model(
            runner: try Runner(graph: graph, weights: weights, onDevice: nil, extraOutputs: [], pool: pool),
            logits: .layer(graph.layers.count - 1))
        let edge = CascadeMeasurement.Model(
            runner: try Runner(graph: edgeImported.graph, weights: edgeImported.weights, onDevice: nil, extraOutputs: [], pool: pool),
            logits: .layer(edgeImported.graph.layers.count - 1))
        var bar = ProgressBar()
        let measured = try CascadeMeasurement.run(shown, device: device, edge: edge, warmUp: 0) { done in
            bar.update(Double(done) / Double(shown.count), label: "answers for \(done) of \(shown.count) images")
        }
        bar.finish()
        // Compute times from the roofline, as every simulated session's: the same command writes the same file.
        let deviceMs = loaded.profile.layers.reduce(0) { $0 + $1.deviceMs }
        let edgeProfile = model.zoo.estimator.profile(of: edgeImported.graph)
        let edgeMs = edgeProfile.layers.reduce(0) { $0 + $1.edgeMs }
        let inputs = measured.samples.map { sample in
            CascadeSample(confidence: sample.confidence, deviceCorrect: sample.deviceCorrect, edgeCorrect: sample.edgeCorrect,
                          deviceMs: deviceMs, edgeMs: edgeMs)
        }
        let simulator = CascadeSimulator(inputs: inputs, trace: bandwidth, settings: settings, threshold: threshold,
                                         inputBytes: loaded.profile.inputBytes, deviceLayers: loaded.profile.layerCount)
        var header = header(settings: settings, policy: simulator.policyName, profile: loaded.profile, trace: bandwidth, clock: clock)
        // The edge model's own layers, so a replay draws the appeals' work with them.
        header.appealModel = SessionAppealModel(name: edgeProfile.name, model: edgeProfile)
        let writer = try out.map { try openWriter($0, header: header) }
        let summary = try simulator.run(emit: { try writer?.append($0) })
        try writer?.close()
        if json {
            let policies = Self.json([summary], oracle: nil).objectValue?["policies"] ?? .null
            let object = JSONValue.object(JSONObject([("policies", policies), ("cascade", SessionDigest.cascadeJSON(summary.cascade))]))
            Console.line(object.prettySerialized())
        } else {
            Console.line("\(loaded.profile.name) → \(edgeImported.graph.name) cascade over \(bandwidth.name) (mean "
                + "\(Format.fixed(bandwidth.meanRate)) Mbit/s), \(Format.fixed(settings.durationS, 0)) s at "
                + "\(Format.fixed(settings.fps, 1)) fps, RTT \(Format.fixed(settings.rttMs, 0)) ms, appeal below \(Format.plain(threshold))")
            Console.write(Self.table([summary], oracle: nil))
            if let line = SessionDigest.cascadeLine(summary.cascade) { Console.line(line) }
            if let out { Console.line("session written to \(out)") }
        }
    }
}
