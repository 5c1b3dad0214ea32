import SplitEngine
import SplitModels
import Testing

/// Whole zoo models in the engine against the naive reference, at small input sizes.
struct ZooModelTests {
    @Test(arguments: ["smallcnn", "resnet18", "mobilenetv2", "efficientnet-b0"])
    func zooModelMatchesTheReference(_ name: String) throws {
        let side = name == "smallcnn" ? 16 : 32
        let graph = try ModelZoo.model(named: name, inputSize: side, inputElement: .float32)
        #expect(try engineVersusReference(graph, seed: 21) <= 1e-4)
    }

    /// Seeded weights: He scaling keeps a deep model's activations finite and non-zero; the same seed gives the same weights.
    @Test func seededWeightsAreDeterministicAndKeepActivationsFinite() throws {
        let graph = try ModelZoo.model(named: "resnet50", inputSize: 64, inputElement: .float32)
        let weights = ModelWeights.seeded(for: graph, seed: 4)
        #expect(weights == ModelWeights.seeded(for: graph, seed: 4))
        #expect(weights != ModelWeights.seeded(for: graph, seed: 5))
        for layer in graph.layers where layer.params > 0 {
            let learned = weights[layer.name]?.tensors.filter { $0.key != "mean" && $0.key != "variance" }
                .reduce(0) { $0 + $1.value.elements.count }
            #expect(learned == layer.params, "\(layer.name)")
        }
        let part = try ModelPart(graph: graph, weights: weights)
        let input = engineInput(graph, randomElements(graph.inputShape.elementCount, seed: 6))
        let output = try #require(try part.run([.input: input]).outputs[.layer(graph.layers.count - 1)])
        let finite = output.elements.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(output.largestMagnitude > 1e-3 && output.largestMagnitude < 1e6)
    }

    @Test func missingOrMisshapenWeightsNameTheLayerAndRole() throws {
        let graph = try ModelZoo.model(named: "smallcnn", inputElement: .float32)
        var weights = ModelWeights.seeded(for: graph, seed: 1)
        weights["features.5"]?["bias"] = nil
        #expect(throws: EngineError.missingWeights(layer: "features.5", role: "bias")) {
            try ModelPart(graph: graph, weights: weights)
        }
        weights = ModelWeights.seeded(for: graph, seed: 1)
        weights["classifier.3"]?["weight"] = FloatTensor(zeros: [10, 255])
        #expect(throws: EngineError.weightShape(layer: "classifier.3", role: "weight", expected: [10, 256], got: [10, 255])) {
            try ModelPart(graph: graph, weights: weights)
        }
    }

    @Test func aWrongInputShapeIsAClearError() throws {
        let graph = try ModelZoo.model(named: "smallcnn", inputElement: .float32)
        let part = try ModelPart(graph: graph, weights: .seeded(for: graph, seed: 1))
        let wrong = try #require(BatchTensor(sampleShape: TensorShape([3, 16, 16]), batch: 1, elements: [Float](repeating: 0, count: 768)))
        #expect(throws: EngineError.inputShape(tensor: "input", expected: [1, 3, 32, 32], got: [1, 3, 16, 16])) {
            try part.run([.input: wrong])
        }
        #expect(throws: EngineError.missingInput(tensor: "input")) { try part.run([:]) }
    }

    @Test func activationMemoryIsReusedAcrossLayers() throws {
        let graph = try ModelZoo.model(named: "resnet18", inputSize: 64, inputElement: .float32)
        let part = try ModelPart(graph: graph, weights: .seeded(for: graph, seed: 1))
        let everyOutput = graph.layers.indices.reduce(0) { $0 + graph.outputBytes(ofLayer: $1) } + graph.inputShape.elementCount * 4
        let largest = graph.layers.indices.map { graph.outputBytes(ofLayer: $0) }.max() ?? 0
        #expect(part.activationBytes < everyOutput / 4)
        // Batch norm and ReLU fuse into conv1, so its output is the only buffer of the largest size.
        #expect(part.activationBytes >= largest)
    }
}
