import Foundation
import SplitModels
import SplitRandom
import Testing
@testable import SplitONNX

/// Files that are not ONNX models at all: every one is an error naming the file, never a crash.
@Suite struct BrokenFileTests {
    /// A device is not a model file: refused before it is opened (the null device would read as empty).
    @Test func deviceIsNotAFile() {
        let error = FixtureFiles.importError { () throws(ONNXImportError) in _ = try ONNXImporter.importModel(atPath: "/dev/null") }
        #expect(error?.kind == .unreadableFile)
        #expect(error?.description.contains("not a regular file") == true)
    }

    @Test func missingFileAndDirectory() {
        let missing = FixtureFiles.importError("no-such-model.onnx")
        #expect(missing?.kind == .unreadableFile)
        #expect(missing?.description.contains("no-such-model.onnx") == true)
        let directory = FixtureFiles.importError { () throws(ONNXImportError) in
            _ = try ONNXImporter.importModel(atPath: FixtureFiles.directory.path)
        }
        #expect(directory?.kind == .unreadableFile)
    }

    /// An empty file is not ONNX.
    @Test func emptyFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("splitscope-empty-\(UUID().uuidString).onnx").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = FixtureFiles.importError { () throws(ONNXImportError) in _ = try ONNXImporter.importModel(atPath: path) }
        #expect(error?.kind == .notONNX)
        #expect(error?.file == path)
        #expect(error?.description.hasPrefix(path) == true)
        #expect(error?.description.contains("empty") == true)
    }

    /// Every cut of a real model fails; cuts inside a field fail as "not ONNX".
    @Test func truncatedFiles() throws {
        let data = try #require(FileManager.default.contents(atPath: FixtureFiles.path("chain_cnn.onnx")))
        var lengths = Array(stride(from: 1, to: data.count, by: 97))
        lengths += [data.count - 1, data.count - 2, data.count / 2]
        for length in lengths {
            let error = FixtureFiles.importError { () throws(ONNXImportError) in
                _ = try ONNXImporter.importModel(serialized: data.prefix(length), name: "cut", file: "cut.onnx")
            }
            #expect(error != nil, "a cut at \(length) of \(data.count) bytes imported")
            #expect(error?.file == "cut.onnx")
        }
        let lastByte = FixtureFiles.importError { () throws(ONNXImportError) in
            _ = try ONNXImporter.importModel(serialized: data.prefix(data.count - 1), name: "cut", file: "cut.onnx")
        }
        #expect(lastByte?.kind == .notONNX)
        #expect(lastByte?.description.contains("truncated") == true)
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 8)
        for trial in 0..<200 {
            let count = 1 + Int(rng.next() % 4096)
            let bytes = Data((0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
            let error = FixtureFiles.importError { () throws(ONNXImportError) in
                _ = try ONNXImporter.importModel(serialized: bytes, name: "noise", file: "noise.bin")
            }
            #expect(error != nil, "random bytes \(trial) imported")
            #expect(error?.file == "noise.bin")
        }
    }

    @Test func textIsNotONNX() {
        let error = FixtureFiles.importError { () throws(ONNXImportError) in
            _ = try ONNXImporter.importModel(serialized: Data("{\"name\": \"resnet18\"}\n".utf8), name: "json", file: "model.json")
        }
        #expect(error?.kind == .notONNX)
    }
}

/// The broken fixtures the script writes.
@Suite struct BrokenFixtureTests {
    @Test func unsupportedOperator() throws {
        let error = try #require(FixtureFiles.importError("unsupported_op.onnx"))
        #expect(error.kind == .unsupportedOperator)
        #expect(error.node == "/transpose/Transpose")
        #expect(error.opType == "Transpose")
        #expect(error.description.contains("unsupported_op.onnx"))
        #expect(error.description.contains("\"/transpose/Transpose\" (Transpose)"))
    }

    @Test func unsupportedAttribute() throws {
        let error = try #require(FixtureFiles.importError("unsupported_attribute.onnx"))
        #expect(error.kind == .unsupportedAttribute)
        #expect(error.node == "/fc/Gemm")
        #expect(error.opType == "Gemm")
        #expect(error.attribute == "transA")
        #expect(error.description.contains("attribute \"transA\""))
    }

