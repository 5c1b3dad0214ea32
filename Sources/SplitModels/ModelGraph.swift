/// A neural network as a DAG of layers in topological order, with its input and tensor types.
///
/// Per-layer figures (`macs`, `params`) are for one sample; byte counts multiply by `batchSize`.
public struct ModelGraph: Hashable, Sendable {
    public var name: String
    /// Shape of one raw input sample (`3×224×224`).
    public var inputShape: TensorShape
    /// Element type of the raw input (``ElementType/rawInput``, float32, by default).
    public var inputElement: ElementType
    /// Element type of intermediate tensors (`float32` by default).
    public var activationElement: ElementType
    /// Samples per inference.
    public var batchSize: Int
    /// Layers in topological order; the last one is the model's output.
    public var layers: [Layer]
    /// The name of the input tensor in the model file (ONNX graph input); `nil` for zoo models.
    public var inputName: String?

    public init(name: String, inputShape: TensorShape, inputElement: ElementType = .rawInput,
                activationElement: ElementType = .float32, batchSize: Int = 1, layers: [Layer],
                inputName: String? = nil) {
        self.name = name
        self.inputShape = inputShape
        self.inputElement = inputElement
        self.activationElement = activationElement
        self.batchSize = batchSize
        self.layers = layers
        self.inputName = inputName
    }

    /// Bytes of the raw input for the whole batch (602,112 for one 3×224×224 float32 image).
    public var inputBytes: Int {
        inputShape.elementCount * inputElement.byteWidth * batchSize
    }

    /// Bytes of one layer's output for the whole batch.
    public func outputBytes(ofLayer index: Int) -> Int {
        layers[index].outputShape.elementCount * activationElement.byteWidth * batchSize
    }

    /// Multiply-accumulates of one sample through the whole model.
    public var totalMacs: Int {
        layers.reduce(0) { $0 + $1.macs }
    }

    /// Learned parameters of the whole model.
    public var totalParams: Int {
        layers.reduce(0) { $0 + $1.params }
    }

    /// The index of the layer with this name.
    public func index(ofLayer name: String) -> Int? {
        layers.firstIndex { $0.name == name }
    }

    /// The layer a name stands for: a layer's name, else the name of a layer's output tensor
    /// (an ONNX value name such as `/layer1/layer1.0/relu/Relu_output_0`).
    public func index(ofLayerOrTensor name: String) -> Int? {
        index(ofLayer: name) ?? layers.firstIndex { $0.outputName == name }
    }
}
