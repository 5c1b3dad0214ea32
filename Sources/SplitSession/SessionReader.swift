import SplitModels

/// Reads a whole session file, plain or gzip, into memory, reading past damage.
///
/// Compression is detected from the first bytes (`1f 8b`), not the name. Line 1 must be a
/// header this build can read, or reading fails with a ``SessionError`` naming the file and
/// line 1. After it, every line is either an event, a line of an unknown type (counted), a
/// blank line (ignored), or skipped with a diagnostic giving its line number and why: not
/// JSON, not a valid event, or longer than `maximumLineBytes`. A last line without its
/// newline — a writer stopped mid-line — is kept with a warning if it parses, else reported.
/// No input makes the reader trap: empty, binary, truncated or corrupt files all give an
/// error or a recording with diagnostics.
///
/// ```swift
/// let recording = try SessionReader.read(path: "run.jsonl.gz")
/// for problem in recording.diagnostics { print(problem) }   // line 812: skipped: not valid JSON ...
/// ```
public enum SessionReader {
    /// Lines longer than this (16 MiB) are skipped unread.
    public static let defaultMaximumLineBytes = 16 << 20
    /// How many skipped lines a recording lists one by one.
    public static let maximumListedSkips = 1000

    /// Reads the file at `path`.
    public static func read(path: String, maximumLineBytes: Int = defaultMaximumLineBytes) throws(SessionError) -> SessionRecording {
        let bytes = try SessionFile(openingForReading: path).readAll()
        return try decode(bytes: bytes, file: path, maximumLineBytes: maximumLineBytes)
    }

    /// Reads a session from the bytes of a file (plain or gzip); `file` names it in messages.
    public static func decode(bytes: [UInt8], file: String,
                              maximumLineBytes: Int = defaultMaximumLineBytes) throws(SessionError) -> SessionRecording {
        let compression = SessionCompression.detect(bytes)
        var text = bytes
        var builder = Builder(file: file, compression: compression, maximumLineBytes: maximumLineBytes)
        if compression == .gzip {
            let output = Gunzip.decompress(bytes)
            text = output.bytes
            if let problem = output.problem {
                builder.compressionProblem = problem
                builder.log.note(.compression, problem)
            }
        }
        var splitter = SessionLineSplitter(maximumLineBytes: maximumLineBytes)
        try text.withUnsafeBufferPointer { (buffer) throws(SessionError) in
            try splitter.feed(buffer) { (line) throws(SessionError) in try builder.take(line) }
            try splitter.finish { (line) throws(SessionError) in try builder.take(line) }
        }
        return try builder.finished()
    }

    /// Decodes line 1, which must be a header this build reads.
    static func header(from line: SessionLine, file: String) throws(SessionError) -> (event: TimedEvent, header: SessionHeader) {
        let expectation = "a session file starts with a {\"type\":\"session\",\"schema\":\"splitscope-session\",...} header"
        switch line {
        case .overlong(let length, _, let number, _):
            throw SessionError(file: file, line: number, message: "line is \(length) bytes long; \(expectation)")
        case .text(let bytes, _, let number, _):
            if bytes.allSatisfy(Self.isWhitespace) {
                throw SessionError(file: file, line: number, message: "line is blank; \(expectation)")
            }
            let decoded: SessionEventCodec.Decoded
            do {
                decoded = try SessionEventCodec.decode(line: bytes)
            } catch {
                if error.field.isEmpty, error.reason.hasPrefix("schema version") {
                    throw SessionError(file: file, line: number, message: error.reason)
                }
                throw SessionError(file: file, line: number, message: "not a session header: \(error)")
            }
            switch decoded {
            case .event(let event):
                guard case .session(let header) = event.event else {
                    throw SessionError(file: file, line: number,
                                       message: "found a \(DisplayText.quoted(event.event.typeName)) event; \(expectation)")
                }
                return (event, header)
            case .unknownType(let type):
                throw SessionError(file: file, line: number, message: "found an event of type \(DisplayText.quoted(type)); \(expectation)")
            }
        }
    }

    /// JSON whitespace.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Turns lines into a recording, one at a time.
    private struct Builder {
        let file: String
        let compression: SessionCompression
        let maximumLineBytes: Int
        var compressionProblem: String?
        var log = SessionDiagnosticLog(maximumListedSkips: SessionReader.maximumListedSkips)
        var header: SessionHeader?
        var events: [TimedEvent] = []
        var unknownTypes: [String: Int] = [:]
        var latest = 0.0

        init(file: String, compression: SessionCompression, maximumLineBytes: Int) {
            self.file = file
            self.compression = compression
            self.maximumLineBytes = maximumLineBytes
        }

        mutating func take(_ line: SessionLine) throws(SessionError) {
            guard header != nil else {
                let (event, header) = try SessionReader.header(from: line, file: file)
                if case .text(_, _, let number, false) = line {
                    log.note(.truncatedLastLine, line: number,
                             "the header has no newline at the end (the writer stopped mid-line?); it parsed, so it was kept")
                }
                self.header = header
                events.append(event)
                return
            }
            switch line {
            case .overlong(let length, _, let number, let terminated):
                if terminated {
                    log.skip(line: number, "skipped: the line is \(length) bytes, over the \(SessionReader.describe(bytes: maximumLineBytes)) limit")
                } else {
                    log.skip(line: number, kind: .truncatedLastLine, "the last line is cut off and \(length) bytes long; skipped")
                }
            case .text(let bytes, _, let number, let terminated):
                if bytes.allSatisfy(SessionReader.isWhitespace) {
                    return
                }
                do {
                    switch try SessionEventCodec.decode(line: bytes) {
                    case .event(let event):
                        if let header, let problem = event.event.partitionProblem(in: header) {
                            log.skip(line: number, "skipped: \(problem)")
                            return
                        }
                        if event.t < latest {
                            log.wentBackwards(line: number)
                        }
                        latest = max(latest, event.t)
                        events.append(event)
                        if !terminated {
                            log.note(.truncatedLastLine, line: number,
                                     "the last line has no newline at the end (the writer stopped mid-line?); it parsed, so it was kept")
                        }
                    case .unknownType(let type):
                        unknownTypes[type, default: 0] += 1
                    }
                } catch {
                    if terminated {
                        log.skip(line: number, "skipped: \(error)")
                    } else {
                        log.skip(line: number, kind: .truncatedLastLine,
                                 "the last line is cut off (the writer stopped mid-line?); skipped: \(error)")
                    }
                }
            }
        }

        func finished() throws(SessionError) -> SessionRecording {
            guard let header else {
                var message = "the file is empty; a session file starts with a \"session\" header"
                if let compressionProblem {
                    message = "no session header: \(compressionProblem)"
                }
                throw SessionError(file: file, line: 1, message: message)
            }
            return SessionRecording(file: file, compression: compression, header: header, events: events,
                                    diagnostics: log.finished(backwardsAction: "kept in file order"),
                                    unknownTypes: unknownTypes, skippedLineCount: log.skippedLineCount)
        }
    }

    /// `16 MiB`, `512 KiB`, `100 bytes`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
