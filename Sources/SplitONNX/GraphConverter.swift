import Foundation
import SplitModels

/// Turns a decoded ONNX graph into splitscope's `ModelGraph` and `ModelWeights`.
///
/// Nodes are read in file order (ONNX requires topological order). Values are either computed
/// tensors (the graph input and layer outputs, as `TensorSource`) or constants (initializers and
/// `Constant` nodes), which become weights and hyper-parameters. Identity and Dropout vanish: their
/// output names the same tensor as their input. Shapes are per sample, as everywhere in
/// splitscope: the ONNX batch dimension is checked and dropped.
struct GraphConverter {
    let file: String
    let opset: Int
    let decoder: TensorDecoder
    private let graph: Onnx_GraphProto
    private let options: ONNXImportOptions

    private(set) var builder: GraphBuilder
    /// Samples per inference: the file's fixed batch or the options' (1 by default).
    let batchSize: Int
    /// Whether the file leaves the batch dimension open.
    let dynamicBatch: Bool
    private let inputName: String
    private var tensors: [String: TensorSource] = [:]
    private var constants: [String: Onnx_TensorProto] = [:]
    private var weights = ModelWeights()
    private var layerNames: Set<String> = []
    /// Nodes already taken into an earlier layer (the Add after a MatMul, as its bias).
    private var folded: Set<Int> = []
    /// For each value, the nodes that read it.
    private let consumers: [String: [Int]]

    /// The most elements one sample of any tensor may hold (2³²: 16 GiB of float32), so byte
    /// counts and their sums stay far from overflow for any batch splitscope accepts.
    static let maximumSampleElements = 1 << 32

    /// The most MACs one layer may take per sample (about 10¹⁵), so totals cannot overflow.
    static let maximumLayerMacs = 1 << 50

    init(graph: Onnx_GraphProto, name: String, file: String, opset: Int, decoder: TensorDecoder,
         options: ONNXImportOptions) throws(ONNXImportError) {
        self.graph = graph
        self.file = file
        self.opset = opset
        self.decoder = decoder
        self.options = options

        let initializerNames = Set(graph.initializer.map(\.name))
        let inputs = graph.input.filter { !initializerNames.contains($0.name) }
        guard inputs.count == 1, let input = inputs.first else {
            throw ONNXImportError(.badGraph, file: file, reason: "the graph has \(inputs.count) inputs "
                + "(\(inputs.prefix(8).map { DisplayText.quoted($0.name) }.joined(separator: ", "))\(inputs.count > 8 ? ", …" : "")); splitscope reads models with exactly one")
        }
        inputName = input.name
        let (perSample, fixedBatch) = try Self.inputShape(input, file: file)
        dynamicBatch = fixedBatch == nil
        switch (fixedBatch, options.batchSize) {
        case (let fixed?, let asked?) where fixed != asked:
            throw ONNXImportError(.badGraph, file: file, tensor: input.name,
                                  reason: "the model fixes the batch size at \(fixed); batch \(asked) does not fit it")
        case (let fixed?, _): batchSize = fixed
        case (nil, let asked?): batchSize = asked
        case (nil, nil): batchSize = 1
        }
        do {
            _ = try Quantity.batch.check(Double(batchSize))
        } catch {
            throw ONNXImportError(.badGraph, file: file, tensor: input.name, reason: error.description)
        }
        builder = GraphBuilder(name: name, input: TensorShape(perSample))
        tensors[input.name] = .input
        for tensor in graph.initializer { constants[tensor.name] = tensor }
        var readers: [String: [Int]] = [:]
        for (index, node) in graph.node.enumerated() {
            for value in node.input where !value.isEmpty { readers[value, default: []].append(index) }
        }
        consumers = readers
    }

