import Foundation
import SplitModels
@testable import SplitONNX
import Testing

/// DequantizeLinear on constant weights: int8/uint8 initializers folded at import into the float
/// weights `(q − zero_point) × scale` they stand for; every other quantisation form is refused
/// with the node named.
@Suite struct DequantizeTests {
    /// An 8-bit initializer, stored raw or (as ONNX keeps non-raw 8-bit elements) in `int32_data`.
    private static func eightBit(_ name: String, _ dims: [Int64], _ values: [Int32], signed: Bool = true,
                                 raw: Bool = true) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = (signed ? Onnx_TensorProto.DataType.int8 : .uint8).code
        if raw {
            tensor.rawData = Data(values.map { UInt8(bitPattern: Int8(truncatingIfNeeded: $0)) })
        } else {
            tensor.int32Data = values
        }
        return tensor
    }

    private static func floats(_ name: String, _ dims: [Int64], _ values: [Float]) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = Onnx_TensorProto.DataType.float.code
        tensor.floatData = values
        return tensor
    }

    /// A 1×1 convolution from 4 channels to 2 whose weight comes from a DequantizeLinear.
    private static func model(quantised: Onnx_TensorProto, scale: Onnx_TensorProto, zeroPoint: Onnx_TensorProto?,
                              attributes: [Onnx_AttributeProto] = [ModelProtoBuilder.int("axis", 0)]) -> ModelProtoBuilder {
        var b = ModelProtoBuilder()
        b.initializers = [quantised, scale] + (zeroPoint.map { [$0] } ?? [])
        b.node("DequantizeLinear", ["wq", "ws"] + (zeroPoint == nil ? [] : ["wz"]), ["w"], name: "w_DequantizeLinear",
               attributes)
        b.node("Conv", ["input", "w"], ["output"], name: "/conv/Conv")
        return b
    }

    private static let values: [Int32] = [-127, -3, 0, 5, 127, 64, -64, 1]

    /// Per channel (axis 0), int8 with a zero point: each output channel's weights are its own scale
    /// times (q − zero point), exactly, and the convolution has the quantised file's shape.
    @Test(arguments: [true, false])
    func perChannelInt8(raw: Bool) throws {
        let b = Self.model(quantised: Self.eightBit("wq", [2, 4, 1, 1], Self.values, raw: raw),
                           scale: Self.floats("ws", [2], [0.5, 0.01]),
                           zeroPoint: Self.eightBit("wz", [2], [0, -2], raw: raw))
        let model = try b.importModel()
        let weight = try #require(model.weights["/conv/Conv"]?["weight"])
        #expect(weight.shape == [2, 4, 1, 1])
        let want: [Float] = [-63.5, -1.5, 0, 2.5, 129 * 0.01, 66 * 0.01, -62 * 0.01, 3 * 0.01]
        #expect(weight.elements == want)
        #expect(model.graph.layers.map(\.name) == ["/conv/Conv"])
        #expect(model.graph.totalParams == 8)
    }

    /// Per tensor (a scalar scale), uint8 around 128; the zero point may be left out (then 0).
    @Test func perTensorUInt8() throws {
        let unsigned = Self.values.map { $0 + 128 }
        let centred = Self.model(quantised: Self.eightBit("wq", [2, 4, 1, 1], unsigned, signed: false),
                                 scale: Self.floats("ws", [], [0.25]),
                                 zeroPoint: Self.eightBit("wz", [], [128], signed: false), attributes: [])
        let weight = try #require(try centred.importModel().weights["/conv/Conv"]?["weight"])
        #expect(weight.elements == Self.values.map { Float($0) * 0.25 })
        let noZero = Self.model(quantised: Self.eightBit("wq", [2, 4, 1, 1], unsigned, signed: false),
                                scale: Self.floats("ws", [1], [0.25]), zeroPoint: nil, attributes: [])
        let plain = try #require(try noZero.importModel().weights["/conv/Conv"]?["weight"])
        #expect(plain.elements == unsigned.map { Float($0) * 0.25 })
    }

    /// The committed int8 version of the trained edge model, run by the naive reference on eight
    /// test images, equals ONNX Runtime's logits for the same file (scripts/compress-fashion.py).
    @Test func fashionEdgeInt8MatchesONNXRuntime() throws {
        let input = try TestArray(contentsOf: FixtureFiles.path("fashion_edge_int8.input.npy"))
        let expected = try TestArray(contentsOf: FixtureFiles.path("fashion_edge_int8.expected.npy"))
        let file = FixtureFiles.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Models/fashion-edge-int8.onnx").path
        let model = try ONNXImporter.importModel(atPath: file, options: ONNXImportOptions(batchSize: input.shape[0]))
        #expect(model.graph.layers.allSatisfy { !$0.name.contains("DequantizeLinear") })
        let output = try ReferenceRunner(model: model).run(input.elements)
        #expect(output.count == expected.elements.count)
        let scale = max(expected.elements.map(abs).max() ?? 0, 1e-12)
        let worst = zip(output, expected.elements).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst / scale <= 1e-4)
    }

    // MARK: Refusals, each naming the node

    @Test func truncatedInt8Initializer() {
        var quantised = Self.eightBit("wq", [2, 4, 1, 1], Self.values)
        quantised.rawData.removeLast(3)
        let error = Self.model(quantised: quantised, scale: Self.floats("ws", [2], [0.5, 0.01]), zeroPoint: nil)
            .importError()
        #expect(error?.kind == .badTensor)
        #expect(error?.node == "w_DequantizeLinear")
        #expect(error?.tensor == "wq")
        #expect(error?.description.contains("raw_data holds 5 bytes, its dimensions need 8") == true, "\(String(describing: error))")
    }

    @Test func int32DataOutOfRange() {
        let error = Self.model(quantised: Self.eightBit("wq", [2, 4, 1, 1], [300] + Self.values.dropFirst(), raw: false),
                               scale: Self.floats("ws", [2], [0.5, 0.01]), zeroPoint: nil).importError()
        #expect(error?.kind == .badTensor)
        #expect(error?.node == "w_DequantizeLinear")
        #expect(error?.description.contains("300 does not fit INT8") == true, "\(String(describing: error))")
    }

    @Test(arguments: [[Int64(3)], [2, 1], [4]])
    func scaleOfTheWrongShape(dims: [Int64]) {
        let count = Int(dims.reduce(1, *))
        let error = Self.model(quantised: Self.eightBit("wq", [2, 4, 1, 1], Self.values),
                               scale: Self.floats("ws", dims, [Float](repeating: 0.1, count: count)), zeroPoint: nil)
            .importError()
        #expect(error?.kind == .badTensor)
        #expect(error?.node == "w_DequantizeLinear")
        #expect(error?.opType == "DequantizeLinear")
        #expect(error?.tensor == "ws")
        #expect(error?.description.contains("one value per channel of axis 0 of [2, 4, 1, 1]") == true,
                "\(String(describing: error))")
    }

    @Test func nonFiniteScale() {
        let error = Self.model(quantised: Self.eightBit("wq", [2, 4, 1, 1], Self.values),
                               scale: Self.floats("ws", [2], [0.5, .nan]), zeroPoint: nil).importError()
        #expect(error?.kind == .badTensor)
        #expect(error?.tensor == "ws")
        #expect(error?.node == "w_DequantizeLinear")
    }

    @Test func zeroPointOfAnotherTypeOrShape() {
        let mixed = Self.model(quantised: Self.eightBit("wq", [2, 4, 1, 1], Self.values),
                               scale: Self.floats("ws", [2], [0.5, 0.01]),
                               zeroPoint: Self.eightBit("wz", [2], [0, 0], signed: false)).importError()
        #expect(mixed?.tensor == "wz")
        #expect(mixed?.node == "w_DequantizeLinear")
        let short = Self.model(quantised: Self.eightBit("wq", [2, 4, 1, 1], Self.values),
                               scale: Self.floats("ws", [2], [0.5, 0.01]),
                               zeroPoint: Self.eightBit("wz", [1], [0])).importError()
        #expect(short?.tensor == "wz")
        #expect(short?.description.contains("must have the scale's shape [2]") == true, "\(String(describing: short))")
    }

    /// Element types other than INT8/UINT8 (INT32 biases, INT4, FLOAT8) are refused, not misread.
    @Test func otherElementTypes() {
        var wide = Self.eightBit("wq", [2, 4, 1, 1], Self.values, raw: false)
        wide.dataType = Onnx_TensorProto.DataType.int32.code
        let error = Self.model(quantised: wide, scale: Self.floats("ws", [2], [0.5, 0.01]), zeroPoint: nil).importError()
        #expect(error?.kind == .badTensor)
        #expect(error?.node == "w_DequantizeLinear")
        #expect(error?.description.contains("INT32 is not supported here (INT8 or UINT8 only)") == true,
                "\(String(describing: error))")
    }

    @Test func blockedQuantisation() {
        let error = Self.model(quantised: Self.eightBit("wq", [2, 4, 1, 1], Self.values),
                               scale: Self.floats("ws", [2], [0.5, 0.01]), zeroPoint: nil,
                               attributes: [ModelProtoBuilder.int("axis", 0), ModelProtoBuilder.int("block_size", 2)])
            .importError()
        #expect(error?.kind == .unsupportedAttribute)
        #expect(error?.attribute == "block_size")
        #expect(error?.node == "w_DequantizeLinear")
    }

    /// Quantised activations (DequantizeLinear of a computed tensor) are a different thing: refused.
    @Test func dequantisingAnActivation() {
        var b = ModelProtoBuilder()
        b.floats("ws", [1])
        b.node("DequantizeLinear", ["input", "ws"], ["output"], name: "/act/DequantizeLinear")
        let error = b.importError()
        #expect(error?.kind == .unsupportedInput)
        #expect(error?.node == "/act/DequantizeLinear")
        #expect(error?.description.contains("constant weights only") == true, "\(String(describing: error))")
    }

    @Test(arguments: ["QuantizeLinear", "QLinearConv", "DynamicQuantizeLinear", "MatMulInteger"])
    func quantisedOperators(op: String) {
        var b = ModelProtoBuilder()
        b.node(op, ["input"], ["output"], name: "/q/\(op)")
        let error = b.importError()
        #expect(error?.kind == .unsupportedOperator)
        #expect(error?.node == "/q/\(op)")
    }
}
