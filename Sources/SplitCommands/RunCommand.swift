import ArgumentParser
import Foundation
import SplitEngine
import SplitJSON
import SplitModels
import SplitTensorIO

/// `splitscope run`: a model's real layers on a real tensor, whole or split, timed per layer.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a model through the XNNPACK engine on an input tensor, whole or split into device and edge parts.",
        discussion: """
        The input is a NumPy .npy file (little-endian float32, C order, shape [N, 3, H, W] or [3, H, W] \
        for batch 1), or a seeded random tensor when none is given. With --split K the first K layers \
        run as the device part and the rest as the edge part, fed exactly the tensors the device \
        part sends; --device-layers names any device part closed under predecessors instead. \
        --repeat R times R warm runs and prints the median, p10 and p90 latency.
        """
    )

    @OptionGroup var engine: EngineOptions

    @Option(name: .long, help: "Input tensor (.npy, float32).")
    var input: String?

    @Option(name: .long, help: "Write the model output (or the --outputs tensors) to this .npy file.")
    var output: String?

    @Option(name: .long, help: "Comma-separated layer names or ONNX value names whose outputs to return (written beside --output as FILE.NAME.npy when several); layer:NAME or value:NAME when a name is both.")
    var outputs: String?

    @Option(name: .long, parsing: .unconditional, help: "Run the first K layers as the device part and the rest as the edge part.")
    var split: FlagInteger?

    @Option(name: .long, help: "Comma-separated device layers (closed under predecessors; layer:NAME or value:NAME when a name is both); the rest run as the edge part.")
    var deviceLayers: String?

    @Option(name: .long, parsing: .unconditional, help: "Timed runs after one warm-up run.")
    var `repeat`: FlagInteger = 1

    @Option(name: .long, help: "Write the zoo model's weights in use (seed:N or a folder) as a weights folder (docs/weights-folder.md).")
    var saveWeights: String?

    @Flag(name: .long, help: "Print JSON: median_ms, p10_ms, p90_ms, threads, layers, peak_activation_bytes.")
    var json = false

    func run() throws {
        let graph: ModelGraph, wanted: [TensorSource], files: [String], x: BatchTensor, runner: Runner
        let repeats = Int(try Quantity.repeats.checked(`repeat`, flag: "--repeat"))
        if saveWeights != nil, let file = engine.modelFile {
            throw CommandError("--save-weights applies to zoo models only: \(file) already holds its weights")
        }
        do {
            // The input comes first: a 4-D input's first dimension is the batch unless --batch says otherwise.
            let given = try readInput()
            let impliedBatch = given.flatMap { $0.tensor.shape.count == 4 ? $0.tensor.shape[0] : nil }
            if let impliedBatch, let given, engine.batch == nil, !Quantity.batch.accepts(Double(impliedBatch)) {
                // The batch limit in the words and digits --batch gives it (not "65.5 k").
                throw CommandError("\(given.path): its first dimension, the batch, is \(impliedBatch); "
                    + "a batch size must be \(Quantity.batch.rangeDescription)")
            }
            // The weights live only in this scope: once the operators have packed them, the
            // packed copy is the only one held while the model runs.
            let loaded = try engine.load(impliedBatch: impliedBatch)
            graph = loaded.graph
            if let saveWeights {
                try WeightsFolderFiles.write(loaded.weights, for: graph, to: saveWeights, flag: "--save-weights")
            }
            let onDevice = try partition(graph)
            let named = try namedOutputs(graph)
            // The --outputs tensors, else the model's output.
            wanted = named.isEmpty ? [.layer(graph.layers.count - 1)] : named
            // Refused before any run: two tensors whose files collide would lose one silently.
            files = try output.map { try Self.outputFiles(wanted, graph: graph, path: $0) } ?? []
            // And a file that cannot be written (a folder, a pipe no one reads) before the model is built.
            for file in files { try OutputFile.check(path: file, flag: "--output") }
            x = try inputTensor(graph, given: given)
            runner = try Runner(graph: graph, weights: loaded.weights, onDevice: onDevice, extraOutputs: named,
                                pool: try engine.pool())
        }

        _ = try runner.run(x)  // warm-up: first-touch of buffers and caches
        var totals = [Double]()
        var deviceTotals = [Double](), edgeTotals = [Double]()
        var layerSamples = [[Double]](repeating: [], count: graph.layers.count)
        var last: Runner.Result?
        for _ in 0..<repeats {
            let result = try runner.run(x)
            totals.append(result.milliseconds)
            if let parts = result.partMilliseconds {
                deviceTotals.append(parts.device)
                edgeTotals.append(parts.edge)
            }
            for time in result.layerTimes { layerSamples[time.layer].append(time.milliseconds) }
            last = result
        }
        guard let last else { return }
        let layerMedians = layerSamples.map { Percentiles.of($0).median }
        let summary = Percentiles.of(totals)
        for (source, file) in zip(wanted, files) {
            guard let tensor = last.outputs[source] else { continue }
            try OutputFile.write(NumPyFile.encode(tensor.channelsFirst), to: file, flag: "--output")
        }
        if json {
            Console.line(jsonReport(graph: graph, summary: summary, layerMedians: layerMedians, runner: runner).serialized())
            return
        }
        Console.line("\(graph.name): \(Format.counted(graph.layers.count, "layer")), input \(([graph.batchSize] + graph.inputShape.dims).map(String.init).joined(separator: "×")), "
            + "weights \(engine.modelFile.map { "from \($0)" } ?? engine.weights), \(Format.counted(runner.threads, "thread")), "
            + "input \(input ?? "seeded random")")
        if let split = runner.split {
            let bytes = split.boundary.reduce(0) { $0 + 4 * graph.batchSize * Self.shape(of: $1, in: graph).elementCount }
            Console.line("split: \(split.device.layers.filter { $0 }.count) device layers, sends "
                + split.boundary.map { Self.tensorName($0, in: graph) }.joined(separator: ", ") + " (\(Format.grouped(bytes)) B); "
                + "median device part \(Format.fixed(Percentiles.of(deviceTotals).median, 2)) ms, "
                + "edge part \(Format.fixed(Percentiles.of(edgeTotals).median, 2)) ms")
        }
        Console.line("latency over \(Format.counted(repeats, "run")): median \(Format.fixed(summary.median, 2)) ms, "
            + "p10 \(Format.fixed(summary.p10, 2)) ms, p90 \(Format.fixed(summary.p90, 2)) ms; "
            + "peak activations \(Format.grouped(runner.activationBytes)) B")
        for source in wanted {
            guard let tensor = last.outputs[source] else { continue }
            Console.line(describe(tensor, name: Self.tensorName(source, in: graph)))
        }
    }

    /// The device layers `--split` or `--device-layers` ask for, nil to run unsplit.
    private func partition(_ graph: ModelGraph) throws -> [Bool]? {
        let count = graph.layers.count
        switch (split, deviceLayers) {
        case (.some, .some):
            throw CommandError("give --split or --device-layers, not both")
        case (.some(let given), nil):
            let k = Int(try Quantity.split(layerCount: count).checked(given, flag: "--split"))
            return (0..<count).map { $0 < k }
        case (nil, .some(let list)):
            var onDevice = [Bool](repeating: false, count: count)
            for name in try CommaList.names(list, flag: "--device-layers") {
                let index = try LayerArgument.index(of: name, in: graph, flag: "--device-layers")
                guard !onDevice[index] else {
                    throw CommandError("--device-layers: \"\(name)\" names \(Self.tensorName(.layer(index), in: graph)) again; name each layer once")
                }
                onDevice[index] = true
            }
            do {
                _ = try SplitExecution.boundary(of: graph, onDevice: onDevice)
            } catch {
                throw CommandError("--device-layers: \(error)")
            }
            return onDevice
        case (nil, nil):
            return nil
        }
    }

    private func namedOutputs(_ graph: ModelGraph) throws -> [TensorSource] {
        guard let outputs else { return [] }
        var sources = [TensorSource]()
        for name in try CommaList.names(outputs, flag: "--outputs") {
            let index = try LayerArgument.index(of: name, in: graph, flag: "--outputs")
            // A layer and its ONNX value name are two names of one tensor: asked for once.
            guard !sources.contains(.layer(index)) else {
                throw CommandError("--outputs: \"\(name)\" names \(Self.tensorName(.layer(index), in: graph)) again; name each tensor once")
            }
            sources.append(.layer(index))
        }
        return sources
    }

    /// The `--input` file decoded and checked to hold finite numbers, nil when none is given.
    private func readInput() throws -> (path: String, tensor: FloatTensor)? {
        guard let path = input else { return nil }
        let data = try InputFile.readData(path: path, what: "input tensor")
        let tensor: FloatTensor
        do {
            tensor = try NumPyFile.decode(data)
        } catch {
            throw CommandError("\(path): \(error)")
        }
        // XNNPACK's output clamps turn NaN and overflow into numbers: such an input would give a
        // plausible, wrong answer. Refuse it, naming the file and the first such element (file order).
        if let index = ValueGuard.firstRefusedInput(tensor.elements) {
            throw CommandError("\(path): \(ValueGuard.refusal(element: index, value: tensor.elements[index]))")
        }
        return (path, tensor)
    }

    /// The `--input` tensor checked against the model's input shape, or a seeded random input.
    private func inputTensor(_ graph: ModelGraph, given: (path: String, tensor: FloatTensor)?) throws -> BatchTensor {
        let expected = [graph.batchSize] + graph.inputShape.dims
        guard let given else {
            var state = (try engine.weightSeed) &+ 0x5EED
            let elements = (0..<(graph.batchSize * graph.inputShape.elementCount)).map { _ -> Float in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Float(state >> 40) / Float(1 << 24) * 2 - 1
            }
            guard let tensor = BatchTensor(sampleShape: graph.inputShape, batch: graph.batchSize, elements: elements) else {
                throw CommandError("cannot make an input of shape \(expected)")
            }
            return tensor
        }
        let path = given.path
        let tensor = given.tensor
        // Like ONNX Runtime, a tensor without the batch axis is refused rather than guessed at.
        guard tensor.shape == expected, let batch = BatchTensor(channelsFirst: tensor) else {
            throw CommandError("\(path): shape \(NumPyFile.shapeText(tensor.shape)) does not match \(graph.name)'s input "
                + "\(NumPyFile.shapeText(expected)) (batch, channels, height, width)"
                + NumPyFile.missingBatchHint(tensor.shape, expected: expected))
        }
        return batch
    }

    /// The file each tensor is written to: `path` for one, `STEM.NAME.npy` for several (`/` in a
    /// name becomes `_`); refuses, naming both, two tensors whose files would be the same.
    static func outputFiles(_ sources: [TensorSource], graph: ModelGraph, path: String) throws(CommandError) -> [String] {
        guard sources.count > 1 else { return sources.map { _ in path } }
        let stem = path.hasSuffix(".npy") ? String(path.dropLast(4)) : path
        var owner = [String: String]()
        var files = [String]()
        for source in sources {
            let name = tensorName(source, in: graph)
            let file = "\(stem).\(name.replacingOccurrences(of: "/", with: "_")).npy"
            if let other = owner[file] {
                throw CommandError("--outputs: \"\(other)\" and \"\(name)\" would both be written to \(file); "
                    + "ask for one of them per run (or give them in two runs)")
            }
            owner[file] = name
            files.append(file)
        }
        return files
    }

    /// One line per output: shape, range, and for a classifier the top classes.
    private func describe(_ tensor: BatchTensor, name: String) -> String {
        let shape = ([tensor.batch] + tensor.sampleShape.dims).map(String.init).joined(separator: "×")
        let low = tensor.elements.min() ?? 0, high = tensor.elements.max() ?? 0
        var line = "\(name): \(shape), min \(Format.fixed(Double(low), 4)), max \(Format.fixed(Double(high), 4))"
        if tensor.sampleShape.dims.count == 1 {
            let first = tensor.elements.prefix(tensor.sampleShape.elementCount)
            let top = first.indices.sorted { first[$0] > first[$1] }.prefix(5)
            line += "; top classes of sample 0: " + top.map { "\($0) (\(Format.fixed(Double(first[$0]), 3)))" }.joined(separator: ", ")
        }
        return line
    }

    private func jsonReport(graph: ModelGraph, summary: Percentiles, layerMedians: [Double], runner: Runner) -> JSONValue {
        let layers: [JSONValue] = graph.layers.indices.map { i in
            .object(JSONObject([("name", .string(graph.layers[i].name)), ("ms", .number(layerMedians[i]))]))
        }
        var members: [(String, JSONValue)] = [
            ("median_ms", .number(summary.median)), ("p10_ms", .number(summary.p10)), ("p90_ms", .number(summary.p90)),
            ("threads", .number(Double(runner.threads))), ("layers", .array(layers)),
            ("peak_activation_bytes", .number(Double(runner.activationBytes))),
        ]
        if let split = runner.split {
            members.append(("boundary", .array(split.boundary.map { .string(Self.tensorName($0, in: graph)) })))
        }
        return .object(JSONObject(members))
    }

    /// A tensor's name as the model has it: the ONNX value name for an imported layer, else the layer's name.
    static func tensorName(_ source: TensorSource, in graph: ModelGraph) -> String {
        switch source {
        case .input: graph.inputName ?? "input"
        case .layer(let i): graph.layers.indices.contains(i) ? graph.layers[i].tensorName : source.name(in: graph)
        }
    }

    static func shape(of source: TensorSource, in graph: ModelGraph) -> TensorShape {
        switch source {
        case .input: graph.inputShape
        case .layer(let i): graph.layers[i].outputShape
        }
    }
}
