/// A one-row bar of key hints, `q Quit  ? Help  p Pin split`, that fits its width by dropping
/// the lowest-priority hints.
///
/// Hints keep the order of the binding table; only those with ``KeyBinding/showInHintBar``
/// appear. When they do not fit, every hint takes its ``KeyBinding/shortDescription`` (more keys
/// in few words, as htop's function-key bar), and then the hint with the lowest
/// ``KeyBinding/hintPriority`` goes first (of equals, the later one). A single hint that still
/// does not fit is cut at a word with ….
public struct KeyHintBar: Widget, Sendable {
    /// The binding table.
    public var bindings: [KeyBinding]
    /// Style of the key text.
    public var keyStyle: Style
    /// Style of the descriptions.
    public var textStyle: Style
    /// Style laid over the whole row first (e.g. a status-bar background).
    public var barStyle: Style
    /// Text between hints.
    public var separator: String
    /// Characters for the ellipsis.
    public var glyphs: GlyphSet

    /// Creates a hint bar.
    public init(bindings: [KeyBinding], keyStyle: Style = Style(attributes: .bold), textStyle: Style = .plain,
                barStyle: Style = .plain, separator: String = "  ", glyphs: GlyphSet = .unicode) {
        self.bindings = bindings
        self.keyStyle = keyStyle
        self.textStyle = textStyle
        self.barStyle = barStyle
        self.separator = separator
        self.glyphs = glyphs
    }

    /// Columns one hint takes: key, a space, description.
    static func width(of binding: KeyBinding) -> Int {
        TerminalWidth.columns(of: binding.key) + 1 + TerminalWidth.columns(of: binding.description)
    }

    /// Columns a list of hints takes with separators.
    func width(of hints: [KeyBinding]) -> Int {
        hints.reduce(0) { $0 + KeyHintBar.width(of: $1) } + Swift.max(0, hints.count - 1) * TerminalWidth.columns(of: separator)
    }

    /// The hints shown in `width` columns, in table order, with the descriptions they are shown with.
    public func fittedBindings(width: Int) -> [KeyBinding] {
        var hints = bindings.filter(\.showInHintBar)
        if self.width(of: hints) > width {
            for index in hints.indices { hints[index].description = hints[index].shortDescription ?? hints[index].description }
        }
        while hints.count > 1 && self.width(of: hints) > width {
            var drop = hints.count - 1
            for index in hints.indices.reversed() where hints[index].hintPriority < hints[drop].hintPriority {
                drop = index
            }
            hints.remove(at: drop)
        }
        return hints
    }

    /// Draws the hints from the left edge.
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.setStyle(barStyle, in: row)
        var x = area.x
        for (index, hint) in fittedBindings(width: area.width).enumerated() {
            if index > 0 { x = buffer.set(x: x, y: area.y, string: separator, style: barStyle, maxWidth: area.right - x) }
            x = buffer.set(x: x, y: area.y, string: hint.key, style: barStyle.patch(keyStyle), maxWidth: area.right - x)
            let room = area.right - x - 1
            guard room > 0 else { break }
            let description = TerminalWidth.truncateWords(hint.description, to: room, ellipsis: glyphs.ellipsis)
            x = buffer.set(x: x + 1, y: area.y, string: description, style: barStyle.patch(textStyle), maxWidth: room)
        }
    }
}
