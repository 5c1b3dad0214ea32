import Foundation
import SplitModels
import SplitTensorIO
import Testing

/// `splitscope run` end to end: files in and out, splits, JSON, and bad input with exit status 2.
struct RunCommandTests {
    private func readNumPy(_ url: URL) throws -> FloatTensor {
        try NumPyFile.decode(Array(try Data(contentsOf: url)))
    }

    @Test func splitRunWritesTheSameOutputAsTheWholeModel() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let whole = dir.appendingPathComponent("whole.npy")
        let split = dir.appendingPathComponent("split.npy")
        let base = ["run", "--model", "resnet18", "--input-size", "64", "--weights", "seed:3"]
        let a = try SplitscopeBinary.run(base + ["--output", whole.path])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try SplitscopeBinary.run(base + ["--split", "30", "--output", split.path])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout.contains("split: 30 device layers, sends"))
        let (x, y) = (try readNumPy(whole), try readNumPy(split))
        #expect(x.shape == [1, 1000])
        let scale = x.elements.map(abs).max() ?? 1
        let worst = zip(x.elements, y.elements).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-4 * scale)
    }

    @Test func inputFileAndNamedOutputs() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let input = dir.appendingPathComponent("x.npy")
        let count = 2 * 3 * 16 * 16
        let elements: [Float] = (0..<count).map { (i: Int) -> Float in Float(i % 17) / 17 - 0.5 }
        try Data(NumPyFile.encode(FloatTensor(shape: [2, 3, 16, 16], elements: elements)!)).write(to: input)
        let out = dir.appendingPathComponent("y.npy")
        let result = try SplitscopeBinary.run(["run", "--model", "smallcnn", "--input-size", "16", "--batch", "2",
                                               "--input", input.path, "--outputs", "features.4,classifier.3", "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let pooled = try readNumPy(dir.appendingPathComponent("y.features.4.npy"))
        let logits = try readNumPy(dir.appendingPathComponent("y.classifier.3.npy"))
        #expect(pooled.shape == [2, 32, 8, 8])
        #expect(logits.shape == [2, 10])
        // The two samples differ, so the batch is really two inputs.
        #expect(Array(logits.elements[0..<10]) != Array(logits.elements[10..<20]))
    }

    @Test func jsonHasTheLatencyFieldsAndEveryLayer() throws {
        let result = try SplitscopeBinary.run(["run", "--model", "smallcnn", "--repeat", "5", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        for key in ["\"median_ms\"", "\"p10_ms\"", "\"p90_ms\"", "\"threads\":1", "\"peak_activation_bytes\"", "\"name\":\"classifier.3\""] {
            #expect(result.stdout.contains(key), "\(key) missing from \(result.stdout)")
        }
    }

    @Test func badInputExitsTwoNamingTheProblem() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let wrongShape = dir.appendingPathComponent("wrong.npy")
        try Data(NumPyFile.encode(FloatTensor(zeros: [1, 3, 16, 16]))).write(to: wrongShape)
        var bigEndian = NumPyFile.encode(FloatTensor(zeros: [1, 3, 32, 32]))
        bigEndian[bigEndian.firstIndex(of: UInt8(ascii: "<"))!] = UInt8(ascii: ">")
        let bigEndianFile = dir.appendingPathComponent("big.npy")
        try Data(bigEndian).write(to: bigEndianFile)
        let garbage = dir.appendingPathComponent("garbage.npy")
        try Data("not numpy".utf8).write(to: garbage)
        let zeroBatch = dir.appendingPathComponent("zero-batch.npy")
        try Data(NumPyFile.encode(FloatTensor(zeros: [0, 3, 32, 32]))).write(to: zeroBatch)
        let cases: [(args: [String], mentions: [String])] = [
            (["--input", wrongShape.path], [wrongShape.path, "(1, 3, 16, 16)", "(1, 3, 32, 32)"]),
            (["--input", bigEndianFile.path], [bigEndianFile.path, "big-endian"]),
            (["--input", garbage.path], [garbage.path, "not a NumPy"]),
            (["--input", zeroBatch.path], [zeroBatch.path, "the batch, is 0"]),
            (["--input", dir.appendingPathComponent("missing.npy").path], ["missing.npy", "cannot read"]),
            (["--split", "16"], ["--split", "0 to 15"]),
            (["--split", "-1"], ["--split"]),
            (["--split", "3", "--device-layers", "features.0"], ["not both"]),
            (["--device-layers", "features.2"], ["--device-layers", "features.2", "reads"]),
            (["--device-layers", "features.99"], ["features.99"]),
            (["--outputs", "nope"], ["--outputs", "nope"]),
            (["--threads", "0"], ["--threads"]),
            (["--repeat", "0"], ["--repeat"]),
            (["--weights", "file.bin"], ["--weights", "seed:N"]),
            (["--batch", "0"], ["--batch"]),
            (["--batch", "65536", "--input-size", "4096"], ["--batch 65536", "more than this machine"]),
            (["--input-size", "4096"], ["parameters", "smaller --input-size"]),
        ]
        for (args, mentions) in cases {
            let result = try SplitscopeBinary.run(["run", "--model", "smallcnn"] + args)
            #expect(result.status == 2, "\(args): status \(result.status) \(result.stderr)")
            for word in mentions {
                #expect(result.stderr.contains(word), "\(args): expected '\(word)' in \(result.stderr)")
            }
        }
    }
}

/// `profile --measure`: a profile file from layers run here, which the planners accept.
struct MeasuredProfileTests {
    @Test func measuredProfilePlans() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let file = dir.appendingPathComponent("measured.json")
        let made = try SplitscopeBinary.run(["profile", "--model", "smallcnn", "--measure", "--repeat", "3", "--slowdown", "4",
                                             "--edge-threads", "1"])
        #expect(made.status == 0, "\(made.stderr)")
        try made.stdout.write(to: file, atomically: true, encoding: .utf8)
        #expect(made.stdout.contains("\"name\": \"features.0\""))
        let plan = try SplitscopeBinary.run(["plan", "--profile", file.path, "--bandwidth-mbps", "5"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("smallcnn"))
    }

    @Test func benchEngineRefusesAnUnknownModel() throws {
        let result = try SplitscopeBinary.run(["bench", "engine", "--models", "resnet18,lenet"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("lenet"))
    }

    @Test func badMeasureFlagsExitTwo() throws {
        for (args, mention) in [(["--slowdown", "0"], "--slowdown"), (["--repeat", "0"], "--repeat"),
                                (["--threads", "0"], "--threads"), (["--weights", "x"], "--weights")] {
            let result = try SplitscopeBinary.run(["profile", "--model", "smallcnn", "--measure"] + args)
            #expect(result.status == 2, "\(args)")
            #expect(result.stderr.contains(mention), "\(args): \(result.stderr)")
        }
    }
}