    /// conv1's weights are in float_data, which stays inline; bn1's are the first read from the missing file.
    @Test func missingExternalData() throws {
        let error = try #require(FixtureFiles.importError("missing_external_data.onnx"))
        #expect(error.kind == .externalData)
        #expect(error.tensor == "bn1.weight")
        #expect(error.node == "/bn1/BatchNormalization")
        #expect(error.description.contains("missing_external_data.onnx.data"))
    }
}

/// One broken node or field at a time, built in Swift.
@Suite struct BrokenGraphTests {
    /// A model of one layer after the input.
    private func single(_ op: String, _ attributes: [Onnx_AttributeProto] = [], inputs: [String] = ["input"],
                        setUp: (inout ModelProtoBuilder) -> Void = { _ in }) -> ModelProtoBuilder {
        var b = ModelProtoBuilder()
        setUp(&b)
        b.node(op, inputs, ["output"], name: "/layer/\(op)", attributes)
        return b
    }

    @Test func unknownAttributeIsNamed() {
        let error = single("Relu", [ModelProtoBuilder.int("inplace", 1)]).importError()
        #expect(error?.kind == .unsupportedAttribute)
        #expect(error?.attribute == "inplace")
        #expect(error?.node == "/layer/Relu")
    }

    @Test(arguments: [
        ("HardSigmoid", ModelProtoBuilder.float("alpha", 0.2), "alpha"),
        ("HardSigmoid", ModelProtoBuilder.float("beta", 0.25), "beta"),
        ("MaxPool", ModelProtoBuilder.ints("dilations", [2, 2]), "dilations"),
        ("MaxPool", ModelProtoBuilder.int("storage_order", 1), "storage_order"),
        ("MaxPool", ModelProtoBuilder.ints("pads", [0, 0, 1, 1]), "pads"),
        ("MaxPool", ModelProtoBuilder.ints("strides", [1, 2]), "strides"),
        ("MaxPool", ModelProtoBuilder.string("auto_pad", "SAME_UPPER"), "auto_pad"),
        ("Flatten", ModelProtoBuilder.int("axis", 2), "axis"),
        ("Relu", ModelProtoBuilder.string("mode", "fast"), "mode"),
    ])
    func unsupportedAttributeValues(op: String, attribute: Onnx_AttributeProto, name: String) {
        var attributes = [attribute]
        if op == "MaxPool" { attributes.append(ModelProtoBuilder.ints("kernel_shape", [2, 2])) }
        if op == "HardSigmoid", name == "beta" { attributes.append(ModelProtoBuilder.float("alpha", 1.0 / 6.0)) }
        let error = single(op, attributes).importError()
        #expect(error?.kind == .unsupportedAttribute)
        #expect(error?.attribute == name)
        #expect(error?.opType == op)
    }

    @Test func nonSquarePoolingWindow() {
        let error = single("AveragePool", [ModelProtoBuilder.ints("kernel_shape", [2, 3])]).importError()
        #expect(error?.attribute == "kernel_shape")
    }

    @Test func concatOverAnotherAxis() {
        let error = single("Concat", [ModelProtoBuilder.int("axis", 2)], inputs: ["input", "input"]).importError()
        #expect(error?.kind == .unsupportedAttribute)
        #expect(error?.attribute == "axis")
    }

    @Test func softmaxOverAnImage() {
        let error = single("Softmax", [ModelProtoBuilder.int("axis", 1)]).importError()
        #expect(error?.attribute == "axis")
    }

    @Test func gemmWithoutFlatten() {
        let error = single("Gemm", [ModelProtoBuilder.int("transB", 1)], inputs: ["input", "w"]) { b in
            b.floats("w", [10, 144])
        }.importError()
        #expect(error?.kind == .shape)
        #expect(error?.node == "/layer/Gemm")
    }

    @Test func multiplyByAConstant() {
        let error = single("Mul", inputs: ["input", "k"]) { $0.floats("k", [1]) }.importError()
        #expect(error?.kind == .unsupportedInput)
        #expect(error?.tensor == "k")
    }

    @Test func convolutionWeightFromARuntimeTensor() {
        let error = single("Conv", inputs: ["input", "input"]).importError()
        #expect(error?.kind == .unsupportedInput)
    }

    @Test func convolutionWeightChannelsMismatch() {
        let error = single("Conv", inputs: ["input", "w"]) { $0.floats("w", [8, 3, 3, 3]) }.importError()
        #expect(error?.kind == .shape)
        #expect(error?.tensor == "w")
    }

