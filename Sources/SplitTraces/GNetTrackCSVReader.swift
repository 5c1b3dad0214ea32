/// Reads a G-NetTrack CSV log, as in the UCC 5G dataset (`uccmisl/5Gdataset`).
///
/// The first non-blank line is a comma-separated header naming the columns; the reader needs
/// `DL_bitrate` (or `UL_bitrate`, see ``direction``) and, when present, checks `Timestamp`
/// (`YYYY.MM.DD_hh.mm.ss`) to be non-decreasing. Bitrates are in **kbit/s** (Raca et al.,
/// MMSys 2020), so Mbit/s = value / 1000. A `-` (the dataset's missing value) in the bitrate
/// column is an error, as is a missing column.
///
/// **Replay.** Rows come at about 1 Hz, but some seconds are missing and some repeated; following
/// the traces' README, each row is replayed for exactly one second, in file order. The period is
/// therefore the row count in seconds (1013 s for `B_2020.02.14_13.21.26.csv`, whose timestamps
/// span 1103 s) and the time-weighted mean equals the plain mean of the rows (121.021 Mbit/s).
public struct GNetTrackCSVReader: BandwidthTraceReader {
    /// Which bitrate column to replay.
    public enum Direction: String, CaseIterable, Sendable {
        /// `DL_bitrate`: towards the device.
        case downlink
        /// `UL_bitrate`: from the device.
        case uplink

        /// The CSV column that holds this direction's bitrate.
        public var column: String {
            switch self {
            case .downlink: "DL_bitrate"
            case .uplink: "UL_bitrate"
            }
        }
    }

    /// The column replayed; downlink by default.
    public let direction: Direction

    /// Creates a reader for `direction`.
    public init(direction: Direction = .downlink) {
        self.direction = direction
    }

    public func read(text: String, name: String) throws(TraceError) -> BandwidthTrace {
        let lines = TraceLine.lines(of: text, file: name)
        guard let header = lines.first else { throw TraceError(.emptyTrace, file: name) }
        let columns = header.commaFields()
        guard let rateColumn = columns.firstIndex(of: Substring(direction.column)) else {
            throw header.error(.missingColumn(direction.column))
        }
        let timeColumn = columns.firstIndex(of: "Timestamp")
        let needed = max(rateColumn, timeColumn ?? 0) + 1
        guard lines.count > 1 else { throw TraceError(.emptyTrace, file: name, line: header.number) }
        var previousTime: Double?
        var steps: [(seconds: Double, mbps: Double)] = []
        steps.reserveCapacity(lines.count - 1)
        for line in lines.dropFirst() {
            let fields = line.commaFields()
            guard fields.count >= needed else {
                throw line.error(.wrongFieldCount(expected: columns.count, found: fields.count))
            }
            if let timeColumn {
                let time = try Self.seconds(fromTimestamp: fields[timeColumn], on: line)
                if let previousTime, time < previousTime {
                    throw line.error(.decreasingTimestamp(previous: previousTime, current: time), field: "Timestamp")
                }
                previousTime = time
            }
            let field = fields[rateColumn]
            guard field != "-" else { throw line.error(.missingValue, field: direction.column) }
            let kbps = try line.rate(field, name: direction.column, unitsPerMbps: 1_000)
            steps.append((1, kbps / 1000))
        }
        return try BandwidthTrace(name: name, steps: steps)
    }

    /// Seconds since 1970-01-01 (UTC, leap seconds ignored) for a `YYYY.MM.DD_hh.mm.ss` timestamp.
    static func seconds(fromTimestamp field: Substring, on line: TraceLine) throws(TraceError) -> Double {
        let invalid = line.error(.invalidTimestamp(TraceLine.shortened(field)), field: "Timestamp")
        let halves = field.split(separator: "_", omittingEmptySubsequences: false)
        guard halves.count == 2 else { throw invalid }
        let date = halves[0].split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
        let time = halves[1].split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard date.count == 3, time.count == 3,
              (1...9999).contains(date[0]), (1...12).contains(date[1]), (1...31).contains(date[2]),
              (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2])
        else { throw invalid }
        let days = daysFromCivil(year: date[0], month: date[1], day: date[2])
        return Double(days * 86_400 + time[0] * 3600 + time[1] * 60 + time[2])
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
