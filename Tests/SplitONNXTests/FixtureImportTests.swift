import Foundation
import SplitModels
import SplitONNX
import Testing

/// The largest difference between two arrays, relative to the largest magnitude of `expected`.
private func relativeError(_ actual: [Float], _ expected: [Float]) -> Float {
    let scale = max(expected.map(abs).max() ?? 0, 1e-12)
    return zip(actual, expected).map { abs($0 - $1) }.max().map { $0 / scale } ?? .infinity
}

@Suite struct FixtureImportTests {
    /// Every good fixture, run by the naive reference on its input, equals ONNX Runtime's output:
    /// so every attribute and weight was read the way ONNX means it.
    @Test(arguments: ["chain_cnn", "resnet_like", "inverted_residual", "external_data", "torchvision_tails"])
    func matchesONNXRuntime(fixture: String) throws {
        let input = try TestArray(contentsOf: FixtureFiles.path("\(fixture).input.npy"))
        let expected = try TestArray(contentsOf: FixtureFiles.path("\(fixture).expected.npy"))
        let model = try FixtureFiles.model(fixture, options: ONNXImportOptions(batchSize: input.shape[0]))
        #expect([model.graph.batchSize] + model.graph.inputShape.dims == input.shape)
        #expect([model.graph.batchSize] + (model.graph.layers.last?.outputShape.dims ?? []) == expected.shape)
        let output = try ReferenceRunner(model: model).run(input.elements)
        #expect(output.count == expected.elements.count)
        #expect(relativeError(output, expected.elements) <= 1e-4)
    }

