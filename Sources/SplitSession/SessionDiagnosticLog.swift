/// Collects diagnostics while a file is read, listing at most a bounded number of skipped
/// lines so a file of garbage cannot fill memory with messages.
struct SessionDiagnosticLog {
    let maximumListedSkips: Int
    private(set) var diagnostics: [SessionDiagnostic] = []
    /// Every skipped line, listed or not.
    private(set) var skippedLineCount = 0
    /// Lines whose time is earlier than a time before them.
    private var backwardsCount = 0
    private var firstBackwardsLine: Int?

    init(maximumListedSkips: Int) {
        self.maximumListedSkips = maximumListedSkips
    }

    /// Records a skipped line; every line left out goes through here, so the count and the
    /// listed lines agree (a cut-off last line that was left out is a skipped line too).
    mutating func skip(line: Int, kind: SessionDiagnostic.Kind = .skippedLine, _ message: String) {
        skippedLineCount += 1
        if skippedLineCount <= maximumListedSkips {
            diagnostics.append(SessionDiagnostic(kind: kind, line: line, message: message, lineSkipped: true))
        }
    }

    /// Records anything else.
    mutating func note(_ kind: SessionDiagnostic.Kind, line: Int? = nil, _ message: String) {
        diagnostics.append(SessionDiagnostic(kind: kind, line: line, message: message))
    }

    /// Records that the event on `line` is earlier than one before it.
    mutating func wentBackwards(line: Int) {
        backwardsCount += 1
        if firstBackwardsLine == nil {
            firstBackwardsLine = line
        }
    }

    /// The diagnostics, with summaries of what was counted rather than listed.
    func finished(backwardsAction: String) -> [SessionDiagnostic] {
        var result = diagnostics
        if skippedLineCount > maximumListedSkips {
            result.append(SessionDiagnostic(
                kind: .omitted,
                message: "\(skippedLineCount - maximumListedSkips) more skipped lines not listed (\(skippedLineCount) in all)"))
        }
        if let firstBackwardsLine {
            let events = backwardsCount == 1 ? "1 event is" : "\(backwardsCount) events are"
            result.append(SessionDiagnostic(
                kind: .outOfOrder, line: firstBackwardsLine,
                message: "timestamps go backwards here: \(events) earlier than an event before them; \(backwardsAction)"))
        }
        return result
    }
}
