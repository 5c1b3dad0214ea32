import SplitModels

/// What one inference asks the edge to compute: the layers that turn the given tensors into the
/// requested ones.
public struct EdgeWork: Hashable, Sendable {
    /// `layers[i]` is true when layer `i` must run.
    public var layers: [Bool]
    /// Tensors the client sent, each read by some running layer or returned as it is.
    public var given: [TensorSource]
    /// Tensors to return, in the order the client asked for them.
    public var outputs: [TensorSource]
    /// Samples in every tensor of the request.
    public var batch: Int

    public init(layers: [Bool], given: [TensorSource], outputs: [TensorSource], batch: Int = 1) {
        self.layers = layers
        self.given = given
        self.outputs = outputs
        self.batch = batch
    }

    /// Number of layers that run.
    public var layerCount: Int {
        layers.count { $0 }
    }

    /// The requested tensors some layer computes (the rest were given and go back as they came).
    public var computedOutputs: [TensorSource] {
        outputs.filter { !given.contains($0) }
    }
}
