extension Buffer {
    /// The buffer as text plus a compact map of its styles, for golden files.
    ///
    /// The text rows come first, then one row per text row in which every column is a key
    /// to its style (`.` for the default style, then `a`, `b`, … in order of first
    /// appearance), then a legend of the keys:
    ///
    /// ```
    /// ┌ CPU ┐
    /// └─────┘
    /// -- styles
    /// aabbbaa
    /// aaaaaaa
    /// -- legend
    /// a fg=ansi:8
    /// b fg=#61afef bold
    /// ```
    public func styledSnapshot() -> String {
        var keys: [Style: Character] = [:]
        var legend: [String] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var styleRows: [String] = []
        for y in 0..<height {
            var row = ""
            var lastKey: Character = "."
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation {
                    row.append(lastKey)
                    continue
                }
                let style = cell.style
                let key: Character
                if style == Cell.blank.style {
                    key = "."
                } else if let known = keys[style] {
                    key = known
                } else {
                    key = keys.count < alphabet.count ? alphabet[keys.count] : "?"
                    keys[style] = key
                    legend.append("\(key) \(Buffer.describe(style))")
                }
                row.append(key)
                lastKey = key
            }
            styleRows.append(row)
        }
        return (lines + ["-- styles"] + styleRows + ["-- legend"] + legend).joined(separator: "\n")
    }

    /// `fg=… bg=… bold …`, omitting defaults.
    static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if let fg = style.fg, fg != .default { parts.append("fg=\(fg)") }
        if let bg = style.bg, bg != .default { parts.append("bg=\(bg)") }
        parts.append(contentsOf: style.attributes.names)
        return parts.joined(separator: " ")
    }
}
