import Testing
@testable import SplitTraces

/// A trace file's words reach an error only through SplitModels' `DisplayText`: an ESC and a
/// 10,000-character token print escaped and bounded, whatever the reader.
@Suite("Traces: hostile text")
struct HostileTraceTextTests {
    static let hostile = ["4\u{1B}[2J\u{1B}]0;owned\u{7}", String(repeating: "x", count: 10_000)]

    /// No control character (C0, DEL, C1) and no run of the huge token past the display bound
    /// (SplitModels' `DisplayText.limit`, 40; this target does not import SplitModels).
    static func printsSafely(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
            && !text.contains(String(repeating: "x", count: 41))
    }

    @Test("a bad token in a mahimahi, cooked or bytes-per-second trace prints escaped and bounded", arguments: hostile.map(HostileText.init))
    fileprivate func badTokens(hostile: HostileText) throws {
        let token = hostile.text
        let cases: [(any BandwidthTraceReader, String)] = [
            (MahimahiTraceReader(), "0\n\(token)\n"),
            (CookedTraceReader(), "0 1\n1 \(token)\n"),
            (BytesPerSecondCSVReader(), "0,100\n1,\(token)\n"),
        ]
        for (reader, text) in cases {
            let refused = readError(text, with: reader)
            let error = try #require(refused, "\(type(of: reader)) accepted the token")
            let message = error.description
            #expect(Self.printsSafely(message), "\(message.debugDescription.prefix(300))")
            #expect(message.count < 300, "\(message.count) characters")
        }
    }
}

/// A hostile string as a test argument, shown short in test names and reports.
private struct HostileText: CustomTestStringConvertible, Sendable {
    let text: String
    var testDescription: String { String(text.prefix(20).debugDescription) + " (\(text.count) characters)" }
}
