/// How the dashboard is fed: a replay it controls, or (later) a live session it follows.
public enum PlaybackMode: Hashable, Sendable {
    case replay(speed: Double, paused: Bool)
    case live

    /// The replay speeds `+` and `-` step through.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64]
}
