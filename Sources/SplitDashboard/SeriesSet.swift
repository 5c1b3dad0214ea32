/// The dashboard's time series.
public struct SeriesSet: Hashable, Sendable {
    /// Bandwidth the link actually had (the trace, or the live pair's measurements).
    public var link = TimeSeries()
    /// The controller's bandwidth estimate.
    public var estimate = TimeSeries()
    /// The split index over time (a step plot).
    public var split = TimeSeries(keepsLast: true)
    /// End-to-end latency per frame.
    public var latency = TimeSeries()
    /// Battery level.
    public var battery = TimeSeries(keepsLast: true)
    /// In a cascade, 1 for an appealed frame and 0 for one the device answered: per bucket, the share appealed.
    public var appeals = TimeSeries()
    /// Re-simulated split and latency in what-if mode.
    public var whatIfSplit = TimeSeries(keepsLast: true)
    public var whatIfLatency = TimeSeries()

    public init() {}
}
