/// The trace file formats splitscope can read, and how to tell them apart.
///
/// See `docs/bandwidth-traces.md` for the exact layouts, units and replay conventions.
public enum BandwidthTraceFormat: String, CaseIterable, Sendable {
    /// mahimahi packet-delivery opportunities: one millisecond timestamp per 1500-byte packet.
    case mahimahi
    /// Two columns, `time_s Mbit/s`, separated by spaces or tabs (Pensieve, Lumos5G).
    case cooked
    /// SABRE JSON: an array of `duration_ms` / `bandwidth_kbps` slots.
    case sabre
    /// G-NetTrack CSV with a header and `DL_bitrate` / `UL_bitrate` in kbit/s (UCC 5G dataset).
    case gNetTrackCSV = "gnettrack-csv"
    /// Headerless `t_s,Bytes/s` CSV (MP-Traces).
    case bytesPerSecondCSV = "bytes-per-second-csv"

    /// The reader for this format, with default options (100-ms mahimahi bins, downlink CSV column).
    public var reader: any BandwidthTraceReader {
        switch self {
        case .mahimahi: MahimahiTraceReader()
        case .cooked: CookedTraceReader()
        case .sabre: SabreTraceReader()
        case .gNetTrackCSV: GNetTrackCSVReader()
        case .bytesPerSecondCSV: BytesPerSecondCSVReader()
        }
    }

    /// Guesses the format from the first non-blank line of `text`, falling back to `fileName`.
    ///
    /// Content decides first:
    /// - starts with `[` or `{`: ``sabre``;
    /// - a comma-separated header naming `DL_bitrate` or `UL_bitrate`: ``gNetTrackCSV``;
    /// - two comma-separated numbers, or a two-field header and then such a line: ``bytesPerSecondCSV``;
    /// - one integer: ``mahimahi``;
    /// - two numbers separated by spaces or tabs: ``cooked``.
    ///
    /// Only if the content fits none of these (an empty file, say) does the name hint: a `.json`
    /// extension or `sabre` prefix means ``sabre``; `.up`, `.down` or a `mahimahi` prefix means
    /// ``mahimahi``; a `ucc5g` prefix ``gNetTrackCSV``; an `mptraces` prefix ``bytesPerSecondCSV``;
    /// a `pensieve` or `lumos5g` prefix ``cooked``. Returns `nil` when nothing matches.
    public static func detect(text: String, fileName: String? = nil) -> BandwidthTraceFormat? {
        let lines = TraceLine.lines(of: text, file: "").prefix(2)
        if let first = lines.first, let format = detect(firstLine: first, secondLine: lines.dropFirst().first) {
            return format
        }
        return fileName.flatMap(detect(fileName:))
    }

    /// The format suggested by the first non-blank line (and the second, after a CSV header).
    private static func detect(firstLine line: TraceLine, secondLine: TraceLine?) -> BandwidthTraceFormat? {
        if line.text.hasPrefix("[") || line.text.hasPrefix("{") { return .sabre }
        let commaFields = line.commaFields()
        if commaFields.count > 1 {
            if commaFields.contains("DL_bitrate") || commaFields.contains("UL_bitrate") { return .gNetTrackCSV }
            if isNumericPair(commaFields) { return .bytesPerSecondCSV }
            // A `timeInSeconds,BytesPerSecond`-style header followed by numbers.
            if commaFields.count == 2, let secondLine, isNumericPair(secondLine.commaFields()) {
                return .bytesPerSecondCSV
            }
            return nil
        }
        let fields = line.whitespaceFields()
        if fields.count == 1, Int(fields[0]) != nil { return .mahimahi }
        if isNumericPair(fields) { return .cooked }
        return nil
    }

    /// Whether `fields` are exactly two numbers.
    private static func isNumericPair(_ fields: [Substring]) -> Bool {
        fields.count == 2 && fields.allSatisfy { Double($0) != nil }
    }

    /// The format suggested by a file name (the last path component is used).
    public static func detect(fileName: String) -> BandwidthTraceFormat? {
        let base = (fileName.split(separator: "/").last.map(String.init) ?? fileName).lowercased()
        if base.hasSuffix(".json") || base.hasPrefix("sabre") { return .sabre }
        if base.hasSuffix(".up") || base.hasSuffix(".down") || base.hasPrefix("mahimahi") { return .mahimahi }
        if base.hasPrefix("ucc5g") { return .gNetTrackCSV }
        if base.hasPrefix("mptraces") { return .bytesPerSecondCSV }
        if base.hasPrefix("pensieve") || base.hasPrefix("lumos5g") { return .cooked }
        return nil
    }
}
