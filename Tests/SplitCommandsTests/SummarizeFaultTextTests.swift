import Foundation
import SplitCost
import SplitModels
import SplitSession
import Testing
@testable import SplitCommands

/// `summarize` shows a fault's whole text (it is what says why the edge was lost), wrapped on its
/// own indented lines, escaped and bounded.
@Suite("Summarize fault text")
struct SummarizeFaultTextTests {
    static func digest(faults: [FaultEvent]) throws -> String {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let path = dir.appendingPathComponent("faults.jsonl").path
        let profile = RooflineEstimator().profile(of: try ModelZoo.model(named: "smallcnn"))
        let writer = try SessionWriter(path: path, header: SessionHeader(startTime: "2026-01-01T00:00:00Z", source: .live, model: profile))
        for (i, fault) in faults.enumerated() { try writer.append(TimedEvent(t: Double(i), event: .fault(fault))) }
        try writer.close()
        return SessionDigest(try SessionReader.read(path: path)).text
    }

    @Test func theWholeTextIsShownOnIndentedLines() throws {
        let cause = #"edge request failed: unavailable: "Could not establish a connection to 127.0.0.1:8001." (cause: "#
            + #"connectTimeout(NIOCore.TimeAmount(nanoseconds: 10000000000)) connection refused errno 111); "#
            + "finish locally, run on the device, probe every 1.0 s"
        #expect(cause.count > 200)
        let text = try Self.digest(faults: [FaultEvent(kind: .edgeLost, action: cause)])
        let lines = text.split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex { $0.hasSuffix("0.0 s  edge_lost") }, "\(text)")
        let body = lines[(at + 1)...].prefix { $0.hasPrefix("                  ") }
        #expect(body.count >= 2, "wrapped on several lines:\n\(text)")
        #expect(body.allSatisfy { $0.count <= 18 + 90 })
        #expect(body.map { String($0.drop { $0 == " " }) }.joined(separator: " ") == cause)
        #expect(!text.contains("characters)"), "nothing cut:\n\(text)")
    }

    @Test func controlCharactersAreEscapedAndAHugeTextIsBounded() throws {
        let hostile = "\u{1B}[2J\nforged line " + String(repeating: "y", count: 100_000)
        let text = try Self.digest(faults: [FaultEvent(kind: .edgeLost, action: hostile)])
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("\\u{1B}[2J\\nforged line"))
        #expect(!text.contains("\nforged"), "a newline in the text forges no line")
        #expect(text.count < 3_000, "\(text.count) characters")
        #expect(text.contains("… (100017"), "cut, saying how long it was")
    }
}
