/// One piece of a piecewise-constant bandwidth trace: a constant rate over `[start, start + duration)`.
///
/// Times are in seconds from the start of the trace's period; the rate is in Mbit/s
/// (1 Mbit = 10^6 bit).
public struct BandwidthSegment: Equatable, Hashable, Sendable {
    /// Seconds from the start of the period at which this segment begins.
    public var start: Double
    /// Length of the segment in seconds (always greater than 0 inside a ``BandwidthTrace``).
    public var duration: Double
    /// Rate in Mbit/s over the whole segment.
    public var mbps: Double

    /// Creates a segment.
    public init(start: Double, duration: Double, mbps: Double) {
        self.start = start
        self.duration = duration
        self.mbps = mbps
    }

    /// Seconds from the start of the period at which this segment ends (exclusive).
    public var end: Double { start + duration }
}
