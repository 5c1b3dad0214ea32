/// Reads a two-column "cooked" trace, `time_s  Mbit/s`, as used by Pensieve and Lumos5G.
///
/// Each non-blank line holds two numbers separated by any run of spaces or tabs: a timestamp in
/// seconds (non-negative, non-decreasing) and a throughput in Mbit/s (non-negative).
///
/// **Replay convention (Pensieve).** This reader follows the Pensieve simulator (`sim/env.py`):
/// the rate `bw[i]` holds over `(t[i-1], t[i]]`, and replay loops back to index 1 at the end.
/// So:
/// - the trace's time 0 is the file's first timestamp `t[0]`, and its period is
///   `t[last] − t[0]`;
/// - segment `i` (for `i ≥ 1`) lasts `t[i] − t[i-1]` seconds at `bw[i]` Mbit/s;
/// - **the first sample's rate, `bw[0]`, is never replayed**: it only marks where time starts.
///   It is still checked to be a valid, non-negative number;
/// - rows with the same timestamp as the row before give no segment.
///
/// The time-weighted means of this convention are the ones in the traces' README (2.912 Mbit/s for
/// `norway_bus_1`, 588.346 for the Lumos5G walking trace); reading `bw[i]` over `[t[i], t[i+1])`
/// instead would give 2.953 for `norway_bus_1`. A file needs at least two rows with different
/// timestamps.
public struct CookedTraceReader: BandwidthTraceReader {
    /// Creates a reader.
    public init() {}

    public func read(text: String, name: String) throws(TraceError) -> BandwidthTrace {
        let lines = TraceLine.lines(of: text, file: name)
        guard !lines.isEmpty else { throw TraceError(.emptyTrace, file: name) }
        var firstTime: Double?
        var previousTime: Double?
        var steps: [(seconds: Double, mbps: Double)] = []
        steps.reserveCapacity(lines.count)
        for line in lines {
            let fields = line.whitespaceFields()
            guard fields.count == 2 else { throw line.error(.wrongFieldCount(expected: 2, found: fields.count)) }
            let time = try line.timestamp(fields[0], name: "time_s", after: previousTime)
            let mbps = try line.rate(fields[1], name: "Mbit/s")
            if let previousTime {
                steps.append((time - previousTime, mbps))
            } else {
                firstTime = time
            }
            previousTime = time
        }
        guard let firstTime, let previousTime, previousTime > firstTime else {
            throw TraceError(.zeroPeriod, file: name, line: lines.last?.number, field: "time_s")
        }
        return try BandwidthTrace(name: name, steps: steps)
    }
}
