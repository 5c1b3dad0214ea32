/// A piecewise-constant link rate over time that loops forever.
///
/// A trace is a list of ``BandwidthSegment``s that tile one period, `[0, duration)`, with no gaps.
/// Time `t` (seconds, any real number) maps to the phase `t mod duration`, so the trace repeats
/// forever in both directions. Rates are in Mbit/s with 1 Mbit = 10^6 bit, so sending `n` bytes at
/// `r` Mbit/s takes `n · 8 / (r · 10^6)` seconds.
///
/// A trace whose rate is 0 everywhere is valid: it is a link in outage, and
/// ``transferTime(bytes:startingAt:)`` returns `nil` for it.
///
/// Cumulative delivered bytes are precomputed per segment, so ``rate(at:)``,
/// ``bytesDelivered(from:to:)`` and ``transferTime(bytes:startingAt:)`` each cost one or two binary
/// searches, O(log n), however long the transfer.
///
/// ```swift
/// let link = try BandwidthTrace(name: "toy", steps: [(seconds: 1, mbps: 8), (seconds: 1, mbps: 0)])
/// link.rate(at: 2.5)                                 // 8.0 (looped)
/// link.transferTime(bytes: 1_500_000, startingAt: 0) // 2.5: 1 MB, a 1-s outage, 0.5 MB
/// ```
public struct BandwidthTrace: Equatable, Sendable {
    /// Bytes per second carried by 1 Mbit/s.
    static let bytesPerSecondPerMbps = 125_000.0

    /// A human-readable name, usually the file name the trace was read from.
    public let name: String
    /// The segments of one period, in time order, contiguous, each longer than 0 s.
    public let segments: [BandwidthSegment]
    /// The period in seconds: the trace repeats every `duration` seconds.
    public let duration: Double
    /// Bytes the link delivers over one whole period.
    public let bytesPerPeriod: Double
    /// Segment start times followed by the period: `segments.count + 1` entries.
    let boundaries: [Double]
    /// Bytes delivered from the period start up to each boundary: `segments.count + 1` entries.
    let cumulativeBytes: [Double]

    /// Creates a trace from consecutive steps of constant rate, starting at time 0.
    ///
    /// Steps of 0 s are dropped. Throws ``TraceError`` (with `name` as the file) if a duration or
    /// rate is negative or not finite, if there are no steps (``TraceError/Kind/emptyTrace``), or if
    /// the steps add up to no time (``TraceError/Kind/zeroPeriod``).
    public init(name: String, steps: [(seconds: Double, mbps: Double)]) throws(TraceError) {
        guard !steps.isEmpty else { throw TraceError(.emptyTrace, file: name) }
        var segments: [BandwidthSegment] = []
        var boundaries: [Double] = [0]
        var cumulativeBytes: [Double] = [0]
        segments.reserveCapacity(steps.count)
        boundaries.reserveCapacity(steps.count + 1)
        cumulativeBytes.reserveCapacity(steps.count + 1)
        // Boundaries are running sums of the step lengths, kept with Neumaier's compensated
        // summation so that thousands of 0.1-s steps still end on the right period.
        var sum = 0.0
        var compensation = 0.0
        for (index, step) in steps.enumerated() {
            guard step.seconds.isFinite else {
                throw TraceError(.notFinite("\(step.seconds)"), file: name, field: "steps[\(index)].seconds")
            }
            guard step.seconds >= 0 else {
                throw TraceError(.negativeDuration(step.seconds), file: name, field: "steps[\(index)].seconds")
            }
            guard step.mbps.isFinite else {
                throw TraceError(.notFinite("\(step.mbps)"), file: name, field: "steps[\(index)].mbps")
            }
            guard step.mbps >= 0 else {
                throw TraceError(.negativeRate(step.mbps), file: name, field: "steps[\(index)].mbps")
            }
            let start = boundaries[boundaries.count - 1]
            let total = sum + step.seconds
            compensation += abs(sum) >= step.seconds ? (sum - total) + step.seconds : (step.seconds - total) + sum
            sum = total
            let end = sum + compensation
            guard end.isFinite else {
                throw TraceError(.notFinite("total duration too large"), file: name, field: "steps[\(index)]")
            }
            // Work with the duration the boundaries actually hold, so that the cumulative bytes,
            // the segments and the lookups agree exactly; a step too short to move the clock is dropped.
            let held = end - start
            guard held > 0 else { continue }
            let bytes = cumulativeBytes[cumulativeBytes.count - 1] + step.mbps * Self.bytesPerSecondPerMbps * held
            guard bytes.isFinite else {
                throw TraceError(.notFinite("total bytes too large"), file: name, field: "steps[\(index)]")
            }
            segments.append(BandwidthSegment(start: start, duration: held, mbps: step.mbps))
            boundaries.append(end)
            cumulativeBytes.append(bytes)
        }
        guard !segments.isEmpty else { throw TraceError(.zeroPeriod, file: name) }
        self.name = name
        self.segments = segments
        self.boundaries = boundaries
        self.cumulativeBytes = cumulativeBytes
        self.duration = boundaries[boundaries.count - 1]
        self.bytesPerPeriod = cumulativeBytes[cumulativeBytes.count - 1]
    }

    /// The time-weighted mean rate over one period, in Mbit/s.
    public var meanRate: Double {
        bytesPerPeriod / duration / Self.bytesPerSecondPerMbps
    }

    /// The rate in Mbit/s at `t` seconds, looping over the period; 0 if `t` is NaN or infinite.
    ///
    /// Segments are half-open, `[start, end)`: at a boundary the later segment's rate applies.
    public func rate(at t: Double) -> Double {
        guard let split = periodAndPhase(of: t) else { return 0 }
        return segments[segmentIndex(containing: split.phase)].mbps
    }

    /// Whether the trace delivers nothing at all: every segment has rate 0.
    public var isOutage: Bool { bytesPerPeriod <= 0 }
}
