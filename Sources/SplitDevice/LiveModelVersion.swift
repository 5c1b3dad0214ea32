import SplitModels

/// One model version a live device may run (`device --versions`): the manifest's entry, the
/// model's graph and weights, and the name the edge serves it under (the file's stem).
public struct LiveModelVersion: Sendable {
    public var version: ModelVersion
    /// The OIP model name at the edge.
    public var modelName: String
    public var graph: ModelGraph
    public var weights: ModelWeights

    public init(version: ModelVersion, modelName: String, graph: ModelGraph, weights: ModelWeights) {
        self.version = version
        self.modelName = modelName
        self.graph = graph
        self.weights = weights
    }
}
