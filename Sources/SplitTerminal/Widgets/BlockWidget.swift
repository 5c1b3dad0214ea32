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
    ///
    /// The title replaces the border cells it covers rather than being laid over them, so it
    /// does not inherit the border's attributes (a dim border must not dim the title).
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        if let fill { buffer.clear(area, style: fill) }
        let title = placedTitle(in: area)
        if hasBorder && area.width >= 2 && area.height >= 2 {
            drawBorder(area, skipping: title.map { $0.x..<($0.x + TerminalWidth.columns(of: $0.text)) } ?? 0..<0,
                       buffer: &buffer)
        }
        if let title {
            buffer.set(x: title.x, y: area.y, string: title.text, style: titleStyle, maxWidth: area.right - title.x)
        }
    }

    /// The title text as drawn (padded, cut) and its column, or `nil` when there is none or no room.
    private func placedTitle(in area: Rect) -> (x: Int, text: String)? {
        guard let title, !title.isEmpty else { return nil }
        let inset = hasBorder ? 1 : 0
        let room = area.width - 2 * inset
        guard room > 0 else { return nil }
        let text = hasBorder && room >= 3
            ? " " + TerminalWidth.truncateWords(title, to: room - 2, ellipsis: glyphs.ellipsis) + " "
            : TerminalWidth.truncateWords(title, to: room, ellipsis: glyphs.ellipsis)
        let offset = titleAlignment.offset(textWidth: TerminalWidth.columns(of: text), in: room)
        return (area.x + inset + offset, text)
    }

    private func drawBorder(_ area: Rect, skipping titleColumns: Range<Int>, buffer: inout Buffer) {
        let top = area.y, bottom = area.bottom - 1, left = area.x, right = area.right - 1
        for x in (left + 1)..<right {
            if !titleColumns.contains(x) {
                buffer.set(x: x, y: top, symbol: glyphs.horizontal, style: borderStyle)
            }
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
