import SplitEngine
import SplitModels

/// A model ready to run in this process: one part, or a device part and an edge part.
struct Runner {
    struct Result {
        var outputs: [TensorSource: BatchTensor]
        var layerTimes: [LayerTime]
        /// Wall time of the whole run (both parts and the hand-over between them).
        var milliseconds: Double
        /// Wall time of the device part and of the edge part, when split.
        var partMilliseconds: (device: Double, edge: Double)?
    }

    let whole: ModelPart?
    let split: SplitExecution?
    /// The model's name, for errors.
    let modelName: String

    init(graph: ModelGraph, weights: ModelWeights, onDevice: [Bool]?, extraOutputs: [TensorSource], pool: ThreadPool) throws {
        modelName = graph.messageName
        do {
            if let onDevice {
                split = try SplitExecution(graph: graph, weights: weights, onDevice: onDevice, extraOutputs: extraOutputs,
                                           devicePool: pool, edgePool: pool)
                whole = nil
            } else {
                var outputs = [TensorSource.layer(graph.layers.count - 1)]
                outputs += extraOutputs.filter { !outputs.contains($0) }
                whole = try ModelPart(graph: graph, weights: weights, outputs: outputs, pool: pool)
                split = nil
            }
        } catch {
            throw CommandError.engine(error, graph: graph)
        }
    }

    var threads: Int { whole?.threads ?? split?.device.threads ?? 1 }

    /// Activation bytes held by every part (a split's shared buffers counted once).
    var activationBytes: Int {
        whole?.activationBytes ?? split?.activationBytes ?? 0
    }

    func run(_ input: BatchTensor) throws -> Result {
        let start = ContinuousClock.now
        do {
            if let whole {
                let result = try whole.run([.input: input])
                return Result(outputs: result.outputs, layerTimes: result.layerTimes, milliseconds: Self.ms(since: start))
            }
            guard let split else { throw CommandError("nothing to run", isUsage: false) }
            let device = try split.device.run([.input: input])
            let deviceMs = Self.ms(since: start)
            let edge = try split.edge.run(device.outputs)
            let elapsed = Self.ms(since: start)
            // The device part's outputs hold the boundary and any requested tensors it computed.
            let outputs = device.outputs.merging(edge.outputs) { _, edge in edge }
            return Result(outputs: outputs, layerTimes: (device.layerTimes + edge.layerTimes).sorted { $0.layer < $1.layer },
                          milliseconds: elapsed, partMilliseconds: (deviceMs, elapsed - deviceMs))
        } catch {
            throw CommandError.engine(error, model: modelName)
        }
    }

    private static func ms(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).inMilliseconds
    }
}
