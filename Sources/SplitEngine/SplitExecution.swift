import SplitModels

/// A model cut in two: a device part run from the raw input, and an edge part run from the
/// tensors the device part sends.
///
/// The device layers must be closed under predecessors (every input of a device layer is the raw
/// input or a device layer's output), as any prefix and any min-cut partition are. The boundary
/// is every tensor the device holds that an edge layer reads — each once, however many edge
/// layers read it — plus the model's output when the last layer runs on the device.
///
/// ```swift
/// let split = try SplitExecution(graph: graph, weights: weights, onDevice: partition.onDevice)
/// let sent = try split.device.run([.input: x]).outputs     // exactly split.boundary
/// let y = try split.edge.run(sent).outputs[split.output]
/// ```
public struct SplitExecution: Sendable {
    public let device: ModelPart
    public let edge: ModelPart
    /// The tensors crossing from device to edge, the raw input first, then in layer order.
    public let boundary: [TensorSource]
    /// The model's output (its last layer).
    public let output: TensorSource

    /// Builds both parts; `extraOutputs` are further tensors to return, each from the part that computes it.
    public init(graph: ModelGraph, weights: ModelWeights, onDevice: [Bool], extraOutputs: [TensorSource] = [],
                devicePool: ThreadPool = ThreadPool(threads: 1), edgePool: ThreadPool? = nil) throws(EngineError) {
        boundary = try Self.boundary(of: graph, onDevice: onDevice)
        output = .layer(graph.layers.count - 1)
        func onDeviceSide(_ source: TensorSource) -> Bool {
            if case .layer(let i) = source { return onDevice[i] }
            return true
        }
        var deviceOutputs = boundary
        var edgeOutputs = [output]
        for extra in extraOutputs where !deviceOutputs.contains(extra) && !edgeOutputs.contains(extra) {
            if onDeviceSide(extra) { deviceOutputs.append(extra) } else { edgeOutputs.append(extra) }
        }
        device = try ModelPart(graph: graph, weights: weights, layers: onDevice, outputs: deviceOutputs, pool: devicePool)
        // In one process the edge part runs after the device part, in the device part's buffers.
        edge = try ModelPart(graph: graph, weights: weights, layers: onDevice.map { !$0 }, outputs: edgeOutputs,
                             pool: edgePool ?? devicePool, sharing: device)
    }

    /// Bytes of activation buffers both parts use together (buffers they share counted once).
    public var activationBytes: Int { device.activationBytes + edge.ownActivationBytes }

    /// The tensors a device part must send, after checking it is closed under predecessors.
    public static func boundary(of graph: ModelGraph, onDevice: [Bool]) throws(EngineError) -> [TensorSource] {
        guard onDevice.count == graph.layers.count else {
            throw .invalidPart("the partition names \(onDevice.count) layers, the model has \(graph.layers.count)")
        }
        var sent = Set<TensorSource>()
        for (index, layer) in graph.layers.enumerated() {
            for source in layer.inputs {
                let sourceOnDevice: Bool = if case .layer(let i) = source { onDevice[i] } else { true }
                if onDevice[index] && !sourceOnDevice {
                    throw .invalidPart("device layer \(layer.name) reads \(source.name(in: graph)), which runs on the edge: "
                        + "a device part must hold every layer its layers read")
                }
                if !onDevice[index] && sourceOnDevice { sent.insert(source) }
            }
        }
        if onDevice.last == true { sent.insert(.layer(graph.layers.count - 1)) }
        return sent.sorted { order($0) < order($1) }
    }

    /// Runs the device part on `input`, then the edge part on exactly what the device part returned.
    public func run(input: BatchTensor) throws(EngineError) -> (device: PartResult, edge: PartResult) {
        let deviceResult = try device.run([.input: input])
        let edgeResult = try edge.run(deviceResult.outputs)
        return (deviceResult, edgeResult)
    }

    /// The prefix lengths `k` (0 < k < layer count) at which a cut separates no layers the
    /// unsplit model runs as one fused step.
    ///
    /// A cut between a convolution and its batch norm or clamp forces the part on each side to
    /// materialise the tensor between them and run the norm or clamp on its own: a real cost of
    /// that cut, not of splitting. These cuts have none of it.
    public static func prefixCutsKeepingFusion(of graph: ModelGraph) throws(EngineError) -> [Int] {
        let count = graph.layers.count
        guard count > 1 else { return [] }
        let plan = try PartPlan(graph: graph, layers: [Bool](repeating: true, count: count), outputs: [.layer(count - 1)])
        var inside = Set<Int>()
        for step in plan.steps {
            guard let low = step.layers.min(), let high = step.layers.max(), high > low else { continue }
            inside.formUnion((low + 1)...high)
        }
        return (1..<count).filter { !inside.contains($0) }
    }

    private static func order(_ source: TensorSource) -> Int {
        if case .layer(let i) = source { return i }
        return -1
    }
}
