import Foundation
import SplitModels
import SplitTensorIO
import Testing

/// The engine's commands (`run`, `profile --measure`, `bench`, `edge`) on the command line: options
/// honoured or refused, never ignored; comma lists without empty or repeated names; weights
/// folders; and the batch an input brings.
struct EngineCommandLineTests {
    private func readNumPy(_ url: URL) throws -> FloatTensor {
        try NumPyFile.decode(Array(try Data(contentsOf: url)))
    }

    private func expectRefused(_ args: [String], saying words: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try SplitscopeBinary.run(args)
        #expect(result.status == 2, "\(args): status \(result.status), \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(words), "\(args): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("splitscope: ") }, "\(args): \(result.stderr)",
                sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(args) printed before refusing: \(result.stdout.prefix(200))", sourceLocation: sourceLocation)
    }

    @Test func optionsOfAModeNotInForceAreRefused() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let onnx = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SplitONNXTests/Fixtures/chain_cnn.onnx").path
        // profile: the measurement options mean nothing without --measure.
        for option in [["--slowdown", "4"], ["--edge-threads", "2"], ["--threads", "2"], ["--repeat", "3"], ["--weights", "seed:2"]] {
            try expectRefused(["profile", "--model", "smallcnn"] + option, saying: "\(option[0]) applies with --measure only")
        }
        try expectRefused(["profile", "--model", "smallcnn", "--slowdown", "4", "--edge-threads", "2"],
                          saying: "--slowdown, --edge-threads apply with --measure only")
        // edge: zoo-only options with only model files to serve.
        for option in [["--input-size", "64"], ["--weights", "seed:2"]] {
            try expectRefused(["edge", "--listen", "127.0.0.1:0", "--model-file", onnx] + option,
                              saying: "\(option[0]) applies to zoo models (--model) only")
        }
        // bench engine: zoo-only options with only model files to bench.
        for option in [["--input-size", "64"], ["--onnx-dir", dir.path]] {
            try expectRefused(["bench", "engine", "--allow-debug", "--model-file", onnx] + option,
                              saying: "\(option[0]) applies to zoo models only")
        }
        // run: --save-weights with a file's own weights; --weights with a file.
        try expectRefused(["run", "--model-file", onnx, "--save-weights", dir.appendingPathComponent("w").path],
                          saying: "--save-weights applies to zoo models only")
        try expectRefused(["run", "--model-file", onnx, "--weights", "seed:2"], saying: "--weights applies to zoo models only")
        // With the mode in force the same options are honoured.
        let measured = try SplitscopeBinary.run(["profile", "--model", "smallcnn", "--measure", "--slowdown", "4",
                                                 "--edge-threads", "1", "--repeat", "2"])
        #expect(measured.status == 0, "\(measured.stderr)")
    }

    @Test func commaListsRefuseEmptyAndRepeatedNames() throws {
        let run = ["run", "--model", "smallcnn"]
        for flag in ["--outputs", "--device-layers"] {
            try expectRefused(run + [flag, "features.0,,features.0"], saying: "\(flag): item 2 of \"features.0,,features.0\" is empty")
            try expectRefused(run + [flag, "features.0,"], saying: "\(flag): item 2 of \"features.0,\" is empty")
            try expectRefused(run + [flag, ""], saying: "\(flag): item 1 of \"\" is empty")
            try expectRefused(run + [flag, "features.0, features.0"], saying: "\(flag): \"features.0\" is named twice")
        }
        try expectRefused(["bench", "engine", "--allow-debug", "--models", "smallcnn,,resnet18"], saying: "--models: item 2")
        try expectRefused(["bench", "engine", "--allow-debug", "--models", "smallcnn,smallcnn"], saying: "--models: \"smallcnn\" is named twice")
        // A layer's name and its tensor's name are one tensor: naming both is naming it twice.
        let onnx = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SplitONNXTests/Fixtures/chain_cnn.onnx").path
        try expectRefused(["run", "--model-file", onnx, "--outputs", "/relu1/Relu,/relu1/Relu_output_0"],
                          saying: "again; name each tensor once")
        try expectRefused(["run", "--model-file", onnx, "--device-layers", "/relu1/Relu_output_0,/relu1/Relu"],
                          saying: "again; name each layer once")
    }

    @Test func benchmarksRefuseADebugBuildBeforePrintingAnything() throws {
        #if DEBUG
        for bench in [["planner"], ["replay", "--events", "10"], ["render", "--idle-seconds", "0.1"], ["engine", "--models", "smallcnn"]] {
            try expectRefused(["bench"] + bench, saying: "this is a debug build: its timings mean nothing")
        }
        // With --allow-debug the warning comes first, before any output.
        let allowed = try SplitscopeBinary.run(["bench", "replay", "--events", "10", "--allow-debug"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.hasPrefix("warning: this is a debug build"))
        #endif
    }

    /// A readable `--ort-script` with no onnxruntime to run it: said as that, not as an unreadable file.
    @Test func anORTScriptWithoutONNXRuntimeSaysWhatIsMissing() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let script = dir.appendingPathComponent("ort-time.py")
        try Data("print()\n".utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SplitscopeBinary.path)
        process.arguments = ["bench", "engine", "--allow-debug", "--models", "smallcnn", "--ort-script", script.path]
        // No python3 on the path: `find` cannot import onnxruntime, as on a machine without it.
        process.environment = ["PATH": dir.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2, "\(stderr)")
        #expect(stderr.contains("--ort-script \(script.path): python3 cannot import onnxruntime"), "\(stderr)")
        #expect(!stderr.contains("not a readable file"), "\(stderr)")
        #expect(stdout.isEmpty, "printed before refusing: \(stdout.prefix(200))")
    }

    @Test func directoriesAndMissingFilesAreSaidInWords() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let missing = dir.appendingPathComponent("missing").path
        let file = dir.appendingPathComponent("file.npy")
        try Data(NumPyFile.encode(FloatTensor(zeros: [1, 3, 32, 32]))).write(to: file)
        let cases: [(args: [String], words: String)] = [
            (["run", "--model-file", dir.path], "\(dir.path): cannot read the model file: it is a directory, not a file"),
            (["run", "--model-file", missing], "\(missing): cannot read the model file: no such file"),
            (["inspect", "--model-file", dir.path], "cannot read the model file: it is a directory, not a file"),
            (["profile", "--model-file", dir.path, "--measure"], "cannot read the model file: it is a directory, not a file"),
            (["edge", "--listen", "127.0.0.1:0", "--model-file", dir.path], "cannot read the model file: it is a directory, not a file"),
            (["bench", "engine", "--allow-debug", "--model-file", dir.path], "cannot read the model file: it is a directory, not a file"),
            (["bench", "engine", "--allow-debug", "--models", "smallcnn", "--ort-script", dir.path], "--ort-script: \(dir.path): it is a directory, not a file"),
            (["run", "--model", "smallcnn", "--input", dir.path], "\(dir.path): cannot read the input tensor: it is a directory, not a file"),
            (["run", "--model", "smallcnn", "--input", missing], "cannot read the input tensor: no such file"),
            (["run", "--model", "smallcnn", "--weights", file.path], "--weights \(file.path): it is a file, not a weights folder"),
            (["run", "--model", "smallcnn", "--weights", missing], "--weights \(missing): no such folder"),
            (["run", "--model", "smallcnn", "--save-weights", file.path], "--save-weights \(file.path): it is a file"),
            // A device never ends: reading it whole would hang, so it is refused by name.
            (["inspect", "--model-file", "/dev/zero"], "/dev/zero: cannot read the model file: it is a device, not a file"),
            (["run", "--model-file", "/dev/urandom"], "/dev/urandom: cannot read the model file: it is a device, not a file"),
            (["run", "--model", "smallcnn", "--input", "/dev/zero"], "/dev/zero: cannot read the input tensor: it is a device, not a file"),
        ]
        for (args, words) in cases {
            try expectRefused(args, saying: words)
        }
    }

    @Test func weightsFoldersRoundTripAndBrokenOnesAreNamed() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let folder = dir.appendingPathComponent("weights")
        let input = dir.appendingPathComponent("x.npy")
        let elements: [Float] = (0..<(3 * 16 * 16)).map { Float($0 % 13) / 13 - 0.5 }
        try Data(NumPyFile.encode(try #require(FloatTensor(shape: [1, 3, 16, 16], elements: elements)))).write(to: input)
        let base = ["run", "--model", "smallcnn", "--input-size", "16", "--input", input.path]
        let seeded = try SplitscopeBinary.run(base + ["--weights", "seed:4", "--save-weights", folder.path,
                                                      "--output", dir.appendingPathComponent("a.npy").path])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let fromFolder = try SplitscopeBinary.run(base + ["--weights", folder.path, "--output", dir.appendingPathComponent("b.npy").path])
        #expect(fromFolder.status == 0, "\(fromFolder.stderr)")
        #expect(try readNumPy(dir.appendingPathComponent("a.npy")) == readNumPy(dir.appendingPathComponent("b.npy")))
        // Other seeds give other outputs, so the folder's weights were really used.
        let other = try SplitscopeBinary.run(base + ["--weights", "seed:5", "--output", dir.appendingPathComponent("c.npy").path])
        #expect(other.status == 0)
        #expect(try readNumPy(dir.appendingPathComponent("a.npy")) != readNumPy(dir.appendingPathComponent("c.npy")))
        // profile --measure and edge take a folder too.
        let profile = try SplitscopeBinary.run(["profile", "--model", "smallcnn", "--input-size", "16", "--measure", "--repeat", "1",
                                                "--weights", folder.path])
        #expect(profile.status == 0, "\(profile.stderr)")

        let conv = folder.appendingPathComponent("features.0.weight.npy")
        try Data(NumPyFile.encode(FloatTensor(zeros: [32, 3, 5, 5]))).write(to: conv)
        try expectRefused(base + ["--weights", folder.path],
                          saying: "--weights \(folder.path)/features.0.weight.npy: layer features.0's weight must have shape (32, 3, 3, 3), got (32, 3, 5, 5)")
        try Data("not numpy".utf8).write(to: conv)
        try expectRefused(base + ["--weights", folder.path], saying: "features.0.weight.npy: not a NumPy .npy file")
        try FileManager.default.removeItem(at: conv)
        try expectRefused(base + ["--weights", folder.path], saying: "--weights \(folder.path): layer features.0 needs its weight in features.0.weight.npy")
        // A different input size changes the classifier's shape: the folder no longer fits and says where.
        let resized = try SplitscopeBinary.run(["run", "--model", "smallcnn", "--input-size", "32", "--weights", folder.path])
        #expect(resized.status == 2)
    }

    /// Inputs are `[N, C, H, W]`: a sample saved without its batch axis is refused (as ONNX
    /// Runtime refuses a rank mismatch), saying how to add it, not taken as a batch of one.
    @Test func aSampleWithoutItsBatchAxisIsRefused() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let sample = dir.appendingPathComponent("sample.npy")
        try Data(NumPyFile.encode(try #require(FloatTensor(shape: [3, 32, 32], elements: [Float](repeating: 0.5, count: 3 * 32 * 32)))))
            .write(to: sample)
        try expectRefused(["run", "--model", "smallcnn", "--input", sample.path],
                          saying: "\(sample.path): shape (3, 32, 32) does not match smallcnn's input (1, 3, 32, 32) "
                              + "(batch, channels, height, width); it lacks the batch axis: save x[None] (shape (1, 3, 32, 32))")
    }

    /// A batch limit reads the same wherever the batch comes from: `--batch` or an input's first dimension.
    @Test func anInputsBatchIsBoundedInTheWordsOfBatch() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let empty = dir.appendingPathComponent("empty.npy")
        try Data(NumPyFile.encode(try #require(FloatTensor(shape: [0, 3, 32, 32], elements: [])))).write(to: empty)
        let range = "a whole number from 1 to 65536"
        try expectRefused(["run", "--model", "smallcnn", "--input", empty.path],
                          saying: "\(empty.path): its first dimension, the batch, is 0; a batch size must be \(range)")
        try expectRefused(["run", "--model", "smallcnn", "--batch", "0"], saying: "--batch: batch size must be > 0 (\(range)), got 0")
    }

    @Test func aBatchedInputSetsTheBatchAndEqualsSingleRuns() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let sample = 3 * 32 * 32
        let elements: [Float] = (0..<(3 * sample)).map { Float(($0 * 7919) % 101) / 101 - 0.5 }
        let batched = dir.appendingPathComponent("x3.npy")
        try Data(NumPyFile.encode(try #require(FloatTensor(shape: [3, 3, 32, 32], elements: elements)))).write(to: batched)
        let base = ["run", "--model", "mobilenetv2", "--input-size", "32", "--weights", "seed:2"]
        let out = dir.appendingPathComponent("y3.npy")
        let all = try SplitscopeBinary.run(base + ["--input", batched.path, "--output", out.path, "--split", "20"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("input 3×3×32×32"), "\(all.stdout)")
        let y = try readNumPy(out)
        #expect(y.shape == [3, 1000])
        for n in 0..<3 {
            let single = dir.appendingPathComponent("x\(n).npy")
            let part = Array(elements[(n * sample)..<((n + 1) * sample)])
            try Data(NumPyFile.encode(try #require(FloatTensor(shape: [1, 3, 32, 32], elements: part)))).write(to: single)
            let singleOut = dir.appendingPathComponent("y\(n).npy")
            let one = try SplitscopeBinary.run(base + ["--input", single.path, "--output", singleOut.path])
            #expect(one.status == 0, "\(one.stderr)")
            let expected = try readNumPy(singleOut)
            let row = Array(y.elements[(n * 1000)..<((n + 1) * 1000)])
            let scale = expected.elements.map(abs).max() ?? 1
            let worst = zip(row, expected.elements).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst <= 1e-4 * scale, "sample \(n): \(worst)")
        }
        // A --batch that disagrees with the input is refused, naming the file.
        try expectRefused(base + ["--input", batched.path, "--batch", "2"], saying: "\(batched.path): shape (3, 3, 32, 32) does not match")
    }

    /// An input the engine would refuse (NaN, infinite, or beyond ±1e18, where float32 can
    /// overflow inside a fused kernel and come out as a plausible number) is refused before any
    /// run, naming the file and the element in the file's order; 1e18 itself runs.
    @Test func inputsOutsideTheEnginesRangeAreRefusedNamingTheElement() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let base = ["run", "--model", "smallcnn", "--weights", "seed:2"]
        let count = 3 * 32 * 32
        for (name, value) in [("nan", Float.nan), ("inf", -Float.infinity), ("huge", 3e38), ("big", 1.5e18)] {
            var elements = [Float](repeating: 0.5, count: count)
            elements[70] = value
            let file = dir.appendingPathComponent("\(name).npy")
            try Data(NumPyFile.encode(try #require(FloatTensor(shape: [1, 3, 32, 32], elements: elements)))).write(to: file)
            try expectRefused(base + ["--input", file.path], saying: "\(file.path): element 70 is")
        }
        let edge = dir.appendingPathComponent("edge.npy")
        let elements = [Float](repeating: 0.5, count: count - 1) + [1e18]
        try Data(NumPyFile.encode(try #require(FloatTensor(shape: [1, 3, 32, 32], elements: elements)))).write(to: edge)
        let ran = try SplitscopeBinary.run(base + ["--input", edge.path])
        // smallcnn's output from 1e18 is either finite (exit 0) or reported as an overflow (exit 2): never a crash.
        #expect(ran.status == 0 || (ran.status == 2 && ran.stderr.contains("overflowed")), "\(ran.status): \(ran.stderr)")
    }

    /// The cost model counts what the engine sends at every split, the raw input included
    /// (float32: docs/cost-model.md), for a chain and for a DAG.
    @Test func thePlannerCountsTheBytesTheEngineSends() throws {
        for (model, splits) in [("smallcnn", [0, 1, 4, 9, 13]), ("resnet18", [0, 4, 20, 45, 66])] {
            let size = model == "smallcnn" ? "32" : "64"
            let table = try SplitscopeBinary.run(["inspect", "--model", model, "--input-size", size])
            #expect(table.status == 0, "\(table.stderr)")
            let header = try #require(table.stdout.split(separator: "\n").first)
            let inputBytes = try #require(header.firstMatch(of: /input ([0-9,]+) B/)?.1)
            var planned = [0: String(inputBytes)]
            for line in table.stdout.split(separator: "\n") {
                let cells = line.split(separator: #/\s{2,}/#).map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count > 6, let number = Int(cells[0]) else { continue }
                planned[number] = cells[6]
            }
            for k in splits {
                let run = try SplitscopeBinary.run(["run", "--model", model, "--input-size", size, "--split", "\(k)"])
                #expect(run.status == 0, "\(run.stderr)")
                let sent = try #require(run.stdout.firstMatch(of: /sends [^(]*\(([0-9,]+) B\)/)?.1, "\(run.stdout)")
                #expect(planned[k] == String(sent), "\(model) split \(k): planner \(planned[k] ?? "none"), engine \(sent)")
            }
        }
    }
}
