/// The learned tensors of one layer, by role.
///
/// Roles: convolution and linear layers have `weight` and optionally `bias`; batch norm has
/// `scale`, `bias`, `mean` and `variance` (epsilon is in `LayerOperation.batchNorm(epsilon:)`);
/// layers without parameters have none.
public struct LayerWeights: Hashable, Sendable {
    public var tensors: [String: FloatTensor]

    public init(_ tensors: [String: FloatTensor] = [:]) {
        self.tensors = tensors
    }

    public subscript(role: String) -> FloatTensor? {
        get { tensors[role] }
        set { tensors[role] = newValue }
    }

    /// Parameters held, counted as elements.
    public var parameterCount: Int {
        tensors.values.reduce(0) { $0 + $1.elements.count }
    }
}

/// The learned tensors of every layer of a model, keyed by layer name.
public struct ModelWeights: Hashable, Sendable {
    public var layers: [String: LayerWeights]

    public init(_ layers: [String: LayerWeights] = [:]) {
        self.layers = layers
    }

    public subscript(layer: String) -> LayerWeights? {
        get { layers[layer] }
        set { layers[layer] = newValue }
    }
}
