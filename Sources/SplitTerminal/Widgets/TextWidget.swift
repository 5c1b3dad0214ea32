/// Paragraphs of styled spans, wrapped at word boundaries or cut with ….
///
/// ```swift
/// TextWidget(lines: [[Span("split ", style: muted), Span("7", style: Style(attributes: .bold))]],
///            overflow: .truncate)
/// ```
public struct TextWidget: Widget, Sendable {
    /// What happens to a line wider than the area.
    public enum Overflow: Hashable, Sendable {
        /// Continue on the next row, breaking at spaces (and inside words longer than a row).
        case wrap
        /// Cut at the edge, ending in ….
        case truncate
    }

    /// The lines, each a sequence of spans.
    public var lines: [[Span]]
    /// Wrap or truncate.
    public var overflow: Overflow
    /// Where each row sits in the width.
    public var alignment: Alignment
    /// Style laid under every span.
    public var style: Style
    /// Characters for the ellipsis.
    public var glyphs: GlyphSet

    /// Creates text from lines of spans.
    public init(lines: [[Span]], overflow: Overflow = .wrap, alignment: Alignment = .left,
                style: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.lines = lines
        self.overflow = overflow
        self.alignment = alignment
        self.style = style
        self.glyphs = glyphs
    }

    /// Creates text from a plain string; `\n` starts a new line.
    public init(_ text: String, style: Style = .plain, overflow: Overflow = .wrap, alignment: Alignment = .left,
                glyphs: GlyphSet = .unicode) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { [Span(String($0))] }
        self.init(lines: lines, overflow: overflow, alignment: alignment, style: style, glyphs: glyphs)
    }

    /// A grapheme and its style.
    typealias StyledCharacter = (character: Character, style: Style)

    /// The rows the text takes in `width` columns, after wrapping or truncating.
    func layoutRows(width: Int) -> [[StyledCharacter]] {
        guard width > 0 else { return [] }
        var rows: [[StyledCharacter]] = []
        for line in lines {
            let characters: [StyledCharacter] = line.flatMap { span in
                span.text.replacingNewlines().map { (character: $0, style: style.patch(span.style)) }
            }
            switch overflow {
            case .truncate: rows.append(truncate(characters, width: width))
            case .wrap: rows.append(contentsOf: wrap(characters, width: width))
            }
        }
        return rows
    }

    /// Draws the rows that fit.
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        for (index, row) in layoutRows(width: area.width).prefix(area.height).enumerated() {
            let rowWidth = row.reduce(0) { $0 + TerminalWidth.columns(of: $1.character) }
            var x = area.x + alignment.offset(textWidth: rowWidth, in: area.width)
            for item in row {
                buffer.set(x: x, y: area.y + index, symbol: String(item.character), style: item.style)
                x += TerminalWidth.columns(of: item.character)
            }
        }
    }

    private func width(of characters: some Collection<StyledCharacter>) -> Int {
        characters.reduce(0) { $0 + TerminalWidth.columns(of: $1.character) }
    }

    private func truncate(_ characters: [StyledCharacter], width: Int) -> [StyledCharacter] {
        guard self.width(of: characters) > width else { return characters }
        let ellipsisWidth = TerminalWidth.columns(of: glyphs.ellipsis)
        let room = width - ellipsisWidth
        var kept: [StyledCharacter] = []
        var used = 0
        for item in characters {
            let w = TerminalWidth.columns(of: item.character)
            if used + w > Swift.max(0, room) { break }
            kept.append(item)
            used += w
        }
        guard room >= 0 else { return kept }
        let ellipsisStyle = kept.last?.style ?? characters.first?.style ?? style
        return kept + glyphs.ellipsis.map { (character: $0, style: ellipsisStyle) }
    }

    /// Greedy word wrap: words move whole to the next row when they do not fit; a word wider
    /// than a row is broken; spaces at a wrap point are dropped.
    private func wrap(_ characters: [StyledCharacter], width: Int) -> [[StyledCharacter]] {
        var rows: [[StyledCharacter]] = []
        var current: [StyledCharacter] = []
        var currentWidth = 0
        for word in words(characters) {
            let isSpace = word.first?.character == " "
            let wordWidth = self.width(of: word)
            if currentWidth + wordWidth <= width {
                if !(isSpace && current.isEmpty && !rows.isEmpty) {
                    current.append(contentsOf: word)
                    currentWidth += wordWidth
                }
                continue
            }
            if isSpace {
                rows.append(current)
                current = []
                currentWidth = 0
                continue
            }
            if !current.isEmpty {
                rows.append(trimTrailingSpaces(current))
                current = []
                currentWidth = 0
            }
            for item in word {
                let w = TerminalWidth.columns(of: item.character)
                if currentWidth + w > width && !current.isEmpty {
                    rows.append(current)
                    current = []
                    currentWidth = 0
                }
                current.append(item)
                currentWidth += w
            }
        }
        rows.append(trimTrailingSpaces(current))
        return rows
    }

    /// Runs of spaces and runs of non-spaces, in order.
    private func words(_ characters: [StyledCharacter]) -> [[StyledCharacter]] {
        var words: [[StyledCharacter]] = []
        for item in characters {
            let isSpace = item.character == " "
            if let last = words.last?.last, (last.character == " ") == isSpace {
                words[words.count - 1].append(item)
            } else {
                words.append([item])
            }
        }
        return words
    }

    private func trimTrailingSpaces(_ row: [StyledCharacter]) -> [StyledCharacter] {
        var row = row
        while row.last?.character == " " { row.removeLast() }
        return row
    }
}
