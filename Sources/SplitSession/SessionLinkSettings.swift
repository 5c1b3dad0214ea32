/// How the link was set up at the start of the session.
public struct SessionLinkSettings: Hashable, Sendable {
    /// The configured (or first measured) round-trip time, in ms.
    public var rttMs: Double?
    /// Where bandwidth comes from: a trace name or file (`"trace:lte-drive.csv"`), a fixed
    /// rate (`"fixed:20"`), or `"measured"`.
    public var bandwidth: String?
    /// The bandwidth estimator the controller uses, such as `"ewma"` or `"harmonic"`.
    public var estimator: String?

    public init(rttMs: Double? = nil, bandwidth: String? = nil, estimator: String? = nil) {
        self.rttMs = rttMs
        self.bandwidth = bandwidth
        self.estimator = estimator
    }
}
