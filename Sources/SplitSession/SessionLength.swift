/// How long a session ran, in seconds, by one rule for every reader (`summarize`, the replay's clock).
///
/// A frame's `t` is when it started, so a session of N seconds at F frames/s has its last frame
/// at N − 1/F: a fleet's 120 s at 1 frame/s records its last frames at 119 s and nothing after.
/// The session runs from 0 to the end of its last frame's period (one over the header's frame
/// rate), or to its last event when that is later (the simulator's closing link and battery
/// samples at N s); without a frame rate, to its last event.
///
/// ```swift
/// SessionLength.seconds(lastEventT: 119, lastFrameT: 119, fps: 1)    // 120
/// SessionLength.seconds(lastEventT: 150, lastFrameT: 149.9, fps: 10) // 150
/// ```
public enum SessionLength {
    public static func seconds(lastEventT: Double, lastFrameT: Double?, fps: Double?) -> Double {
        guard let lastFrameT, let fps, fps > 0, fps.isFinite else { return lastEventT }
        return max(lastEventT, lastFrameT + 1 / fps)
    }

    /// The length of a recording read whole.
    public static func of(_ recording: SessionRecording) -> Double {
        let lastFrame = recording.events.lazy.filter { if case .frame = $0.event { true } else { false } }.map(\.t).max()
        return seconds(lastEventT: recording.events.map(\.t).max() ?? 0, lastFrameT: lastFrame, fps: recording.header.fps)
    }

    /// The length of an indexed recording: its last frame is looked for from the end, among the
    /// last `lookBack` events (a session's frames come every period, so it is near the end).
    public static func of(_ index: SessionIndex, lookBack: Int = 100_000) -> Double {
        var lastFrame: Double?
        var i = index.eventCount - 1
        while i > 0, i >= index.eventCount - lookBack {
            if let timed = index.event(at: i), case .frame = timed.event {
                lastFrame = timed.t
                break
            }
            i -= 1
        }
        return seconds(lastEventT: index.duration, lastFrameT: lastFrame, fps: index.header.fps)
    }
}
