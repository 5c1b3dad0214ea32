extension Format {
    /// `text` broken into lines of at most `width` characters, at spaces where it can be; a word
    /// longer than a line is cut where the line ends. Never returns an empty list.
    ///
    /// ```swift
    /// Format.wrapped("edge request failed: unavailable", width: 12)
    /// // ["edge request", "failed:", "unavailable"]
    /// ```
    static func wrapped(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while !word.isEmpty {
                let room = line.isEmpty ? width : width - line.count - 1
                if word.count <= room {
                    line += (line.isEmpty ? "" : " ") + word
                    word = ""
                } else if line.isEmpty {
                    // A word wider than a whole line: cut it.
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                } else {
                    lines.append(line)
                    line = ""
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
