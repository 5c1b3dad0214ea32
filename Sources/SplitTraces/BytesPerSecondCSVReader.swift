/// Reads a `t_s,Bytes/s` CSV such as the MP-Traces (Multipath Wireless Link Traces) files.
///
/// Each non-blank line is `timeInSeconds,BytesPerSecond` (no header, CRLF or LF endings, final
/// newline optional). A header line whose fields are not numbers is allowed as the first line
/// and skipped. Timestamps must be non-negative and non-decreasing; rates non-negative.
///
/// **Replay.** The files hold one throughput measurement per second, so each row is replayed for
/// one second at `BytesPerSecond · 8 / 10^6` Mbit/s, in file order: the period is the number of
/// rows, in seconds, and the time-weighted mean equals the plain mean of the rows (33.680 Mbit/s
/// for `12_1_wifi.csv`). The timestamps are checked but do not set the timing.
public struct BytesPerSecondCSVReader: BandwidthTraceReader {
    /// Creates a reader.
    public init() {}

    public func read(text: String, name: String) throws(TraceError) -> BandwidthTrace {
        var lines = TraceLine.lines(of: text, file: name)
        if let first = lines.first, isHeader(first) { lines.removeFirst() }
        guard !lines.isEmpty else { throw TraceError(.emptyTrace, file: name) }
        var previousTime: Double?
        var steps: [(seconds: Double, mbps: Double)] = []
        steps.reserveCapacity(lines.count)
        for line in lines {
            let fields = line.commaFields()
            guard fields.count == 2 else { throw line.error(.wrongFieldCount(expected: 2, found: fields.count)) }
            previousTime = try line.timestamp(fields[0], name: "timeInSeconds", after: previousTime)
            let bytesPerSecond = try line.rate(fields[1], name: "BytesPerSecond", unitsPerMbps: 125_000)
            let mbps = bytesPerSecond * 8 / 1_000_000
            guard mbps.isFinite else {
                throw line.error(.notFinite(TraceLine.shortened(fields[1])), field: "BytesPerSecond")
            }
            steps.append((1, mbps))
        }
        return try BandwidthTrace(name: name, steps: steps)
    }

    /// Whether `line` is a header: two comma-separated fields, neither of them a number.
    private func isHeader(_ line: TraceLine) -> Bool {
        let fields = line.commaFields()
        return fields.count == 2 && fields.allSatisfy { Double($0) == nil }
    }
}
