import SplitTestSupport
import Testing

/// `device --versions` with a floor no version meets says so at start, in `plan`'s words.
@Suite struct UnmetFloorNoteTests {
    @Test func theDeviceSaysItAtStart() throws {
        // No edge listens on port 1: the device stops at the edge's metadata, after the note.
        let result = try SplitscopeBinary.run(["device", "--edge", "127.0.0.1:1", "--versions", FleetCommandTests.manifest,
                                               "--accuracy-floor-pct", "95", "--duration", "1"])
        #expect(result.stderr.contains("note: no version meets the accuracy floor: falling back to the most accurate (floor 95 %"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }
}
