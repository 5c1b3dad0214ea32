/// One layer of a model graph: its operation, its inputs, and what it costs.
public struct Layer: Hashable, Sendable {
    /// A unique name, as frameworks print it (`layer3.1.conv2`).
    public var name: String
    public var operation: LayerOperation
    /// Tensors this layer reads, in argument order.
    public var inputs: [TensorSource]
    /// Shape of one sample of the output.
    public var outputShape: TensorShape
    /// Multiply-accumulates for one sample (convolutions and linear layers; 0 for elementwise ops).
    public var macs: Int
    /// Learned parameters (weights, biases, batch-norm scale and shift).
    public var params: Int
    /// The name of the output tensor in the model file (an ONNX value name such as
    /// `/layer1/layer1.0/relu_1/Relu_output_0`); `nil` for zoo models, whose tensors are named by layer.
    public var outputName: String?

    public init(name: String, operation: LayerOperation, inputs: [TensorSource], outputShape: TensorShape, macs: Int,
                params: Int, outputName: String? = nil) {
        self.name = name
        self.operation = operation
        self.inputs = inputs
        self.outputShape = outputShape
        self.macs = macs
        self.params = params
        self.outputName = outputName
    }

    /// The name of this layer's output tensor: the model file's value name, else the layer name.
    public var tensorName: String {
        outputName ?? name
    }

    /// The kind written in profiles and tables.
    public var kind: OpKind {
        switch operation {
        case .convolution(let c):
            c.groups > 1 && c.groups == c.outChannels ? .depthwiseConv : .conv
        case .linear: .linear
        case .maxPool: .maxPool
        case .avgPool, .adaptiveAvgPool: .avgPool
        case .globalAvgPool: .globalAvgPool
        case .batchNorm: .batchNorm
        case .activation(.relu): .relu
        case .activation(.relu6): .relu6
        case .activation(.silu): .silu
        case .activation(.sigmoid): .sigmoid
        case .activation(.hardSwish): .hardSwish
        case .activation(.hardSigmoid): .hardSigmoid
        case .clip: .clip
        case .reshape: .reshape
        case .add: .add
        case .multiply: .multiply
        case .concat: .concat
        case .flatten: .flatten
        case .dropout: .dropout
        case .softmax: .softmax
        }
    }
}
