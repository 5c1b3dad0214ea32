/// What appealing one input costs on the link: its bytes at the uplink's bandwidth, plus the RTT.
public struct CascadeLink: Hashable, Sendable {
    /// Bytes of the appealed input as sent (a 28×28 float32 image is 3,136).
    public var inputBytes: Int
    public var bandwidthMbps: Double
    public var rttMs: Double

    public init(inputBytes: Int, bandwidthMbps: Double, rttMs: Double) {
        self.inputBytes = inputBytes
        self.bandwidthMbps = bandwidthMbps
        self.rttMs = rttMs
    }

    /// Milliseconds to send the input: the cost model's transfer time (``LinkConditions/transferMs(bytes:)``),
    /// bytes · 8 / (Mbit/s · 1000) with the bandwidth saturated into its range, so it is always finite.
    public var transferMs: Double {
        LinkConditions(bandwidthMbps: bandwidthMbps, rttMs: rttMs).transferMs(bytes: inputBytes)
    }
}
