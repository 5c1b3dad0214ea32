import SplitModels

/// The uplink between device and edge at one moment: bandwidth and round-trip time.
///
/// Costs are computed with the bandwidth saturated into ``Quantity/bandwidthMbps``'s range (an
/// estimate of 0 Mbit/s, or a subnormal one, costs as the slowest link splitscope models, 1 bit/s),
/// so every transfer time is finite. Planners also saturate the RTT (``saturated``).
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
        Double(bytes) * 8 / (Quantity.bandwidthMbps.clamp(bandwidthMbps) * 1000)
    }

    /// Milliseconds per byte at this bandwidth (saturated into its range): the slope of a split's latency in bytes.
    public var msPerByte: Double {
        8 / (Quantity.bandwidthMbps.clamp(bandwidthMbps) * 1000)
    }

    /// These conditions with bandwidth and RTT saturated into their quantities' ranges, so that
    /// every cost computed from them is finite and not NaN.
    public var saturated: LinkConditions {
        LinkConditions(bandwidthMbps: Quantity.bandwidthMbps.clamp(bandwidthMbps),
                       rttMs: rttMs.isNaN ? Quantity.rttMs.highest : Quantity.rttMs.clamp(rttMs))
    }
}
