import Foundation
import SplitModels
import Testing
@testable import SplitONNX

/// How single nodes and small graphs become layers.
@Suite struct NodeConversionTests {
    @Test func emptyAndRepeatedNodeNamesBecomeUnique() throws {
        var b = ModelProtoBuilder()
        b.node("Relu", ["input"], ["a"], name: "")
        b.node("Sigmoid", ["a"], ["b"], name: "act")
        b.node("Relu", ["b"], ["c"], name: "act")
        b.node("Relu", ["c"], ["output"], name: "act")
        let graph = try b.importModel().graph
        #expect(graph.layers.map(\.name) == ["Relu_0", "act", "act_2", "act_3"])
        #expect(graph.layers.map(\.outputName) == ["a", "b", "c", "output"])
    }

    @Test func nodesTheOutputDoesNotNeedAreDropped() throws {
        var b = ModelProtoBuilder()
        b.node("Relu", ["input"], ["a"])
        b.node("Sigmoid", ["input"], ["unused"])
        b.node("Relu", ["a"], ["output"])
        b.node("Sigmoid", ["a"], ["after"])
        let graph = try b.importModel().graph
        #expect(graph.layers.map(\.outputName) == ["a", "output"])
        #expect(graph.layers[1].inputs == [.layer(0)])
    }

    @Test func identityAtTheEndNamesTheOutput() throws {
        var b = ModelProtoBuilder()
        b.node("Relu", ["input"], ["r"])
        b.node("Identity", ["r"], ["output"])
        let graph = try b.importModel().graph
        #expect(graph.layers.count == 1)
        #expect(graph.layers[0].outputName == "output")
    }

    @Test func samePaddingIsComputed() throws {
        var b = ModelProtoBuilder()
        b.inputDims = [1, 4, 7, 7]
        b.floats("w", [8, 4, 3, 3])
        b.node("Conv", ["input", "w"], ["output"], [ModelProtoBuilder.string("auto_pad", "SAME_UPPER"),
                                                     ModelProtoBuilder.ints("strides", [2, 2])])
        let layer = try #require(try b.importModel().graph.layers.first)
        // ceil(7 / 2) = 4 outputs need (4 - 1)·2 + 3 - 7 = 2 padding, split evenly.
        #expect(layer.outputShape == TensorShape([8, 4, 4]))
        guard case .convolution(let c) = layer.operation else { Issue.record("not a convolution"); return }
        #expect(c.padding == Padding2D(all: 1))
    }

    @Test func clipBoundsFromAttributesInOldOpsets() throws {
        var b = ModelProtoBuilder()
        b.opset = 10
        b.node("Clip", ["input"], ["output"], [ModelProtoBuilder.float("min", -1), ModelProtoBuilder.float("max", 1)])
        #expect(try b.importModel().graph.layers[0].operation == .clip(min: -1, max: 1))
        var relu6 = ModelProtoBuilder()
        relu6.node("Constant", [], ["lo"], [ModelProtoBuilder.float("value_float", 0)])
        relu6.node("Constant", [], ["hi"], [ModelProtoBuilder.float("value_float", 6)])
        relu6.node("Clip", ["input", "lo", "hi"], ["output"])
        #expect(try relu6.importModel().graph.layers.map(\.operation) == [.activation(.relu6)])
    }

    /// Gemm without transB holds B as [in, out]; the layer's weight is [out, in] either way.
    @Test func gemmWeightsAreOutByIn() throws {
        func model(transB: Int64, alpha: Float = 1) throws -> ImportedModel {
            var b = ModelProtoBuilder()
            b.inputDims = [1, 6]
            b.floats("w", transB == 1 ? [3, 6] : [6, 3], raw: false)
            b.node("Gemm", ["input", "w"], ["output"], [ModelProtoBuilder.int("transB", transB),
                                                         ModelProtoBuilder.float("alpha", alpha)])
            return try b.importModel()
        }
        let kept = try #require(try model(transB: 1).weights["/output/Gemm"]?["weight"])
        let transposed = try #require(try model(transB: 0).weights["/output/Gemm"]?["weight"])
        #expect(kept.shape == [3, 6])
        #expect(transposed.shape == [3, 6])
        // The script's values run 0…6 cyclically: element [o][i] of the transposed matrix is B[i][o].
        let values = (0..<18).map { Float($0 % 7) * 0.1 - 0.3 }
        #expect(transposed.elements[1 * 6 + 4] == values[4 * 3 + 1])
        let scaled = try #require(try model(transB: 1, alpha: 2).weights["/output/Gemm"]?["weight"])
        #expect(scaled.elements == kept.elements.map { $0 * 2 })
    }

