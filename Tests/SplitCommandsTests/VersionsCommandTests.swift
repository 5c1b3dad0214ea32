import Foundation
import SplitSession
import Testing

/// `--versions FILE` in plan and profile, and `--accuracy-floor-pct`, through the real binary,
/// on the two trained Fashion-MNIST models as two versions of one family.
@Suite("Commands on model versions")
struct VersionsCommandTests {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Models").path

    /// A manifest in a fresh folder naming the committed models by absolute path (and any extra versions).
    static func manifest(_ versions: String? = nil) throws -> String {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let text = """
            {"format": "splitscope-model-versions", "version": 1, "family": "fashion", "data": "fashion-mnist",
             "versions": [\(versions ?? """
                {"name": "edge", "file": "\(models)/fashion-edge.onnx", "accuracy_pct": 90.21, "compression": "none"},
                {"name": "device", "file": "\(models)/fashion-device.onnx", "accuracy_pct": 89.31, "compression": "a smaller network"}
                """)]}
            """
        let path = dir.appendingPathComponent("versions.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func plan(_ manifest: String, _ extra: [String]) throws -> SplitscopeBinary.Result {
        try SplitscopeBinary.run(["plan", "--versions", manifest, "--bandwidth-mbps", "2", "--rtt-ms", "20",
                                  "--device-gmacs-per-s", "0.05"] + extra)
    }

    @Test func planListsEveryVersionAndTheFloorSwitchesTheChoice() throws {
        let manifest = try Self.manifest()
        let open = try Self.plan(manifest, ["--json"])
        #expect(open.status == 0, "\(open.stderr)")
        #expect(open.stdout.contains("\"name\": \"edge\"") && open.stdout.contains("\"name\": \"device\""))
        let floored = try Self.plan(manifest, ["--json", "--accuracy-floor-pct", "90"])
        #expect(floored.status == 0, "\(floored.stderr)")
        #expect(floored.stdout.contains("\"chosen\": \"edge\""))
        #expect(floored.stdout.contains("\"accuracy_floor_pct\": 90"))
        let table = try Self.plan(manifest, ["--accuracy-floor-pct", "90"])
        #expect(table.stdout.contains("meets floor"))
        #expect(table.stdout.contains("chosen: edge"))
    }

    @Test func aFloorNobodyMeetsFallsBackAndSaysSo() throws {
        let result = try Self.plan(try Self.manifest(), ["--accuracy-floor-pct", "99"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("chosen: edge"))
        #expect(result.stdout.contains("no version meets the accuracy floor: falling back to the most accurate"))
    }

    /// A family whose versions take different inputs is refused by every command that reads one,
    /// naming the manifest, the version and both shapes, rather than planning with the odd one.
    @Test func aFamilyWithDifferentInputsIsRefused() throws {
        let other = ModelFileCommandTests.fixture("chain_cnn.onnx")
        let manifest = try Self.manifest("""
            {"name": "edge", "file": "\(Self.models)/fashion-edge.onnx", "accuracy_pct": 90.21},
            {"name": "odd", "file": "\(other)", "accuracy_pct": 10}
            """)
        let commands: [[String]] = [
            ["plan", "--versions", manifest, "--bandwidth-mbps", "2"],
            ["simulate", "--versions", manifest, "--duration", "1",
             "--bandwidth-trace", URL(fileURLWithPath: SessionCommandTests.traces).appendingPathComponent("pensieve-norway_bus_1").path],
            ["profile", "--versions", manifest, "--out", try SplitscopeBinary.temporaryDirectory().path],
            ["device", "--versions", manifest, "--edge", "127.0.0.1:1"],
        ]
        for args in commands {
            let result = try SplitscopeBinary.run(args)
            #expect(result.status == 2, "\(args): \(result.stderr)")
            #expect(result.stderr.contains("\(manifest): versions[1] (\"odd\"): input "), "\(args): \(result.stderr)")
            #expect(result.stderr.contains("differs from versions[0] (\"edge\")'s 1×28×28"), "\(args): \(result.stderr)")
        }
    }

    @Test func aNegativeZeroFloorPrintsAsZero() throws {
        let result = try Self.plan(try Self.manifest(), ["--accuracy-floor-pct", "-0"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("accuracy floor 0 %"), "\(result.stdout)")
        #expect(!result.stdout.contains("-0"))
    }

    /// A floor too small to mean anything is accepted (it is from 0 to 100) and printed as 0, as
    /// every percentage input is printed (`Quantity.percentText`), not as "1e-320 %".
    @Test(arguments: [("1e-320", "accuracy floor 0 %"), ("0.0000004", "accuracy floor 0 %"), ("89.5", "accuracy floor 89.5 %"),
                      ("33.3333333", "accuracy floor 33.333333 %")])
    func aTinyFloorPrintsAsZero(_ floor: String, _ words: String) throws {
        let result = try Self.plan(try Self.manifest(), ["--accuracy-floor-pct", floor])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(words), "\(result.stdout)")
        #expect(!result.stdout.contains("e-"))
    }

    @Test func zooVersionsPlanToo() throws {
        let manifest = try Self.manifest("""
            {"name": "big", "model": "resnet50", "accuracy_pct": 80.86}, {"name": "light", "model": "mobilenetv2", "accuracy_pct": 72.15}
            """)
        let result = try SplitscopeBinary.run(["plan", "--versions", manifest, "--bandwidth-mbps", "8", "--accuracy-floor-pct", "75", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"chosen\": \"big\""))
        #expect(result.stdout.contains("\"reason\": \"floor_excluded_faster\""))
    }

    @Test func badManifestsAreUsageErrorsNamingTheField() throws {
        let broken = try Self.manifest(#"{"name": "a", "model": "alexnet", "accuracy_pct": 101}"#)
        let result = try Self.plan(broken, [])
        #expect(result.status == 2)
        #expect(result.stderr.contains("versions[0].accuracy_pct: accuracy must be from 0 to 100 %, got 101"), "\(result.stderr)")

        let missing = try Self.manifest(#"{"name": "gone", "file": "nope.onnx", "accuracy_pct": 50}"#)
        let noFile = try Self.plan(missing, [])
        #expect(noFile.status == 2)
        #expect(noFile.stderr.contains("versions[0].file: version \"gone\""), "\(noFile.stderr)")
        #expect(noFile.stderr.contains("no such file"), "\(noFile.stderr)")

        let floor = try Self.plan(try Self.manifest(), ["--accuracy-floor-pct", "120"])
        #expect(floor.status == 2)
        #expect(floor.stderr.contains("--accuracy-floor-pct"), "\(floor.stderr)")

        let both = try SplitscopeBinary.run(["plan", "--versions", try Self.manifest(), "--model", "alexnet", "--bandwidth-mbps", "2"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("not both"), "\(both.stderr)")
    }

    @Test func profileWritesOneProfilePerVersion() throws {
        let manifest = try Self.manifest()
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("profiles").path
        let result = try SplitscopeBinary.run(["profile", "--versions", manifest, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["edge", "device"] {
            let text = try String(contentsOfFile: "\(out)/\(name).profile.json", encoding: .utf8)
            #expect(text.contains("\"format\": \"splitscope-profile\""))
        }
        let noOut = try SplitscopeBinary.run(["profile", "--versions", manifest])
        #expect(noOut.status == 2)
        #expect(noOut.stderr.contains("--out"))
    }

    @Test func simulateChoosesAVersionPerFrameAndTheFloorSwitchesIt() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("versions.jsonl").path
        let trace = URL(fileURLWithPath: SessionCommandTests.traces).appendingPathComponent("pensieve-norway_bus_1").path
        let result = try SplitscopeBinary.run(["simulate", "--versions", try Self.manifest(), "--bandwidth-trace", trace,
                                               "--device-gmacs-per-s", "0.1", "--input-type", "uint8", "--rtt-ms", "5",
                                               "--duration", "10", "--operator", "5:accuracy=90", "--clock", "fixed", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        // The table's title names the family, as the recording's header and summarize do (not its first model).
        #expect(result.stdout.hasPrefix("fashion over pensieve-norway_bus_1 "), "\(result.stdout.prefix(200))")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.contains(#""version":"\#(SessionSchemaVersion.current)""#) == true)
        // The header lists both versions with their accuracy and own profiles.
        let header = try #require(lines.first.map(String.init))
        #expect(header.contains(#""versions":[{"name":"edge","accuracy_pct":90.21,"#), "\(header.prefix(400))")
        #expect(header.contains(#"{"name":"device","accuracy_pct":89.31,"compression":"a smaller network","model":{"#))
        let frames = lines.filter { $0.hasPrefix(#"{"type":"frame""#) }
        #expect(frames.count > 50)
        #expect(frames.allSatisfy { $0.contains(#""version":"device""#) || $0.contains(#""version":"edge""#) })
        // Before the floor the smaller model runs (faster, 89.31 %); from 5 s only the 90.21 % one may.
        let early = frames.filter { line in (Self.time(line) ?? 0) < 4.9 }
        let late = frames.filter { line in (Self.time(line) ?? 0) > 5.05 }
        #expect(!early.isEmpty && early.allSatisfy { $0.contains(#""version":"device""#) })
        #expect(!late.isEmpty && late.allSatisfy { $0.contains(#""version":"edge""#) })
        #expect(lines.contains { $0.contains(#""field":"accuracy_floor_pct""#) })

        let summary = try SplitscopeBinary.run(["summarize", out])
        #expect(summary.status == 0, "\(summary.stderr)")
        let versionsLine = summary.stdout.split(separator: "\n").first { $0.hasPrefix("versions  ") }
        #expect(versionsLine?.contains("device ") == true && versionsLine?.contains("edge ") == true, "\(summary.stdout)")
        // A family of two models is named by the manifest's family, not by its first model; the floor
        // at 5 s changed the version once, as the decisions say.
        #expect(summary.stdout.contains("model     fashion, 2 versions: edge (25 layers), device (12 layers); input 784 B"), "\(summary.stdout)")
        #expect(versionsLine?.hasSuffix("; 1 change of version") == true, "\(summary.stdout)")
        // The versions line counts processed frames: they add up to the frames line's.
        let processed = Self.counts(versionsLine, before: " processed")
        let framesLine = summary.stdout.split(separator: "\n").first { $0.hasPrefix("frames    ") }
        let framesProcessed = framesLine.flatMap { Int($0.dropFirst(10).prefix { $0.isNumber }) }
        #expect(processed.reduce(0, +) == framesProcessed, "\(summary.stdout)")

        let all = try SplitscopeBinary.run(["simulate", "--versions", try Self.manifest(), "--bandwidth-trace", trace, "--policy", "all"])
        #expect(all.status == 2)
        #expect(all.stderr.contains("--versions runs one adaptive policy"), "\(all.stderr)")
    }

    /// The numbers just before each `suffix` in a line ("device 40 processed, edge 60 processed" → 40, 60).
    static func counts(_ line: Substring?, before suffix: String) -> [Int] {
        guard let line else { return [] }
        return line.components(separatedBy: suffix).dropLast().compactMap { part in
            Int(String(part.reversed().prefix { $0.isNumber || $0 == "," }.reversed()).replacingOccurrences(of: ",", with: ""))
        }
    }

    /// A session line's `t`.
    static func time(_ line: Substring) -> Double? {
        guard let range = line.range(of: #""t":"#) else { return nil }
        return Double(line[range.upperBound...].prefix { $0 != "," })
    }
}
