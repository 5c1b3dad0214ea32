import SplitTerminal

/// Fitting text into a width without cutting a number in half.
///
/// Texts that may not fit come in stages, most detailed first ("65.7 / 150 ms", "65.7/150 ms",
/// "65.7/150"); the first stage that fits is drawn. When none does, whole words are kept and
/// `…` marks what was cut, so a reader never sees "150…" standing for "1500".
enum TextFit {
    /// The first variant that fits `width` columns, else the last one cut at a word boundary.
    static func first(_ variants: [String], width: Int, ellipsis: String) -> String {
        for variant in variants where TerminalWidth.columns(of: variant) <= width { return variant }
        return words(variants.last ?? "", width: width, ellipsis: ellipsis)
    }

    /// As many whole words of `text` as fit with an ellipsis after them (see ``TerminalWidth/truncateWords(_:to:ellipsis:)``).
    static func words(_ text: String, width: Int, ellipsis: String) -> String {
        TerminalWidth.truncateWords(text, to: width, ellipsis: ellipsis)
    }

    /// `text` in lines of at most `width` columns, broken between words; a word longer than a line
    /// is cut with an ellipsis (``words(_:width:ellipsis:)``).
    static func wrap(_ text: String, width: Int, ellipsis: String) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + String(word)
            if TerminalWidth.columns(of: candidate) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = TerminalWidth.columns(of: String(word)) <= width ? String(word) : words(String(word), width: width, ellipsis: ellipsis)
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` in `width` columns with its middle left out (`warehouse-…camera-07`): for names
    /// that differ at their end, such as device ids. The cut falls after a `-`, `_`, `.` or space
    /// where one is near, so a number in the name stays whole.
    static func middle(_ text: String, width: Int, ellipsis: String) -> String {
        guard TerminalWidth.columns(of: text) > width else { return text }
        let room = width - TerminalWidth.columns(of: ellipsis)
        let characters = Array(text)
        guard room >= 4, characters.allSatisfy({ TerminalWidth.columns(of: $0) == 1 }) else {
            return TerminalWidth.truncate(text, to: max(0, width), ellipsis: ellipsis)
        }
        func isSeparator(_ c: Character) -> Bool { c == "-" || c == "_" || c == "." || c == " " }
        // The end gets the larger half, starting after a separator when one lies in its first half
        // (else not inside a number).
        var tailCount = (room + 1) / 2
        let tailStart = characters.count - tailCount
        if let snap = (tailStart..<(tailStart + tailCount / 2)).first(where: { $0 > 0 && isSeparator(characters[$0 - 1]) }) {
            tailCount = characters.count - snap
        } else {
            while tailCount > 0, characters[characters.count - tailCount].isNumber,
                  characters[characters.count - tailCount - 1].isNumber { tailCount -= 1 }
        }
        var headCount = room - tailCount
        // The start ends just after a separator when one lies in its second half (else not inside a number).
        if let snap = (max(1, headCount / 2)...max(1, headCount)).reversed().first(where: { isSeparator(characters[$0 - 1]) }) {
            headCount = snap
        } else {
            while headCount > 0, characters[headCount - 1].isNumber, characters[headCount].isNumber { headCount -= 1 }
        }
        return String(characters.prefix(headCount)) + ellipsis + String(characters.suffix(tailCount))
    }
}