    /// The per-sample shape of the graph input and its batch size when fixed.
    private static func inputShape(_ input: Onnx_ValueInfoProto, file: String) throws(ONNXImportError) -> ([Int], Int?) {
        guard case .tensorType(let type)? = input.type.value else {
            throw ONNXImportError(.badGraph, file: file, tensor: input.name, reason: "the graph input is not a tensor")
        }
        guard type.elemType == Onnx_TensorProto.DataType.float.code else {
            throw ONNXImportError(.unsupportedInput, file: file, tensor: input.name,
                                  reason: "input element type \(TensorDecoder.typeName(type.elemType)) is not supported (float32 only)")
        }
        let dims = type.shape.dim
        guard type.hasShape, dims.count >= 2 else {
            throw ONNXImportError(.badGraph, file: file, tensor: input.name,
                                  reason: "the graph input needs a shape of a batch and at least one more dimension (N×C×H×W)")
        }
        var perSample: [Int] = []
        for (i, dim) in dims.enumerated().dropFirst() {
            let problem: String
            switch dim.value {
            case .dimValue(let value)? where value > 0 && value <= Int64(Int32.max):
                perSample.append(Int(value))
                continue
            case .dimValue(let value)? where value > Int64(Int32.max):
                problem = "\(value), more than the \(Int32.max) splitscope accepts"
            case .dimValue(let value)?:
                problem = "\(value); a size must be positive"
            case .dimParam(let name)?:
                problem = "the symbol \(DisplayText.quoted(name)); splitscope needs fixed sizes after the batch"
            case nil:
                problem = "left unset; splitscope needs fixed sizes after the batch"
            }
            throw ONNXImportError(.badGraph, file: file, tensor: input.name, reason: "dimension \(i) of the input is \(problem)")
        }
        guard let count = FloatTensor.count(of: perSample), count <= maximumSampleElements else {
            throw ONNXImportError(.badGraph, file: file, tensor: input.name,
                                  reason: "the input's \(perSample.map(String.init).joined(separator: "×")) elements per sample are too many")
        }
        if case .dimValue(let batch)? = dims[0].value, batch > 0 {
            guard batch <= Int64(Int32.max) else {
                throw ONNXImportError(.badGraph, file: file, tensor: input.name, reason: "batch size \(batch) is too large")
            }
            return (perSample, Int(batch))
        }
        return (perSample, nil)
    }

    /// Converts every node and returns the model.
    mutating func convert() throws(ONNXImportError) -> (graph: ModelGraph, weights: ModelWeights) {
        for (index, node) in graph.node.enumerated() where !folded.contains(index) {
            let context = NodeContext(node: node, file: file, opset: opset)
            guard node.domain.isEmpty || node.domain == "ai.onnx" else {
                throw context.error(.unsupportedOperator, "operator domain \(DisplayText.quoted(node.domain)) is not supported (only the default ONNX domain)")
            }
            try convert(context, index: index)
        }
        return try finish()
    }

    // MARK: Values

    /// The computed tensor a node reads at input `i`.
    func tensorInput(_ context: NodeContext, _ i: Int) throws(ONNXImportError) -> TensorSource {
        guard let name = context.inputName(i) else {
            throw context.error(.badGraph, "input \(i) is missing")
        }
        if let source = tensors[name] { return source }
        if constants[name] != nil {
            throw context.error(.unsupportedInput, tensor: name,
                                "input \(i) is a constant; splitscope runs \(DisplayText.escaped(context.opType)) on computed tensors only")
        }
        throw context.error(.badGraph, tensor: name, "input \(i) is not the graph input nor the output of an earlier node")
    }

    /// The constant a node reads at input `i`, or `nil` when the input is left out.
    func constantInput(_ context: NodeContext, _ i: Int) throws(ONNXImportError) -> Onnx_TensorProto? {
        guard let name = context.inputName(i) else { return nil }
        if let constant = constants[name] { return constant }
        if tensors[name] != nil {
            throw context.error(.unsupportedInput, tensor: name,
                                "input \(i) is computed at run time; splitscope needs it to be a constant (an initializer)")
        }
        throw context.error(.badGraph, tensor: name, "input \(i) is not defined by an initializer or an earlier node")
    }

    /// The constant at input `i`, which the node requires.
    func requiredConstant(_ context: NodeContext, _ i: Int, role: String) throws(ONNXImportError) -> Onnx_TensorProto {
        guard let tensor = try constantInput(context, i) else {
            throw context.error(.badGraph, "input \(i) (\(role)) is missing")
        }
        return tensor
    }

    /// Whether value `name` is a constant.
    func isConstant(_ name: String) -> Bool { constants[name] != nil }

    /// Decodes a float constant, naming the node when it fails.
    func floats(_ tensor: Onnx_TensorProto, _ context: NodeContext) throws(ONNXImportError) -> FloatTensor {
        do {
            return try decoder.floats(tensor)
        } catch {
            throw Self.naming(error, context)
        }
    }

    /// Decodes an int8 or uint8 constant, naming the node when it fails.
    func eightBit(_ tensor: Onnx_TensorProto, _ context: NodeContext) throws(ONNXImportError) -> (dims: [Int], elements: [Int32], signed: Bool) {
        do {
            return try decoder.eightBit(tensor)
        } catch {
            throw Self.naming(error, context)
        }
    }

