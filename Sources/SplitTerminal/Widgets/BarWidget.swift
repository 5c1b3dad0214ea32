/// A horizontal bar for one quantity, drawn to an eighth of a cell: `label ██████▍    value`.
///
/// The label sits at the left (padded to ``labelWidth`` so bars stack in a column), the value
/// text at the right, and the bar takes the columns between. With a taller area every row
/// repeats the bar and the texts sit on the middle row.
///
/// ```swift
/// BarWidget(value: 0.42, maximum: 1, label: "edge", valueText: "42%", barStyle: Style(fg: .cyan))
/// // "edge ████▋       42%"  (in 20 columns: 11 bar columns, 0.42 of them = 4⅝)
/// ```
public struct BarWidget: Widget, Sendable {
    /// The quantity shown.
    public var value: Double
    /// The value of a full bar; values are clamped to 0…maximum.
    public var maximum: Double
    /// Text left of the bar.
    public var label: String?
    /// Columns reserved for the label (defaults to its width); longer labels are cut with ….
    public var labelWidth: Int?
    /// Text right of the bar, e.g. `"42%"` or `"3.1 MB/s"`.
    public var valueText: String?
    /// Style of the label and value text.
    public var textStyle: Style
    /// Style of the filled part.
    public var barStyle: Style
    /// Style of the unfilled part (drawn as spaces, so only its background shows).
    public var trackStyle: Style
    /// Ramp characters.
    public var glyphs: GlyphSet

    /// Creates a bar.
    public init(
        value: Double,
        maximum: Double = 1,
        label: String? = nil,
        labelWidth: Int? = nil,
        valueText: String? = nil,
        textStyle: Style = .plain,
        barStyle: Style = .plain,
        trackStyle: Style = .plain,
        glyphs: GlyphSet = .unicode
    ) {
        self.value = value
        self.maximum = maximum
        self.label = label
        self.labelWidth = labelWidth
        self.valueText = valueText
        self.textStyle = textStyle
        self.barStyle = barStyle
        self.trackStyle = trackStyle
        self.glyphs = glyphs
    }

    /// The fraction 0…1 of a full bar that ``value`` fills (0 when the maximum is not positive).
    public var fraction: Double {
        guard maximum > 0, value.isFinite else { return 0 }
        return Swift.min(1, Swift.max(0, value / maximum))
    }

    /// Draws the label, bar and value text.
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let textRow = area.y + area.height / 2
        var barLeft = area.x
        var barRight = area.right
        if let label {
            let width = Swift.min(labelWidth ?? TerminalWidth.columns(of: label), area.width)
            let text = TerminalWidth.truncateWords(label, to: width, ellipsis: glyphs.ellipsis)
            buffer.set(x: area.x, y: textRow, string: text, style: textStyle, maxWidth: width)
            barLeft = Swift.min(area.right, area.x + width + 1)
        }
        if let valueText {
            let width = TerminalWidth.columns(of: valueText)
            if barRight - width - 1 >= barLeft {
                buffer.set(x: barRight - width, y: textRow, string: valueText, style: textStyle)
                barRight -= width + 1
            }
        }
        let bar = Rect(x: barLeft, y: area.y, width: barRight - barLeft, height: area.height)
        for row in bar.rows {
            BarWidget.drawBar(fraction: fraction, in: row, buffer: &buffer, ramp: glyphs.horizontalRamp,
                              barStyle: barStyle, trackStyle: trackStyle)
        }
    }

    /// Fills one row of `rect` to `fraction`, with a partial ramp character at the tip.
    static func drawBar(
        fraction: Double, in rect: Rect, buffer: inout Buffer, ramp: [String], barStyle: Style, trackStyle: Style
    ) {
        guard !rect.isEmpty, ramp.count >= 2 else { return }
        let steps = ramp.count - 1
        let total = GlyphSet.level(fraction, steps: rect.width * steps)
        let full = total / steps
        let partial = total % steps
        for column in 0..<rect.width {
            let x = rect.x + column
            if column < full {
                buffer.set(x: x, y: rect.y, symbol: ramp[steps], style: barStyle)
            } else if column == full && partial > 0 {
                buffer.set(x: x, y: rect.y, symbol: ramp[partial], style: trackStyle.patch(barStyle))
            } else {
                buffer.set(x: x, y: rect.y, symbol: " ", style: trackStyle)
            }
        }
    }
}
