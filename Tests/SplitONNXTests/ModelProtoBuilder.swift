import Foundation
import SwiftProtobuf
@testable import SplitONNX

/// Builds small ONNX models in Swift, for tests of one node or one broken field at a time.
///
/// The graph input is `input` (N×C×H×W, float32) and the output `output`; nodes are given as
/// (op type, inputs, outputs, attributes).
struct ModelProtoBuilder {
    var opset: Int64 = 17
    var inputDims: [Int64?] = [1, 4, 6, 6]
    var nodes: [Onnx_NodeProto] = []
    var initializers: [Onnx_TensorProto] = []
    var outputs = ["output"]
    var outputDims: [Int64?]?

    @discardableResult
    mutating func node(_ op: String, _ inputs: [String], _ outputs: [String], name: String? = nil,
                       _ attributes: [Onnx_AttributeProto] = [], domain: String = "") -> Onnx_NodeProto {
        var node = Onnx_NodeProto()
        node.opType = op
        node.input = inputs
        node.output = outputs
        node.name = name ?? "/\(outputs.first ?? op)/\(op)"
        node.attribute = attributes
        node.domain = domain
        nodes.append(node)
        return node
    }

    /// A float initializer of `values`, or of consecutive small values.
    mutating func floats(_ name: String, _ dims: [Int64], raw: Bool = true, values given: [Float]? = nil) {
        let count = Int(dims.reduce(1, *))
        let values = given ?? (0..<count).map { Float($0 % 7) * 0.1 - 0.3 }
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = Onnx_TensorProto.DataType.float.code
        if raw {
            tensor.rawData = values.withUnsafeBufferPointer { Data(buffer: $0) }
        } else {
            tensor.floatData = values
        }
        initializers.append(tensor)
    }

    mutating func int64s(_ name: String, _ values: [Int64]) {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = [Int64(values.count)]
        tensor.dataType = Onnx_TensorProto.DataType.int64.code
        tensor.int64Data = values
        initializers.append(tensor)
    }

    static func ints(_ name: String, _ values: [Int64]) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .ints
        a.ints = values
        return a
    }

    static func int(_ name: String, _ value: Int64) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .int
        a.i = value
        return a
    }

    static func float(_ name: String, _ value: Float) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .float
        a.f = value
        return a
    }

    static func string(_ name: String, _ value: String) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .string
        a.s = Data(value.utf8)
        return a
    }

    private static func valueInfo(_ name: String, _ dims: [Int64?]) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = Onnx_TensorProto.DataType.float.code
        tensor.shape.dim = dims.map { value in
            var dim = Onnx_TensorShapeProto.Dimension()
            if let value { dim.dimValue = value } else { dim.dimParam = "batch" }
            return dim
        }
        info.type.tensorType = tensor
        return info
    }

    var model: Onnx_ModelProto {
        var model = Onnx_ModelProto()
        model.irVersion = 8
        model.producerName = "splitscope-tests"
        var opsetID = Onnx_OperatorSetIdProto()
        opsetID.domain = ""
        opsetID.version = opset
        model.opsetImport = [opsetID]
        model.graph.name = "test"
        model.graph.node = nodes
        model.graph.initializer = initializers
        model.graph.input = [Self.valueInfo("input", inputDims)]
        model.graph.output = outputs.map { Self.valueInfo($0, outputDims ?? []) }
        if outputDims == nil {
            for i in model.graph.output.indices { model.graph.output[i].type = Onnx_TypeProto() }
        }
        return model
    }

    func serialized() throws -> Data {
        try model.serializedBytes()
    }

    /// Imports the model, with external data files from `files`.
    func importModel(options: ONNXImportOptions = ONNXImportOptions(),
                     files: [String: Data] = [:]) throws(ONNXImportError) -> ImportedModel {
        let data: Data
        do {
            data = try serialized()
        } catch {
            throw ONNXImportError(.notONNX, file: "test.onnx", reason: "could not serialize: \(error)")
        }
        return try ONNXImporter.importModel(serialized: data, name: "test", file: "test.onnx", options: options,
                                            externalData: { files[$0] })
    }

    /// The import error, or `nil` when the model imports.
    func importError(options: ONNXImportOptions = ONNXImportOptions(), files: [String: Data] = [:]) -> ONNXImportError? {
        FixtureFiles.importError { () throws(ONNXImportError) in _ = try importModel(options: options, files: files) }
    }
}
