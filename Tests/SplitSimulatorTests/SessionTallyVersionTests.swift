import SplitSession
import SplitSimulator
import Testing

/// `summarize` over a session of model versions: frames counted per version.
@Suite("Session tally: frames per model version")
struct SessionTallyVersionTests {
    @Test func framesAreCountedPerVersion() {
        var tally = SessionTally(sloMs: nil)
        for (i, version) in ["full", "p50", "p50", nil, "full", "p50"].enumerated() {
            var frame = FrameEvent(frame: i, partition: .split(1), totalMs: 10, outcome: i == 2 ? .dropped : .ok)
            frame.version = version
            tally.add(TimedEvent(t: Double(i) * 0.1, event: .frame(frame)))
        }
        #expect(tally.framesPerVersion == ["full": 2, "p50": 3])
        #expect(tally.summary(policy: "mincut").frames == 5, "the dropped frame is counted for its version but not processed")
    }

    @Test func aSessionOfOneModelHasNoVersions() {
        var tally = SessionTally(sloMs: nil)
        tally.add(TimedEvent(t: 0, event: .frame(FrameEvent(frame: 0, partition: .split(1), totalMs: 10))))
        #expect(tally.framesPerVersion.isEmpty)
    }
}
