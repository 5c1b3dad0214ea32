import Foundation
import SplitModels
import SwiftProtobuf

/// Cuts an ONNX model into a device part and an edge part, as two valid ONNX models.
///
/// Works on the file's own `ModelProto`, so everything splitscope does not read (attributes,
/// metadata, unknown fields) passes through unchanged. Given the boundary tensors, the edge part
/// is every node the model's outputs need, walking back until a boundary tensor or an
/// initializer; the device part is every node the boundary tensors need, walking back to the
/// model's input. A node both need (a `Constant`) is written into both. Initializers held in
/// external data files are written inline.
///
/// ```swift
/// let parts = try ONNXPartExporter.split(modelAtPath: "resnet18.onnx",
///     boundary: [ONNXBoundaryTensor(name: "/layer2/layer2.1/relu_1/Relu_output_0", sampleDims: [128, 28, 28])])
/// try parts.device.bytes.write(to: URL(fileURLWithPath: "resnet18-device.onnx"))
/// ```
public enum ONNXPartExporter {
    /// Reads a model file (and the external data files beside it) and splits it at `boundary`.
    public static func split(modelAtPath path: String, boundary: [ONNXBoundaryTensor]) throws(ONNXImportError) -> ONNXModelParts {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            throw ONNXImportError(.unreadableFile, file: path, reason: "cannot read the file (does it exist?)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        return try split(serialized: data, file: path, boundary: boundary) { location in
            try? Data(contentsOf: folder.appendingPathComponent(location), options: .mappedIfSafe)
        }
    }

    /// Splits a serialized model at `boundary`; `externalData` gives an external-data file's bytes by location.
    public static func split(serialized data: Data, file: String, boundary: [ONNXBoundaryTensor],
                             externalData: @escaping (String) -> Data? = { _ in nil }) throws(ONNXImportError) -> ONNXModelParts {
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: data)
        } catch {
            throw ONNXImportError(.notONNX, file: file, reason: "not an ONNX model: \(error)")
        }
        guard model.hasGraph else { throw ONNXImportError(.notONNX, file: file, reason: "not an ONNX model (no graph)") }
        let cut = PartCut(graph: model.graph, file: file, decoder: TensorDecoder(file: file, externalData: externalData))
        return try cut.parts(of: model, boundary: boundary)
    }
}

/// The work of one split: which nodes and initializers each part keeps.
private struct PartCut {
    let graph: Onnx_GraphProto
    let file: String
    let decoder: TensorDecoder

    private var initializerNames: Set<String> { Set(graph.initializer.map(\.name)) }

    /// The graph's real inputs (IR 3 lists initializers among the inputs too).
    private var modelInputs: [Onnx_ValueInfoProto] {
        let constants = initializerNames
        return graph.input.filter { !constants.contains($0.name) }
    }

    func parts(of model: Onnx_ModelProto, boundary: [ONNXBoundaryTensor]) throws(ONNXImportError) -> ONNXModelParts {
        guard let input = modelInputs.first, modelInputs.count == 1 else {
            throw ONNXImportError(.badGraph, file: file, reason: "the graph has \(modelInputs.count) inputs; splitscope splits models with exactly one")
        }
        guard !boundary.isEmpty else {
            throw ONNXImportError(.badGraph, file: file, reason: "no tensor crosses the split: nothing to export")
        }
        let names = boundary.map(\.name)
        guard Set(names).count == names.count else {
            throw ONNXImportError(.badGraph, file: file, reason: "a boundary tensor is named twice (\(names.joined(separator: ", ")))")
        }
        let outputs = graph.output.map(\.name)
        if let output = names.first(where: outputs.contains) {
            throw ONNXImportError(.badGraph, file: file, tensor: output,
                                  reason: "the model's output is on the device: the edge part would be empty")
        }
        let produced = Set(graph.node.flatMap(\.output))
        for name in names where name != input.name && !produced.contains(name) {
            throw ONNXImportError(.badGraph, file: file, tensor: name, reason: "no node of the model writes this tensor")
        }
        let batch = batchDimension(of: input)

        // The device part: from the model's input to the boundary.
        let deviceNodes = try nodes(needing: Set(names), stoppingAt: [input.name], part: "device")
        // The edge part: from the boundary to the model's outputs; it must not need the raw input.
        let edgeNodes = try nodes(needing: Set(outputs), stoppingAt: Set(names), part: "edge")
        let boundaryInfos = boundary.map { valueInfo($0, batch: batch) }

        var device = model
        device.graph = try subgraph(keeping: deviceNodes, inputs: [input], outputs: boundaryInfos, suffix: "device")
        var edge = model
        edge.graph = try subgraph(keeping: edgeNodes, inputs: boundaryInfos, outputs: graph.output, suffix: "edge")
        if edge.graph.node.isEmpty {
            throw ONNXImportError(.badGraph, file: file, reason: "the edge part holds no node: the model's outputs are all on the device")
        }
        func part(_ model: Onnx_ModelProto) throws(ONNXImportError) -> ONNXModelParts.Part {
            let bytes: Data
            do {
                bytes = try model.serializedBytes()
            } catch {
                throw ONNXImportError(.badGraph, file: file, reason: "cannot serialize the part: \(error) "
                    + "(a protobuf message holds at most 2 GiB; this model's weights are too large to write inline)")
            }
            let weights = Set(model.graph.initializer.map(\.name))
            return ONNXModelParts.Part(bytes: bytes, nodes: model.graph.node.count, initializers: weights.count,
                                       inputs: model.graph.input.map(\.name).filter { !weights.contains($0) },
                                       outputs: model.graph.output.map(\.name))
        }
        let batchText: String = switch batch.value {
        case .dimValue(let v)?: String(v)
        case .dimParam(let p)?: p
        case nil: "?"
        }
        return ONNXModelParts(device: try part(device), edge: try part(edge), boundary: boundary, batchDimension: batchText)
    }

