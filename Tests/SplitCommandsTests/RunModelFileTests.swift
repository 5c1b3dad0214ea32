import Foundation
import SplitModels
import SplitTensorIO
import Testing

/// `splitscope run`, `profile --measure` and `bench engine` on ONNX files: the file's weights,
/// ONNX Runtime's committed outputs, tensors by ONNX value name, and bad input with exit status 2.
struct RunModelFileTests {
    private func readNumPy(_ path: String) throws -> FloatTensor {
        try NumPyFile.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    private func relativeError(_ actual: FloatTensor, _ expected: FloatTensor) -> Float {
        guard actual.shape == expected.shape else { return .infinity }
        let scale = max(expected.elements.map(abs).max() ?? 0, 1e-12)
        return (zip(actual.elements, expected.elements).map { abs($0 - $1) }.max() ?? .infinity) / scale
    }

    /// Whole, split, and split at a non-prefix device part: each output equals ONNX Runtime's.
    @Test(arguments: [
        ("chain_cnn", [String]()), ("chain_cnn", ["--split", "7"]),
        ("resnet_like", ["--batch", "2"]), ("resnet_like", ["--batch", "2", "--split", "5"]),
        ("inverted_residual", ["--split", "4"]), ("external_data", []), ("name_clash", ["--device-layers", "layer:features"]),
        ("torchvision_tails", []), ("torchvision_tails", ["--split", "3"]),
    ])
    func outputEqualsONNXRuntime(_ fixture: String, _ extra: [String]) throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("y.npy").path
        let result = try SplitscopeBinary.run(["run", "--model-file", ModelFileCommandTests.fixture("\(fixture).onnx"),
                                               "--input", ModelFileCommandTests.fixture("\(fixture).input.npy"),
                                               "--output", out] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("weights from"))
        let expected = try readNumPy(ModelFileCommandTests.fixture("\(fixture).expected.npy"))
        #expect(relativeError(try readNumPy(out), expected) <= 1e-4)
    }

    @Test func tensorsByONNXValueName() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("y.npy").path
        let result = try SplitscopeBinary.run(["run", "--model-file", ModelFileCommandTests.fixture("chain_cnn.onnx"),
                                               "--outputs", "/conv3/Conv_output_0,output", "--output", out,
                                               "--device-layers", "/conv1/Conv,/bn1/BatchNormalization_output_0", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"boundary\":[\"/bn1/BatchNormalization_output_0\"]"), "\(result.stdout)")
        #expect(result.stdout.contains("\"peak_activation_bytes\""))
        let conv3 = try readNumPy(dir.appendingPathComponent("y._conv3_Conv_output_0.npy").path)
        let logits = try readNumPy(dir.appendingPathComponent("y.output.npy").path)
        #expect(conv3.shape == [1, 12, 8, 8])
        #expect(logits.shape == [1, 10])
    }

    @Test func measuredProfileOfAFile() throws {
        let result = try SplitscopeBinary.run(["profile", "--model-file", ModelFileCommandTests.fixture("chain_cnn.onnx"),
                                               "--measure", "--repeat", "2", "--edge-threads", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"name\": \"/conv1/Conv\""))
        let refused = try SplitscopeBinary.run(["profile", "--model-file", ModelFileCommandTests.fixture("chain_cnn.onnx"),
                                                "--measure", "--weights", "seed:2"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--weights"))
    }

    @Test func badInputExitsTwoNamingTheFileOrNode() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let truncated = dir.appendingPathComponent("truncated.onnx")
        let whole = try Data(contentsOf: URL(fileURLWithPath: ModelFileCommandTests.fixture("chain_cnn.onnx")))
        try whole.prefix(whole.count / 2).write(to: truncated)
        let wrongShape = dir.appendingPathComponent("wrong.npy")
        try Data(NumPyFile.encode(FloatTensor(zeros: [1, 3, 8, 8]))).write(to: wrongShape)
        var doubles = NumPyFile.encode(FloatTensor(zeros: [1, 3, 16, 16]))
        doubles.replaceSubrange(doubles.firstRange(of: Array("<f4".utf8))!, with: Array("<f8".utf8))
        let doubleFile = dir.appendingPathComponent("doubles.npy")
        try Data(doubles).write(to: doubleFile)
        var withNaN = FloatTensor(zeros: [1, 3, 16, 16])
        withNaN.elements[5] = .nan
        let nanFile = dir.appendingPathComponent("nan.npy")
        try Data(NumPyFile.encode(withNaN)).write(to: nanFile)
        var withInfinity = FloatTensor(zeros: [1, 3, 16, 16])
        withInfinity.elements[0] = .infinity
        let infinityFile = dir.appendingPathComponent("inf.npy")
        try Data(NumPyFile.encode(withInfinity)).write(to: infinityFile)
        let chain = ModelFileCommandTests.fixture("chain_cnn.onnx")
        let cases: [(args: [String], mentions: [String])] = [
            // A non-finite input would come out as plausible numbers (XNNPACK's clamps eat NaN).
            (["--model-file", chain, "--input", nanFile.path], [nanFile.path, "element 5", "finite"]),
            (["--model-file", chain, "--input", infinityFile.path], [infinityFile.path, "element 0", "finite"]),
            // Output that cannot be written: a full device, a missing folder, a folder.
            (["--model-file", chain, "--output", "/dev/full"], ["/dev/full", "cannot write", "No space left"]),
            (["--model-file", chain, "--output", dir.appendingPathComponent("none/y.npy").path], ["none/y.npy", "cannot write"]),
            (["--model-file", chain, "--output", dir.path], [dir.path, "cannot write"]),
            (["--model-file", truncated.path], [truncated.path, "not an ONNX model"]),
            (["--model-file", ModelFileCommandTests.fixture("unsupported_op.onnx")], ["/transpose/Transpose", "Transpose"]),
            (["--model-file", ModelFileCommandTests.fixture("unsupported_attribute.onnx")], ["/fc/Gemm", "transA"]),
            (["--model-file", chain, "--input", wrongShape.path], [wrongShape.path, "(1, 3, 8, 8)", "(1, 3, 16, 16)"]),
            (["--model-file", chain, "--input", doubleFile.path], [doubleFile.path, "little-endian float32"]),
            (["--model-file", chain, "--split", "17"], ["--split", "0 to 16"]),
            (["--model-file", chain, "--split=-1"], ["--split", "0 to 16"]),
            (["--model-file", chain, "--outputs", "/nope_output_0"], ["--outputs", "/nope_output_0"]),
            (["--model-file", chain, "--weights", "seed:2"], ["--weights", "carries its own weights"]),
            (["--model-file", chain, "--model", "smallcnn"], ["not both"]),
        ]
        for (args, mentions) in cases {
            let result = try SplitscopeBinary.run(["run"] + args)
            #expect(result.status == 2, "\(args): status \(result.status) \(result.stderr)")
            for word in mentions {
                #expect(result.stderr.contains(word), "\(args): expected '\(word)' in \(result.stderr)")
            }
        }
        let bench = try SplitscopeBinary.run(["bench", "engine", "--model-file", truncated.path])
        #expect(bench.status == 2)
        #expect(bench.stderr.contains(truncated.path))
        let noFolder = try SplitscopeBinary.run(["bench", "engine", "--onnx-dir", dir.appendingPathComponent("none").path])
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr.contains("--onnx-dir"))
    }
}
