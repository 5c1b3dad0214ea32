import Foundation
import SplitJSON
import SplitModels
import SplitTestSupport
import Testing

/// The real binary given hostile names — on its flags, in a session file — and addresses that
/// name port 0 to connect to: every message is escaped and bounded, and bad input exits 2.
@Suite("Hostile input, end to end", .serialized)
struct HostileInputCommandTests {
    static let escape = HostileText.escape(after: "cam") + "\nsplitscope: fake line"
    static let huge = HostileText.huge

    @Test("device --device-id refuses an id with a control character, blank or too long, quoting it safely",
          arguments: [escape, huge, "a\nb", "   ", ""].map(HostileText.init))
    fileprivate func deviceID(hostile: HostileText) throws {
        let id = hostile.text
        let result = try SplitscopeBinary.run(["device", "--edge", "127.0.0.1:1", "--device-id", id])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--device-id"), "\(result.stderr)")
        #expect(HostileText.printsSafely(result.stderr, allowing: ["\n", "\t"]), "\(DisplayText.quoted(result.stderr, limit: 300))")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(DisplayText.quoted(result.stderr, limit: 300))")
    }

    @Test("port 0 is refused for every address splitscope connects to, naming the flag and the value", arguments: [
        (["attach", "127.0.0.1:0"], "HOST:PORT"),
        (["attach", "127.0.0.1:7070,127.0.0.1:0"], "HOST:PORT"),
        (["device", "--edge", "127.0.0.1:0"], "--edge"),
    ])
    func portZero(arguments: [String], flag: String) throws {
        let result = try SplitscopeBinary.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(flag) && result.stderr.contains("port to connect to must be > 0"), "\(result.stderr)")
        #expect(result.stderr.contains("got 0"), "\(result.stderr)")
    }

    @Test("a listening flag keeps port 0 for any free port, and prints the port it chose, never :0")
    func listeningPortZero() throws {
        let trace = FleetCommandTests.root.appendingPathComponent("SampleTraces/traces/pensieve-norway_bus_1").path
        let result = try SplitscopeBinary.run(["simulate", "--model", "smallcnn", "--duration", "1", "--bandwidth-trace", trace,
                                               "--control", "127.0.0.1:0"])
        #expect(result.status == 0, "\(result.stderr)")
        let chosen = try #require(result.stderr.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/)?.1)
        #expect(Int(chosen).map { $0 > 0 } == true)
        #expect(result.stdout.contains("live on 127.0.0.1:\(chosen)"), "\(result.stdout)")
        #expect(!(result.stdout + result.stderr).contains("127.0.0.1:0"))
    }

    /// A session whose every free-text field is `name` (the model's is `model`), plus lines whose
    /// device id and device layer are `name`.
    static func session(_ name: String, model: String = "tiny") -> String {
        let h = JSONValue.string(name).serialized()
        let m = JSONValue.string(model).serialized()
        return [
            #"{"type":"session","t":0,"schema":"splitscope-session","version":"1.3","start_time":"# + h + #","source":"# + h
                + #","policy":"# + h + #","link":{"bandwidth":"# + h + #"},"model":{"format":"splitscope-profile","version":1,"name":"# + m
                + #","input":{"bytes":4},"layers":[{"name":"fc","inputs":["input"],"output_bytes":4,"device_ms":1,"edge_ms":1}]}}"#,
            #"{"type":"frame","t":0.5,"frame":0,"version":"# + h + #","partition":{"split":1},"device_ms":1,"total_ms":1,"outcome":"ok"}"#,
            #"{"type":"# + h + #","t":1}"#,
            #"{"type":"operator","t":2,"action":"# + h + #","field":"# + h + #","old":"# + h + #","new":1}"#,
            #"{"type":"fault","t":3,"kind":"# + h + #","action":"# + h + #"}"#,
            #"{"type":"note","t":4,"device":"# + h + #","text":"hi"}"#,
            #"{"type":"frame","t":5,"frame":1,"partition":{"device_layers":["# + h + #"]},"device_ms":1,"total_ms":1,"outcome":"ok"}"#,
        ].joined(separator: "\n") + "\n"
    }

    @Test("summarize prints a session's names escaped and bounded, and names the refused device id's line",
          arguments: [escape, huge].map(HostileText.init))
    fileprivate func summarize(hostile: HostileText) throws {
        let name = hostile.text
        let path = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("hostile-\(name.count).jsonl").path
        try Self.session(name).write(toFile: path, atomically: true, encoding: .utf8)
        let result = try SplitscopeBinary.run(["summarize", path])
        let all = result.stdout + result.stderr
        #expect(result.status == 0, "\(result.stderr)")
        // A fault's text is a message, not a name: summarize shows it whole up to 1,000 characters on wrapped lines of
        // its faults section. Every name elsewhere is bounded, and nothing anywhere prints a control character.
        let faults = all.components(separatedBy: "\nfaults").dropFirst().first?.components(separatedBy: "\nskipped").first ?? ""
        #expect(!faults.isEmpty, "\(DisplayText.quoted(all, limit: 400))")
        #expect(HostileText.printsSafely(all.replacingOccurrences(of: faults, with: ""), allowing: ["\n", "\t"]),
                "\(DisplayText.quoted(all, limit: 400))")
        #expect(!all.unicodeScalars.contains { DisplayText.isControl($0) && $0 != "\n" && $0 != "\t" })
        #expect(faults.filter { $0 == "x" }.count <= DisplayText.limit + 1_000, "the fault's kind bounded as a name, its text at 1,000")
        #expect(result.stdout.contains("line 6: skipped: device: "), "\(result.stdout)")
        #expect(all.count < 5_000, "\(all.count) characters")
        #expect(!result.stdout.contains("\nsplitscope: fake line"), "no forged line")
    }

    @Test("a session whose model is named with a control character or 10,000 characters is refused, the message safe",
          arguments: [escape, huge].map(HostileText.init))
    fileprivate func hostileModelName(hostile: HostileText) throws {
        let path = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("model-\(hostile.text.count).jsonl").path
        try (Self.session("x", model: hostile.text).split(separator: "\n")[0] + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try SplitscopeBinary.run(["summarize", path])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("model.name"), "\(DisplayText.quoted(result.stderr, limit: 300))")
        #expect(HostileText.printsSafely(result.stderr, allowing: ["\n", "\t"]), "\(DisplayText.quoted(result.stderr, limit: 300))")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
