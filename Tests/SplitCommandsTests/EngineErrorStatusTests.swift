import Foundation
@testable import SplitCommands
import SplitEngine
import SplitModels
import Testing

/// A model the engine cannot run gives one message and status 2 in every command that runs
/// it, never 1 and never a bare XNNPACK status.
@Suite struct EngineErrorStatusTests {
    /// huge_weight.onnx imports (its weights are numbers) but holds 1e30, which the engine refuses:
    /// every command that loads a model file says so naming the file (a copy elsewhere is not the
    /// committed model of that name), and through a manifest the version's index and name too.
    @Test func everyCommandSaysItTheSameWay() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let file = dir.appendingPathComponent("huge_weight.onnx").path
        try FileManager.default.copyItem(atPath: ModelFileCommandTests.fixture("huge_weight.onnx"), toPath: file)
        let manifest = dir.appendingPathComponent("versions.json").path
        try """
            {"format": "splitscope-model-versions", "version": 1, "family": "huge", "data": "fashion-mnist",
             "versions": [{"name": "bad", "file": "\(file)", "accuracy_pct": 50}]}
            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        // The eval cases read the two-record digits fixture, so they run where Fashion-MNIST is not installed.
        let digits = ["--data", "digits", "--data-path", URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SplitDataTests/Fixtures/digits-good.csv").path]
        let direct: [[String]] = [
            ["run", "--model-file", file],
            ["run", "--model-file", file, "--split", "1"],
            ["profile", "--model-file", file, "--measure", "--repeat", "1"],
            ["edge", "--model-file", file, "--listen", "127.0.0.1:0"],
            ["bench", "engine", "--model-file", file, "--repeat", "1", "--rounds", "1", "--allow-debug"],
            ["eval", "--model-file", file, "--batch", "1"] + digits,
            ["device", "--model-file", file, "--edge", "127.0.0.1:1"],
        ]
        let throughManifest: [[String]] = [
            ["plan", "--versions", manifest, "--bandwidth-mbps", "2"],
            ["simulate", "--versions", manifest, "--duration", "1",
             "--bandwidth-trace", URL(fileURLWithPath: SessionCommandTests.traces).appendingPathComponent("pensieve-norway_bus_1").path],
            ["profile", "--versions", manifest, "--out", try SplitscopeBinary.temporaryDirectory().path],
            ["eval", "--versions", manifest, "--batch", "1"] + digits,
            ["device", "--versions", manifest, "--edge", "127.0.0.1:1"],
        ]
        for args in direct + throughManifest {
            let result = try SplitscopeBinary.run(args)
            let named = throughManifest.contains(args) ? "splitscope: \(manifest): versions[0] (\"bad\"): \(file): " : "splitscope: \(file): "
            #expect(result.status == 2, "\(args): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(named + "layer "), "\(args): \(result.stderr)")
            #expect(result.stderr.contains("\"weight\" holds 1e+30"), "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("XNNPACK status"), "\(args): \(result.stderr)")
        }
    }

    /// negative_variance.onnx imports, but the engine cannot build its batch norm: every command
    /// that builds the engine says so naming the file as given (a renamed copy here), as the
    /// importer's errors and the weight check do, never the stem the model is named by.
    @Test func aModelTheEngineCannotBuildIsNamedByItsFile() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let file = dir.appendingPathComponent("copied.onnx").path
        try FileManager.default.copyItem(atPath: ModelFileCommandTests.fixture("negative_variance.onnx"), toPath: file)
        let commands: [[String]] = [
            ["run", "--model-file", file],
            ["run", "--model-file", file, "--split", "2"],
            ["profile", "--model-file", file, "--measure", "--repeat", "1"],
            ["edge", "--model-file", file, "--listen", "127.0.0.1:0"],
            ["bench", "engine", "--model-file", file, "--repeat", "1", "--rounds", "1", "--allow-debug"],
        ]
        for args in commands {
            let result = try SplitscopeBinary.run(args)
            #expect(result.status == 2, "\(args): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("splitscope: \(file): the engine cannot run it: layer "), "\(args): \(result.stderr)")
            #expect(result.stderr.contains("variance + epsilon of channel 0 is not positive"), "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("copied: "), "\(args): \(result.stderr)")
        }
    }

    @Test func engineErrorsNameAFilesModelByItsFile() throws {
        var builder = GraphBuilder(name: "stem", input: TensorShape([1, 2, 2]))
        builder.relu(builder.input, name: "r")
        var graph = try builder.finish()
        #expect(CommandError.engine(EngineError.missingInput(tensor: "x"), graph: graph).message == "stem: the input tensor x was not given")
        graph.source = "/some/folder/stem.onnx"
        let refused = CommandError.engine(EngineError.unsupported(layer: "pool", reason: "cannot"), graph: graph)
        #expect(refused.message == "/some/folder/stem.onnx: the engine cannot run it: layer pool: cannot")
    }

    /// The mapping itself: the model's fault is status 2, XNNPACK failing to start is 1.
    @Test func engineErrorsMapToOneMessageAndStatus() {
        let refused = CommandError.engine(EngineError.unsupported(layer: "pool", reason: "cannot"), model: "m")
        #expect(refused.isUsage)
        #expect(refused.message == "m: the engine cannot run it: layer pool: cannot")
        let input = CommandError.engine(EngineError.missingInput(tensor: "x"), model: "m")
        #expect(input.isUsage)
        #expect(input.message == "m: the input tensor x was not given")
        let machine = CommandError.engine(EngineError.initialization(status: 5), model: "m")
        #expect(!machine.isUsage)
        let passed = CommandError.engine(CommandError("as it was", isUsage: false), model: "m")
        #expect(passed.message == "as it was" && !passed.isUsage)
    }

    /// Two tensors whose files would be the same (`a/b` and `a_b` both give `c.a_b.npy`) are refused, naming both.
    @Test func outputFilesThatCollideAreRefused() throws {
        var b = GraphBuilder(name: "collide", input: TensorShape([2, 4, 4]))
        let x = b.relu(b.input, name: "a/b")
        let y = b.relu(x, name: "a_b")
        b.relu(y, name: "c")
        let graph = try b.finish()
        do {
            _ = try RunCommand.outputFiles([.layer(0), .layer(1)], graph: graph, path: "c.npy")
            Issue.record("a/b and a_b were both accepted")
        } catch {
            #expect(error.message.contains("\"a/b\" and \"a_b\" would both be written to c.a_b.npy"), "\(error.message)")
        }
        #expect(try RunCommand.outputFiles([.layer(0)], graph: graph, path: "c.npy") == ["c.npy"])
        #expect(try RunCommand.outputFiles([.layer(0), .layer(2)], graph: graph, path: "d") == ["d.a_b.npy", "d.c.npy"])
    }
}
