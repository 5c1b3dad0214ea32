import SplitTestSupport
import Testing
@testable import SplitTraces

/// A trace file's words reach an error only through SplitModels' `DisplayText`: an ESC and a
/// 10,000-character token print escaped and bounded, whatever the reader.
@Suite("Traces: hostile text")
struct HostileTraceTextTests {
    static let hostile = [HostileText.escape(after: "4"), HostileText.huge]

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
            #expect(HostileText.printsSafely(message), "\(message.debugDescription.prefix(300))")
            #expect(message.count < 300, "\(message.count) characters")
        }
    }
}
