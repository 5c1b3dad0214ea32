import Foundation
import Testing

/// Every flag that takes one ONNX model file says what it takes when given a JSON file (a
/// versions manifest given where a model goes) or a directory, naming the flag and the file,
/// with exit status 2. (A review gave `eval --cascade --edge-model-file X.json` and read "not an
/// ONNX model", though `eval --model-file X.json` reads X.json as a versions manifest.)
@Suite("Model-file flags given a JSON file or a directory")
struct ModelFileFlagTests {
    /// Each command and flag that takes a model file, with the arguments around it; `FILE` is replaced.
    static let uses: [(flag: String, args: [String])] = {
        let device = "Models/fashion-device.onnx"
        let trace = "SampleTraces/traces/pensieve-norway_bus_1"
        return [
            ("--edge-model-file", ["eval", "--cascade", "--model-file", device, "--edge-model-file", "FILE"]),
            ("--model-file", ["eval", "--cascade", "--model-file", "FILE", "--edge-model-file", device]),
            ("--model-file", ["simulate", "--bandwidth-trace", trace, "--model-file", "FILE"]),
            ("--edge-model-file", ["simulate", "--cascade", "--bandwidth-trace", trace, "--model-file", device,
                                   "--edge-model-file", "FILE"]),
            ("--model-file", ["device", "--edge", "127.0.0.1:1", "--model-file", "FILE"]),
            ("--model-file", ["edge", "--listen", "127.0.0.1:0", "--model-file", "FILE"]),
            ("--model-file", ["export", "--model-file", "FILE", "--split", "3", "--out", "OUT"]),
            ("--model-file", ["bench", "engine", "--allow-debug", "--model-file", "FILE"]),
            ("--model-file", ["profile", "--model-file", "FILE"]),
            ("--model-file", ["inspect", "--model-file", "FILE"]),
            ("--model-file", ["plan", "--bandwidth-mbps", "5", "--model-file", "FILE"]),
            ("--model-file", ["run", "--model-file", "FILE"]),
        ]
    }()

    @Test func aJSONFileOrADirectoryIsNamedWithItsFlag() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let json = dir.appendingPathComponent("versions.json")
        try Data(#"{"family": "fashion-edge", "versions": []}"#.utf8).write(to: json)
        // A JSON file is known by its content, whatever its name.
        let renamed = dir.appendingPathComponent("model.onnx")
        try Data("\n  [1, 2]".utf8).write(to: renamed)
        let folder = dir.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = FleetCommandTests.root
        for (flag, args) in Self.uses {
            for (file, words) in [(json.path, "takes an ONNX model file; \(json.path) is a JSON file"),
                                  (renamed.path, "takes an ONNX model file; \(renamed.path) is a JSON file"),
                                  (folder.path, "\(folder.path): cannot read the model file: it is a directory")] {
                let arguments = args.map { $0 == "FILE" ? file : $0 == "OUT" ? dir.appendingPathComponent("out").path : $0 }
                let result = try SplitscopeBinary.run(arguments, seconds: 60, in: root)
                let said = "splitscope \(arguments.joined(separator: " ")): \(result.stderr)"
                #expect(result.status == 2, "\(said)")
                #expect(result.stderr.contains("\(flag) \(words)"), "\(said)")
            }
        }
    }

    /// A file a versions manifest names is named by the manifest and the version, never by a
    /// flag it was not given with (every command that reads a manifest: plan, simulate, profile,
    /// device, eval).
    @Test func aManifestsEntryIsNamedByTheManifestNotByAFlag() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let entry = dir.appendingPathComponent("entry.json")
        try Data("{}".utf8).write(to: entry)
        let manifest = dir.appendingPathComponent("versions.json")
        try Data(#"{"format": "splitscope-model-versions", "version": 1, "family": "f", "versions": [{"name": "a", "file": "\#(entry.path)", "accuracy_pct": 90}]}"#.utf8)
            .write(to: manifest)
        let trace = "SampleTraces/traces/pensieve-norway_bus_1"
        for args in [["plan", "--bandwidth-mbps", "5"], ["simulate", "--bandwidth-trace", trace],
                     ["profile", "--out", dir.appendingPathComponent("out").path], ["device", "--edge", "127.0.0.1:1"],
                     ["eval", "--limit", "5"]] {
            let arguments = args + ["--versions", manifest.path]
            let result = try SplitscopeBinary.run(arguments, seconds: 60, in: FleetCommandTests.root)
            let said = "splitscope \(arguments.joined(separator: " ")): \(result.stderr)"
            #expect(result.status == 2, "\(said)")
            #expect(result.stderr.contains(#"\#(manifest.path): versions[0] ("a"): \#(entry.path): a JSON file, not an ONNX model"#), "\(said)")
            #expect(!result.stderr.contains("--model-file"), "\(said)")
        }
    }
}
