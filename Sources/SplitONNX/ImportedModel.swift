import SplitModels

/// A model read from an ONNX file: its graph, its learned tensors, and what the file says of itself.
///
/// Layer names are the ONNX node names (unique-ified when empty or repeated); each layer's
/// `outputName` is the ONNX value it writes and `graph.inputName` the graph input. Weights keep the
/// ONNX/PyTorch layout, keyed by layer name and role (see `LayerWeights`).
public struct ImportedModel: Hashable, Sendable {
    public var graph: ModelGraph
    public var weights: ModelWeights
    /// The default-domain opset the file imports (13 for `opset_version=13`).
    public var opsetVersion: Int
    /// The producer the file names ("pytorch 2.5.1"), empty when it names none.
    public var producer: String
    /// Whether the file leaves the batch dimension open (a `dim_param` such as `batch_size`).
    public var dynamicBatch: Bool
    /// Bytes the file's initializers hold as stored (an int8 weight counts 1 byte an element,
    /// though the engine computes with it as float32 once DequantizeLinear is folded).
    public var storedWeightBytes: Int

    public init(graph: ModelGraph, weights: ModelWeights, opsetVersion: Int, producer: String, dynamicBatch: Bool,
                storedWeightBytes: Int = 0) {
        self.graph = graph
        self.weights = weights
        self.opsetVersion = opsetVersion
        self.producer = producer
        self.dynamicBatch = dynamicBatch
        self.storedWeightBytes = storedWeightBytes
    }
}

/// Choices the file does not fix.
public struct ONNXImportOptions: Hashable, Sendable {
    /// Samples per inference when the file's batch dimension is dynamic; when it is fixed, a
    /// different value is an error. `nil` takes the file's value, or 1.
    public var batchSize: Int?
    /// Element type counted for the raw input's bytes (the file's input is float32, as the engine
    /// sends it; `uint8` counts an 8-bit frame normalised on the edge).
    public var inputElement: ElementType
    /// Element type counted for intermediate tensors.
    public var activationElement: ElementType

    public init(batchSize: Int? = nil, inputElement: ElementType = .float32, activationElement: ElementType = .float32) {
        self.batchSize = batchSize
        self.inputElement = inputElement
        self.activationElement = activationElement
    }
}
