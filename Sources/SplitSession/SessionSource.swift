/// What produced a session: the simulator, a live device/edge pair, or something newer.
public struct SessionSource: SessionVocabulary {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Frames and links simulated from a profile and a bandwidth trace.
    public static let simulator: SessionSource = "simulator"
    /// A real device talking to a real edge server.
    public static let live: SessionSource = "live"

    public static let known: [SessionSource] = [.simulator, .live]
}