    @Test func oneDimensionalConvolution() {
        var b = ModelProtoBuilder()
        b.inputDims = [1, 4, 6]
        b.floats("w", [8, 4, 3])
        b.node("Conv", ["input", "w"], ["output"], name: "/conv1d/Conv")
        let error = b.importError()
        #expect(error?.kind == .unsupportedInput)
        #expect(error?.node == "/conv1d/Conv")
    }

    @Test func rawDataOfTheWrongLength() {
        var b = ModelProtoBuilder()
        b.floats("w", [8, 4, 3, 3])
        b.initializers[0].rawData.removeLast(4)
        b.node("Conv", ["input", "w"], ["output"])
        let error = b.importError()
        #expect(error?.kind == .badTensor)
        #expect(error?.tensor == "w")
    }

    @Test func float16Weights() {
        var b = ModelProtoBuilder()
        b.floats("w", [8, 4, 3, 3])
        b.initializers[0].dataType = Onnx_TensorProto.DataType.float16.code
        b.node("Conv", ["input", "w"], ["output"])
        let error = b.importError()
        #expect(error?.kind == .badTensor)
        #expect(error?.description.contains("FLOAT16") == true)
    }

    @Test func otherDomain() {
        var b = ModelProtoBuilder()
        b.node("FusedConv", ["input"], ["output"], name: "fused", domain: "com.microsoft")
        let error = b.importError()
        #expect(error?.kind == .unsupportedOperator)
        #expect(error?.description.contains("com.microsoft") == true)
    }

    @Test(arguments: [8, 22])
    func opsetOutOfRange(opset: Int64) {
        var b = single("Relu")
        b.opset = opset
        #expect(b.importError()?.kind == .unsupportedOperator)
    }

    @Test func undefinedValue() {
        let error = single("Relu", inputs: ["nowhere"]).importError()
        #expect(error?.kind == .badGraph)
        #expect(error?.tensor == "nowhere")
    }

    @Test func twoOutputs() {
        var b = ModelProtoBuilder()
        b.node("Relu", ["input"], ["a"])
        b.node("Sigmoid", ["input"], ["b"])
        b.outputs = ["a", "b"]
        #expect(b.importError()?.kind == .badGraph)
    }

    @Test func valueWrittenTwice() {
        var b = ModelProtoBuilder()
        b.node("Relu", ["input"], ["output"])
        b.node("Sigmoid", ["input"], ["output"])
        #expect(b.importError()?.kind == .badGraph)
    }

    @Test func openSpatialDimension() {
        var b = single("Relu")
        b.inputDims = [1, 4, nil, 6]
        let error = b.importError()
        #expect(error?.kind == .badGraph)
        #expect(error?.tensor == "input")
    }

    /// Each way an input dimension can be wrong is said as it is, never as "unknown".
    @Test(arguments: [(Int64?(nil), "symbol \"batch\""), (1 << 31, "2147483648, more than"), (0, "0; a size must be positive"),
                      (-3, "-3; a size must be positive")])
    func badInputDimensionIsDescribed(_ case: (dim: Int64?, words: String)) {
        var b = single("Relu")
        b.inputDims = [1, 4, `case`.dim, 6]
        let error = b.importError()
        #expect(error?.tensor == "input")
        #expect(error?.description.contains("dimension 2 of the input is") == true)
        #expect(error?.description.contains(`case`.words) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("unknown") == false)
    }

    /// A NaN bound is said to be NaN; a bound of several numbers gives its shape.
    @Test func clipBoundsThatAreNotOneNumber() {
        var nan = single("Clip", inputs: ["input", "lo"])
        nan.floats("lo", [], values: [.nan])
        #expect(nan.importError()?.description.contains("min is NaN") == true, "\(nan.importError()?.description ?? "")")
        var two = single("Clip", inputs: ["input", "", "hi"])
        two.floats("hi", [2])
        #expect(two.importError()?.description.contains("max must be one number, got shape [2]") == true)
    }

    @Test func fixedBatchDisagreesWithOption() {
        let b = single("Relu")
        #expect(b.importError(options: ONNXImportOptions(batchSize: 4))?.kind == .badGraph)
        #expect(b.importError(options: ONNXImportOptions(batchSize: 1)) == nil)
    }

