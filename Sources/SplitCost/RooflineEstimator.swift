import SplitModels

/// Estimates a profile for a model graph from two roofline compute specs, before anything is measured.
///
/// Each layer takes `max(MACs / rate, bytes moved / bandwidth) + overhead`, where bytes moved are
/// its inputs, its output and its weights (`bytesPerParameter` each), all for the whole batch.
public struct RooflineEstimator: Sendable {
    public var device: ComputeSpec
    public var edge: ComputeSpec
    public var bytesPerParameter: Int

    public init(device: ComputeSpec = .jetsonClass, edge: ComputeSpec = .serverGPU, bytesPerParameter: Int = 4) {
        self.device = device
        self.edge = edge
        self.bytesPerParameter = bytesPerParameter
    }

    /// The profile of `graph` on this device and edge.
    ///
    /// Like every profile, it describes one inference of the whole batch: output bytes, MACs and
    /// times are per batch, parameters are the model's (shared by the batch).
    public func profile(of graph: ModelGraph) -> ModelProfile {
        let layers = graph.layers.enumerated().map { index, layer in
            let inputBytes = layer.inputs.reduce(0) { sum, source in
                switch source {
                case .input: sum + graph.inputBytes
                case .layer(let producer): sum + graph.outputBytes(ofLayer: producer)
                }
            }
            let outputBytes = graph.outputBytes(ofLayer: index)
            let macs = layer.macs * graph.batchSize
            let moved = inputBytes + outputBytes + layer.params * bytesPerParameter
            return ProfileLayer(name: layer.name, inputs: layer.inputs, outputBytes: outputBytes,
                                deviceMs: device.layerMs(macs: macs, bytes: moved),
                                edgeMs: edge.layerMs(macs: macs, bytes: moved),
                                op: layer.kind, macs: macs, params: layer.params, outputShape: layer.outputShape)
        }
        return ModelProfile(name: graph.name, inputBytes: graph.inputBytes, layers: layers)
    }
}
