import Foundation
import SplitEngine
import SplitModels
import SplitONNX
import Testing

/// The engine names a model read from a file by that file, as the importer does: a copy elsewhere
/// under another name must not read as the committed model its stem names.
@Suite struct ModelFileNamingTests {
    /// A fixture copied into a fresh folder as `renamed.onnx`, its path.
    static func renamedCopy(of fixture: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("splitscope-naming-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("renamed.onnx").path
        try FileManager.default.copyItem(atPath: ONNXFixtureTests.fixtures.appendingPathComponent(fixture).path, toPath: path)
        return path
    }

    @Test("an imported graph carries its file; a built one names itself")
    func theGraphCarriesItsFile() throws {
        let path = try Self.renamedCopy(of: "chain_cnn.onnx")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let graph = try ONNXImporter.importModel(atPath: path).graph
        #expect(graph.source == path)
        #expect(graph.name == "renamed")
        #expect(graph.messageName == path)
        var builder = GraphBuilder(name: "built", input: TensorShape([1, 2, 2]))
        builder.relu(builder.input, name: "r")
        let built = try builder.finish()
        #expect(built.source == nil && built.messageName == "built")
    }

    @Test("the engine's own messages about a file's model name the file: activations too large, and refused ones")
    func engineMessagesNameTheFile() throws {
        let path = try Self.renamedCopy(of: "resnet_like.onnx")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let imported = try ONNXImporter.importModel(atPath: path)
        var graph = imported.graph
        graph.batchSize = 1 << 30
        #expect {
            _ = try ModelPart(graph: graph, weights: imported.weights)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("\(path) at batch \(1 << 30) needs ") && !message.contains("renamed at")
        }
    }

    @Test("one wording names the model for every caller: the commands and the live device")
    func oneWording() {
        #expect(EngineError.message(EngineError.missingInput(tensor: "x"), model: "/m.onnx") == "/m.onnx: the input tensor x was not given")
        #expect(EngineError.message(EngineError.unsupported(layer: "bn", reason: "r"), model: "/m.onnx")
            == "/m.onnx: the engine cannot run it: layer bn: r")
    }

    @Test("a batch norm with a negative variance imports, and the engine refuses the layer")
    func aNegativeVarianceIsRefusedByTheEngine() throws {
        let imported = try ONNXImporter.importModel(atPath: ONNXFixtureTests.fixtures.appendingPathComponent("negative_variance.onnx").path)
        #expect {
            _ = try ModelPart(graph: imported.graph, weights: imported.weights)
        } throws: { error in
            guard case .unsupported(let layer, let reason) = error as? EngineError else { return false }
            return layer.contains("bn") && reason == "variance + epsilon of channel 0 is not positive"
        }
    }
}
