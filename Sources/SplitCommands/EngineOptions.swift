import ArgumentParser
import Foundation
import SplitEngine
import SplitModels
import SplitTensorIO

/// What a command that runs real layers needs: a model, its weights, and the engine's threads.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: "A built-in model (see `splitscope models`).")
    var model: String?

    @Option(name: .long, help: "Weights: seed:N for seeded deterministic weights (He scaling).")
    var weights: String = "seed:1"

    @Option(name: .long, help: "Input side in pixels for zoo models (default 224; 32 for smallcnn).")
    var inputSize: Int?

    @Option(name: .long, help: "Batch size.")
    var batch: Int = 1

    @Option(name: .long, help: "Worker threads for the engine (1 runs on the calling thread).")
    var threads: Int = 1

    /// The model's graph, with a float32 input as the engine takes it.
    func graph() throws -> ModelGraph {
        guard let model else {
            throw CommandError("give --model NAME (one of \(ModelZoo.names.joined(separator: ", ")))")
        }
        _ = try checked(Quantity.batch, batch, flag: "--batch")
        let graph: ModelGraph
        do {
            graph = try ModelZoo.model(named: model, inputSize: inputSize, batchSize: batch, inputElement: .float32)
        } catch {
            throw CommandError("--model: \(error)")
        }
        // The input and the largest layer output live at once: refuse before allocating them.
        let largest = graph.layers.map(\.outputShape.elementCount).max() ?? 0
        let needed = 4 * graph.batchSize * (graph.inputShape.elementCount + largest)
        guard needed <= ModelPart.physicalMemory else {
            throw CommandError("--batch \(batch): \(graph.name) needs at least \(Format.bytes(needed)) of activations, "
                + "more than this machine's \(Format.bytes(ModelPart.physicalMemory))")
        }
        return graph
    }

    /// The seed `--weights seed:N` names.
    var weightSeed: UInt64 {
        get throws { try Self.seed(from: weights) }
    }

    /// The weights the options name for this graph.
    func modelWeights(for graph: ModelGraph) throws -> ModelWeights {
        try Self.seededWeights(for: graph, seed: try weightSeed)
    }

    /// The seed in a `seed:N` weights argument.
    static func seed(from text: String) throws -> UInt64 {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == "seed", let seed = UInt64(parts[1]) else {
            throw CommandError("--weights must be seed:N with N a whole number from 0 to \(UInt64.max), got \"\(text)\"")
        }
        return seed
    }

    /// Seeded weights, refused when they cannot fit in memory (the engine packs a second copy).
    static func seededWeights(for graph: ModelGraph, seed: UInt64) throws -> ModelWeights {
        let bytes = 4 * graph.totalParams
        guard bytes <= ModelPart.physicalMemory / 2 else {
            throw CommandError("\(graph.name) has \(Format.count(graph.totalParams)) parameters (\(Format.bytes(bytes))), "
                + "more than half this machine's \(Format.bytes(ModelPart.physicalMemory)); try a smaller --input-size")
        }
        return ModelWeights.seeded(for: graph, seed: seed)
    }

    /// The thread pool `--threads` asks for.
    func pool() throws -> ThreadPool {
        ThreadPool(threads: Int(try checked(Quantity.threads, threads, flag: "--threads")))
    }
}

/// A number from a flag checked against its quantity, or a usage error naming the flag.
func checked(_ quantity: Quantity, _ value: Int, flag: String) throws -> Double {
    do {
        return try quantity.check(Double(value))
    } catch {
        throw CommandError("\(flag): \(error)")
    }
}
