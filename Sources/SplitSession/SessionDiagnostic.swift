/// Something the reader noticed but read past: a skipped line, a cut-off end, reordered times.
public struct SessionDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Hashable, Sendable {
        /// A line that is not a valid event was skipped.
        case skippedLine = "skipped_line"
        /// The last line had no newline (the writer was stopped mid-line); kept if it parsed.
        case truncatedLastLine = "truncated_last_line"
        /// The gzip stream ended early or was corrupt; what came before it was read.
        case compression
        /// Timestamps went backwards.
        case outOfOrder = "out_of_order"
        /// More diagnostics of a kind were left out to bound memory.
        case omitted
    }

    public var kind: Kind
    /// The 1-based line, when the problem has one.
    public var line: Int?
    public var message: String
    /// Whether the line was left out (and counted in ``SessionRecording/skippedLineCount``),
    /// rather than kept with a notice.
    public var lineSkipped: Bool

    public init(kind: Kind, line: Int? = nil, message: String, lineSkipped: Bool? = nil) {
        self.kind = kind
        self.line = line
        self.message = message
        self.lineSkipped = lineSkipped ?? (kind == .skippedLine)
    }

    /// `line 7: message`, or the message alone.
    public var description: String {
        if let line {
            return "line \(line): \(message)"
        }
        return message
    }
}
