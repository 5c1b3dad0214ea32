/// A bordered box with an optional title on its top edge; the frame around a panel.
///
/// ```
/// ┌ Devices ───┐
/// │            │
/// └────────────┘
/// ```
/// Draw the block first, then the panel's content into ``inner(_:)``.
public struct BlockWidget: Widget, Sendable {
    /// Text shown on the top border, padded with one space each side; cut with … when long.
    public var title: String?
    /// Where the title sits on the top border.
    public var titleAlignment: Alignment
    /// Style of the border lines.
    public var borderStyle: Style
    /// Style of the title text.
    public var titleStyle: Style
    /// If set, the inside is cleared with this style (e.g. a panel background, or an overlay).
    public var fill: Style?
    /// Whether to draw the border; without one the title sits on the first row of the area.
    public var hasBorder: Bool
    /// Line and corner characters.
    public var glyphs: GlyphSet

    /// Creates a block.
    public init(
        title: String? = nil,
        titleAlignment: Alignment = .left,
        borderStyle: Style = .plain,
        titleStyle: Style = .plain,
        fill: Style? = nil,
        hasBorder: Bool = true,
        glyphs: GlyphSet = .unicode
    ) {
        self.title = title
        self.titleAlignment = titleAlignment
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.fill = fill
        self.hasBorder = hasBorder
        self.glyphs = glyphs
    }

    /// The area inside the border: `area` inset by 1, or `area` itself without a border.
    public func inner(_ area: Rect) -> Rect {
        hasBorder ? area.inset(by: 1) : area
    }

    /// Draws the border and title.
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        if let fill { buffer.clear(area, style: fill) }
        if hasBorder && area.width >= 2 && area.height >= 2 {
            drawBorder(area, buffer: &buffer)
        }
        guard let title, !title.isEmpty else { return }
        let inset = hasBorder ? 1 : 0
        let room = area.width - 2 * inset
        guard room > 0 else { return }
        let padded = hasBorder && room >= 3 ? " " + TerminalWidth.truncate(title, to: room - 2, ellipsis: glyphs.ellipsis) + " "
            : TerminalWidth.truncate(title, to: room, ellipsis: glyphs.ellipsis)
        let offset = titleAlignment.offset(textWidth: TerminalWidth.columns(of: padded), in: room)
        buffer.set(x: area.x + inset + offset, y: area.y, string: padded, style: titleStyle, maxWidth: room - offset)
    }

    private func drawBorder(_ area: Rect, buffer: inout Buffer) {
        let top = area.y, bottom = area.bottom - 1, left = area.x, right = area.right - 1
        for x in (left + 1)..<right {
            buffer.set(x: x, y: top, symbol: glyphs.horizontal, style: borderStyle)
            buffer.set(x: x, y: bottom, symbol: glyphs.horizontal, style: borderStyle)
        }
        for y in (top + 1)..<bottom {
            buffer.set(x: left, y: y, symbol: glyphs.vertical, style: borderStyle)
            buffer.set(x: right, y: y, symbol: glyphs.vertical, style: borderStyle)
        }
        buffer.set(x: left, y: top, symbol: glyphs.topLeft, style: borderStyle)
        buffer.set(x: right, y: top, symbol: glyphs.topRight, style: borderStyle)
        buffer.set(x: left, y: bottom, symbol: glyphs.bottomLeft, style: borderStyle)
        buffer.set(x: right, y: bottom, symbol: glyphs.bottomRight, style: borderStyle)
    }
}