    @Test func matMulWithoutAConstantAddHasNoBias() throws {
        var b = ModelProtoBuilder()
        b.inputDims = [1, 6]
        b.floats("w", [6, 3])
        b.node("MatMul", ["input", "w"], ["m"])
        b.node("Relu", ["m"], ["output"])
        let graph = try b.importModel().graph
        #expect(graph.layers.map(\.operation) == [.linear(outFeatures: 3, bias: false), .activation(.relu)])
    }

    @Test func flattenThenReshapeKeepElementCounts() throws {
        var b = ModelProtoBuilder()
        b.int64s("shape", [0, 9, -1])
        b.node("Flatten", ["input"], ["f"])
        b.node("Reshape", ["input", "shape"], ["output"])
        let graph = try b.importModel().graph
        #expect(graph.layers.map(\.outputShape) == [TensorShape([9, 16])])
    }

    @Test func batchNormKeepsItsEpsilon() throws {
        var b = ModelProtoBuilder()
        for name in ["s", "b", "m", "v"] { b.floats(name, [4]) }
        b.node("BatchNormalization", ["input", "s", "b", "m", "v"], ["output"], [ModelProtoBuilder.float("epsilon", 1e-3)])
        let model = try b.importModel()
        #expect(model.graph.layers[0].operation == .batchNorm(epsilon: 1e-3))
        #expect(model.weights["/output/BatchNormalization"]?["variance"]?.shape == [4])
    }

    @Test func averagePoolingCountsPaddingAsAsked() throws {
        for include in [Int64(0), 1] {
            var b = ModelProtoBuilder()
            b.node("AveragePool", ["input"], ["output"], [ModelProtoBuilder.ints("kernel_shape", [3, 3]),
                                                           ModelProtoBuilder.ints("pads", [1, 1, 1, 1]),
                                                           ModelProtoBuilder.int("count_include_pad", include)])
            let expected = Pooling(kernel: 3, stride: 1, padding: 1, countIncludePad: include == 1)
            #expect(try b.importModel().graph.layers[0].operation == .avgPool(expected))
        }
    }
}

/// What newer exporters (torch's dynamo-based one among them) write differently.
@Suite struct ExporterVariantTests {
    @Test func reduceMeanOverHeightAndWidthIsGlobalPooling() throws {
        for opset in [Int64(13), 18] {
            var b = ModelProtoBuilder()
            b.opset = opset
            var attributes = [ModelProtoBuilder.int("keepdims", 1)]
            var inputs = ["input"]
            if opset >= 18 {
                b.int64s("axes", [-2, -1])
                inputs.append("axes")
            } else {
                attributes.append(ModelProtoBuilder.ints("axes", [2, 3]))
            }
            b.node("ReduceMean", inputs, ["output"], attributes)
            let layer = try #require(try b.importModel().graph.layers.first)
            #expect(layer.operation == .globalAvgPool)
            #expect(layer.outputShape == TensorShape([4, 1, 1]))
        }
    }

    @Test func reduceMeanOverChannelsIsRefused() {
        var b = ModelProtoBuilder()
        b.opset = 13
        b.node("ReduceMean", ["input"], ["output"], [ModelProtoBuilder.ints("axes", [1])])
        #expect(b.importError()?.attribute == "axes")
        var odd = ModelProtoBuilder()
        odd.opset = 13
        odd.node("ReduceMean", ["input"], ["output"], [ModelProtoBuilder.ints("axes", [2, 3]), ModelProtoBuilder.int("keepdims", 2)])
        #expect(odd.importError()?.attribute == "keepdims")
    }

