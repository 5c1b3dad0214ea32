import SplitModels
import SplitOIP

/// A model the edge serves: its graph, the names of its tensors, and what computes it.
///
/// Every tensor is named as the model names it: the input by the model file's input name (or
/// `input`), each layer's output by its ONNX value name (or, for zoo models, the layer name).
/// A model with a dynamic batch (zoo models, ONNX files whose batch is a `dim_param`) takes any
/// batch size, the same in every tensor of a request; otherwise the graph's batch.
public struct EdgeModel: Sendable {
    /// The OIP model name: the zoo name or the ONNX file's stem.
    public let name: String
    public let graph: ModelGraph
    public let computer: any PartComputing
    /// Whether requests may carry any batch size (ModelMetadata then gives the batch as -1).
    public let dynamicBatch: Bool
    /// Where each tensor name points.
    private let sources: [String: TensorSource]

    public init(name: String, graph: ModelGraph, dynamicBatch: Bool = false, computer: any PartComputing) {
        self.name = name
        self.graph = graph
        self.dynamicBatch = dynamicBatch
        self.computer = computer
        var sources = [Self.tensorName(of: .input, in: graph): TensorSource.input]
        for (index, layer) in graph.layers.enumerated() where sources[layer.tensorName] == nil {
            sources[layer.tensorName] = .layer(index)
        }
        self.sources = sources
    }

    /// The name of a tensor of `graph`.
    public static func tensorName(of source: TensorSource, in graph: ModelGraph) -> String {
        switch source {
        case .input: graph.inputName ?? "input"
        case .layer(let index): graph.layers[index].tensorName
        }
    }

    /// The name of one of this model's tensors.
    public func name(of source: TensorSource) -> String {
        Self.tensorName(of: source, in: graph)
    }

    /// The tensor a name points to, if the model has it.
    public func source(named name: String) -> TensorSource? {
        sources[name]
    }

    /// The full shape of a tensor at the graph's batch, batch first, in PyTorch order (NCHW for images).
    public func shape(of source: TensorSource) -> [Int] {
        shape(of: source, batch: graph.batchSize)
    }

    /// The full shape of a tensor at a batch size.
    public func shape(of source: TensorSource, batch: Int) -> [Int] {
        switch source {
        case .input: [batch] + graph.inputShape.dims
        case .layer(let index): [batch] + graph.layers[index].outputShape.dims
        }
    }

    /// The model's output: its last layer.
    public var output: TensorSource {
        .layer(graph.layers.count - 1)
    }

    /// What ModelMetadata says about the model.
    public var metadata: Inference_ModelMetadataResponse {
        var response = Inference_ModelMetadataResponse()
        response.name = name
        response.versions = ["1"]
        response.platform = "splitscope"
        response.inputs = [tensorMetadata(.input)]
        response.outputs = [tensorMetadata(output)]
        return response
    }

    private func tensorMetadata(_ source: TensorSource) -> Inference_ModelMetadataResponse.TensorMetadata {
        var tensor = Inference_ModelMetadataResponse.TensorMetadata()
        tensor.name = name(of: source)
        tensor.datatype = OIPDatatype.fp32.rawValue
        tensor.shape = shape(of: source, batch: dynamicBatch ? -1 : graph.batchSize).map(Int64.init)
        return tensor
    }

    /// The work that turns the sent tensors into the requested ones (the model output when none
    /// is named), after checking names, shapes and datatypes and that the sent tensors form a cut.
    public func plan(inputs: [OIPTensor], outputs requested: [String]) throws(EdgeRequestError) -> EdgeWork {
        guard let first = inputs.first else { throw .noInputs(model: name) }
        var batch = graph.batchSize
        if dynamicBatch, let sent = first.shape.first {
            guard Quantity.batch.accepts(Double(sent)) else {
                throw .tensorMismatch("input \(DisplayText.quoted(first.name)): its first dimension, the batch, is \(sent); "
                    + "a batch size must be \(Quantity.batch.rangeDescription)")
            }
            batch = sent
        }
        var given = [TensorSource]()
        for tensor in inputs {
            guard let source = source(named: tensor.name) else {
                throw .unknownTensor(model: name, name: tensor.name, role: "input")
            }
            guard !given.contains(source) else { throw .duplicateTensor(name: tensor.name, role: "input") }
            // FP32, or INT8 with its scale and zero point (dequantised before the engine computes).
            guard tensor.datatype == .fp32 || tensor.quantisation != nil else {
                throw .tensorMismatch("input \(DisplayText.quoted(tensor.name)): datatype \(tensor.datatype.rawValue) without scale and "
                    + "zero_point, model \(name) takes FP32 or quantised INT8")
            }
            let expected = shape(of: source, batch: batch)
            guard tensor.shape == expected else {
                throw .tensorMismatch("input \(DisplayText.quoted(tensor.name)): shape \(tensor.shape), model \(name) needs \(expected)")
            }
            given.append(source)
        }
        var outputs = [TensorSource]()
        for outputName in requested {
            guard let source = source(named: outputName) else {
                throw .unknownTensor(model: name, name: outputName, role: "output")
            }
            guard !outputs.contains(source) else { throw .duplicateTensor(name: outputName, role: "output") }
            outputs.append(source)
        }
        if outputs.isEmpty { outputs = [output] }
        let layers = try layersNeeded(for: outputs, given: Set(given))
        return EdgeWork(layers: layers, given: given, outputs: outputs, batch: batch)
    }

    /// Walks back from the outputs to the given tensors; a walk that reaches the raw input
    /// (unsent) means the given tensors do not cut it off from the outputs.
    private func layersNeeded(for outputs: [TensorSource], given: Set<TensorSource>) throws(EdgeRequestError) -> [Bool] {
        var needed = [Bool](repeating: false, count: graph.layers.count)
        // Each pending tensor with the output it is needed for, to name both in an error.
        var pending = outputs.map { ($0, $0) }
        while let (source, wantedFor) = pending.popLast() {
            if given.contains(source) { continue }
            guard case .layer(let index) = source else {
                let sent = given.map { "\(DisplayText.quoted(name(of: $0)))" }.sorted().joined(separator: ", ")
                throw .notACut("the inputs \(sent) do not form a cut of \(name) for output \(DisplayText.quoted(name(of: wantedFor))): "
                    + "computing it still needs the model input \(DisplayText.quoted(name(of: .input))); send the model input or "
                    + "every tensor that crosses a cut")
            }
            if needed[index] { continue }
            needed[index] = true
            for input in graph.layers[index].inputs { pending.append((input, wantedFor)) }
        }
        return needed
    }
}
