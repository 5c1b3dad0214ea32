/// A centred box listing every key binding, grouped by section: the `?` screen.
///
/// ```
/// ┌──── Help ─────┐
/// │ General       │
/// │   q  Quit     │
/// │   ?  Help     │
/// │               │
/// │ Split         │
/// │   p  Pin split│
/// └─ Esc closes ──┘
/// ```
/// Sections appear in the order of their first binding; the box clears what is under it and
/// shrinks to the area. When the rows do not fit, it shows the rows from ``scroll`` on and the
/// footer says which rows are shown, so the caller can scroll with ↑/↓ and PgUp/PgDn.
public struct HelpOverlay: Widget, Sendable {
    /// The binding table (the same one the ``KeyHintBar`` shows).
    public var bindings: [KeyBinding]
    /// Title on the top border.
    public var title: String
    /// Text on the bottom border, e.g. how to close the overlay.
    public var footer: String?
    /// Style of the box inside (cleared with it) and of descriptions.
    public var style: Style
    /// Style of the border.
    public var borderStyle: Style
    /// Style of the title and section headings.
    public var titleStyle: Style
    /// Style of the keys.
    public var keyStyle: Style
    /// Characters for the border and ellipsis.
    public var glyphs: GlyphSet
    /// The first content row shown when not every row fits (clamped so the last page is full).
    public var scroll: Int = 0

    /// Creates a help overlay.
    public init(bindings: [KeyBinding], title: String = "Help", footer: String? = nil, style: Style = .plain,
                borderStyle: Style = .plain, titleStyle: Style = Style(attributes: .bold),
                keyStyle: Style = Style(attributes: .bold), glyphs: GlyphSet = .unicode) {
        self.bindings = bindings
        self.title = title
        self.footer = footer
        self.style = style
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.keyStyle = keyStyle
        self.glyphs = glyphs
    }

    /// The bindings grouped by section, sections in order of first appearance.
    public var sections: [(name: String, bindings: [KeyBinding])] {
        var order: [String] = []
        var groups: [String: [KeyBinding]] = [:]
        for binding in bindings {
            if groups[binding.section] == nil { order.append(binding.section) }
            groups[binding.section, default: []].append(binding)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    /// One line of the box's content.
    enum ContentLine: Equatable {
        case heading(String)
        case binding(key: String, description: String)
        case blank
    }

    /// The lines inside the box: heading, indented bindings, a blank line between sections.
    func contentLines() -> [ContentLine] {
        var lines: [ContentLine] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append(.blank) }
            if !section.name.isEmpty { lines.append(.heading(section.name)) }
            lines.append(contentsOf: section.bindings.map { .binding(key: $0.key, description: $0.description) })
        }
        return lines
    }

    /// How many rows the content has (headings, bindings and the blank rows between sections).
    public var lineCount: Int { contentLines().count }

    /// The content rows shown in `area`: all of them, or a window starting at ``scroll``.
    public func visibleLines(in area: Rect) -> Range<Int> {
        let count = lineCount
        let rows = Swift.max(0, box(in: area).height - 2)
        let first = Swift.max(0, Swift.min(scroll, count - rows))
        return first..<Swift.min(count, first + rows)
    }

    /// Width of the key column.
    var keyWidth: Int { bindings.map { TerminalWidth.columns(of: $0.key) }.max() ?? 0 }

    /// The box this overlay draws within `area`: content plus one column of padding each side
    /// and the border, centred and clamped.
    public func box(in area: Rect) -> Rect {
        let lines = contentLines()
        let contentWidth = lines.map { line -> Int in
            switch line {
            case .heading(let text): return TerminalWidth.columns(of: text)
            case .binding(_, let description): return 2 + keyWidth + 2 + TerminalWidth.columns(of: description)
            case .blank: return 0
            }
        }.max() ?? 0
        var footerText = footer ?? ""
        if lines.count + 2 > area.height {
            // Room for the scroll position in the footer (the widest it can be).
            footerText = "\(glyphs.arrowUp)/\(glyphs.arrowDown) PgUp/PgDn: rows 999-999 of 999 \(glyphs.separator) " + footerText
        }
        let decorations = [title, footerText].map { TerminalWidth.columns(of: $0) + 4 }.max() ?? 0
        let width = Swift.max(contentWidth + 4, decorations)
        return area.centered(width: width, height: lines.count + 2)
    }

    /// Draws the box and its content.
    public func render(in area: Rect, buffer: inout Buffer) {
        let box = box(in: area.intersection(buffer.area))
        guard !box.isEmpty else { return }
        let block = BlockWidget(title: title, titleAlignment: .center, borderStyle: style.patch(borderStyle),
                                titleStyle: style.patch(titleStyle), fill: style, glyphs: glyphs)
        block.render(in: box, buffer: &buffer)
        let shown = visibleLines(in: area.intersection(buffer.area))
        var footerText = footer
        if shown.count < lineCount {
            let position = "\(glyphs.arrowUp)/\(glyphs.arrowDown) PgUp/PgDn: rows \(shown.lowerBound + 1)-\(shown.upperBound) of \(lineCount)"
            footerText = footer.map { "\(position) \(glyphs.separator) \($0)" } ?? position
        }
        if let footer = footerText, box.width > 4, box.height >= 2 {
            let text = " " + TerminalWidth.truncateWords(footer, to: box.width - 4, ellipsis: glyphs.ellipsis) + " "
            let x = box.x + 1 + Alignment.center.offset(textWidth: TerminalWidth.columns(of: text), in: box.width - 2)
            buffer.set(x: x, y: box.bottom - 1, string: text, style: style.patch(borderStyle), maxWidth: box.width - 2)
        }
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        for (index, line) in contentLines()[shown].enumerated() {
            let y = inner.y + index
            switch line {
            case .heading(let text):
                buffer.set(x: inner.x, y: y, string: TerminalWidth.truncateWords(text, to: inner.width, ellipsis: glyphs.ellipsis),
                           style: style.patch(titleStyle), maxWidth: inner.width)
            case .binding(let key, let description):
                let keyX = inner.x + 2
                buffer.set(x: keyX, y: y, string: key, style: style.patch(keyStyle), maxWidth: inner.right - keyX)
                let descriptionX = keyX + keyWidth + 2
                let room = inner.right - descriptionX
                if room > 0 {
                    buffer.set(x: descriptionX, y: y,
                               string: TerminalWidth.truncateWords(description, to: room, ellipsis: glyphs.ellipsis),
                               style: style, maxWidth: room)
                }
            case .blank:
                break
            }
        }
    }
}
