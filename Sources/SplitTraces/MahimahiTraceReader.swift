import SplitModels

/// Reads a mahimahi packet-delivery trace (`mm-link` format) and bins it into a piecewise rate.
///
/// Each line is a non-negative integer millisecond timestamp, non-decreasing, at which one
/// 1500-byte packet can cross the link; a timestamp repeated k times is k packets in that
/// millisecond. As in `mm-link`, the trace loops with period t_N, the **last** timestamp (which
/// must be above 0): in loop j, line k fires at j·t_N + t_k, so the opportunities at t_N coincide
/// with the next loop's t = 0.
///
/// **Binning.** Time is cut into bins of ``binMilliseconds`` (100 ms by default) over
/// `[0, t_N)`; the last bin is shorter if t_N is not a multiple of the bin width. A bin holding
/// `count` opportunities over `w` ms gets `12 · count / w` Mbit/s (1500 B · 8 / 1 ms = 12 Mbit/s).
/// Opportunities at exactly t_N are counted in the first bin, being the next loop's t = 0.
/// Every opportunity lands in exactly one bin, so the trace's mean over the period is exactly
/// `12 · N / t_N` Mbit/s (up to float rounding), the figure mahimahi's own README gives.
/// Runs of empty bins become one outage segment, so the segment count is at most about 2·N
/// whatever the timestamps are.
///
/// 100 ms keeps the short-term variation that matters for one inference frame while keeping
/// the trace small (about 8,900 segments for the 1062-s Verizon EV-DO trace).
/// mahimahi's own `PACKET_SIZE` is 1504 bytes; this reader uses 1500, as the traces' README does.
public struct MahimahiTraceReader: BandwidthTraceReader {
    /// Bytes per delivery opportunity.
    public static let packetBytes = 1500

    /// Width of one bin in milliseconds (at least 1).
    public let binMilliseconds: Int

    /// Creates a reader; `binMilliseconds` below 1 is treated as 1.
    public init(binMilliseconds: Int = 100) {
        self.binMilliseconds = max(1, binMilliseconds)
    }

    public func read(text: String, name: String) throws(TraceError) -> BandwidthTrace {
        let lines = TraceLine.lines(of: text, file: name)
        guard !lines.isEmpty else { throw TraceError(.emptyTrace, file: name) }
        var timestamps: [Int] = []
        timestamps.reserveCapacity(lines.count)
        for line in lines {
            timestamps.append(try timestamp(on: line, after: timestamps.last))
        }
        guard let period = timestamps.last, period > 0 else {
            throw TraceError(.zeroPeriod, file: name, line: lines.last?.number, field: "timestamp_ms")
        }
        return try BandwidthTrace(name: name, steps: steps(timestamps: timestamps, period: period))
    }

    /// The millisecond timestamp on `line`, checked to be a non-negative integer no smaller than `previous`.
    private func timestamp(on line: TraceLine, after previous: Int?) throws(TraceError) -> Int {
        let field = "timestamp_ms"
        let fields = line.whitespaceFields()
        guard fields.count == 1 else { throw line.error(.wrongFieldCount(expected: 1, found: fields.count)) }
        guard let value = Int(fields[0]) else {
            // Say "negative" for "-5" and "not an integer" for "1.5" or an overflowing "1e30".
            if let number = Double(fields[0]) {
                if number < 0 { throw line.error(.negativeTimestamp(number), field: field) }
                throw line.error(.notAnInteger(TraceLine.shortened(fields[0])), field: field)
            }
            throw line.error(.notANumber(TraceLine.shortened(fields[0])), field: field)
        }
        guard value >= 0 else { throw line.error(.negativeTimestamp(Double(value)), field: field) }
        let milliseconds = Quantity.traceTimestampMs
        guard milliseconds.accepts(Double(value)) else {
            throw line.error(.outOfRange(QuantityError(quantity: milliseconds, value: Double(value)).description), field: field)
        }
        if let previous, value < previous {
            throw line.error(.decreasingTimestamp(previous: Double(previous), current: Double(value)), field: field)
        }
        return value
    }

    /// Piecewise-constant steps over `[0, period)` ms from sorted opportunity timestamps.
    private func steps(timestamps: [Int], period: Int) -> [(seconds: Double, mbps: Double)] {
        let width = binMilliseconds
        let binCount = (period - 1) / width + 1  // bins over [0, period), without overflow
        // Sparse counts: bin index → opportunities, in increasing bin order.
        var bins: [(index: Int, count: Int)] = []
        var wrapped = 0  // opportunities at t_N, which belong to the next loop's t = 0
        for stamp in timestamps {
            if stamp == period {
                wrapped += 1
                continue
            }
            let bin = stamp / width
            if let last = bins.last, last.index == bin {
                bins[bins.count - 1].count += 1
            } else {
                bins.append((bin, 1))
            }
        }
        if wrapped > 0 {
            if let first = bins.first, first.index == 0 {
                bins[0].count += wrapped
            } else {
                bins.insert((0, wrapped), at: 0)
            }
        }
        func milliseconds(ofBin bin: Int) -> Int {
            bin == binCount - 1 ? period - bin * width : width
        }
        var steps: [(seconds: Double, mbps: Double)] = []
        var nextBin = 0
        for (bin, count) in bins {
            if bin > nextBin {
                // A run of empty bins: one outage step up to the start of this bin.
                steps.append((Double((bin - nextBin) * width) / 1000, 0))
            }
            let ms = milliseconds(ofBin: bin)
            let mbps = Double(Self.packetBytes * 8) / 1000 * Double(count) / Double(ms)
            steps.append((Double(ms) / 1000, mbps))
            nextBin = bin + 1
        }
        if nextBin < binCount {
            steps.append((Double(period - nextBin * width) / 1000, 0))
        }
        return steps
    }
}
