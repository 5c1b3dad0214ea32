/// How a frame ended.
public struct FrameOutcome: SessionVocabulary {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Ran as planned: the device part, the transfer, and the edge part.
    public static let ok: FrameOutcome = "ok"
    /// The edge was unreachable, so the device ran the whole model itself.
    public static let local: FrameOutcome = "local"
    /// Not run (the device fell behind, or the frame could not meet its deadline).
    public static let dropped: FrameOutcome = "dropped"
    /// The result was contested and re-run (reserved for the live runtime).
    public static let appealed: FrameOutcome = "appealed"

    public static let known: [FrameOutcome] = [.ok, .local, .dropped, .appealed]
}
