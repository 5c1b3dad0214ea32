import Foundation
import GRPCCore
import SplitEngine
import SplitModels
import SplitONNX
import SplitOIP
import SplitTensorIO
import Testing
@testable import SplitEdge

/// The edge computed by the real engine, over real gRPC: whole models, intermediate outputs, and
/// inference from those intermediates on, which must give the whole model's answer.
@Suite("EdgeServer with the engine", .serialized)
struct EdgeEngineTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SplitONNXTests/Fixtures")

    static func zooModel(_ name: String, inputSize: Int? = nil) throws -> (EdgeModel, ModelWeights) {
        let graph = try ModelZoo.model(named: name, inputSize: inputSize, inputElement: .float32)
        let weights = ModelWeights.seeded(for: graph, seed: 3)
        let computer = EnginePartComputer(graph: graph, weights: weights, pool: ThreadPool(threads: 1))
        return (EdgeModel(name: name, graph: graph, computer: computer), weights)
    }

    /// The fixture served with the batch of its reference input (a dynamic batch takes it).
    static func fileModel(_ stem: String, batch: Int) throws -> EdgeModel {
        let options = ONNXImportOptions(batchSize: batch == 1 ? nil : batch)
        let imported = try ONNXImporter.importModel(atPath: fixtures.appendingPathComponent("\(stem).onnx").path,
                                                    options: options)
        let computer = EnginePartComputer(graph: imported.graph, weights: imported.weights, pool: ThreadPool(threads: 1))
        return EdgeModel(name: stem, graph: imported.graph, computer: computer)
    }

    static func request(_ model: EdgeModel, _ tensors: [OIPTensor], outputs: [String] = []) -> Inference_ModelInferRequest {
        var request = Inference_ModelInferRequest()
        request.modelName = model.name
        request.inputs = tensors.map(\.inputTensor)
        request.rawInputContents = tensors.map(\.raw)
        request.outputs = outputs.map { name in
            var output = Inference_ModelInferRequest.InferRequestedOutputTensor()
            output.name = name
            return output
        }
        return request
    }

    static func randomInput(_ model: EdgeModel, seed: UInt64) throws -> OIPTensor {
        let shape = model.shape(of: .input)
        var state = seed
        let values = (0..<shape.reduce(1, *)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) % 2000) / 1000 - 1
        }
        return try OIPTensor(name: model.name(of: .input), shape: shape, floats: values)
    }

    static func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test("the whole zoo model over gRPC equals the engine run in process")
    func wholeModelEqualsEngine() async throws {
        let (model, weights) = try Self.zooModel("smallcnn")
        let input = try Self.randomInput(model, seed: 1)
        let nchw = try #require(FloatTensor(shape: input.shape, elements: input.floats))
        let batch = try #require(BatchTensor(channelsFirst: nchw))
        let direct = try ModelPart(graph: model.graph, weights: weights).run([.input: batch])
        let expected = try #require(direct.outputs[model.output]).channelsFirst
        try await withEdge([model]) { client, _, _ in
            let response = try await client.modelInfer(Self.request(model, [input]))
            let output = try #require(try OIPTensor.outputs(of: response).first)
            #expect(output.name == "classifier.3")
            #expect(output.shape == expected.shape)
            #expect(Self.maxDifference(output.floats, expected.elements) <= 1e-6)
            #expect(expected.elements.contains { $0 != 0 })
        }
    }

    @Test("an intermediate output sent back gives the whole model's answer (zoo chain)")
    func intermediateRoundTrip() async throws {
        let (model, _) = try Self.zooModel("smallcnn")
        let input = try Self.randomInput(model, seed: 2)
        try await withEdge([model]) { client, _, _ in
            let whole = try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, [input])))
            let first = try await client.modelInfer(Self.request(model, [input], outputs: ["features.4", "classifier.3"]))
            let both = try OIPTensor.outputs(of: first)
            #expect(both.map(\.name) == ["features.4", "classifier.3"])
            #expect(both[0].shape == [1, 32, 16, 16])
            #expect(first.parameters[EdgeParameter.layersRun]?.number == Double(model.graph.layers.count))
            let rest = try await client.modelInfer(Self.request(model, [both[0]]))
            #expect(rest.parameters[EdgeParameter.layersRun]?.number == Double(model.graph.layers.count - 5))
            let answer = try OIPTensor.outputs(of: rest)
            #expect(Self.maxDifference(answer[0].floats, whole[0].floats) <= 1e-4)
            #expect(Self.maxDifference(both[1].floats, whole[0].floats) <= 1e-4)
        }
    }

    @Test("a sent tensor asked for back returns byte for byte, beside the outputs computed from it")
    func sentTensorComesBackAsSent() async throws {
        let (model, _) = try Self.zooModel("smallcnn")
        let input = try Self.randomInput(model, seed: 4)
        try await withEdge([model]) { client, _, _ in
            let boundary = try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, [input], outputs: ["features.4"])))[0]
            let whole = try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, [input])))[0]
            // Only the boundary asked back: nothing to compute, the same bytes return.
            let echo = try await client.modelInfer(Self.request(model, [boundary], outputs: ["features.4"]))
            #expect(try OIPTensor.outputs(of: echo) == [boundary])
            #expect(echo.parameters[EdgeParameter.layersRun]?.number == 0)
            // Asked back beside the model output: both come, the output computed from the boundary.
            let both = try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, [boundary],
                                                                                        outputs: ["classifier.3", "features.4"])))
            #expect(both.map(\.name) == ["classifier.3", "features.4"])
            #expect(both[1] == boundary)
            #expect(Self.maxDifference(both[0].floats, whole.floats) <= 1e-4)
        }
    }

    @Test("an ONNX DAG: the whole model matches ONNX Runtime, and every prefix's boundary, sent back, gives the same answer",
          arguments: ["resnet_like", "inverted_residual"])
    func onnxCuts(stem: String) async throws {
        let x = try NumPyFile.decode(Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("\(stem).input.npy"))))
        let model = try Self.fileModel(stem, batch: x.shape[0])
        let expected = try NumPyFile.decode(Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("\(stem).expected.npy"))))
        let input = try OIPTensor(name: model.name(of: .input), shape: x.shape, floats: x.elements)
        try await withEdge([model]) { client, _, _ in
            let whole = try #require(try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, [input]))).first)
            #expect(whole.name == model.name(of: model.output))
            #expect(Self.maxDifference(whole.floats, expected.elements) <= 1e-4)
            let count = model.graph.layers.count
            for k in 1..<count {
                let onDevice = (0..<count).map { $0 < k }
                let boundary = try SplitExecution.boundary(of: model.graph, onDevice: onDevice).filter { $0 != .input }
                let names = boundary.map(model.name(of:))
                let sent = try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, [input], outputs: names)))
                #expect(sent.map(\.name) == names)
                let rest = try #require(try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, sent))).first)
                #expect(Self.maxDifference(rest.floats, whole.floats) <= 1e-4, "split after \(k) layers: \(names)")
            }
        }
    }

    @Test("four devices on their own connections at once each get their own frame's answer")
    func severalClients() async throws {
        let (model, weights) = try Self.zooModel("smallcnn")
        let inputs = try (0..<4).map { try Self.randomInput(model, seed: 100 + UInt64($0)) }
        let whole = try ModelPart(graph: model.graph, weights: weights)
        let expected = try inputs.map { input -> [Float] in
            let nchw = try #require(FloatTensor(shape: input.shape, elements: input.floats))
            let batch = try #require(BatchTensor(channelsFirst: nchw))
            let outputs = try whole.run([.input: batch]).outputs
            return try #require(outputs[model.output]).channelsFirst.elements
        }
        try await withEdgePorts([model]) { port, _, _ in
            try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
                for (device, input) in inputs.enumerated() {
                    group.addTask {
                        var answer = [Float]()
                        try await withClient(port: port) { client in
                            var request = Self.request(model, [input])
                            request.parameters[EdgeParameter.frameID] = .int64(Int64(device))
                            let response = try await client.modelInfer(request)
                            #expect(response.parameters[EdgeParameter.frameID]?.number == Double(device))
                            answer = try OIPTensor.outputs(of: response).first?.floats ?? []
                        }
                        return (device, answer)
                    }
                }
                for try await (device, answer) in group {
                    #expect(Self.maxDifference(answer, expected[device]) <= 1e-6, "device \(device)")
                }
            }
        }
    }

    @Test("a batch outside the limits is refused in the words --batch uses for them")
    func batchOutsideTheLimits() throws {
        let (fixed, weights) = try Self.zooModel("smallcnn")
        let model = EdgeModel(name: "smallcnn", graph: fixed.graph, dynamicBatch: true,
                              computer: EnginePartComputer(graph: fixed.graph, weights: weights, pool: ThreadPool(threads: 1)))
        let empty = try OIPTensor(name: "input", shape: [0, 3, 32, 32], floats: [])
        do {
            _ = try model.plan(inputs: [empty], outputs: [])
            Issue.record("a batch of 0 was planned")
        } catch {
            #expect("\(error)".contains("batch, is 0; a batch size must be a whole number from 1 to 65536"), "\(error)")
        }
    }

    @Test("a batch of three through a dynamic-batch model gives each sample its batch-of-one answer")
    func batchOfThree() async throws {
        let (fixed, weights) = try Self.zooModel("smallcnn")
        let model = EdgeModel(name: "smallcnn", graph: fixed.graph, dynamicBatch: true,
                              computer: EnginePartComputer(graph: fixed.graph, weights: weights, pool: ThreadPool(threads: 1)))
        let samples = try (0..<3).map { try Self.randomInput(model, seed: 200 + UInt64($0)) }
        let batch = try OIPTensor(name: "input", shape: [3, 3, 32, 32], floats: samples.flatMap(\.floats))
        try await withEdge([model]) { client, _, _ in
            let boundary = try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, [batch], outputs: ["features.4"])))
            #expect(boundary.first?.shape == [3, 32, 16, 16])
            let answer = try #require(try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, boundary))).first)
            #expect(answer.shape == [3, 10])
            for (index, sample) in samples.enumerated() {
                let single = try #require(try OIPTensor.outputs(of: try await client.modelInfer(Self.request(model, [sample]))).first)
                let slice = Array(answer.floats[(index * 10)..<((index + 1) * 10)])
                #expect(Self.maxDifference(slice, single.floats) <= 1e-4, "sample \(index)")
            }
        }
    }
}