    /// MNASNet's `x.mean([2, 3])`: keepdims 0 gives `N×C`, a global pool and a flatten.
    @Test func reduceMeanWithoutKeepdimsIsGlobalPoolingFlattened() throws {
        for opset in [Int64(13), 18] {
            var b = ModelProtoBuilder()
            b.opset = opset
            var attributes = [ModelProtoBuilder.int("keepdims", 0)]
            var inputs = ["input"]
            if opset >= 18 {
                b.int64s("axes", [2, 3])
                inputs.append("axes")
            } else {
                attributes.append(ModelProtoBuilder.ints("axes", [-2, -1]))
            }
            b.node("ReduceMean", inputs, ["output"], name: "/mean", attributes)
            let layers = try b.importModel().graph.layers
            #expect(layers.map(\.operation) == [.globalAvgPool, .flatten])
            #expect(layers.map(\.outputShape) == [TensorShape([4, 1, 1]), TensorShape([4])])
            #expect(layers.last?.outputName == "output")
        }
    }

    /// DenseNet's first dense layer concatenates one tensor: the identity, whatever the axis.
    @Test func concatOfOneTensorIsTheTensor() throws {
        for axis in [Int64(1), -3, 2] {
            var b = ModelProtoBuilder()
            b.node("Relu", ["input"], ["r"], name: "/relu")
            b.node("Concat", ["r"], ["c"], name: "/cat", [ModelProtoBuilder.int("axis", axis)])
            b.node("Sigmoid", ["c"], ["output"], name: "/sig")
            let graph = try b.importModel().graph
            #expect(graph.layers.map(\.name) == ["/relu", "/sig"])
            #expect(graph.layers.last?.inputs == [.layer(0)])
        }
        var outside = ModelProtoBuilder()
        outside.node("Concat", ["input"], ["output"], [ModelProtoBuilder.int("axis", 4)])
        #expect(outside.importError()?.attribute == "axis")
    }

    /// Batch norm's running statistics and max pooling's indices may be named if nothing reads them.
    @Test func unreadExtraOutputsAreAllowed() throws {
        var b = ModelProtoBuilder()
        for name in ["s", "b", "m", "v"] { b.floats(name, [4]) }
        b.node("BatchNormalization", ["input", "s", "b", "m", "v"], ["y", "running_mean", "running_var"])
        b.node("MaxPool", ["y"], ["output", "indices"], [ModelProtoBuilder.ints("kernel_shape", [2, 2])])
        #expect(try b.importModel().graph.layers.count == 2)
        b.node("Relu", ["indices"], ["r"])
        let error = b.importError()
        #expect(error?.kind == .unsupportedOperator)
        #expect(error?.tensor == "indices")
    }
}

/// Activations written as a product with their own input.
@Suite struct FusedActivationTests {
    @Test func hardSigmoidTimesItsInputIsHardSwish() throws {
        var b = ModelProtoBuilder()
        b.node("HardSigmoid", ["input"], ["h"], [ModelProtoBuilder.float("alpha", 1.0 / 6.0)])
        b.node("Mul", ["h", "input"], ["output"])
        let graph = try b.importModel().graph
        #expect(graph.layers.map(\.operation) == [.activation(.hardSwish)])
        #expect(graph.layers[0].outputName == "output")
    }

    @Test func sigmoidReadTwiceStaysApart() throws {
        var b = ModelProtoBuilder()
        b.node("Sigmoid", ["input"], ["s"])
        b.node("Mul", ["input", "s"], ["m"])
        b.node("Add", ["m", "s"], ["output"])
        let graph = try b.importModel().graph
        #expect(graph.layers.map(\.kind) == [.sigmoid, .multiply, .add])
    }

    @Test func sigmoidTimesAnotherTensorStaysApart() throws {
        var b = ModelProtoBuilder()
        b.node("Relu", ["input"], ["r"])
        b.node("Sigmoid", ["r"], ["s"])
        b.node("Mul", ["input", "s"], ["output"])
        #expect(try b.importModel().graph.layers.map(\.kind) == [.relu, .sigmoid, .multiply])
    }
}

/// The operator list that error messages print is the one the converter accepts.
@Suite struct SupportedOperatorListTests {
    @Test(arguments: GraphConverter.supportedOperators)
    func listedOperatorsAreNotRefusedAsUnknown(op: String) {
        var b = ModelProtoBuilder()
        b.node(op, ["input"], ["output"])
        let error = b.importError()
        #expect(error?.kind != .unsupportedOperator, "\(op): \(error.map(String.init(describing:)) ?? "")")
    }

    @Test func anUnlistedOperatorIsRefused() {
        var b = ModelProtoBuilder()
        b.node("LSTM", ["input"], ["output"])
        #expect(b.importError()?.kind == .unsupportedOperator)
    }
}
