import SplitModels

/// What ``ReplayBenchmark`` measured, and a table comparing it with the targets.
public struct ReplayBenchmarkResult: Hashable, Sendable {
    /// Events in the session, the header included.
    public var eventCount: Int
    /// Size of the session file.
    public var fileBytes: Int64
    /// Time to generate and write the session (not a target; for context).
    public var writeSeconds: Double
    /// Time for ``SessionIndex/open(path:maximumLineBytes:)``.
    public var openSeconds: Double
    /// Median time of one seek: binary search plus decoding the next 10 events.
    public var seekMedianMs: Double
    /// Slowest seek.
    public var seekMaxMs: Double
    /// Index array capacity per event.
    public var indexBytesPerEvent: Double
    /// Events the seeks decoded (a sanity check that they did work).
    public var eventsDecoded: Int

    public init(eventCount: Int, fileBytes: Int64, writeSeconds: Double, openSeconds: Double, seekMedianMs: Double,
                seekMaxMs: Double, indexBytesPerEvent: Double, eventsDecoded: Int) {
        self.eventCount = eventCount
        self.fileBytes = fileBytes
        self.writeSeconds = writeSeconds
        self.openSeconds = openSeconds
        self.seekMedianMs = seekMedianMs
        self.seekMaxMs = seekMaxMs
        self.indexBytesPerEvent = indexBytesPerEvent
        self.eventsDecoded = eventsDecoded
    }

    /// One row of the table.
    public struct Row: Hashable, Sendable {
        public var metric: String
        public var measured: String
        public var target: String
        /// measured / target, when there is a target.
        public var ratio: Double?
        public var passes: Bool?
    }

    /// The rows: open time, median and max seek, index memory against their targets; file
    /// size and write time for context.
    public var rows: [Row] {
        func checked(_ metric: String, _ value: Double, _ target: Double, unit: String, digits: Int) -> Row {
            Row(metric: metric, measured: "\(Self.fixed(value, digits)) \(unit)", target: "≤ \(Self.fixed(target, 0)) \(unit)",
                ratio: value / target, passes: value <= target)
        }
        return [
            checked("open \(GroupedDigits.of(eventCount)) events", openSeconds, ReplayBenchmark.openTargetSeconds, unit: "s", digits: 3),
            checked("seek + decode 10, median", seekMedianMs, ReplayBenchmark.seekTargetMs, unit: "ms", digits: 3),
            checked("seek + decode 10, max", seekMaxMs, ReplayBenchmark.seekTargetMs, unit: "ms", digits: 3),
            checked("index memory", indexBytesPerEvent, ReplayBenchmark.indexTargetBytesPerEvent, unit: "B/event", digits: 1),
            Row(metric: "file size", measured: "\(Self.fixed(Double(fileBytes) / 1e6, 1)) MB", target: "—", ratio: nil, passes: nil),
            Row(metric: "write (generate + serialize)", measured: "\(Self.fixed(writeSeconds, 2)) s", target: "—", ratio: nil, passes: nil),
        ]
    }

    /// Whether every checked row passes.
    public var passes: Bool {
        rows.allSatisfy { $0.passes != false }
    }

    /// The rows as an aligned text table: metric | measured | target | ratio | pass.
    public var table: String {
        let header = ["metric", "measured", "target", "ratio", "pass"]
        let cells = rows.map { row in
            [row.metric, row.measured, row.target, row.ratio.map { Self.fixed($0, 3) } ?? "—",
             row.passes.map { $0 ? "yes" : "NO" } ?? "—"]
        }
        let widths = header.indices.map { column in
            ([header] + cells).map { $0[column].count }.max() ?? 0
        }
        func line(_ fields: [String]) -> String {
            let padded = zip(fields, widths).map { field, width in
                field + String(repeating: " ", count: width - field.count)
            }.joined(separator: " | ")
            return String(padded.reversed().drop { $0 == " " }.reversed())
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-")
        return ([line(header), rule] + cells.map(line)).joined(separator: "\n")
    }

    /// `value` with exactly `digits` decimals, rounded half away from zero.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        guard scaled < 9e18 else { return "\(value)" }
        let whole = UInt64(scaled)
        let sign = value < 0 && whole != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        let divisor = UInt64(scale)
        let fraction = String(whole % divisor)
        return sign + String(whole / divisor) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
