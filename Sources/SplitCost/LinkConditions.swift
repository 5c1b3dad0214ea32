/// The uplink between device and edge at one moment: bandwidth and round-trip time.
public struct LinkConditions: Hashable, Sendable {
    /// Uplink bandwidth in Mbit/s (1 Mbit = 10⁶ bit).
    public var bandwidthMbps: Double
    /// Round-trip time in milliseconds, paid once when any layer runs on the edge.
    public var rttMs: Double

    public init(bandwidthMbps: Double, rttMs: Double) {
        self.bandwidthMbps = bandwidthMbps
        self.rttMs = rttMs
    }

    /// Milliseconds to send this many bytes: bytes·8 / (B·1000).
    public func transferMs(bytes: Int) -> Double {
        Double(bytes) * 8 / (bandwidthMbps * 1000)
    }

    /// Milliseconds per byte at this bandwidth: the slope of a split's latency in bytes.
    public var msPerByte: Double {
        8 / (bandwidthMbps * 1000)
    }
}