    /// Decodes an int64 constant, naming the node when it fails.
    func int64s(_ tensor: Onnx_TensorProto, _ context: NodeContext) throws(ONNXImportError) -> (dims: [Int], elements: [Int64]) {
        do {
            return try decoder.int64s(tensor)
        } catch {
            throw Self.naming(error, context)
        }
    }

    private static func naming(_ error: ONNXImportError, _ context: NodeContext) -> ONNXImportError {
        var named = error
        if named.node == nil {
            named.node = context.node.name
            named.opType = context.opType
        }
        return named
    }

    /// The per-sample shape of a computed tensor.
    func shape(of source: TensorSource) -> TensorShape { builder.shape(of: source) }

    /// Records that value `name` is the same tensor as `source` (Identity, Dropout).
    mutating func alias(_ name: String, to source: TensorSource, _ context: NodeContext) throws(ONNXImportError) {
        try define(name, context)
        tensors[name] = source
    }

    /// Records a constant value (a `Constant` node, or an Identity of a constant).
    mutating func defineConstant(_ name: String, _ tensor: Onnx_TensorProto, _ context: NodeContext) throws(ONNXImportError) {
        try define(name, context)
        constants[name] = tensor
    }

    private func define(_ name: String, _ context: NodeContext) throws(ONNXImportError) {
        guard !name.isEmpty else { throw context.error(.badGraph, "an output has no name") }
        guard tensors[name] == nil, constants[name] == nil else {
            throw context.error(.badGraph, tensor: name, "writes value \(DisplayText.quoted(name)), which is already defined")
        }
    }

    /// The nodes that read value `name`.
    func readers(of name: String) -> [Int] { consumers[name] ?? [] }

    /// Whether value `name` is one of the graph's outputs.
    func isGraphOutput(_ name: String) -> Bool { graph.output.contains { $0.name == name } }

    /// The node at `index`.
    func node(at index: Int) -> Onnx_NodeProto { graph.node[index] }

    /// Marks a later node as taken into the current layer.
    mutating func fold(nodeAt index: Int) { folded.insert(index) }

    // MARK: Layers

    /// Adds a layer for this node, checking shapes at once so an error names the node.
    ///
    /// `outputName` defaults to the node's first output; other outputs must be unused.
    @discardableResult
    mutating func addLayer(_ context: NodeContext, index: Int, _ operation: LayerOperation, inputs: [TensorSource],
                           weights layerWeights: LayerWeights? = nil, outputName: String? = nil) throws(ONNXImportError) -> TensorSource {
        let shapes = inputs.map(shape(of:))
        let result: (shape: TensorShape, macs: Int, params: Int)
        do {
            result = try operation.apply(to: shapes)
        } catch {
            throw context.error(.shape, "\(error.text) (inputs \(shapes.map(\.description).joined(separator: ", ")))")
        }
        guard let count = FloatTensor.count(of: result.shape.dims), count <= Self.maximumSampleElements,
              result.macs <= Self.maximumLayerMacs else {
            throw context.error(.shape, "the output \(result.shape) or its \(result.macs) MACs per sample are too large")
        }
        guard let first = context.node.output.first else { throw context.error(.badGraph, "the node has no output") }
        // Extra outputs (batch norm's running statistics, max pooling's indices) may be named
        // as long as nothing reads them.
        for extra in context.node.output.dropFirst() where !extra.isEmpty && (!readers(of: extra).isEmpty || isGraphOutput(extra)) {
            throw context.error(.unsupportedOperator, tensor: extra, "output \(DisplayText.quoted(extra)) is read, but only the first output is supported")
        }
        let output = outputName ?? first
        try define(output, context)
        let name = uniqueLayerName(context, index: index)
        let source = builder.add(name, operation, inputs, outputName: output)
        tensors[output] = source
        if let layerWeights { weights[name] = layerWeights }
        return source
    }

