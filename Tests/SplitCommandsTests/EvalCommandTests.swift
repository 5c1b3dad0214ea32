import Foundation
import SplitJSON
import Testing

/// `splitscope eval` on the committed Fashion-MNIST models: the engine's predictions equal ONNX
/// Runtime's (committed by scripts/train-fashion.py in Models/fashion-expected.json), split equals
/// unsplit, and every refusal exits 2 with a message naming what is wrong.
struct EvalCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func model(_ name: String) -> String { repository.appendingPathComponent("Models/\(name).onnx").path }
    static let dataInstalled = ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                                "train-labels-idx1-ubyte.gz"]
        .allSatisfy { FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/\($0)") }
    static let skipReason: Comment = "Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist: run scripts/setup"

    /// What the training script recorded for a model: the first `prefix` test predictions from ONNX Runtime.
    private func expected(_ name: String) throws -> (prefix: Int, correct: Int, predictions: [Int]) {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("Models/fashion-expected.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let models = try #require(root["models"] as? [String: Any])
        let entry = try #require(models[name] as? [String: Any])
        let predictions = try #require(entry["prefix_predictions"] as? [Int])
        return (try #require(root["prefix"] as? Int), try #require(entry["prefix_correct"] as? Int), predictions)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Engine predictions on the first test images equal ONNX Runtime's, image by image, so the accuracy does too.
    @Test(.enabled(if: dataInstalled, skipReason), arguments: ["fashion-device", "fashion-edge"])
    func predictionsEqualONNXRuntime(_ name: String) throws {
        let want = try expected(name)
        let dir = try SplitscopeBinary.temporaryDirectory()
        let csv = dir.appendingPathComponent("predictions.csv").path
        let result = try SplitscopeBinary.run(["eval", "--model-file", Self.model(name), "--limit", "\(want.prefix)",
                                               "--batch", "64", "--predictions", csv, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(result.stdout)
        #expect(report["model"] as? String == Self.model(name))
        #expect(report["data"] as? String == "fashion-mnist")
        #expect(report["samples"] as? Int == want.prefix)
        #expect(report["correct"] as? Int == want.correct)
        let accuracy = try #require(report["accuracy_pct"] as? Double)
        #expect(abs(accuracy - 100 * Double(want.correct) / Double(want.prefix)) < 1e-9)
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        let predictions = rows.compactMap { $0.split(separator: ",").last.flatMap { Int($0) } }
        #expect(predictions == want.predictions)
    }

    /// What scripts/compress-fashion.py recorded for a compressed version (Models/fashion-versions-expected.json).
    private func expectedVersion(_ name: String) throws -> (prefix: Int, correct: Int, predictions: [Int], file: String) {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("Models/fashion-versions-expected.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let versions = try #require(root["versions"] as? [String: Any])
        let entry = try #require(versions[name] as? [String: Any])
        return (try #require(root["prefix"] as? Int), try #require(entry["prefix_correct"] as? Int),
                try #require(entry["prefix_predictions"] as? [Int]), try #require(entry["file"] as? String))
    }

    /// Each compressed version (pruned narrower, int8 weights folded at import) gives, on the
    /// engine, ONNX Runtime's predictions image by image, so its measured accuracy is ORT's.
    @Test(.enabled(if: dataInstalled, skipReason), arguments: ["p75", "p50", "int8", "p50-int8"])
    func versionPredictionsEqualONNXRuntime(_ name: String) throws {
        let want = try expectedVersion(name)
        let file = Self.repository.appendingPathComponent("Models/\(want.file)").path
        let dir = try SplitscopeBinary.temporaryDirectory()
        let csv = dir.appendingPathComponent("predictions.csv").path
        let result = try SplitscopeBinary.run(["eval", "--model-file", file, "--limit", "\(want.prefix)", "--batch", "64",
                                               "--predictions", csv, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(result.stdout)
        #expect(report["correct"] as? Int == want.correct)
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        let predictions = rows.compactMap { $0.split(separator: ",").last.flatMap { Int($0) } }
        #expect(predictions == want.predictions)
    }

    /// `eval --versions` measures every version of the manifest: the pruned ones really are
    /// smaller (MACs, parameters), the int8 one stores a quarter of the weight bytes with the same
    /// MACs, the first compressive cut is the 3×7×7 bottleneck (588 bytes fp32, 147 int8), and the losses
    /// are taken from the full model's accuracy measured in the same run.
    @Test(.enabled(if: dataInstalled, skipReason))
    func versionsTable() throws {
        let manifest = Self.repository.appendingPathComponent("Models/fashion-edge-versions.json").path
        let result = try SplitscopeBinary.run(["eval", "--versions", manifest, "--limit", "256", "--batch", "64", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(result.stdout)
        let rows = try #require(report["versions"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: rows.compactMap { row in (row["name"] as? String).map { ($0, row) } })
        #expect(rows.map { $0["name"] as? String } == ["full", "p75", "p50", "int8", "p50-int8"])
        func number(_ version: String, _ key: String) throws -> Double {
            try #require(byName[version]?[key] as? Double, "\(version).\(key)")
        }
        #expect(try number("p75", "macs") < number("full", "macs"))
        #expect(try number("p50", "macs") < number("p75", "macs"))
        #expect(try number("p50", "params") < 0.4 * number("full", "params"))
        #expect(try number("int8", "macs") == number("full", "macs"))
        #expect(try number("int8", "params") == number("full", "params"))
        #expect(try number("int8", "weight_bytes") < 0.3 * number("full", "weight_bytes"))
        #expect(try number("p50-int8", "weight_bytes") < 0.3 * number("p50", "weight_bytes"))
        for row in rows {
            let name = try #require(row["name"] as? String)
            let cuts = try #require(row["compressive_cuts"] as? [[String: Any]])
            #expect(cuts.first?["after"] as? String == "/squeeze/Conv", "\(name)")
            #expect(cuts.first?["fp32_bytes"] as? Int == 588, "\(name)")
            #expect(cuts.first?["int8_bytes"] as? Int == 147, "\(name)")
            #expect(try number(name, "samples") == 256)
            let want = name == "full" ? try expected("fashion-edge").correct : try expectedVersion(name).correct
            #expect(try number(name, "correct") == Double(want), "\(name)")
            let loss = try number("full", "accuracy_pct") - number(name, "accuracy_pct")
            #expect(abs(try number(name, "loss_points") - loss) < 1e-9)
            #expect(try number(name, "latency_ms") > 0)
        }
        let text = try SplitscopeBinary.run(["eval", "--versions", manifest, "--limit", "64", "--batch", "64"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("fashion-edge: 5 versions on 64 fashion-mnist test samples"), "\(text.stdout)")
        #expect(text.stdout.contains("X-ADMM"), "\(text.stdout)")
    }

    /// A broken manifest, or --versions with a one-model flag, is a usage error naming the field or the flag.
    @Test func versionsRefusals() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let models = Self.repository.appendingPathComponent("Models").path
        let cases: [(String, String)] = [
            (#"{"format": "splitscope-model-versions", "version": 1, "family": "f", "versions": [{"name": "a", "file": "\#(models)/fashion-edge.onnx"}]}"#,
             "versions[0].accuracy_pct: missing"),
            (#"{"format": "splitscope-model-versions", "version": 1, "family": "f", "versions": [{"name": "a", "file": "nothere.onnx", "accuracy_pct": 90}]}"#,
             "versions[0].file: version \"a\": cannot read"),
            (#"{"format": "splitscope-model-versions", "version": 1, "family": "f", "versions": [{"name": "a", "file": "\#(models)/fashion-edge.onnx", "accuracy_pct": 120}]}"#,
             "versions[0].accuracy_pct: accuracy must be"),
            (#"{"format": "splitscope-model-versions", "version": 2, "family": "f", "versions": []}"#, "version: version 2 is not supported (this build reads 1)"),
            ("{", "not valid JSON"),
            // A version's file that is not a model: the manifest, the version and the file are named.
            (#"{"format": "splitscope-model-versions", "version": 1, "family": "f", "versions": [{"name": "a", "file": "\#(models)/fashion-edge-versions.json", "accuracy_pct": 90}]}"#,
             #"versions[0] ("a"): \#(models)/fashion-edge-versions.json"#),
        ]
        for (index, (text, message)) in cases.enumerated() {
            let path = dir.appendingPathComponent("m\(index).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try SplitscopeBinary.run(["eval", "--versions", path, "--limit", "5"])
            #expect(result.status == 2, "\(text): \(result.stderr)")
            #expect(result.stderr.contains(path) && result.stderr.contains(message), "\(text): \(result.stderr)")
        }
        let manifest = Self.repository.appendingPathComponent("Models/fashion-edge-versions.json").path
        for (extra, message) in [(["--split", "3"], "--split is for one model"), (["--predictions", "/tmp/x.csv"], "--predictions"),
                                 (["--model-file", Self.model("fashion-edge")], "not both")] {
            let result = try SplitscopeBinary.run(["eval", "--versions", manifest] + extra)
            #expect(result.status == 2, "\(extra): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(extra): \(result.stderr)")
        }
        let neither = try SplitscopeBinary.run(["eval"])
        #expect(neither.status == 2)
        #expect(neither.stderr.contains("--versions"), "\(neither.stderr)")
    }

    /// The device part then the edge part give every prediction the unsplit model gives, at every kind of cut.
    @Test(.enabled(if: dataInstalled, skipReason), arguments: [
        ("fashion-device", 0), ("fashion-device", 3), ("fashion-device", 8), ("fashion-device", 11),
        ("fashion-edge", 4), ("fashion-edge", 7), ("fashion-edge", 16), ("fashion-edge", 20),
    ])
    func splitGivesTheSamePredictions(_ name: String, _ split: Int) throws {
        let result = try SplitscopeBinary.run(["eval", "--model-file", Self.model(name), "--limit", "150", "--batch", "50",
                                               "--split", "\(split)", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(result.stdout)
        #expect(report["samples"] as? Int == 150)
        #expect(report["split_identical_predictions"] as? Int == 150)
        #expect(report["split_correct"] as? Int == report["correct"] as? Int)
        #expect(report["split"] as? Int == split)
    }

    /// The last batch is padded: a limit that is not a multiple of the batch gives the same predictions.
    @Test(.enabled(if: dataInstalled, skipReason))
    func partialLastBatch() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        var files = [String]()
        for batch in ["1", "7", "100"] {
            let csv = dir.appendingPathComponent("b\(batch).csv").path
            let result = try SplitscopeBinary.run(["eval", "--model-file", Self.model("fashion-device"), "--limit", "30",
                                                   "--batch", batch, "--predictions", csv])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("30 fashion-mnist test samples"), "\(result.stdout)")
            files.append(try String(contentsOfFile: csv, encoding: .utf8))
        }
        #expect(files[0].split(separator: "\n").count == 31)
        #expect(Set(files).count == 1)
    }

    /// The committed models import like any user model and give the splitter a compressive
    /// bottleneck in the middle (the 1×1 squeeze to 3×7×7, 588 bytes against the 784-byte frame).
    @Test(arguments: [("fashion-device", "12 layers, chain"), ("fashion-edge", "25 layers, DAG")])
    func modelsHaveAMiddleBottleneck(_ name: String, _ structure: String) throws {
        let inspect = try SplitscopeBinary.run(["inspect", "--model-file", Self.model(name)])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains(structure), "\(inspect.stdout)")
        let marks = inspect.stdout.split(separator: "\n").first { $0.hasPrefix("compressive bottlenecks:") }
        #expect(marks?.hasPrefix("compressive bottlenecks: /squeeze/Conv,") == true, "\(inspect.stdout)")
        let plan = try SplitscopeBinary.run(["plan", "--model-file", Self.model(name), "--bandwidth-mbps", "2", "--rtt-ms", "10"])
        #expect(plan.status == 0, "\(plan.stderr)")
    }

    @Test func refusals() throws {
        let device = Self.model("fashion-device")
        let digits = Self.repository.appendingPathComponent("Tests/SplitDataTests/Fixtures/digits-good.csv").path
        let brokenDir = Self.repository.appendingPathComponent("Tests/SplitDataTests/Fixtures").path
        let cases: [([String], String)] = [
            (["--data-path", "/nonexistent"], "Fashion-MNIST is not installed in /nonexistent"),
            (["--data-path", "/nonexistent"], "run scripts/setup, which installs Debian's dataset-fashion-mnist"),
            (["--data-path", "/nonexistent"], "none of its four files is there (t10k-images-idx3-ubyte.gz,"),
            (["--data", "digits", "--data-path", digits], "does not match the 1×8×8 images of digits"),
            (["--data", "digits", "--data-path", "/nonexistent.csv"], "the UCI digits are not at /nonexistent.csv"),
            (["--data", "cifar"], "--data must be fashion-mnist or digits, got \"cifar\""),
            (["--limit", "0"], "--limit"),
            (["--batch", "0"], "--batch"),
            (["--threads", "0"], "--threads"),
            (["--data-path", brokenDir], "Fashion-MNIST is not installed in \(brokenDir): none of its four files is there"),
        ]
        for (extra, message) in cases {
            let result = try SplitscopeBinary.run(["eval", "--model-file", device] + extra)
            #expect(result.status == 2, "\(extra): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(extra): \(result.stderr)")
        }
        let missing = try SplitscopeBinary.run(["eval", "--model-file", "/nonexistent.onnx"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent.onnx"))
    }

    /// Every data set reader refuses a set with no samples, naming the file, as digits refuses an empty file.
    @Test func aDataSetWithNoSamplesIsRefused() throws {
        let fixtures = Self.repository.appendingPathComponent("Tests/SplitDataTests/Fixtures")
        let dir = try SplitscopeBinary.temporaryDirectory()
        for stem in ["t10k", "train"] {
            for (kind, fixture) in [("images-idx3", "empty-images-idx3-ubyte.gz"), ("labels-idx1", "empty-labels-idx1-ubyte.gz")] {
                try FileManager.default.copyItem(at: fixtures.appendingPathComponent(fixture),
                                                 to: dir.appendingPathComponent("\(stem)-\(kind)-ubyte.gz"))
            }
        }
        let emptyDigits = dir.appendingPathComponent("digits.csv")
        try Data().write(to: emptyDigits)
        let imagesFile = dir.appendingPathComponent("t10k-images-idx3-ubyte.gz").path
        let cases: [([String], String)] = [
            (["--data-path", dir.path], "\(imagesFile): no images in the file"),
            (["--data", "digits", "--data-path", emptyDigits.path], emptyDigits.path),
        ]
        for (extra, message) in cases {
            let result = try SplitscopeBinary.run(["eval", "--model-file", Self.model("fashion-device")] + extra)
            #expect(result.status == 2, "\(extra): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(extra): \(result.stderr)")
            #expect(!result.stdout.contains("accuracy"), "\(extra): \(result.stdout)")
        }
    }

    @Test(.enabled(if: dataInstalled, skipReason))
    func splitOutOfRange() throws {
        let result = try SplitscopeBinary.run(["eval", "--model-file", Self.model("fashion-device"), "--split", "99", "--limit", "5"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--split"), "\(result.stderr)")
    }
}