    /// The indices, in file order, of the nodes that compute `wanted`, walking back from it and
    /// stopping at `stops` and at initializers; throws when a walk reaches a value nothing defines.
    private func nodes(needing wanted: Set<String>, stoppingAt stops: Set<String>, part: String) throws(ONNXImportError) -> [Int] {
        let constants = initializerNames
        var needed = wanted.subtracting(stops)
        var kept: [Int] = []
        for index in graph.node.indices.reversed() {
            let node = graph.node[index]
            guard node.output.contains(where: needed.contains) else { continue }
            kept.append(index)
            for output in node.output { needed.remove(output) }
            for value in node.input where !value.isEmpty && !stops.contains(value) && !constants.contains(value) {
                needed.insert(value)
            }
        }
        // What is still needed is computed by no node: the raw input the edge must not read, or an undefined value.
        if let missing = needed.sorted().first {
            let isInput = modelInputs.contains { $0.name == missing }
            throw ONNXImportError(.badGraph, file: file, tensor: missing,
                                  reason: isInput ? "the \(part) part would need the model's input, which is not among the tensors sent: "
                                      + "the split is not a cut of the graph"
                                      : "the \(part) part needs this value, which no node or initializer defines")
        }
        return kept.reversed()
    }

    /// A copy of the graph (unknown fields and all) with only these nodes, the initializers they
    /// read (inline), and the given inputs and outputs.
    private func subgraph(keeping indices: [Int], inputs: [Onnx_ValueInfoProto], outputs: [Onnx_ValueInfoProto],
                          suffix: String) throws(ONNXImportError) -> Onnx_GraphProto {
        var result = graph
        result.node = indices.map { graph.node[$0] }
        let read = Set(result.node.flatMap(\.input))
        var initializers: [Onnx_TensorProto] = []
        for tensor in graph.initializer where read.contains(tensor.name) {
            initializers.append(try decoder.inlined(tensor))
        }
        result.initializer = initializers
        // A source that lists initializers among its inputs (IR 3 requires it) keeps listing those it kept.
        let keptWeights = Set(initializers.map(\.name))
        result.input = inputs + graph.input.filter { keptWeights.contains($0.name) }
        result.output = outputs
        let written = Set(result.node.flatMap(\.output))
        let declared = Set(inputs.map(\.name))
        result.valueInfo = graph.valueInfo.filter { written.contains($0.name) && !declared.contains($0.name) }
        if !graph.name.isEmpty { result.name = "\(graph.name)-\(suffix)" } else { result.name = suffix }
        return result
    }

    /// The first dimension of the model's input (the batch), to declare on every boundary tensor.
    private func batchDimension(of input: Onnx_ValueInfoProto) -> Onnx_TensorShapeProto.Dimension {
        if case .tensorType(let type)? = input.type.value, let first = type.shape.dim.first { return first }
        var dim = Onnx_TensorShapeProto.Dimension()
        dim.dimParam = "batch"
        return dim
    }

    /// A float32 value declaration for a boundary tensor: the batch dimension, then its sample dims.
    private func valueInfo(_ tensor: ONNXBoundaryTensor, batch: Onnx_TensorShapeProto.Dimension) -> Onnx_ValueInfoProto {
        var shape = Onnx_TensorShapeProto()
        shape.dim = [batch] + tensor.sampleDims.map { size in
            var dim = Onnx_TensorShapeProto.Dimension()
            dim.dimValue = Int64(size)
            return dim
        }
        var type = Onnx_TypeProto.Tensor()
        type.elemType = Onnx_TensorProto.DataType.float.code
        type.shape = shape
        var info = Onnx_ValueInfoProto()
        info.name = tensor.name
        info.type.tensorType = type
        return info
    }
}
