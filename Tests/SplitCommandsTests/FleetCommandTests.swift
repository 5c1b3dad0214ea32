import Foundation
import SplitJSON
import SplitTestSupport
import Testing

/// `simulate --devices N`: many devices sharing one edge, end to end through the real binary.
@Suite struct FleetCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let traces = root.appendingPathComponent("SampleTraces/traces").path

    /// A model-versions manifest naming the two trained Fashion-MNIST models by absolute path, with
    /// the test accuracies Models/fashion-expected.json records (89.31 % and 90.21 %).
    static let manifest: String = {
        let models = root.appendingPathComponent("Models")
        let text = """
        {"format": "splitscope-model-versions", "version": 1, "family": "fashion", "data": "fashion-mnist",
         "versions": [
           {"name": "device", "file": "\(models.appendingPathComponent("fashion-device.onnx").path)", "accuracy_pct": 89.31},
           {"name": "edge", "file": "\(models.appendingPathComponent("fashion-edge.onnx").path)", "accuracy_pct": 90.21}
         ]}
        """
        // A test that cannot write its scratch folder cannot run; the path then fails loudly in the command.
        let dir = (try? SplitscopeBinary.temporaryDirectory()) ?? URL(fileURLWithPath: NSTemporaryDirectory())
        let file = dir.appendingPathComponent("fleet-versions.json")
        try? text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }()

    /// Three devices on three of the sample traces (in name order) for 5 s: each allocator runs 15
    /// inferences; what exact expected is at least what fast expected, which is at least greedy's.
    @Test func threeDevicesCompareTheAllocators() throws {
        let result = try SplitscopeBinary.run(["simulate", "--devices", "3", "--duration", "5", "--traces", Self.traces,
                                               "--versions", Self.manifest, "--device-speeds", "0.01,0.05",
                                               "--edge-gmacs-per-s", "1", "--rtt-ms", "10", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue.parse(result.stdout)
        let allocators = try #require(json.objectValue?["allocators"]?.arrayValue)
        #expect(allocators.compactMap { $0.objectValue?["allocator"]?.stringValue } == ["exact", "fast", "greedy"])
        #expect(allocators.allSatisfy { $0.objectValue?["inferences"]?.intValue == 15 })
        let planned = allocators.compactMap { $0.objectValue?["planned_utility_per_s"]?.doubleValue }
        #expect(planned.count == 3)
        #expect(planned[0] >= planned[1] - 1e-9 && planned[1] >= planned[2] - 1e-9)
        let accuracy = allocators.compactMap { $0.objectValue?["mean_accuracy_pct"]?.doubleValue }
        #expect(accuracy.allSatisfy { $0 >= 89.31 - 1e-9 && $0 <= 90.21 + 1e-9 })
        let traces = try #require(json.objectValue?["devices"]?.arrayValue).compactMap { $0.objectValue?["trace"]?.stringValue }
        #expect(traces == ["lumos5g-5g_trace_4_walking", "mahimahi-ATT-LTE-driving-2016.up", "pensieve-norway_bus_1"])
    }

    /// Bad input exits 2 with a message naming the flag or file; nothing crashes.
    /// One device whose floor no version meets runs the most accurate and says so on the terminal.
    @Test func aFloorNoVersionMeetsIsSaid() throws {
        let result = try SplitscopeBinary.run(["simulate", "--duration", "1", "--versions", Self.manifest, "--accuracy-floor-pct", "95",
                                               "--bandwidth-trace", Self.traces + "/lumos5g-5g_trace_4_walking"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("no version meets the accuracy floor"), "\(result.stderr)")
    }

    /// Every flag `simulate --help` lists is either one the fleet reads or refused with `--devices`:
    /// a flag the fleet silently ignored (`--cascade`, `--seed`, `--battery-mwh` …) made a user
    /// believe it applied. A flag added to simulate fails here until it is put in one list or the other.
    @Test func everySimulateFlagIsReadOrRefusedWithDevices() throws {
        let help = try SplitscopeBinary.run(["simulate", "--help"]).stdout
        // An option's own line starts with two spaces and a dash (`  --batch <batch>`, `  -h, --help`); a
        // description that mentions another command's flag is indented further.
        let listed = Set(help.split(separator: "\n").filter { $0.hasPrefix("  -") }.compactMap { line in
            line.split(whereSeparator: { " ,".contains($0) }).first { $0.hasPrefix("--") }.map(String.init)
        })
        #expect(listed.count > 30 && listed.contains("--devices") && listed.contains("--cascade"), "\(listed.sorted())")
        let read: Set<String> = ["--devices", "--versions", "--traces", "--duration", "--rtt-ms", "--slo-ms",
                                 "--accuracy-floor-pct", "--accuracy-weights", "--device-speeds", "--edge-uplink-mbps",
                                 "--edge-gmacs-per-s", "--device-gmacs-per-s", "--device-mem-gbps", "--edge-mem-gbps",
                                 "--allocator", "--exact-max-devices", "--out", "--clock", "--json",
                                 "--compute-watts", "--radio-watts", "--idle-watts", "--help", "--version",
                                 // the versions' ONNX files are imported with these (ModelOptions.loadModelFile)
                                 "--batch", "--input-type", "--tensor-type", "--input-size"]
        // Each refused flag with a value other than its default.
        let refused: [String: [String]] = [
            "--bandwidth-trace": ["--bandwidth-trace", Self.traces + "/lumos5g-5g_trace_4_walking"],
            "--trace-format": ["--trace-format", "mahimahi"], "--control": ["--control", "127.0.0.1:0"],
            "--pace": ["--pace", "2"], "--operator": ["--operator", "1:pin=2"], "--token": ["--token", "t"],
            "--model": ["--model", "vgg16"], "--model-file": ["--model-file", "x.onnx"], "--profile": ["--profile", "p.json"],
            "--memory-mb": ["--memory-mb", "50"], "--bandwidth-cap-mbps": ["--bandwidth-cap-mbps", "5"],
            "--battery-floor": ["--battery-floor", "30"], "--min-device-layers": ["--min-device-layers", "2"],
            "--policy": ["--policy", "dsc"], "--battery-mwh": ["--battery-mwh", "5000"], "--battery-start": ["--battery-start", "50"],
            "--probe-interval": ["--probe-interval", "1"], "--hysteresis": ["--hysteresis", "0.2"],
            "--timeout-factor": ["--timeout-factor", "3"], "--seed": ["--seed", "7"], "--cascade": ["--cascade"],
            "--fps": ["--fps", "5"], "--estimator": ["--estimator", "ewma:0.5"],
            "--edge-model-file": ["--edge-model-file", "e.onnx"], "--appeal-threshold": ["--appeal-threshold", "0.7"],
            "--data": ["--data", "digits"], "--data-path": ["--data-path", "/tmp"],
        ]
        let unsorted = listed.subtracting(read).subtracting(refused.keys)
        #expect(unsorted.isEmpty, "simulate flags neither read by the fleet nor refused with --devices: \(unsorted.sorted())")
        let base = ["simulate", "--devices", "2", "--duration", "1", "--traces", Self.traces, "--versions", Self.manifest]
        for (flag, args) in refused.sorted(by: { $0.key < $1.key }) {
            let result = try SplitscopeBinary.run(base + args)
            #expect(result.status == 2, "\(flag): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(flag) && result.stderr.contains("one device"), "\(flag): \(result.stderr)")
        }
    }

    @Test func badInputIsRefusedClearly() throws {
        let base = ["simulate", "--duration", "2", "--traces", Self.traces, "--versions", Self.manifest]
        let cases: [(args: [String], mentions: String)] = [
            (base + ["--devices", "0"], "--devices"),
            (base + ["--devices", "2.5"], "--devices"),
            (base + ["--devices", "2", "--accuracy-weights", "1.5"], "--accuracy-weights"),
            (base + ["--devices", "2", "--accuracy-weights", "0.5,,0.2"], "--accuracy-weights"),
            (base + ["--devices", "2", "--device-speeds", "fast"], "--device-speeds"),
            (base + ["--devices", "2", "--edge-uplink-mbps", "0"], "--edge-uplink-mbps"),
            (base + ["--devices", "2", "--traces", "/nonexistent/traces"], "/nonexistent/traces"),
            (base + ["--devices", "2", "--versions", "/nonexistent/v.json"], "/nonexistent/v.json"),
            (base + ["--devices", "2", "--allocator", "fast"], "--allocator"),
            (base + ["--devices", "2", "--out", "x.jsonl", "--allocator", "drl"], "--allocator"),
            (base + ["--devices", "9", "--out", "x.jsonl", "--allocator", "exact"], "--exact-max-devices"),
            (base + ["--devices", "2", "--out", "/nonexistent/folder/x.jsonl"], "--out"),
            (base + ["--devices", "2", "--model", "vgg16"], "--model"),
            (base + ["--devices", "2", "--accuracy-floor-pct", "101"], "--accuracy-floor-pct"),
            (["simulate", "--devices", "2", "--duration", "0.5", "--traces", Self.traces, "--versions", Self.manifest], "--duration"),
            (["simulate", "--model", "smallcnn"], "--bandwidth-trace"),
        ]
        for (args, mentions) in cases {
            let result = try SplitscopeBinary.run(args)
            #expect(result.status == 2, "\(args): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(mentions), "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
    }

    /// A manifest whose version has no accuracy is refused, naming the manifest and the field.
    @Test func aVersionWithoutAccuracyIsRefused() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let file = dir.appendingPathComponent("no-accuracy.json")
        let model = Self.root.appendingPathComponent("Models/fashion-device.onnx").path
        try """
        {"format": "splitscope-model-versions", "version": 1, "family": "f", "versions": [{"name": "a", "file": "\(model)"}]}
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try SplitscopeBinary.run(["simulate", "--devices", "2", "--duration", "2", "--traces", Self.traces,
                                               "--versions", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(file.path) && result.stderr.contains("accuracy_pct"), "\(result.stderr)")
    }
}
