import Foundation
import SplitSession
import SplitTestSupport
import Testing

/// A floor no version meets is said in `plan`'s words: by `device --versions` at start, and by
/// `simulate --versions` on the terminal, in its recording, and so in `summarize`.
@Suite struct UnmetFloorNoteTests {
    static let note95 = "no version meets the accuracy floor: falling back to the most accurate (floor 95 %; edge is 90.21 %)"
    static let note99 = "no version meets the accuracy floor: falling back to the most accurate (floor 99 %; edge is 90.21 %)"

    @Test func theSimulatorsRecordingSaysItAndSummarizeShowsIt() throws {
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("unmet-\(UUID().uuidString).jsonl").path
        let result = try SplitscopeBinary.run(["simulate", "--duration", "10", "--versions", FleetCommandTests.manifest,
                                               "--accuracy-floor-pct", "95", "--operator", "4:accuracy=50", "--operator", "6:accuracy=99",
                                               "--bandwidth-trace", FleetCommandTests.traces + "/lumos5g-5g_trace_4_walking",
                                               "--clock", "fixed", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: " + Self.note95), "\(result.stderr)")
        let recording = try SessionReader.read(path: out)
        let notes = recording.events.compactMap { if case .note(let note) = $0.event { ($0.t, note.text) } else { nil } }
        #expect(notes.map(\.0) == [0, 6])
        #expect(notes.map(\.1) == [Self.note95, Self.note99])
        let summary = try SplitscopeBinary.run(["summarize", out])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("notes     2\n          0.0 s  \(Self.note95)\n          6.0 s  \(Self.note99)\n"), "\(summary.stdout)")
        let json = try SplitscopeBinary.run(["summarize", "--json", out])
        #expect(json.stdout.contains(Self.note99), "\(json.stdout)")
    }

    @Test func theDeviceSaysItAtStart() throws {
        // No edge listens on port 1: the device stops at the edge's metadata, after the note.
        let result = try SplitscopeBinary.run(["device", "--edge", "127.0.0.1:1", "--versions", FleetCommandTests.manifest,
                                               "--accuracy-floor-pct", "95", "--duration", "1"])
        #expect(result.stderr.contains("note: no version meets the accuracy floor: falling back to the most accurate (floor 95 %"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }
}
