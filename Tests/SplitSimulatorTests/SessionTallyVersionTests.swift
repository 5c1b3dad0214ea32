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
        #expect(tally.framesPerVersion == ["full": 2, "p50": 2], "processed frames only")
        #expect(tally.droppedPerVersion == ["p50": 1])
        #expect(tally.summary(policy: "mincut").frames == 5)
    }

    /// Every per-frame count but `dropped` counts processed frames: a device that processed 344
    /// frames and dropped 256 shows 344 under its versions and in its cascade, not 600.
    @Test func droppedFramesCountOnlyAsDropped() {
        var tally = SessionTally(sloMs: 1)
        for i in 0..<600 {
            let dropped = i % 600 >= 344
            var frame = FrameEvent(frame: i, partition: .split(1), totalMs: dropped ? nil : 10, outcome: dropped ? .dropped : .ok)
            frame.version = i % 2 == 0 ? "full" : "p50"
            frame.answered = .device
            frame.correct = true
            tally.add(TimedEvent(t: Double(i) * 0.1, event: .frame(frame)))
        }
        let summary = tally.summary(policy: "mincut")
        #expect(summary.frames == 344 && summary.dropped == 256)
        #expect(tally.framesPerVersion.values.reduce(0, +) == summary.frames)
        #expect(tally.droppedPerVersion.values.reduce(0, +) == summary.dropped)
        #expect(tally.cascade.answered == summary.frames && tally.cascade.labelled == summary.frames)
        #expect(summary.sloMisses == summary.frames && summary.local == 0)
    }

    @Test func aSessionOfOneModelHasNoVersions() {
        var tally = SessionTally(sloMs: nil)
        tally.add(TimedEvent(t: 0, event: .frame(FrameEvent(frame: 0, partition: .split(1), totalMs: 10))))
        #expect(tally.framesPerVersion.isEmpty)
    }
}
