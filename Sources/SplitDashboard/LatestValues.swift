/// The latest recorded value of each quantity the timeline and the gauges both show.
///
/// The timeline's number beside each row and the gauge of the same quantity read these, never
/// their own copies: a bucket's mean or a default (a full battery, a 1 Mbit/s link) would let the
/// two panels disagree.
public struct LatestValues: Equatable, Sendable {
    /// The link's bandwidth (the trace's, or the live pair's measurement), Mbit/s.
    public var linkMbps: Double?
    /// The last processed frame's end-to-end latency, ms.
    public var latencyMs: Double?
    /// The battery level, %.
    public var batteryPct: Double?
    /// In a cascade, the share of frames appealed so far, %.
    public var appealedPct: Double?

    public init(linkMbps: Double?, latencyMs: Double?, batteryPct: Double?, appealedPct: Double?) {
        self.linkMbps = linkMbps
        self.latencyMs = latencyMs
        self.batteryPct = batteryPct
        self.appealedPct = appealedPct
    }
}
