/// A sample of the link between the device and the edge.
public struct LinkEvent: Hashable, Sendable {
    /// Uplink bandwidth, in Mbit/s (10⁶ bits per second).
    public var bandwidthMbps: Double
    /// Round-trip time, in ms, when known.
    public var rttMs: Double?
    /// Measured on a real link, or read from a trace.
    public var source: LinkSource

    public init(bandwidthMbps: Double, rttMs: Double? = nil, source: LinkSource) {
        self.bandwidthMbps = bandwidthMbps
        self.rttMs = rttMs
        self.source = source
    }
}
