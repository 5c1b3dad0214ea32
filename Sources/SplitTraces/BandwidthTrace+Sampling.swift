/// Rates resampled on a regular grid, for plots and summaries.
extension BandwidthTrace {
    /// The most samples ``mbpsSamples(every:over:from:)`` returns.
    public static let maximumSampleCount = 10_000_000

    /// The mean rate in Mbit/s over each window of `step` seconds, for plotting.
    ///
    /// Sample `k` is the average over `[start + k·step, start + (k+1)·step)`, computed from the bytes
    /// delivered in that window, so a coarse step does not alias fine structure (such as 100-ms
    /// mahimahi bins) the way a point sample would. Only whole windows inside `duration` seconds
    /// are returned, at most ``maximumSampleCount`` of them. Returns `[]` if `step` is not a positive
    /// finite number, or if `duration` or `start` is negative or not finite.
    public func mbpsSamples(every step: Double, over duration: Double, from start: Double = 0) -> [Double] {
        guard step > 0, step.isFinite, duration >= 0, duration.isFinite, start.isFinite else { return [] }
        // A small tolerance so that, say, 10 s in steps of 0.1 s gives 100 windows, not 99.
        let windows = (duration / step * (1 + 1e-12)).rounded(.down)
        let count = windows < Double(Self.maximumSampleCount) ? Int(windows) : Self.maximumSampleCount
        return (0..<count).map { index in
            let from = start + Double(index) * step
            return bytesDelivered(from: from, to: from + step) / step / Self.bytesPerSecondPerMbps
        }
    }
}