    /// The node's name, or `OpType_index` when empty or when it is no name to print (a control
    /// character, more than ``ModelProfile/maxNameLength`` characters), with `_2`, `_3`, … added when taken.
    private mutating func uniqueLayerName(_ context: NodeContext, index: Int) -> String {
        let printable = DisplayText.nameProblem(context.node.name, maxLength: ModelProfile.maxNameLength) == nil
        let base = printable ? context.node.name : "\(context.opType)_\(index)"
        var name = base
        var suffix = 2
        while layerNames.contains(name) {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        layerNames.insert(name)
        return name
    }

    // MARK: Finishing

    /// Checks the graph output, drops layers it does not need and builds the model.
    private func finish() throws(ONNXImportError) -> (graph: ModelGraph, weights: ModelWeights) {
        guard graph.output.count == 1, let output = graph.output.first else {
            throw ONNXImportError(.badGraph, file: file, reason: "the graph has \(graph.output.count) outputs "
                + "(\(graph.output.prefix(8).map { DisplayText.quoted($0.name) }.joined(separator: ", "))\(graph.output.count > 8 ? ", …" : "")); splitscope reads models with exactly one")
        }
        guard let source = tensors[output.name] else {
            throw ONNXImportError(.badGraph, file: file, tensor: output.name,
                                  reason: constants[output.name] != nil ? "the graph output is a constant"
                                      : "the graph output is not written by any node")
        }
        guard case .layer(let last) = source else {
            throw ONNXImportError(.badGraph, file: file, tensor: output.name, reason: "the graph output is its input: there are no layers")
        }
        var model: ModelGraph
        do {
            model = try builder.finish(inputElement: options.inputElement, activationElement: options.activationElement,
                                       batchSize: batchSize, inputName: inputName)
        } catch {
            throw ONNXImportError(.shape, file: file, node: error.layer, reason: error.reason)
        }
        model = Self.keepingAncestors(of: last, in: model)
        try checkTotals(model)
        let outputIndex = model.layers.count - 1
        // An Identity at the end renames the output: the graph's name is the one callers ask for.
        model.layers[outputIndex].outputName = output.name
        try checkDeclaredShape(output, computed: model.layers[outputIndex].outputShape)
        var kept = ModelWeights()
        for layer in model.layers { kept[layer.name] = weights[layer.name] }
        return (model, kept)
    }

    /// Checks that whole-model sums (MACs, parameters, bytes of every output for the batch)
    /// fit, so `ModelGraph`'s totals and the cost model can add them up.
    private func checkTotals(_ model: ModelGraph) throws(ONNXImportError) {
        var macs = 0
        var params = 0
        var bytes = model.inputShape.elementCount * model.inputElement.byteWidth * model.batchSize
        let limit = Int(Quantity.bytes.highest)
        for layer in model.layers {
            let layerBytes = layer.outputShape.elementCount * model.activationElement.byteWidth * model.batchSize
            let (m, o1) = macs.addingReportingOverflow(layer.macs)
            let (p, o2) = params.addingReportingOverflow(layer.params)
            let (b, o3) = bytes.addingReportingOverflow(layerBytes)
            guard !o1, !o2, !o3, m <= limit, p <= limit, b <= limit else {
                throw ONNXImportError(.shape, file: file, node: layer.name,
                                      reason: "the model's MACs, parameters or tensor bytes add up past \(Quantity.bytes.highest)")
            }
            (macs, params, bytes) = (m, p, b)
        }
    }

    /// The graph with only the layers that `layer` depends on (itself last), inputs renumbered.
    static func keepingAncestors(of layer: Int, in model: ModelGraph) -> ModelGraph {
        var needed = Set([layer])
        for i in stride(from: layer, through: 0, by: -1) where needed.contains(i) {
            for case .layer(let p) in model.layers[i].inputs { needed.insert(p) }
        }
        guard needed.count != model.layers.count else { return model }
        var renumbered: [Int: Int] = [:]
        var layers: [Layer] = []
        for i in model.layers.indices where needed.contains(i) {
            var kept = model.layers[i]
            kept.inputs = kept.inputs.map { source in
                if case .layer(let p) = source, let q = renumbered[p] { return .layer(q) }
                return source
            }
            renumbered[i] = layers.count
            layers.append(kept)
        }
        var result = model
        result.layers = layers
        return result
    }

    /// Compares the graph output's declared per-sample dimensions, where fixed, with the computed ones.
    private func checkDeclaredShape(_ output: Onnx_ValueInfoProto, computed: TensorShape) throws(ONNXImportError) {
        guard case .tensorType(let type)? = output.type.value, type.hasShape else { return }
        let declared = type.shape.dim
        let mismatch = ONNXImportError(.shape, file: file, tensor: output.name,
                                       reason: "the file declares the output as \(Self.describe(declared)) but its nodes compute "
                                           + "N×\(computed)")
        guard declared.count == computed.dims.count + 1 else { throw mismatch }
        for (dim, size) in zip(declared.dropFirst(), computed.dims) {
            if case .dimValue(let value)? = dim.value, value != Int64(size) { throw mismatch }
        }
    }

    private static func describe(_ dims: [Onnx_TensorShapeProto.Dimension]) -> String {
        dims.map { dim in
            switch dim.value {
            case .dimValue(let v)?: String(v)
            case .dimParam(let p)?: p
            case nil: "?"
            }
        }.joined(separator: "×")
    }
}
