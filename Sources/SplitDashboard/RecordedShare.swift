import SplitModels
import SplitSession

/// The part of a shared edge a fleet's device ran with: its share of the uplink and of the edge's compute.
///
/// The fleet simulator (``FleetSimulation`` in SplitAllocation) sends a device's bytes at its
/// bandwidth share of its channel (its trace, capped at the shared uplink) and runs its edge
/// layers at its compute share of the edge's GMAC/s (the layers' MACs, no per-layer overhead). A
/// what-if of such a device plans and costs the same way, so an override that changes nothing
/// reproduces the recorded latency.
public struct RecordedShare: Hashable, Sendable {
    /// The device's fraction of the edge's compute, in [0, 1].
    public var computeShare: Double
    /// The device's fraction of the shared uplink, in [0, 1].
    public var bandwidthShare: Double
    /// The edge's compute rate, GMAC/s.
    public var edgeGmacsPerSecond: Double
    /// The shared uplink's total, Mbit/s.
    public var uplinkMbps: Double

    /// The smallest share costed (``DeviceShare/least``, the least the edge serves): a what-if that
    /// uses the edge without a share sees a very slow edge, never an infinite cost.
    static let leastShare = DeviceShare.least

    public init(computeShare: Double, bandwidthShare: Double, edgeGmacsPerSecond: Double, uplinkMbps: Double) {
        self.computeShare = computeShare
        self.bandwidthShare = bandwidthShare
        self.edgeGmacsPerSecond = edgeGmacsPerSecond
        self.uplinkMbps = uplinkMbps
    }

    /// The share the edge gave `device` in `shares`, or nil when the event does not list it or
    /// does not record the edge's rate and uplink.
    public init?(_ shares: SharesEvent, device: String) {
        guard let share = shares.share(of: device), let gmacs = shares.edge?.gmacsPerSecond, let uplink = shares.edge?.uplinkMbps,
              gmacs > 0, uplink > 0 else { return nil }
        self.init(computeShare: share.computeShare, bandwidthShare: share.bandwidthShare, edgeGmacsPerSecond: gmacs,
                  uplinkMbps: uplink)
    }

    /// The rate the device sends at over a channel of `channelMbps`: its bandwidth share of the
    /// channel capped at the shared uplink.
    public func linkMbps(channelMbps: Double) -> Double {
        max(bandwidthShare, Self.leastShare) * min(max(channelMbps, 0), uplinkMbps)
    }

    /// `profile` with every layer's edge time at this compute share: its MACs at the share of the
    /// edge's rate, or, for a layer whose MACs the profile does not record, its edge time ÷ the
    /// share (× the share `previous` its times are already at, when they are).
    public func edgeTimes(of profile: ModelProfile, from previous: RecordedShare? = nil) -> ModelProfile {
        let share = max(computeShare, Self.leastShare)
        let already = previous.map { max($0.computeShare, Self.leastShare) } ?? 1
        var shared = profile
        for i in shared.layers.indices {
            let layer = shared.layers[i]
            shared.layers[i].edgeMs = layer.macs.map { Double($0) / (edgeGmacsPerSecond * 1e6) / share }
                ?? layer.edgeMs * already / share
        }
        return shared
    }
}
