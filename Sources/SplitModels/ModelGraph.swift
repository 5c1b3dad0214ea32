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
    /// The file the graph was read from (an ONNX model's path as given); `nil` for zoo and built graphs.
    public var source: String?

    public init(name: String, inputShape: TensorShape, inputElement: ElementType = .rawInput,
                activationElement: ElementType = .float32, batchSize: Int = 1, layers: [Layer],
                inputName: String? = nil, source: String? = nil) {
        self.name = name
        self.inputShape = inputShape
        self.inputElement = inputElement
        self.activationElement = activationElement
        self.batchSize = batchSize
        self.layers = layers
        self.inputName = inputName
        self.source = source
    }

    /// How messages name the model: its file when it was read from one, else its name.
    ///
    /// A model file's name is only its stem (`huge_weight`), and a copy elsewhere or a corrupt
    /// download must not read as if the committed model of that name were at fault; every engine
    /// and import error names the model this way.
    public var messageName: String {
        source ?? name
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

    /// The layer a name stands for: a layer's name or the name of a layer's output tensor (an
    /// ONNX value name such as `/layer1/layer1.0/relu/Relu_output_0`), as ``match(layerOrValue:)``
    /// reads it; nil when the name matches nothing or is ambiguous.
    public func index(ofLayerOrTensor name: String) -> Int? {
        if case .layer(let index) = match(layerOrValue: name) { return index }
        return nil
    }

    /// The layer whose output tensor has this name (a model file's value name, else the layer's name).
    public func index(ofValue name: String) -> Int? {
        layers.firstIndex { $0.tensorName == name }
    }

    /// What a name given for a tensor stands for: the output of the layer of that name, or of the
    /// layer whose output value has that name.
    ///
    /// A model file may use one name for a node and for another node's output value; such a name
    /// is ``TensorNameMatch/ambiguous(layer:value:)``, never silently one of the two. `layer:NAME`
    /// looks among layer names only and `value:NAME` among output value names only.
    ///
    /// ```swift
    /// graph.match(layerOrValue: "features")        // .ambiguous(layer: 0, value: 1)
    /// graph.match(layerOrValue: "layer:features")  // .layer(0)
    /// graph.match(layerOrValue: "value:features")  // .layer(1)
    /// ```
    public func match(layerOrValue name: String) -> TensorNameMatch {
        if name.hasPrefix(TensorNameMatch.layerPrefix) {
            return index(ofLayer: String(name.dropFirst(TensorNameMatch.layerPrefix.count))).map { .layer($0) } ?? .none
        }
        if name.hasPrefix(TensorNameMatch.valuePrefix) {
            return index(ofValue: String(name.dropFirst(TensorNameMatch.valuePrefix.count))).map { .layer($0) } ?? .none
        }
        switch (index(ofLayer: name), index(ofValue: name)) {
        case (.some(let layer), .some(let value)) where layer != value: return .ambiguous(layer: layer, value: value)
        case (.some(let index), _), (nil, .some(let index)): return .layer(index)
        case (nil, nil): return .none
        }
    }
}

/// What a tensor name given by a user stands for in a ``ModelGraph``.
public enum TensorNameMatch: Hashable, Sendable {
    /// The output of this layer.
    case layer(Int)
    /// The name of layer `layer` and the output value name of another layer, `value`.
    case ambiguous(layer: Int, value: Int)
    /// No layer and no output value has this name.
    case none

    /// `layer:NAME` names a layer by its name only.
    public static let layerPrefix = "layer:"
    /// `value:NAME` names a layer's output by its value name only.
    public static let valuePrefix = "value:"
}
