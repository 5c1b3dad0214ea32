import Testing
import SplitModels
import SplitOIP
@testable import SplitEdge

/// A computer for planning tests, which never runs.
struct NeverComputes: PartComputing {
    func compute(_ work: EdgeWork, given: [TensorSource: FloatTensor]) throws -> [TensorSource: FloatTensor] {
        Issue.record("planning tests do not compute")
        return [:]
    }
}

@Suite("EdgeModel: names, shapes and cuts")
struct EdgeModelTests {
    let chain = EdgeModel(name: "smallcnn", graph: try! ModelZoo.model(named: "smallcnn", inputElement: .float32),
                          computer: NeverComputes())
    let resnet = EdgeModel(name: "resnet18", graph: try! ModelZoo.model(named: "resnet18", inputSize: 32, inputElement: .float32),
                           computer: NeverComputes())

    func zeros(_ model: EdgeModel, _ name: String) throws -> OIPTensor {
        let source = try #require(model.source(named: name))
        let shape = model.shape(of: source)
        return try OIPTensor(name: name, shape: shape, floats: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    @Test("metadata names the input and output with NCHW shapes and FP32")
    func metadata() {
        let metadata = chain.metadata
        #expect(metadata.name == "smallcnn")
        #expect(metadata.inputs.map(\.name) == ["input"])
        #expect(metadata.inputs.first?.shape == [1, 3, 32, 32])
        #expect(metadata.inputs.first?.datatype == "FP32")
        #expect(metadata.outputs.map(\.name) == ["classifier.3"])
        #expect(metadata.outputs.first?.shape == [1, 10])
    }

    @Test("the model input runs every layer and returns the model output by default")
    func fullModel() throws {
        let work = try chain.plan(inputs: [zeros(chain, "input")], outputs: [])
        #expect(work.layers.allSatisfy { $0 })
        #expect(work.outputs == [chain.output])
    }

    @Test("an intermediate output runs only the layers before it")
    func intermediateOutput() throws {
        let work = try chain.plan(inputs: [zeros(chain, "input")], outputs: ["features.4"])
        #expect(work.layerCount == 5)
        #expect(work.outputs == [.layer(4)])
    }

    @Test("an intermediate input runs only the layers after it")
    func intermediateInput() throws {
        let work = try chain.plan(inputs: [zeros(chain, "features.4")], outputs: [])
        #expect(work.layers == (0..<chain.graph.layers.count).map { $0 > 4 })
    }

    @Test("in a DAG, a tensor inside a residual block alone is not a cut; with the shortcut it is")
    func residualCut() throws {
        let inside = try zeros(resnet, "layer1.0.bn2")
        #expect(throws: EdgeRequestError.self) { try resnet.plan(inputs: [inside], outputs: []) }
        do {
            _ = try resnet.plan(inputs: [inside], outputs: [])
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.description.contains("layer1.0.bn2"))
            #expect(error.description.contains("cut"))
        }
        let work = try resnet.plan(inputs: [inside, zeros(resnet, "maxpool")], outputs: [])
        #expect(work.layers[resnet.graph.index(ofLayer: "layer1.0.add") ?? -1])
        #expect(!work.layers[resnet.graph.index(ofLayer: "layer1.0.conv2") ?? -1])
    }

    @Test("bad requests: unknown names, wrong shapes, duplicates, no inputs")
    func badRequests() throws {
        let input = try zeros(chain, "input")
        let renamed = try OIPTensor(name: "image", shape: input.shape, floats: input.floats)
        #expect(throws: EdgeRequestError.unknownTensor(model: "smallcnn", name: "image", role: "input")) {
            try chain.plan(inputs: [renamed], outputs: [])
        }
        #expect(throws: EdgeRequestError.unknownTensor(model: "smallcnn", name: "logits", role: "output")) {
            try chain.plan(inputs: [input], outputs: ["logits"])
        }
        let wrongShape = try OIPTensor(name: "input", shape: [1, 3, 16, 16], floats: [Float](repeating: 0, count: 768))
        #expect(throws: EdgeRequestError.self) { try chain.plan(inputs: [wrongShape], outputs: []) }
        #expect(throws: EdgeRequestError.duplicateTensor(name: "input", role: "input")) {
            try chain.plan(inputs: [input, input], outputs: [])
        }
        #expect(throws: EdgeRequestError.noInputs(model: "smallcnn")) { try chain.plan(inputs: [], outputs: []) }
        // An output that lies before the sent tensor needs the raw input again.
        #expect(throws: EdgeRequestError.self) { try chain.plan(inputs: [zeros(chain, "features.4")], outputs: ["features.1"]) }
    }

    @Test("a dynamic batch: metadata says -1, any batch in range is taken, the same in every tensor")
    func dynamicBatch() throws {
        let model = EdgeModel(name: "resnet18", graph: resnet.graph, dynamicBatch: true, computer: NeverComputes())
        #expect(model.metadata.inputs.first?.shape == [-1, 3, 32, 32])
        #expect(model.metadata.outputs.first?.shape == [-1, 1000])
        func zeros(_ name: String, batch: Int) throws -> OIPTensor {
            let shape = model.shape(of: try #require(model.source(named: name)), batch: batch)
            return try OIPTensor(name: name, shape: shape, floats: [Float](repeating: 0, count: shape.reduce(1, *)))
        }
        #expect(try model.plan(inputs: [zeros("input", batch: 3)], outputs: []).batch == 3)
        #expect(throws: EdgeRequestError.self) { try model.plan(inputs: [zeros("input", batch: 0)], outputs: []) }
        let mixed = [try zeros("layer1.0.bn2", batch: 2), try zeros("maxpool", batch: 3)]
        #expect(throws: EdgeRequestError.self) { try model.plan(inputs: mixed, outputs: []) }
        // A fixed-batch model takes only its own batch.
        #expect(throws: EdgeRequestError.self) {
            try resnet.plan(inputs: [zeros("input", batch: 2)], outputs: [])
        }
    }
}
