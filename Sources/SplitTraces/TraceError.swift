import SplitModels

/// Why a bandwidth trace could not be read, and where in which file.
///
/// Every reader reports problems with this one type. The ``description`` names the file, the
/// 1-based line when there is one, and the field (a column name, or a JSON path such as
/// `[3].duration_ms`) when one is to blame:
///
/// ```
/// norway_bus_1:12: field 'Mbit/s': not a number: "4.0x"
/// ```
public struct TraceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, independent of where.
    public enum Kind: Equatable, Sendable {
        /// The file could not be opened or read; the reason comes from the system.
        case unreadableFile(reason: String)
        /// The bytes are not UTF-8 text (binary data, or a NUL byte).
        case notText
        /// The content matches none of the known formats, and the file name gave no hint.
        case unknownFormat
        /// The file holds no samples at all.
        case emptyTrace
        /// The samples span no time (a mahimahi period of 0, or all timestamps equal).
        case zeroPeriod
        /// A field that must be a number is not one; carries the text, shortened.
        case notANumber(String)
        /// A field that must be a whole number (a mahimahi millisecond) is not one, or is too large.
        case notAnInteger(String)
        /// A number is NaN, infinite, or too large to use; carries the text, shortened.
        case notFinite(String)
        /// A field holds the dataset's "missing value" marker (`-` in G-NetTrack logs).
        case missingValue
        /// A G-NetTrack timestamp is not of the form `YYYY.MM.DD_hh.mm.ss`; carries the text, shortened.
        case invalidTimestamp(String)
        /// A timestamp is below zero.
        case negativeTimestamp(Double)
        /// A timestamp is smaller than the one on the line before.
        case decreasingTimestamp(previous: Double, current: Double)
        /// A rate is below zero.
        case negativeRate(Double)
        /// A number lies outside its quantity's range; carries the quantity's message.
        case outOfRange(String)
        /// A duration (a SABRE `duration_ms`, or a step of a hand-built trace) is below zero.
        case negativeDuration(Double)
        /// A line has the wrong number of fields.
        case wrongFieldCount(expected: Int, found: Int)
        /// The text is not valid JSON, or not shaped as the format requires; carries a reason.
        case invalidJSON(String)
        /// A required JSON key is absent (the key is in ``TraceError/field``).
        case missingField
        /// A CSV header lacks a required column.
        case missingColumn(String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The file (or trace name) being read.
    public var file: String
    /// The 1-based line number, when the problem sits on one line.
    public var line: Int?
    /// The column name or JSON path at fault, when there is one.
    public var field: String?

    /// Creates an error; `line` and `field` are optional context.
    public init(_ kind: Kind, file: String, line: Int? = nil, field: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
    }

    /// `file:line: field 'name': message`, leaving out the parts that are unknown.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "field '\(field)': " }
        return text + message
    }

    /// The message for ``kind`` alone, without the location.
    public var message: String {
        switch kind {
        case .unreadableFile(let reason):
            return "cannot read the file: \(reason)"
        case .notText:
            return "not UTF-8 text (binary data?)"
        case .unknownFormat:
            return "unknown trace format: expected mahimahi, time/Mbit/s, SABRE JSON, G-NetTrack CSV or t,Bytes/s CSV"
        case .emptyTrace:
            return "the trace is empty: no samples"
        case .zeroPeriod:
            return "the trace spans no time (period is 0)"
        case .notANumber(let text):
            return "not a number: \(DisplayText.quoted(text))"
        case .notAnInteger(let text):
            return "not a whole number in range: \(DisplayText.quoted(text))"
        case .notFinite(let text):
            return "not a finite number: \(DisplayText.quoted(text))"
        case .missingValue:
            return "missing value ('-')"
        case .invalidTimestamp(let text):
            return "not a YYYY.MM.DD_hh.mm.ss timestamp: \(DisplayText.quoted(text))"
        case .negativeTimestamp(let value):
            return "negative timestamp \(value)"
        case .decreasingTimestamp(let previous, let current):
            return "timestamp \(current) is earlier than the previous one, \(previous)"
        case .negativeRate(let value):
            return "negative rate \(value)"
        case .outOfRange(let message):
            return message
        case .negativeDuration(let value):
            return "negative duration \(value)"
        case .wrongFieldCount(let expected, let found):
            return "expected \(expected) fields, found \(found)"
        case .invalidJSON(let reason):
            return "invalid SABRE JSON: \(reason)"
        case .missingField:
            return "missing"
        case .missingColumn(let column):
            return "the header has no '\(column)' column"
        }
    }
}
