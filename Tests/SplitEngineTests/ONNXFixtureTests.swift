import Foundation
import SplitEngine
import SplitModels
import SplitONNX
import SplitTensorIO
import Testing

/// The ONNX fixtures (made by `scripts/make-onnx-fixtures.py`, outputs from ONNX Runtime) run
/// through the engine with the file's own weights: whole, split at every prefix, and split at
/// min-cut partitions, each equal to ONNX Runtime's committed output within 1e-4 relative.
struct ONNXFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SplitONNXTests/Fixtures")

    /// A fixture's imported model, its input as the engine takes it, and ONNX Runtime's output (NCHW).
    private func load(_ name: String) throws -> (model: ImportedModel, input: BatchTensor, expected: FloatTensor) {
        func array(_ suffix: String) throws -> FloatTensor {
            let path = Self.fixtures.appendingPathComponent("\(name).\(suffix).npy").path
            let data = try #require(FileManager.default.contents(atPath: path), "\(path)")
            return try NumPyFile.decode(Array(data))
        }
        let input = try array("input")
        let expected = try array("expected")
        let model = try ONNXImporter.importModel(atPath: Self.fixtures.appendingPathComponent("\(name).onnx").path,
                                                 options: ONNXImportOptions(batchSize: input.shape[0], inputElement: .float32))
        #expect([model.graph.batchSize] + model.graph.inputShape.dims == input.shape)
        return (model, try #require(BatchTensor(channelsFirst: input)), expected)
    }

    @Test(arguments: ["chain_cnn", "resnet_like", "inverted_residual", "external_data", "torchvision_tails"])
    func wholeAndSplitEqualONNXRuntime(_ name: String) throws {
        let (model, input, expected) = try load(name)
        let graph = model.graph
        let whole = try ModelPart(graph: graph, weights: model.weights).run([.input: input])
        let output = try #require(whole.outputs[.layer(graph.layers.count - 1)])
        #expect([output.batch] + output.sampleShape.dims == expected.shape)
        #expect(relativeError(output.channelsFirst.elements, expected.elements) <= 1e-4, "\(name) unsplit")

        var partitions = (0...graph.layers.count).map { k in (0..<graph.layers.count).map { $0 < k } }
        partitions += minCutPartitions(graph)
        for onDevice in partitions {
            let split = try SplitExecution(graph: graph, weights: model.weights, onDevice: onDevice)
            let (_, edge) = try split.run(input: input)
            let y = try #require(edge.outputs[split.output])
            let k = onDevice.filter { $0 }.count
            #expect(relativeError(y.channelsFirst.elements, expected.elements) <= 1e-4, "\(name) split with \(k) device layers")
        }
    }

    /// Imported models hold their weights once: the engine reads them from the import, and a
    /// layer's tensor is found by its ONNX value name.
    @Test func layersAreFoundByONNXValueName() throws {
        let (model, input, _) = try load("resnet_like")
        let graph = model.graph
        let named = graph.layers.indices.filter { graph.layers[$0].outputName != nil }
        #expect(!named.isEmpty)
        for index in named {
            let tensorName = graph.layers[index].tensorName
            #expect(graph.layers.firstIndex { $0.tensorName == tensorName } == index)
        }
        let middle = try #require(named.dropLast().last)
        let part = try ModelPart(graph: graph, weights: model.weights, outputs: [.layer(middle), .layer(graph.layers.count - 1)])
        let result = try part.run([.input: input])
        #expect(result.outputs[.layer(middle)] != nil)
    }
}
