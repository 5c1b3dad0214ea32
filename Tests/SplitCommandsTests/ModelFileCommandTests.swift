import Foundation
import Testing

/// `--model-file FILE.onnx` in inspect, plan, profile and simulate, run through the real binary.
@Suite("Commands on ONNX model files")
struct ModelFileCommandTests {
    /// The ONNX fixtures of the importer's tests.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SplitONNXTests/Fixtures/\(name)").path
    }

    @Test func inspectListsTheFileLayers() throws {
        let result = try SplitscopeBinary.run(["inspect", "--model-file", Self.fixture("resnet_like.onnx")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("resnet_like (ONNX file "))
        #expect(result.stdout.contains("16 layers, DAG"))
        #expect(result.stdout.contains("/layer2/layer2.0/downsample/downsample.0/Conv"))
        #expect(result.stdout.contains("times: roofline estimate"))
    }

    @Test func inspectJSONCarriesTheImportedFigures() throws {
        let result = try SplitscopeBinary.run(["inspect", "--json", "--model-file", Self.fixture("chain_cnn.onnx")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"total_macs\": 193776"))
        #expect(result.stdout.contains("\"total_params\": 2674"))
        #expect(result.stdout.contains("\"op\": \"relu6\""))
        // Each layer names its output tensor as the file does, for `run --outputs`.
        #expect(result.stdout.contains("\"output_name\": \"/conv1/Conv_output_0\""))
        #expect(result.stdout.contains("\"output_name\": \"output\""))
    }

    @Test func planAndSimulateRunOnTheImportedGraph() throws {
        let plan = try SplitscopeBinary.run(["plan", "--model-file", Self.fixture("inverted_residual.onnx"),
                                             "--bandwidth-mbps", "3", "--rtt-ms", "20", "--json"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("\"policy\""))
        let dir = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = URL(fileURLWithPath: SessionCommandTests.traces).appendingPathComponent("pensieve-norway_bus_1")
        let session = dir.appendingPathComponent("session.jsonl")
        let simulate = try SplitscopeBinary.run(["simulate", "--model-file", Self.fixture("resnet_like.onnx"),
                                                 "--bandwidth-trace", trace.path, "--duration", "5", "--out", session.path])
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(FileManager.default.fileExists(atPath: session.path))
    }

    @Test func profileIsWrittenFromTheFile() throws {
        let result = try SplitscopeBinary.run(["profile", "--model-file", Self.fixture("external_data.onnx")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"name\": \"external_data\""))
        #expect(result.stdout.contains("\"name\": \"/fc/Gemm\""))
    }

    @Test(arguments: [
        (["inspect", "--model-file", "unsupported_op.onnx"], ["unsupported_op.onnx", "/transpose/Transpose", "Transpose"]),
        (["inspect", "--model-file", "unsupported_attribute.onnx"], ["/fc/Gemm", "transA"]),
        (["plan", "--bandwidth-mbps", "3", "--model-file", "missing_external_data.onnx"], ["missing_external_data.onnx.data"]),
        (["inspect", "--model-file", "no-such.onnx"], ["no-such.onnx", "cannot read"]),
        (["inspect", "--model-file", "chain_cnn.expected.npy"], ["chain_cnn.expected.npy", "not an ONNX model"]),
        (["inspect", "--model-file", "chain_cnn.onnx", "--model", "resnet18"], ["--model-file"]),
        (["inspect", "--model-file", "chain_cnn.onnx", "--input-size", "64"], ["--input-size"]),
        (["inspect", "--model-file", "chain_cnn.onnx", "--batch", "4"], ["batch size at 1"]),
        (["inspect", "--model-file", "resnet_like.onnx", "--batch", "0"], ["--batch", "batch size"]),
    ])
    func badModelFilesExitTwo(arguments: [String], mentions: [String]) throws {
        let resolved = arguments.map { $0.hasSuffix(".onnx") || $0.hasSuffix(".npy") ? Self.fixture($0) : $0 }
        let result = try SplitscopeBinary.run(resolved)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        for word in mentions { #expect(result.stderr.contains(word), "\(word) not in \(result.stderr)") }
    }
}