    @Test func declaredOutputShapeDisagrees() {
        var b = single("Relu")
        b.outputDims = [1, 4, 6, 7]
        #expect(b.importError()?.kind == .shape)
        b.outputDims = [nil, 4, 6, 6]
        #expect(b.importError() == nil)
    }

    @Test func reshapeAcrossTheBatch() {
        let error = single("Reshape", inputs: ["input", "shape"]) { $0.int64s("shape", [2, -1]) }.importError()
        #expect(error?.kind == .unsupportedInput)
        #expect(error?.tensor == "shape")
    }

    @Test func trainingModeDropout() {
        let error = single("Dropout", inputs: ["input", "", "training"]) { b in
            var flag = Onnx_TensorProto()
            flag.name = "training"
            flag.dataType = Onnx_TensorProto.DataType.bool.code
            flag.rawData = Data([1])
            b.initializers.append(flag)
        }.importError()
        #expect(error?.kind == .unsupportedInput)
    }

    @Test(arguments: ["../weights.bin", "/etc/weights.bin", "sub/../../weights.bin"])
    func externalDataOutsideTheModelFolder(location: String) {
        var b = ModelProtoBuilder()
        b.floats("w", [8, 4, 3, 3])
        b.initializers[0].rawData = Data()
        b.initializers[0].clearRawData()
        b.initializers[0].dataLocation = .external
        var entry = Onnx_StringStringEntryProto()
        entry.key = "location"
        entry.value = location
        b.initializers[0].externalData = [entry]
        b.node("Conv", ["input", "w"], ["output"])
        let error = b.importError(files: [location: Data(count: 8 * 4 * 9 * 4)])
        #expect(error?.kind == .externalData)
    }

    @Test func externalDataTooShort() {
        var b = ModelProtoBuilder()
        b.floats("w", [8, 4, 3, 3])
        b.initializers[0].clearRawData()
        b.initializers[0].dataLocation = .external
        var location = Onnx_StringStringEntryProto()
        location.key = "location"
        location.value = "w.bin"
        var offset = Onnx_StringStringEntryProto()
        offset.key = "offset"
        offset.value = "16"
        b.initializers[0].externalData = [location, offset]
        b.node("Conv", ["input", "w"], ["output"])
        #expect(b.importError(files: ["w.bin": Data(count: 8 * 4 * 9 * 4)])?.kind == .externalData)
        #expect(b.importError(files: ["w.bin": Data(count: 16 + 8 * 4 * 9 * 4)]) == nil)
    }
}

/// Sizes that would overflow a count are errors, never traps.
@Suite struct OversizeTests {
    @Test func hugeInput() {
        var b = ModelProtoBuilder()
        b.inputDims = [1, 2_000_000_000, 2_000_000_000, 2_000_000_000]
        b.node("Relu", ["input"], ["output"])
        let error = b.importError()
        #expect(error?.kind == .badGraph)
        #expect(error?.tensor == "input")
    }

    @Test func hugeReshape() {
        var b = ModelProtoBuilder()
        b.int64s("shape", [0, 2_000_000_000, 2_000_000_000, 2_000_000_000, 2_000_000_000])
        b.node("Reshape", ["input", "shape"], ["output"])
        #expect(b.importError()?.kind == .shape)
    }

    @Test func hugeConvolutionOutput() {
        var b = ModelProtoBuilder()
        b.inputDims = [1, 1, 60_000, 60_000]
        b.floats("w", [2, 1, 1, 1])
        b.node("Conv", ["input", "w"], ["output"], [ModelProtoBuilder.ints("pads", [1_000_000_000, 0, 1_000_000_000, 0])])
        #expect(b.importError()?.kind == .shape)
    }
}

extension OversizeTests {
    @Test func batchOutsideItsQuantity() throws {
        var b = ModelProtoBuilder()
        b.inputDims = [100_000, 4, 6, 6]
        b.node("Relu", ["input"], ["output"])
        let error = b.importError()
        #expect(error?.kind == .badGraph)
        #expect(error?.description.contains("batch size must be") == true)
        var open = ModelProtoBuilder()
        open.inputDims = [nil, 4, 6, 6]
        open.node("Relu", ["input"], ["output"])
        #expect(open.importError(options: ONNXImportOptions(batchSize: 0))?.kind == .badGraph)
        #expect(try open.importModel(options: ONNXImportOptions(batchSize: 65_536)).graph.batchSize == 65_536)
    }
}
