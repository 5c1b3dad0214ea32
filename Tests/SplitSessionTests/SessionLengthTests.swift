import Foundation
import SplitSession
import Testing

/// A session of N seconds reads N seconds: its last frame started at N − 1/fps and lasts one period.
@Suite("Session length")
struct SessionLengthTests {
    @Test func theLastFramesPeriodCounts() {
        #expect(SessionLength.seconds(lastEventT: 119, lastFrameT: 119, fps: 1) == 120)
        #expect(abs(SessionLength.seconds(lastEventT: 29.9, lastFrameT: 29.9, fps: 10) - 30) < 1e-9)
        // A closing event after the last frame's period (the simulator's last link and battery samples).
        #expect(SessionLength.seconds(lastEventT: 150, lastFrameT: 149.9, fps: 10) == 150)
        // No frame rate, or no frame: the last event.
        #expect(SessionLength.seconds(lastEventT: 7, lastFrameT: 6, fps: nil) == 7)
        #expect(SessionLength.seconds(lastEventT: 7, lastFrameT: nil, fps: 10) == 7)
        #expect(SessionLength.seconds(lastEventT: 7, lastFrameT: 6, fps: 0) == 7)
    }

    /// The whole recording and its index give the same length.
    @Test func aRecordingAndItsIndexAgree() throws {
        var header = SessionFixtures.header
        header.fps = 2
        let frames = (0..<6).map { i in
            TimedEvent(t: Double(i) / 2, event: .frame(FrameEvent(frame: i, partition: .split(1), outcome: .dropped)))
        }
        let note = TimedEvent(t: 1, event: .note(NoteEvent(text: "mid-session")))
        let text = ([TimedEvent(t: 0, event: .session(header))] + frames.prefix(3) + [note] + frames.dropFirst(3))
            .map { SessionFixtures.text($0) }.joined(separator: "\n") + "\n"
        let scratch = ScratchDirectory()
        let path = scratch.write("six-frames.jsonl", text)
        #expect(SessionLength.of(try SessionReader.read(path: path)) == 3)
        #expect(SessionLength.of(try SessionIndex.open(path: path)) == 3)
    }
}
