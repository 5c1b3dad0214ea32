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
    /// Batch normalisation (two learned parameters per channel) with this epsilon.
    ///
    /// Its weights are `scale`, `bias`, `mean` and `variance`; it stays its own layer (the engine
    /// folds it into a preceding convolution).
    case batchNorm(epsilon: Float)
    /// An elementwise activation.
    case activation(Activation)
    /// Elementwise `min(max(x, min), max)` (ONNX `Clip`; a bound not given is infinite).
    ///
    /// `Clip(0, 6)` imports as `.activation(.relu6)`; other bounds keep this case.
    case clip(min: Float, max: Float)
    /// Elementwise sum of inputs of one shape (residual connections).
    case add
    /// Elementwise product with broadcasting of `C×1×1` (squeeze-and-excitation).
    case multiply
    /// Concatenation along channels.
    case concat
    /// Flattening to a vector.
    case flatten
    /// The same elements in another per-sample shape (ONNX `Reshape`, batch dimension excluded).
    case reshape(TensorShape)
    /// Dropout (identity at inference).
    case dropout
    /// Softmax over the features.
    case softmax
}

/// Hyper-parameters of a 2-D convolution.
///
/// Kernels, strides and dilations may differ between height and width, and padding between
/// the four sides (ONNX `pads`); the zoo uses the square form `init(outChannels:kernel:…)`.
public struct Convolution: Hashable, Sendable {
    public var outChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideHeight: Int
    public var strideWidth: Int
    /// Zero padding on each side of the input.
    public var padding: Padding2D
    /// Spacing between kernel taps (1 for an ordinary convolution).
    public var dilationHeight: Int
    public var dilationWidth: Int
    public var groups: Int
    public var bias: Bool

    /// A square convolution: `kernel×kernel`, the same stride both ways, `padding` on every side.
    public init(outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, groups: Int = 1, bias: Bool = true) {
        self.init(outChannels: outChannels, kernelHeight: kernel, kernelWidth: kernel, strideHeight: stride,
                  strideWidth: stride, padding: Padding2D(all: padding), groups: groups, bias: bias)
    }

    /// Any 2-D convolution.
    public init(outChannels: Int, kernelHeight: Int, kernelWidth: Int, strideHeight: Int = 1, strideWidth: Int = 1,
                padding: Padding2D = Padding2D(all: 0), dilationHeight: Int = 1, dilationWidth: Int = 1,
                groups: Int = 1, bias: Bool = true) {
        self.outChannels = outChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.padding = padding
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.groups = groups
        self.bias = bias
    }
}

/// Zero padding on the four sides of an image (ONNX `pads` order: top, left, bottom, right).
public struct Padding2D: Hashable, Sendable {
    public var top: Int
    public var left: Int
    public var bottom: Int
    public var right: Int

    public init(top: Int, left: Int, bottom: Int, right: Int) {
        self.top = top
        self.left = left
        self.bottom = bottom
        self.right = right
    }

    /// The same padding on every side.
    public init(all: Int) {
        self.init(top: all, left: all, bottom: all, right: all)
    }
}

/// A square pooling window.
public struct Pooling: Hashable, Sendable {
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    /// Round the output size up, as PyTorch's `ceil_mode`.
    public var ceilMode: Bool
    /// Average pooling only: divide by the whole window, padding included (PyTorch's default),
    /// rather than by the input elements the window covers (ONNX's default).
    public var countIncludePad: Bool

    public init(kernel: Int, stride: Int, padding: Int = 0, ceilMode: Bool = false, countIncludePad: Bool = true) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
    }
}

/// Elementwise activation functions.
///
/// `hardSwish` is `x · relu6(x + 3) / 6` and `hardSigmoid` is `relu6(x + 3) / 6` (PyTorch's, ONNX
/// `HardSigmoid` with alpha 1/6 and beta 0.5).
public enum Activation: String, Hashable, Sendable, CaseIterable {
    case relu, relu6, silu, sigmoid, hardSwish, hardSigmoid
}
