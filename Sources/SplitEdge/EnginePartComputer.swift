import Foundation
import SplitEngine
import SplitModels

/// Computes edge work with the engine: builds (and keeps) one `ModelPart` per distinct set of
/// layers, outputs and batch size, and runs it on the given tensors.
///
/// Building a part packs its weights, so parts are kept, at most `maximumParts` of them, the
/// least recently used dropped first. `@unchecked Sendable`: the cache is only touched under `lock`.
public final class EnginePartComputer: PartComputing, @unchecked Sendable {
    public let graph: ModelGraph
    public let weights: ModelWeights
    public let pool: ThreadPool
    public let maximumParts: Int

    private struct Key: Hashable {
        var layers: [Bool]
        var outputs: [TensorSource]
        var batch: Int
    }

    private let lock = NSLock()
    private var parts: [Key: ModelPart] = [:]
    private var recent: [Key] = []

    public init(graph: ModelGraph, weights: ModelWeights, pool: ThreadPool, maximumParts: Int = 8) {
        self.graph = graph
        self.weights = weights
        self.pool = pool
        self.maximumParts = max(1, maximumParts)
    }

    public func compute(_ work: EdgeWork, given: [TensorSource: FloatTensor]) throws -> [TensorSource: FloatTensor] {
        let outputs = work.computedOutputs
        guard !outputs.isEmpty else { return [:] }
        let part = try self.part(layers: work.layers, outputs: outputs, batch: work.batch)
        var inputs = [TensorSource: BatchTensor]()
        for source in part.inputs {
            guard let tensor = given[source], let batch = BatchTensor(channelsFirst: tensor) else {
                throw EngineError.missingInput(tensor: EdgeModel.tensorName(of: source, in: graph))
            }
            inputs[source] = batch
        }
        let result: PartResult
        do {
            result = try part.run(inputs)
        } catch {
            // NaN, infinity or overflow in what the client sent: its request is at fault, not the edge.
            if error.isCausedByInput { throw EdgeRequestError.malformed("\(graph.name): \(error)") }
            throw error
        }
        var computed = [TensorSource: FloatTensor]()
        for source in outputs {
            guard let tensor = result.outputs[source] else {
                throw EngineError.invalidPart("the engine returned no \(EdgeModel.tensorName(of: source, in: graph))")
            }
            computed[source] = tensor.channelsFirst
        }
        return computed
    }

    /// Builds (and keeps) the part for these layers and outputs now, so the first request that
    /// needs it does not pay for packing the weights; throws what the engine finds wrong with it.
    ///
    /// Returns the part kept, for a caller that times it before serving (the edge's thread choice).
    @discardableResult
    public func prepare(layers: [Bool], outputs: [TensorSource], batch: Int) throws -> ModelPart {
        try part(layers: layers, outputs: outputs, batch: batch)
    }

    /// The part for these layers and outputs, built on first use.
    private func part(layers: [Bool], outputs: [TensorSource], batch: Int) throws -> ModelPart {
        let key = Key(layers: layers, outputs: outputs, batch: batch)
        lock.lock()
        defer { lock.unlock() }
        if let part = parts[key] {
            recent.removeAll { $0 == key }
            recent.append(key)
            return part
        }
        var batched = graph
        batched.batchSize = batch
        let part = try ModelPart(graph: batched, weights: weights, layers: layers, outputs: outputs, pool: pool)
        parts[key] = part
        recent.append(key)
        while recent.count > maximumParts {
            parts[recent.removeFirst()] = nil
        }
        return part
    }
}
