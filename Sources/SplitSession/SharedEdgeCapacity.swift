/// The capacity an edge shares among its devices, as a `shares` event's `edge` describes it (since 1.3).
public struct SharedEdgeCapacity: Hashable, Sendable {
    /// Sustained compute, in GMAC/s.
    public var gmacsPerSecond: Double?
    /// The uplink's total rate, in Mbit/s.
    public var uplinkMbps: Double?

    public init(gmacsPerSecond: Double? = nil, uplinkMbps: Double? = nil) {
        self.gmacsPerSecond = gmacsPerSecond
        self.uplinkMbps = uplinkMbps
    }
}
