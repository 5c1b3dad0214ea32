import SplitCost
import SplitEdge
import SplitEngine
import SplitModels
import SplitOIP

/// A tensor an OIP server declares in a model's metadata: name, datatype and shape (-1 for any size).
public struct DeclaredTensor: Hashable, Sendable {
    public var name: String
    public var datatype: String
    public var shape: [Int]

    public init(name: String, datatype: String, shape: [Int]) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
    }

    /// The tensors of a ModelMetadata answer's inputs or outputs.
    public static func of(_ tensors: [Inference_ModelMetadataResponse.TensorMetadata]) -> [DeclaredTensor] {
        tensors.map { DeclaredTensor(name: $0.name, datatype: $0.datatype, shape: $0.shape.map { Int(clamping: $0) }) }
    }
}

/// The partition fixed by a model that another OIP server serves (`device --edge-model NAME`):
/// the server's inputs are the boundary tensors, so the device runs every layer they depend on.
///
/// Each input name is looked up in the whole model as a tensor name, as OIP names tensors (a
/// layer's output value name, else its layer name; or the model's input name); the device set is every layer those tensors depend on; and the boundary of
/// that device set (``SplitExecution/boundary(of:onDevice:)``) must be exactly the server's input
/// set, or the server's model is not the rest of this model and the device refuses it.
///
/// ```swift
/// let cut = try ForeignCut(graph: graph, model: "chain_cnn-edge",
///                          inputs: DeclaredTensor.of(metadata.inputs), outputs: DeclaredTensor.of(metadata.outputs))
/// cut.partition      // the first layers on the device
/// cut.names[source]  // the name the server takes that tensor under
/// ```
public struct ForeignCut: Hashable, Sendable {
    /// The server's model name.
    public var model: String
    /// Which layers run on the device (closed under predecessors).
    public var partition: Partition
    /// The tensors the device sends, in boundary order.
    public var boundary: [TensorSource]
    /// The name the server takes each boundary tensor under.
    public var names: [TensorSource: String]
    /// The model output the server returns.
    public var output: OIPTensorSpec

    /// Derives the cut; throws when a name is unknown, a type or shape differs, or the inputs are no cut.
    public init(graph: ModelGraph, model: String, inputs: [DeclaredTensor], outputs: [DeclaredTensor]) throws(ForeignCutError) {
        let prefix = "--edge-model \(model)"
        guard !inputs.isEmpty else { throw ForeignCutError("\(prefix): the server declares no inputs") }
        func shape(_ source: TensorSource) -> [Int] {
            switch source {
            case .input: [graph.batchSize] + graph.inputShape.dims
            case .layer(let i): [graph.batchSize] + graph.layers[i].outputShape.dims
            }
        }
        func check(_ declared: DeclaredTensor, as source: TensorSource, role: String) throws(ForeignCutError) {
            guard declared.datatype == OIPDatatype.fp32.rawValue else {
                throw ForeignCutError("\(prefix): \(role) \(declared.name) is \(declared.datatype), this device sends and reads FP32")
            }
            let expected = shape(source)
            guard declared.shape.count == expected.count,
                  zip(declared.shape, expected).allSatisfy({ $0 == $1 || $0 == -1 }) else {
                throw ForeignCutError("\(prefix): \(role) \(declared.name) has shape \(declared.shape), "
                    + "the model's tensor has \(expected)")
            }
        }
        let inputName = EdgeModel.tensorName(of: .input, in: graph)
        var names = [TensorSource: String]()
        for declared in inputs {
            let source: TensorSource
            if declared.name == inputName {
                source = .input
            } else if let index = graph.index(ofValue: declared.name) ?? graph.index(ofLayer: declared.name) {
                source = .layer(index)
            } else {
                throw ForeignCutError("\(prefix): the server's input \(declared.name) is no tensor of \(graph.name)")
            }
            if let other = names[source] {
                throw ForeignCutError("\(prefix): the server's inputs \(other) and \(declared.name) are the same tensor")
            }
            try check(declared, as: source, role: "input")
            names[source] = declared.name
        }
        // Every layer the server's inputs depend on runs on the device.
        var onDevice = Array(repeating: false, count: graph.layers.count)
        for case .layer(let index) in names.keys { onDevice[index] = true }
        for index in graph.layers.indices.reversed() where onDevice[index] {
            for case .layer(let before) in graph.layers[index].inputs { onDevice[before] = true }
        }
        guard onDevice.contains(false) else {
            throw ForeignCutError("\(prefix): the server's inputs need every layer of \(graph.name) on the device, "
                + "leaving it nothing to compute")
        }
        let boundary: [TensorSource]
        do {
            boundary = try SplitExecution.boundary(of: graph, onDevice: onDevice)
        } catch {
            throw ForeignCutError("\(prefix): \(error)")
        }
        let needed = Set(boundary)
        let missing = boundary.filter { names[$0] == nil }.map { EdgeModel.tensorName(of: $0, in: graph) }
        let extra = names.filter { !needed.contains($0.key) }.map(\.value).sorted()
        guard missing.isEmpty, extra.isEmpty else {
            var why = [String]()
            if !missing.isEmpty { why.append("the layers after them also read \(missing.joined(separator: ", ")), which the server does not take") }
            if !extra.isEmpty { why.append("\(extra.joined(separator: ", ")) would not be read by the layers after the cut") }
            throw ForeignCutError("\(prefix): the server's inputs (\(inputs.map(\.name).joined(separator: ", "))) are not a cut of "
                + "\(graph.name): " + why.joined(separator: "; "))
        }
        let last = TensorSource.layer(graph.layers.count - 1)
        let outputName = EdgeModel.tensorName(of: last, in: graph)
        guard let declaredOutput = outputs.first(where: { $0.name == outputName }) else {
            throw ForeignCutError("\(prefix): the server does not return the model's output \(outputName) "
                + "(it returns \(outputs.map(\.name).joined(separator: ", ")))")
        }
        try check(declaredOutput, as: last, role: "output")
        self.model = model
        partition = Partition(onDevice: onDevice)
        self.boundary = boundary
        self.names = names
        output = OIPTensorSpec(name: outputName, shape: shape(last))
    }
}

/// A foreign server's model does not fit the device's model; the message names the model and tensor.
public struct ForeignCutError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
