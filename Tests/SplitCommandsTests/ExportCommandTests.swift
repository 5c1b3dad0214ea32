import Foundation
import Testing

/// `splitscope export`: the two files, what it prints, and bad input with exit status 2.
struct ExportCommandTests {
    private func export(_ arguments: [String]) throws -> SplitscopeBinary.Result {
        try SplitscopeBinary.run(["export"] + arguments)
    }

    @Test func writesBothPartsAndPrintsTheBoundary() throws {
        let dir = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("parts/new")
        let model = ModelFileCommandTests.fixture("resnet_like.onnx")
        let result = try export(["--model-file", model, "--device-layers", "/conv1/Conv,/relu/Relu,/layer1/layer1.0/conv1/Conv",
                                 "--out", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let device = dir.appendingPathComponent("resnet_like-device.onnx").path
        let edge = dir.appendingPathComponent("resnet_like-edge.onnx").path
        #expect(FileManager.default.fileExists(atPath: device) && FileManager.default.fileExists(atPath: edge))
        #expect(result.stdout.contains("3 of 16 layers on the device"), "\(result.stdout)")
        #expect(result.stdout.contains("boundary: 2 tensors, 131,072 B per sample"), "\(result.stdout)")
        #expect(result.stdout.contains("/relu/Relu_output_0  FP32 batch_size×16×32×32"))
        #expect(result.stdout.contains("/layer1/layer1.0/conv1/Conv_output_0  FP32 batch_size×16×32×32"))
        // A two-tensor cut gives parts with two outputs and two inputs, which splitscope's importer
        // does not read; a one-tensor split gives parts that `inspect` reads.
        let again = try export(["--model-file", model, "--split", "6", "--out", dir.path])
        #expect(again.status == 0, "\(again.stderr)")
        let inspect = try SplitscopeBinary.run(["inspect", "--model-file", edge])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("opset 15): 10 layers"), "\(inspect.stdout)")
        // Exporting again replaces the files, as `run --output` does.
        #expect(again.stdout.contains("resnet_like-edge.onnx    edge part: 10 nodes"), "\(again.stdout)")
    }

    @Test(arguments: [
        (["--split", "0"], "the device part is empty"),
        (["--split", "16"], "every layer is on the device"),
        (["--split", "17"], "--split: layer count must be a whole number from 0 to 16, got 17"),
        (["--split", "-1"], "--split: layer count must be a whole number from 0 to 16, got -1"),
        (["--device-layers", "/layer1/layer1.0/conv1/Conv"], "a device part must hold every layer its layers read"),
        (["--device-layers", "nope"], "has no layer or tensor named \"nope\""),
        (["--device-layers", ","], "--device-layers needs at least one layer or tensor name"),
        (["--split", "3", "--device-layers", "/conv1/Conv"], "give --split or --device-layers, not both"),
        ([String](), "give --split K (1 to 15) or --device-layers"),
    ])
    func badPartitionsAreUsageErrors(_ flags: [String], _ message: String) throws {
        let dir = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("out")
        let result = try export(["--model-file", ModelFileCommandTests.fixture("resnet_like.onnx"), "--out", dir.path] + flags)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path), "nothing is written for a refused export")
    }

    @Test func badFilesAndFoldersAreUsageErrors() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let model = ModelFileCommandTests.fixture("resnet_like.onnx")
        let cases: [([String], String)] = [
            (["--model-file", model, "--split", "3", "--out", "/dev/null/x"], "cannot create the folder /dev/null/x: Not a directory"),
            (["--model-file", model, "--split", "3", "--out", model], "is a file, not a folder"),
            (["--model-file", model, "--split", "3"], "give --out DIR"),
            (["--model", "resnet18", "--split", "3", "--out", dir.path], "zoo models have no ONNX graph to write"),
            (["--split", "3", "--out", dir.path], "give --model-file"),
            (["--model-file", dir.appendingPathComponent("none.onnx").path, "--split", "3", "--out", dir.path], "cannot read the model file: no such file"),
            (["--model-file", ModelFileCommandTests.fixture("missing_external_data.onnx"), "--split", "3", "--out", dir.path],
             "external data file \"missing_external_data.onnx.data\" cannot be read"),
            (["--model-file", ModelFileCommandTests.fixture("unsupported_op.onnx"), "--split", "3", "--out", dir.path],
             "op \"Transpose\" is not supported"),
        ]
        for (arguments, message) in cases {
            let result = try export(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        // A file in the way of one of the two outputs is named.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("resnet_like-edge.onnx"), withIntermediateDirectories: true)
        let blocked = try export(["--model-file", model, "--split", "3", "--out", dir.path])
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("resnet_like-edge.onnx: cannot write the file: it is a directory"), "\(blocked.stderr)")
    }
}