    @Test func chainLayersShapesAndNames() throws {
        let model = try FixtureFiles.model("chain_cnn")
        let graph = model.graph
        // Constant, Dropout and Identity nodes make no layers.
        #expect(graph.layers.map(\.name) == [
            "/conv1/Conv", "/bn1/BatchNormalization", "/relu1/Relu", "/pool1/MaxPool", "/conv2/Conv", "/conv2b/Conv",
            "/relu6/Clip", "/conv3/Conv", "/clipmin/Clip", "/gate/Sigmoid", "/cat/Concat", "/pool2/AveragePool",
            "/gap/GlobalAveragePool", "/flatten/Flatten", "/fc/Gemm", "/softmax/Softmax",
        ])
        #expect(graph.inputName == "input")
        #expect(graph.inputShape == TensorShape([3, 16, 16]))
        #expect(graph.batchSize == 1)
        #expect(!model.dynamicBatch)
        #expect(model.opsetVersion == 13)
        let valueNames: [String?] = graph.layers.dropLast().map { "\($0.name)_output_0" } + ["output"]
        #expect(graph.layers.map(\.outputName) == valueNames)
        #expect(graph.layers[0].tensorName == "/conv1/Conv_output_0")
        #expect(graph.layers.map(\.outputShape.description) == [
            "8×16×16", "8×16×16", "8×16×16", "8×8×8", "12×8×8", "12×8×8", "12×8×8", "12×8×8", "12×8×8", "12×8×8",
            "24×8×8", "24×4×4", "24×1×1", "24", "10", "10",
        ])
        #expect(graph.layers.map(\.kind.name) == [
            "conv", "bn", "relu", "maxpool", "conv", "conv", "relu6", "conv", "clip", "sigmoid", "concat", "avgpool",
            "gap", "flatten", "linear", "softmax",
        ])
        // Dropout and Identity vanish: the clip and the gate read the dilated convolution directly.
        let conv3 = try #require(graph.index(ofLayer: "/conv3/Conv"))
        #expect(graph.layers[conv3 + 1].inputs == [.layer(conv3)])
        #expect(graph.layers[conv3 + 2].inputs == [.layer(conv3)])
        #expect(graph.layers[conv3 + 1].operation == .clip(min: -0.5, max: .infinity))
        #expect(graph.layers[1].operation == .batchNorm(epsilon: 1e-5))
    }

    @Test func chainConvolutionHyperParameters() throws {
        let graph = try FixtureFiles.model("chain_cnn").graph
        func convolution(_ name: String) throws -> Convolution {
            let layer = try #require(graph.layers.first { $0.name == name })
            guard case .convolution(let c) = layer.operation else { throw ONNXImportError(.badGraph, file: name, reason: "not a conv") }
            return c
        }
        let rectangular = try convolution("/conv2/Conv")
        #expect(rectangular.kernelHeight == 1 && rectangular.kernelWidth == 3)
        #expect(rectangular.padding == Padding2D(top: 0, left: 1, bottom: 0, right: 1))
        let asymmetric = try convolution("/conv2b/Conv")
        #expect(asymmetric.padding == Padding2D(top: 0, left: 0, bottom: 1, right: 1))
        let dilated = try convolution("/conv3/Conv")
        #expect(dilated.dilationHeight == 2 && dilated.dilationWidth == 2)
        #expect(dilated.padding == Padding2D(all: 2))
        #expect(!dilated.bias)
    }

    /// MACs and parameters worked out by hand from the script's layer sizes.
    @Test func chainMacsAndParams() throws {
        let graph = try FixtureFiles.model("chain_cnn").graph
        let macs = [8 * 16 * 16 * 27, 12 * 8 * 8 * (8 * 3), 12 * 8 * 8 * (12 * 4), 12 * 8 * 8 * (12 * 9), 24 * 10]
        #expect(graph.layers.filter { $0.macs > 0 }.map(\.macs) == macs)
        #expect(graph.totalMacs == 193_776)
        let params = [8 * 27 + 8, 2 * 8, 12 * 24 + 12, 12 * 48 + 12, 12 * 108, 24 * 10 + 10]
        #expect(graph.layers.filter { $0.params > 0 }.map(\.params) == params)
        #expect(graph.totalParams == 2_674)
    }

    /// Weights sit under the layer's name by role, in ONNX layout, and match the layer's parameters.
    @Test(arguments: ["chain_cnn", "resnet_like", "inverted_residual", "external_data", "torchvision_tails"])
    func weightsMatchParameters(fixture: String) throws {
        let model = try FixtureFiles.model(fixture)
        #expect(Set(model.weights.layers.keys).isSubset(of: Set(model.graph.layers.map(\.name))))
        for layer in model.graph.layers {
            let weights = model.weights[layer.name]
            switch layer.operation {
            case .convolution(let c):
                let weight = try #require(weights?["weight"])
                #expect(weight.shape == [c.outChannels, weight.shape[1], c.kernelHeight, c.kernelWidth])
                #expect((weights?["bias"] != nil) == c.bias)
                #expect(weights?.parameterCount == layer.params)
            case .linear(let out, let bias):
                #expect(weights?["weight"]?.shape.first == out)
                #expect((weights?["bias"] != nil) == bias)
                #expect(weights?.parameterCount == layer.params)
            case .batchNorm:
                for role in ["scale", "bias", "mean", "variance"] {
                    #expect(weights?[role]?.shape == [layer.outputShape.channels])
                }
                #expect(layer.params == 2 * layer.outputShape.channels)
            default:
                #expect(weights == nil)
                #expect(layer.params == 0)
            }
        }
    }

    /// The same weights read from float_data, raw_data and an external file agree.
    @Test func externalDataEqualsInline() throws {
        let inline = try FixtureFiles.model("chain_cnn")
        let external = try FixtureFiles.model("external_data")
        #expect(external.weights == inline.weights)
        #expect(external.graph.layers == inline.graph.layers)
        #expect(external.opsetVersion == 18)
        #expect(inline.weights["/conv1/Conv"]?["weight"]?.elements.count == 8 * 27)
    }

    @Test func residualModelIsADagWithDynamicBatch() throws {
        let model = try FixtureFiles.model("resnet_like")
        #expect(model.dynamicBatch)
        #expect(model.graph.batchSize == 1)
        #expect(try FixtureFiles.model("resnet_like", options: ONNXImportOptions(batchSize: 8)).graph.batchSize == 8)
        let graph = model.graph
        let adds = graph.layers.filter { $0.kind == .add }
        #expect(adds.map(\.name) == ["/layer1/layer1.0/Add", "/layer2/layer2.0/Add"])
        #expect(adds.allSatisfy { $0.inputs.count == 2 })
        let downsample = try #require(graph.index(ofLayer: "/layer2/layer2.0/downsample/downsample.0/Conv"))
        #expect(graph.layers[downsample].outputShape == TensorShape([32, 16, 16]))
        #expect(adds[1].inputs.contains(.layer(downsample)))
        let macs = 16 * 32 * 32 * 27 + 2 * (16 * 32 * 32 * 144) + 32 * 16 * 16 * 144 + 32 * 16 * 16 * 288
            + 32 * 16 * 16 * 16 + 32 * 10
        #expect(graph.totalMacs == macs)
        #expect(graph.layers.last?.outputName == "output")
        #expect(graph.layers.last?.outputShape == TensorShape([10]))
    }

    @Test func invertedResidualOperations() throws {
        let graph = try FixtureFiles.model("inverted_residual").graph
        let kinds = graph.layers.map(\.kind)
        #expect(kinds.contains(.depthwiseConv))
        #expect(kinds.contains(.hardSwish))
        #expect(kinds.contains(.hardSigmoid))
        #expect(kinds.contains(.relu6))
        #expect(kinds.contains(.reshape))
        // SiLU written as x · sigmoid(x) is one layer, named by the Sigmoid, writing the Mul's value.
        #expect(!kinds.contains(.sigmoid))
        let silu = try #require(graph.layers.first { $0.kind == .silu })
        #expect(silu.name == "/features/features.1/conv/conv.1/act/Sigmoid")
        #expect(silu.outputName == "/features/features.1/conv/conv.1/act/Mul_output_0")
        // Squeeze-excitation: a C×H×W tensor times a C×1×1 scale.
        let excite = try #require(graph.layers.first { $0.name == "/features/features.1/se/Mul" })
        let shapes = excite.inputs.map { source -> TensorShape in
            guard case .layer(let i) = source else { return graph.inputShape }
            return graph.layers[i].outputShape
        }
        #expect(shapes == [TensorShape([48, 7, 7]), TensorShape([48, 1, 1])])
        // ceil_mode: (12 + 2 − 3) / 2 rounds up to 6, so 7 windows; padding counts in the average.
        let pools = graph.layers.filter { $0.kind == .maxPool || $0.kind == .avgPool }
        #expect(pools.map(\.operation) == [.maxPool(Pooling(kernel: 3, stride: 2, padding: 1, ceilMode: true)),
                                            .avgPool(Pooling(kernel: 3, stride: 1, padding: 1, countIncludePad: true))])
        #expect(pools.map(\.outputShape) == [TensorShape([16, 7, 7]), TensorShape([16, 7, 7])])
        // MatMul then Add of a constant: one linear layer with a bias, named by the MatMul,
        // writing the Add's output.
        let last = try #require(graph.layers.last)
        #expect(last.name == "/classifier/MatMul/MatMul")
        #expect(last.operation == .linear(outFeatures: 10, bias: true))
        #expect(last.outputName == "output")
        #expect(graph.layers[graph.layers.count - 2].operation == .reshape(TensorShape([16])))
        #expect(!graph.layers.contains { $0.name.hasPrefix("/classifier/Add") })
    }
}
