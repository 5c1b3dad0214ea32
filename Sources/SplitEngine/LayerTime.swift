import SplitModels

/// How long one layer took in one run of a part.
///
/// A layer fused into another (a batch norm folded into its convolution, a ReLU applied as a
/// clamp) or one that computes nothing (dropout, a trivial flatten) reports 0; its work is in the
/// primary layer's time.
public struct LayerTime: Hashable, Sendable {
    /// Index of the layer in the model.
    public var layer: Int
    public var name: String
    public var milliseconds: Double

    public init(layer: Int, name: String, milliseconds: Double) {
        self.layer = layer
        self.name = name
        self.milliseconds = milliseconds
    }
}

/// What one run of a part returns: its output tensors and the time of each of its layers.
public struct PartResult: Sendable {
    public var outputs: [TensorSource: BatchTensor]
    /// The part's layers in model order.
    public var layerTimes: [LayerTime]

    /// Total time of the part's layers.
    public var milliseconds: Double { layerTimes.reduce(0) { $0 + $1.milliseconds } }
}
