/// Where a link sample came from.
public struct LinkSource: SessionVocabulary {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Measured on a real link (for example from a transfer's bytes and duration).
    public static let measured: LinkSource = "measured"
    /// Read from a bandwidth trace that drives a simulated link.
    public static let trace: LinkSource = "trace"

    public static let known: [LinkSource] = [.measured, .trace]
}
