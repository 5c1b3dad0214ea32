import SplitModels
import Testing

/// The one rule for device ids, wherever they enter.
@Suite("DeviceID")
struct DeviceIDTests {
    @Test("ids the rule takes", arguments: ["c", "cam-1", "cam 1", "カメラ", " lead", String(repeating: "c", count: DeviceID.maxLength)])
    func accepted(id: String) {
        #expect(DeviceID.problem(id) == nil)
    }

    @Test("ids the rule refuses, each for its reason", arguments: [
        ("", "expected 1 to 128 characters, got an empty id"),
        (String(repeating: "c", count: 129), "\"cccccccccccccccccccccccccccccccccccccccc…\" (129 characters): expected 1 to 128 characters"),
        ("a\nb", #""a\nb": holds a control character (U+000A)"#),
        ("cam\u{1B}[2J", #""cam\u{1B}[2J": holds a control character (U+001B)"#),
        ("del\u{7F}", #""del\u{7F}": holds a control character (U+007F)"#),
        ("c1\u{9B}", #""c1\u{9B}": holds a control character (U+009B)"#),
        ("   ", #""   ": is all whitespace"#),
        ("\u{3000}", "\"\u{3000}\": is all whitespace"),
    ])
    func refused(id: String, problem: String) {
        #expect(DeviceID.problem(id) == problem)
    }

    @Test("a refused 10,000-character id is quoted short, with its length")
    func hugeID() throws {
        let problem = try #require(DeviceID.problem(String(repeating: "\u{1B}", count: 10_000)))
        #expect(!problem.unicodeScalars.contains("\u{1B}"))
        #expect(problem.count < 150)
        #expect(problem.contains("(10000 characters)"))
    }
}
