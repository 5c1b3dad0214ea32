import Foundation
import SplitJSON
import Testing

/// A command line that agrees with itself: options are honoured or refused, never ignored, and
/// files that cannot be read are said to be so in splitscope's words.
@Suite("A command line that agrees with itself")
struct ConsistentCommandLineTests {
    static let profile = """
    { "format": "splitscope-profile", "version": 1, "name": "tiny", "input": { "bytes": 3072 },
      "layers": [ { "name": "conv1", "inputs": ["input"], "output_bytes": 8192, "device_ms": 2.5, "edge_ms": 0.2 } ] }
    """

    static let sampleTrace = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleTraces/traces/pensieve-norway_bus_1").path

    @Test func zooOnlyOptionsAreRefusedWithAProfile() throws {
        let directory = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("p.json")
        try Self.profile.write(to: file, atomically: true, encoding: .utf8)
        let issue = try SplitscopeBinary.run(["inspect", "--profile", file.path, "--tensor-type", "int8", "--input-size", "96",
                                              "--device-gmacs-per-s", "1"])
        #expect(issue.status == 2)
        #expect(issue.stderr == "splitscope: --input-size, --tensor-type, --device-gmacs-per-s apply to zoo models (--model) only: "
            + "a profile file carries its own sizes and times\n")
        for flag in [["--batch", "2"], ["--input-type", "float32"], ["--edge-gmacs-per-s", "9"], ["--device-mem-gbps", "3"],
                     ["--edge-mem-gbps", "3"]] {
            for command in [["inspect"], ["plan", "--bandwidth-mbps", "5"]] {
                let result = try SplitscopeBinary.run(command + ["--profile", file.path] + flag)
                #expect(result.status == 2, "\(command) \(flag)")
                #expect(result.stderr.contains("\(flag[0]) applies to zoo models"), "\(result.stderr)")
            }
        }
        // Without them the profile is used as before.
        #expect(try SplitscopeBinary.run(["inspect", "--profile", file.path]).status == 0)
    }

    @Test func profileDoesNotOfferWhatItRefuses() throws {
        let help = try SplitscopeBinary.run(["profile", "--help"])
        #expect(help.status == 0)
        #expect(!help.stdout.contains("--profile <"), "\(help.stdout)")
        let given = try SplitscopeBinary.run(["profile", "--profile", "x.json"])
        #expect(given.status == 2)
        #expect(given.stderr.contains("--profile"))
        #expect(try SplitscopeBinary.run(["profile", "--model", "smallcnn"]).status == 0)
    }

    @Test func batchScalesBytesMACsAndTimesAlike() throws {
        func totals(_ batch: String) throws -> (bytes: Double, macs: Double, deviceMs: Double) {
            let result = try SplitscopeBinary.run(["inspect", "--model", "resnet18", "--batch", batch, "--json"])
            let json = try JSONValue.parse(result.stdout).objectValue
            #expect(json?["batch_size"]?.doubleValue == Double(batch))
            let layers = json?["layers"]?.arrayValue?.compactMap(\.objectValue) ?? []
            return (json?["input_bytes"]?.doubleValue ?? 0, json?["total_macs"]?.doubleValue ?? 0,
                    layers.reduce(0) { $0 + ($1["device_ms"]?.doubleValue ?? 0) })
        }
        let one = try totals("1")
        let two = try totals("2")
        #expect(two.bytes == 2 * one.bytes)
        #expect(two.macs == 2 * one.macs)
        #expect(two.deviceMs > one.deviceMs)
        let table = try SplitscopeBinary.run(["inspect", "--model", "resnet18", "--batch", "2"])
        #expect(table.stdout.contains("batch of 2: bytes, MACs and times are for the whole batch"))
    }

    @Test func currentSplitIsRefusedWherePoliciesIgnoreIt() throws {
        let ignored = try SplitscopeBinary.run(["plan", "--model", "smallcnn", "--bandwidth-mbps", "5", "--current-split", "3"])
        #expect(ignored.status == 2)
        #expect(ignored.stderr.contains("--current-split applies to --policy gads only"))
        let honoured = try SplitscopeBinary.run(["plan", "--model", "smallcnn", "--bandwidth-mbps", "5", "--policy", "gads",
                                                 "--current-split", "3"])
        #expect(honoured.status == 0)
    }

    @Test func filesThatCannotBeReadAreSaidInWords() throws {
        let directory = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent("binary")
        try Data([0x00, 0xFF, 0xFE, 0x01]).write(to: binary)
        let missing = directory.appendingPathComponent("missing").path
        let dir = directory.path
        let trace = ["simulate", "--model", "smallcnn", "--duration", "1", "--bandwidth-trace"]
        let cases: [(args: [String], words: String)] = [
            (trace + [dir], "it is a directory, not a file"),
            (trace + [missing], "no such file"),
            (trace + [binary.path], "not UTF-8 text"),
            (["inspect", "--profile", dir], "cannot read the profile: it is a directory, not a file"),
            (["inspect", "--profile", missing], "cannot read the profile: no such file"),
            (["inspect", "--profile", binary.path], "the profile is not UTF-8 text"),
            (["summarize", dir], "cannot read the session: it is a directory, not a file"),
            (["summarize", missing], "cannot read the session: no such file"),
            (["replay", dir], "cannot read the session: it is a directory, not a file"),
            (["replay", missing], "cannot read the session: no such file"),
            // Files splitscope writes: the flag that named them is in the message.
            (["bench", "replay", "--events", "10", "--allow-debug", "--dir", missing], "--dir: "),
            (trace + [Self.sampleTrace, "--out", dir], "--out \(dir): "),
        ]
        for (args, words) in cases {
            let result = try SplitscopeBinary.run(args)
            #expect(result.status == 2, "\(args): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(words), "\(args): \(result.stderr)")
            // A debug build's warning may come first; the message itself is splitscope's.
            #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("splitscope: ") }, "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(args): \(result.stderr)")
        }
    }

    @Test func byteCountsPrintAsIntegers() throws {
        let directory = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("huge.json")
        try Self.profile.replacingOccurrences(of: "8192", with: "9223372036854775807")
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try SplitscopeBinary.run(["inspect", "--profile", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("layers[0].output_bytes"))
        #expect(result.stderr.contains("got 9223372036854775808"), "\(result.stderr)")
        #expect(!result.stderr.contains("e+18"), "\(result.stderr)")
    }

    @Test func replaySpeedsAreTheDashboardsSteps() throws {
        let session = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleTraces/sessions/resnet50-lte-walk.jsonl").path
        // 3 used to be rounded silently to 2 or 4.
        let between = try SplitscopeBinary.run(["replay", session, "--speed", "3"])
        #expect(between.status == 2)
        #expect(between.stderr == "splitscope: --speed: replay speed must be one of 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, got 3\n")
    }

    @Test func aSimulationOfAProfileDoesNotClaimARooflineDevice() throws {
        let directory = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("p.json")
        try Self.profile.write(to: file, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("s.jsonl")
        let trace = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleTraces/traces/pensieve-norway_bus_1").path
        let result = try SplitscopeBinary.run(["simulate", "--profile", file.path, "--bandwidth-trace", trace, "--duration", "1",
                                               "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let header = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        let info = try JSONValue.parse(header).objectValue?["device_info"]?.objectValue
        #expect(info?["compute"]?.stringValue == "measured (\(file.path))")
    }

    @Test func tinyValuesAreEchoedNotRoundedToZero() throws {
        let result = try SplitscopeBinary.run(["plan", "--model", "smallcnn", "--bandwidth-mbps", "1e-6", "--rtt-ms", "0.001"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("smallcnn at 1e-06 Mbit/s, RTT 0.001 ms"), "\(result.stdout.prefix(80))")
    }
}
