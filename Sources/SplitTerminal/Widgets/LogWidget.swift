/// The most recent lines of a log, newest at the bottom, each in its own style.
///
/// Lines longer than the width are cut with …; ``scrollBack`` shows older lines.
///
/// ```swift
/// LogWidget(lines: [.init("split 7 → 9", style: Style(fg: .yellow)), .init("link 12 Mbit/s")])
/// ```
public struct LogWidget: Widget, Sendable {
    /// One log line and its style.
    public struct Line: Hashable, Sendable {
        /// The text (newlines are shown as spaces).
        public var text: String
        /// Its style.
        public var style: Style

        /// Creates a line.
        public init(_ text: String, style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    /// All lines, oldest first.
    public var lines: [Line]
    /// How many lines up from the newest the view is scrolled (0 = follow the tail).
    public var scrollBack: Int
    /// Characters for the ellipsis.
    public var glyphs: GlyphSet

    /// Creates a log view.
    public init(lines: [Line], scrollBack: Int = 0, glyphs: GlyphSet = .unicode) {
        self.lines = lines
        self.scrollBack = scrollBack
        self.glyphs = glyphs
    }

    /// The lines that fit in `height` rows, oldest first.
    public func visibleLines(height: Int) -> ArraySlice<Line> {
        guard height > 0 else { return [] }
        let end = Swift.max(0, lines.count - Swift.max(0, scrollBack))
        return lines[Swift.max(0, end - height)..<end]
    }

    /// Draws the last lines; when there are fewer than rows, they sit at the bottom.
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let shown = visibleLines(height: area.height)
        var y = area.bottom - shown.count
        for line in shown {
            let flat = line.text.replacingNewlines()
            let text = TerminalWidth.truncateWords(flat, to: area.width, ellipsis: glyphs.ellipsis)
            buffer.set(x: area.x, y: y, string: text, style: line.style, maxWidth: area.width)
            y += 1
        }
    }
}

extension String {
    /// The string with line breaks and tabs turned into spaces, for one-row display.
    func replacingNewlines() -> String {
        // Most lines have none: skip the per-character rebuild.
        guard utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x0B || $0 == 0x0C || $0 == 0xC2 || $0 == 0xE2 })
        else { return self }
        return String(map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
