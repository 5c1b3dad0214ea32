import SplitModels

/// One non-blank line of a text trace, with its 1-based line number and the file it came from.
///
/// Readers split text with ``lines(of:file:)``, which handles LF and CRLF endings, a missing final
/// newline and a UTF-8 byte-order mark, and then parse fields with the throwing helpers here so
/// that every error carries the file, line and field.
struct TraceLine {
    /// 1-based line number in the file.
    let number: Int
    /// The line without its line ending or surrounding spaces and tabs.
    let text: Substring
    /// The file name used in errors.
    let file: String

    /// The non-blank lines of `text`, in order.
    ///
    /// Splits on LF bytes (so a CRLF pair, which Swift treats as one `Character`, still splits),
    /// drops a trailing CR, trims spaces and tabs, and skips lines that are then empty.
    static func lines(of text: String, file: String) -> [TraceLine] {
        var result: [TraceLine] = []
        var number = 0
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let trimmed = Substring(raw).trimmingBlanks()
            if number == 1, trimmed.hasPrefix("\u{FEFF}") {
                let rest = trimmed.dropFirst().trimmingBlanks()
                if !rest.isEmpty { result.append(TraceLine(number: number, text: rest, file: file)) }
                continue
            }
            if !trimmed.isEmpty { result.append(TraceLine(number: number, text: trimmed, file: file)) }
        }
        return result
    }

    /// An error located on this line.
    func error(_ kind: TraceError.Kind, field: String? = nil) -> TraceError {
        TraceError(kind, file: file, line: number, field: field)
    }

    /// Fields separated by any run of spaces or tabs.
    func whitespaceFields() -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
    }

    /// Fields separated by commas, each trimmed of spaces and tabs; empty fields are kept.
    func commaFields() -> [Substring] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
    }

    /// `field` as a finite `Double`, or an error naming `name`.
    func double(_ field: Substring, name: String) throws(TraceError) -> Double {
        guard let value = Double(field) else {
            throw error(.notANumber(Self.shortened(field)), field: name)
        }
        guard value.isFinite else {
            throw error(.notFinite(Self.shortened(field)), field: name)
        }
        return value
    }

    /// `field` as a finite, non-negative rate, or an error naming `name`.
    ///
    /// `unitsPerMbps` converts the field's unit to Mbit/s (1000 for kbit/s, 125,000 for bytes/s):
    /// the rate in Mbit/s must be 0 (an outage) or in ``Quantity/bandwidthMbps``'s range.
    func rate(_ field: Substring, name: String, unitsPerMbps: Double = 1) throws(TraceError) -> Double {
        let value = try double(field, name: name)
        guard value >= 0 else { throw error(.negativeRate(value), field: name) }
        if let problem = Self.rateProblem(mbps: value / unitsPerMbps) {
            throw error(.outOfRange(problem), field: name)
        }
        return value
    }

    /// Why a rate in Mbit/s cannot be a trace's, or nil when it can: 0 (an outage) or a rate in
    /// ``Quantity/bandwidthMbps``'s range.
    ///
    /// A rate above 0 but below the range (a subnormal such as 1e-310) is refused rather than
    /// taken: a transfer over it would need more periods than a Double can count.
    static func rateProblem(mbps: Double) -> String? {
        let range = Quantity.bandwidthMbps
        if mbps == 0 || range.accepts(mbps) { return nil }
        return "\(range.name) must be 0 (an outage) or \(range.rangeDescription), got \(Quantity.formatValue(mbps))"
    }

    /// `field` as a finite, non-negative timestamp no earlier than `previous`, within ``Quantity/seconds``.
    func timestamp(_ field: Substring, name: String, after previous: Double?) throws(TraceError) -> Double {
        let value = try double(field, name: name)
        guard value >= 0 else { throw error(.negativeTimestamp(value), field: name) }
        guard Quantity.seconds.accepts(value) else {
            throw error(.outOfRange(QuantityError(quantity: .seconds, value: value).description), field: name)
        }
        if let previous, value < previous {
            throw error(.decreasingTimestamp(previous: previous, current: value), field: name)
        }
        return value
    }

    /// The first 40 characters of `text`, with an ellipsis if it was longer, for error messages.
    static func shortened(_ text: Substring) -> String {
        let limit = 40
        guard text.count > limit else { return String(text) }
        return String(text.prefix(limit)) + "…"
    }
}
