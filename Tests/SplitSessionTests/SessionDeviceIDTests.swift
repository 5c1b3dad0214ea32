import SplitJSON
import SplitModels
import SplitSession
import SplitTestSupport
import Testing

/// Every `device` field of the format is held to the one device-id rule (``DeviceID``), and a
/// refused id is quoted safely in the message that names the field.
@Suite("Session device ids")
struct SessionDeviceIDTests {
    /// Ids the rule refuses: terminal escapes, line breaks, C1, DEL, blank, empty and huge.
    static let hostile = [HostileText.escape(after: "cam"), "a\nb", "c1\u{9B}31m", "del\u{7F}", "  \t ", "",
                          HostileText.huge, String(repeating: "\u{1B}", count: 10_000)]

    /// The three places a device id sits in a line, each with the field path its error names.
    static func places(_ id: String) -> [(line: String, field: String)] {
        let quoted = JSONValue.string(id).serialized()
        return [
            (#"{"type":"note","t":1,"device":"# + quoted + #","text":"hi"}"#, "device"),
            (SessionFleetDeviceTests.headerLine(#"[{"device":"# + quoted + "}]"), "devices[0].device"),
            (#"{"type":"shares","t":1,"allocator":"exact","devices":[{"device":"# + quoted
                + #","split":0,"compute_share":0.5,"bandwidth_share":0.5}]}"#, "devices[0].device"),
        ]
    }

    @Test("a hostile id is refused in every device field, the message naming the field and quoting the id safely",
          arguments: hostile.map(HostileText.init))
    fileprivate func refusedEverywhere(hostile: HostileText) throws {
        let id = hostile.text
        let problem = try #require(DeviceID.problem(id))
        for (line, field) in Self.places(id) {
            do {
                _ = try SessionEventCodec.decode(line: Array(line.utf8))
                Issue.record("accepted \(DisplayText.quoted(id)) at \(field)")
            } catch {
                #expect(error.field == field)
                #expect(error.reason == problem)
                let message = error.description
                #expect(!message.unicodeScalars.contains { DisplayText.isControl($0) }, "\(DisplayText.quoted(message))")
                #expect(message.count < 150, "\(message.count) characters")
            }
        }
    }

    @Test("a reader skips the line with a diagnostic that prints safely", arguments: hostile.prefix(3).map(HostileText.init))
    fileprivate func readerDiagnostic(hostile: HostileText) throws {
        let id = hostile.text
        let recording = try SharesEventTests.read([Self.places(id)[0].line])
        let diagnostic = try #require(recording.diagnostics.first)
        let text = "\(diagnostic)"
        #expect(text.contains("device"))
        #expect(!text.unicodeScalars.contains { DisplayText.isControl($0) }, "\(DisplayText.quoted(text))")
    }

    @Test("ids the rule allows read back", arguments: ["cam-1", "カメラ 2", String(repeating: "c", count: DeviceID.maxLength)].map(HostileText.init))
    fileprivate func accepted(hostile: HostileText) throws {
        let id = hostile.text
        for (line, _) in Self.places(id) {
            _ = try SessionEventCodec.decode(line: Array(line.utf8))
        }
    }
}
