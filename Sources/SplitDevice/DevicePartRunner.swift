import Foundation
import SplitCost
import SplitEngine
import SplitModels

/// Runs the device's side of a partition on the engine: the device part from a frame, and — when
/// the edge is lost mid-frame — the remaining layers from the tensors that were to be sent.
///
/// Parts are built on first use and kept (building packs weights), a few partitions at a time,
/// the least recently used dropped first. Not thread-safe: the live device runs one frame at a time.
final class DevicePartRunner: @unchecked Sendable {
    let graph: ModelGraph
    let weights: ModelWeights
    let pool: ThreadPool
    private var device: [[Bool]: (part: ModelPart?, boundary: [TensorSource])] = [:]
    private var rest: [[Bool]: ModelPart] = [:]
    private var recent: [[Bool]] = []
    private let keep = 6

    convenience init(graph: ModelGraph, weights: ModelWeights, threads: Int) {
        self.init(graph: graph, weights: weights, pool: ThreadPool(threads: threads))
    }

    /// A runner sharing another's threads: the same model at another batch size.
    init(graph: ModelGraph, weights: ModelWeights, pool: ThreadPool) {
        self.graph = graph
        self.weights = weights
        self.pool = pool
    }

    /// A runner of the same model and threads for frames of `batch` samples; its parts are its own
    /// (built on first use, weights packed again).
    func resized(to batch: Int) -> DevicePartRunner {
        var sized = graph
        sized.batchSize = batch
        return DevicePartRunner(graph: sized, weights: weights, pool: pool)
    }

    /// The tensors a partition sends, in the order they are sent.
    func boundary(of partition: Partition) throws -> [TensorSource] {
        try deviceSide(partition.onDevice).boundary
    }

    /// Runs the device part on one frame: the tensors to send (the model output when nothing is
    /// sent) and the measured ms.
    func runDevice(_ partition: Partition, input: BatchTensor) throws -> (tensors: [TensorSource: BatchTensor], ms: Double) {
        let side = try deviceSide(partition.onDevice)
        guard let part = side.part else { return ([.input: input], 0) }
        let result = try part.run([.input: input])
        return (result.outputs, result.milliseconds)
    }

    /// Runs the layers the partition leaves to the edge, here, from the tensors the device part
    /// returned; the measured ms (0 when nothing was left).
    func runRest(_ partition: Partition, given: [TensorSource: BatchTensor]) throws -> Double {
        guard partition.onDevice.contains(false) else { return 0 }
        let key = partition.onDevice
        let part: ModelPart
        if let built = rest[key] {
            part = built
        } else {
            part = try ModelPart(graph: graph, weights: weights, layers: key.map { !$0 },
                                 outputs: [.layer(graph.layers.count - 1)], pool: pool)
            rest[key] = part
            touch(key)
        }
        return try part.run(given).milliseconds
    }

    private func deviceSide(_ onDevice: [Bool]) throws -> (part: ModelPart?, boundary: [TensorSource]) {
        if let built = device[onDevice] {
            touch(onDevice)
            return built
        }
        let boundary = try SplitExecution.boundary(of: graph, onDevice: onDevice)
        let part = onDevice.contains(true)
            ? try ModelPart(graph: graph, weights: weights, layers: onDevice, outputs: boundary, pool: pool) : nil
        device[onDevice] = (part, boundary)
        touch(onDevice)
        return (part, boundary)
    }

    private func touch(_ key: [Bool]) {
        recent.removeAll { $0 == key }
        recent.append(key)
        while recent.count > keep {
            let old = recent.removeFirst()
            device[old] = nil
            rest[old] = nil
        }
    }
}
