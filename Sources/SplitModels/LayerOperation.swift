/// What a layer computes, with the hyper-parameters that fix its shape, MACs and parameters.
public enum LayerOperation: Hashable, Sendable {
    /// A 2-D convolution; `groups == inChannels == outChannels` makes it depthwise.
    case convolution(Convolution)
    /// A fully connected layer over a flat input.
    case linear(outFeatures: Int, bias: Bool)
    /// Max pooling with a window, stride and padding.
    case maxPool(Pooling)
    /// Average pooling with a window, stride and padding.
    case avgPool(Pooling)
    /// Adaptive average pooling to a fixed spatial size (torchvision's `AdaptiveAvgPool2d`).
    case adaptiveAvgPool(height: Int, width: Int)
    /// Global average pooling to `C×1×1`.
    case globalAvgPool
    /// Batch normalisation (two learned parameters per channel).
    case batchNorm
    /// An elementwise activation.
    case activation(Activation)
    /// Elementwise sum of inputs of one shape (residual connections).
    case add
    /// Elementwise product with broadcasting of `C×1×1` (squeeze-and-excitation).
    case multiply
    /// Concatenation along channels.
    case concat
    /// Flattening to a vector.
    case flatten
    /// Dropout (identity at inference).
    case dropout
    /// Softmax over the features.
    case softmax
}

/// Hyper-parameters of a 2-D convolution.
public struct Convolution: Hashable, Sendable {
    public var outChannels: Int
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    public var groups: Int
    public var bias: Bool

    public init(outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, groups: Int = 1, bias: Bool = true) {
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.groups = groups
        self.bias = bias
    }
}

/// A square pooling window.
public struct Pooling: Hashable, Sendable {
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    /// Round the output size up, as PyTorch's `ceil_mode`.
    public var ceilMode: Bool

    public init(kernel: Int, stride: Int, padding: Int = 0, ceilMode: Bool = false) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.ceilMode = ceilMode
    }
}

/// Elementwise activation functions.
public enum Activation: String, Hashable, Sendable, CaseIterable {
    case relu, relu6, silu, sigmoid
}
