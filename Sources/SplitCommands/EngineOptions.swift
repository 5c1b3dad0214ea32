import ArgumentParser
import Foundation
import SplitEngine
import SplitModels
import SplitONNX
import SplitTensorIO

/// What a command that runs real layers needs: a model, its weights, and the engine's threads.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: "A built-in model (see `splitscope models`).")
    var model: String?

    @Option(name: .long, help: "An ONNX model file: graph, shapes and weights come from it.")
    var modelFile: String?

    @Option(name: .customLong("weights"),
            help: "Weights for zoo models: seed:N for seeded deterministic weights (He scaling; default seed:1), or a weights folder (docs/weights-folder.md).")
    var weightsOption: String?

    @Option(name: .long, parsing: .unconditional, help: "Input side in pixels for zoo models (default 224; 32 for smallcnn).")
    var inputSize: FlagInteger?

    @Option(name: .long, parsing: .unconditional, help: "Batch size (default 1, or the first dimension of a 4-D --input).")
    var batch: FlagInteger?

    @Option(name: .long, parsing: .unconditional, help: "Worker threads for the engine (1 runs on the calling thread).")
    var threads: FlagInteger = 1

    /// The `--weights` text, `seed:1` when not given.
    var weights: String { weightsOption ?? "seed:1" }

    /// The model's graph, with a float32 input as the engine takes it.
    func graph() throws -> ModelGraph {
        try load().graph
    }

    /// The model's graph (float32 input) and its weights: seeded or from a weights folder for a zoo
    /// model, the file's own for `--model-file`.
    ///
    /// `impliedBatch` is the batch an input tensor brings, used when `--batch` is not given;
    /// `fileFlag` names the model file in messages (nil for a file a versions manifest names).
    func load(impliedBatch: Int? = nil, fileFlag: String? = "--model-file") throws -> (graph: ModelGraph, weights: ModelWeights) {
        let graph: ModelGraph
        var fileWeights: ModelWeights?
        let batch = try batch.map { try Quantity.batch.checked($0, flag: "--batch") }.map { Int($0) } ?? impliedBatch ?? 1
        let side = try inputSize.map { Int(try Quantity.inputSide.checked($0, flag: "--input-size")) }
        switch (model, modelFile) {
        case (.some, .some):
            throw CommandError("give --model or --model-file, not both")
        case (nil, nil):
            throw CommandError("give --model NAME (one of \(ModelZoo.names.joined(separator: ", "))) or --model-file FILE.onnx")
        case (.some(let model), nil):
            do {
                graph = try ModelZoo.model(named: model, inputSize: side, batchSize: batch, inputElement: .float32)
            } catch {
                throw CommandError("--model: \(error)")
            }
        case (nil, .some(let path)):
            guard inputSize == nil else {
                throw CommandError("--input-size applies to zoo models only: \(path) fixes its own input size")
            }
            guard weightsOption == nil else {
                throw CommandError("--weights applies to zoo models only: \(path) carries its own weights")
            }
            let imported = try Self.importFile(path, flag: fileFlag, batch: batch)
            graph = imported.graph
            fileWeights = imported.weights
        }
        // The input and the largest layer output live at once: refuse before allocating them.
        let largest = graph.layers.map(\.outputShape.elementCount).max() ?? 0
        let needed = 4 * graph.batchSize * (graph.inputShape.elementCount + largest)
        guard needed <= ModelPart.physicalMemory else {
            throw CommandError("--batch \(batch): \(graph.messageName) needs at least \(Format.bytes(needed)) of activations, "
                + "more than this machine's \(Format.bytes(ModelPart.physicalMemory))")
        }
        // Physical memory is not the only ceiling: an address-space limit (`ulimit -v`) or a
        // container's is met first, and a failed allocation must be a message, not an abort.
        guard MemoryProbe.canAllocate(bytes: needed) else {
            throw CommandError("--batch \(batch): cannot allocate \(Format.grouped(needed)) bytes of activations for \(graph.messageName) "
                + "at batch \(graph.batchSize): \(MemoryProbe.failureReason)")
        }
        if let fileWeights { return (graph, fileWeights) }
        return (graph, try Self.zooWeights(weights, for: graph))
    }

    /// The thread count `--threads` asks for: from 1 to this machine's cores.
    var threadCount: Int {
        get throws { try ThreadCount.checked(threads, flag: "--threads") }
    }

    func validate() throws {
        try ThreadCount.validate(threads, flag: "--threads")
    }

    /// Weights for a zoo model from a `--weights` argument: `seed:N`, or a weights folder checked
    /// against the model (every layer's tensors present, with the shapes the layer needs).
    static func zooWeights(_ argument: String, for graph: ModelGraph, flag: String = "--weights") throws -> ModelWeights {
        if argument.hasPrefix("seed:") {
            return try seededWeights(for: graph, seed: try seed(from: argument))
        }
        return try WeightsFolderFiles.read(argument, for: graph, flag: flag)
    }

    /// An ONNX file given with `flag` (nil: named by a versions manifest) imported for the engine
    /// (float32 input); `batch` other than 1 fills a dynamic batch.
    static func importFile(_ path: String, flag: String?, batch: Int = 1) throws -> ImportedModel {
        try ModelFile.importModel(path, flag: flag,
                                  options: ONNXImportOptions(batchSize: batch == 1 ? nil : batch, inputElement: .float32))
    }

    /// The seed `--weights seed:N` names, or 1 when the weights come from a folder (it seeds a random input).
    var weightSeed: UInt64 {
        get throws { weights.hasPrefix("seed:") ? try Self.seed(from: weights) : 1 }
    }

    /// The seed in a `seed:N` weights argument.
    static func seed(from text: String) throws -> UInt64 {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == "seed", let seed = UInt64(parts[1]) else {
            throw CommandError("--weights must be seed:N with N a whole number from 0 to \(UInt64.max), or a weights folder, got \"\(text)\"")
        }
        return seed
    }

    /// Seeded weights, refused when they cannot fit in memory (the engine packs a second copy).
    static func seededWeights(for graph: ModelGraph, seed: UInt64) throws -> ModelWeights {
        let bytes = 4 * graph.totalParams
        guard bytes <= ModelPart.physicalMemory / 2 else {
            throw CommandError("\(graph.messageName) has \(Format.count(graph.totalParams)) parameters (\(Format.bytes(bytes))), "
                + "more than half this machine's \(Format.bytes(ModelPart.physicalMemory)); try a smaller --input-size")
        }
        guard MemoryProbe.canAllocate(bytes: 2 * bytes) else {
            throw CommandError("cannot allocate \(Format.grouped(bytes)) bytes of weights for \(graph.messageName) (and the engine's packed copy): "
                + MemoryProbe.failureReason)
        }
        return ModelWeights.seeded(for: graph, seed: seed)
    }

    /// The thread pool `--threads` asks for.
    func pool() throws -> ThreadPool {
        ThreadPool(threads: try threadCount)
    }
}
