import SplitCost
import SplitModels
import Testing
@testable import SplitDevice

/// `device --edge-model`: the partition a foreign server's input names imply, and every way the
/// server's model can fail to be the rest of the device's model.
@Suite("Foreign cut")
struct ForeignCutTests {
    let chain: ModelGraph
    let resnet: ModelGraph

    init() throws {
        chain = try ModelZoo.model(named: "smallcnn", inputElement: .float32)
        resnet = try ModelZoo.model(named: "resnet18", inputElement: .float32)
    }

    /// A tensor as MLServer declares it: FP32, the batch dimension -1.
    func declared(_ graph: ModelGraph, _ name: String, datatype: String = "FP32") throws -> DeclaredTensor {
        let index = try #require(graph.index(ofLayerOrTensor: name))
        return DeclaredTensor(name: name, datatype: datatype, shape: [-1] + graph.layers[index].outputShape.dims)
    }

    func output(_ graph: ModelGraph) throws -> [DeclaredTensor] {
        [try declared(graph, graph.layers[graph.layers.count - 1].tensorName)]
    }

    func error(_ body: () throws(ForeignCutError) -> ForeignCut) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.message
        }
    }

    @Test("one tensor of a chain: every layer up to it on the device, sent under the server's name")
    func chainCut() throws {
        for k in [1, 3, chain.layers.count - 1] {
            let name = chain.layers[k - 1].tensorName
            let cut = try ForeignCut(graph: chain, model: "m", inputs: [declared(chain, name)], outputs: output(chain))
            #expect(cut.partition == .prefix(k, layerCount: chain.layers.count))
            #expect(cut.boundary == [.layer(k - 1)])
            #expect(cut.names == [.layer(k - 1): name])
            #expect(cut.output.name == chain.layers[chain.layers.count - 1].tensorName)
            #expect(cut.output.shape == [1] + chain.layers[chain.layers.count - 1].outputShape.dims)
        }
    }

    @Test("two tensors across a residual block (the block's first conv and the skip) are a cut")
    func residualCut() throws {
        let cut = try ForeignCut(graph: resnet, model: "m", inputs: [declared(resnet, "layer1.0.conv1"), declared(resnet, "maxpool")],
                                 outputs: output(resnet))
        let conv = try #require(resnet.index(ofLayer: "layer1.0.conv1"))
        let pool = try #require(resnet.index(ofLayer: "maxpool"))
        #expect(cut.boundary == [.layer(pool), .layer(conv)])
        #expect(cut.partition.deviceLayerCount == conv + 1)
        #expect(cut.partition.onDevice.prefix(conv + 1).allSatisfy { $0 })
    }

    @Test("the model's input as the server's input: everything on the server")
    func inputCut() throws {
        let input = DeclaredTensor(name: "input", datatype: "FP32", shape: [-1] + chain.inputShape.dims)
        let cut = try ForeignCut(graph: chain, model: "m", inputs: [input], outputs: output(chain))
        #expect(cut.partition.deviceLayerCount == 0)
        #expect(cut.boundary == [.input])
    }

    @Test("the block's first conv without the skip is no cut: the message names the tensor the server lacks")
    func nonCut() throws {
        let message = try #require(error { () throws(ForeignCutError) in
            try ForeignCut(graph: resnet, model: "m", inputs: [try! declared(resnet, "layer1.0.conv1")], outputs: try! output(resnet))
        })
        #expect(message.contains("not a cut"))
        #expect(message.contains("maxpool"))
        #expect(message.contains("--edge-model m"))
    }

    @Test("a name the model does not have is refused, naming it")
    func unknownName() throws {
        let stranger = DeclaredTensor(name: "/encoder/Conv_output_0", datatype: "FP32", shape: [-1, 8, 16, 16])
        let message = try #require(error { () throws(ForeignCutError) in
            try ForeignCut(graph: chain, model: "m", inputs: [stranger], outputs: try! output(chain))
        })
        #expect(message.contains("/encoder/Conv_output_0"))
        #expect(message.contains("no tensor of"))
    }

    @Test("an extra input that the layers after the cut do not read is refused")
    func extraInput() throws {
        let inputs = [try declared(chain, chain.layers[0].tensorName), try declared(chain, chain.layers[3].tensorName)]
        let message = try #require(error { () throws(ForeignCutError) in
            try ForeignCut(graph: chain, model: "m", inputs: inputs, outputs: try! output(chain))
        })
        #expect(message.contains("not a cut"))
        #expect(message.contains(chain.layers[0].tensorName))
    }

    @Test("a wrong datatype, a wrong shape, a missing output or no layer left for the server are refused")
    func mismatches() throws {
        let name = chain.layers[2].tensorName
        let fp16 = try declared(chain, name, datatype: "FP16")
        var reshaped = try declared(chain, name)
        reshaped.shape[1] += 1
        var flat = try declared(chain, name)
        flat.shape = [-1, flat.shape.dropFirst().reduce(1, *)]
        let cases: [([DeclaredTensor], [DeclaredTensor], String)] = [
            ([fp16], try output(chain), "FP16"),
            ([reshaped], try output(chain), "shape"),
            ([flat], try output(chain), "shape"),
            ([try declared(chain, name)], [DeclaredTensor(name: "logits", datatype: "FP32", shape: [-1, 10])], "logits"),
            ([try declared(chain, chain.layers[chain.layers.count - 1].tensorName)], try output(chain), "nothing to compute"),
            ([], try output(chain), "no inputs"),
        ]
        for (inputs, outputs, expected) in cases {
            let message = try #require(error { () throws(ForeignCutError) in
                try ForeignCut(graph: chain, model: "m", inputs: inputs, outputs: outputs)
            })
            #expect(message.contains(expected), "\(message)")
        }
    }
}
