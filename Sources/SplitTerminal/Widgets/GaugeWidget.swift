/// A ratio shown as a filled row with a centred label, coloured by thresholds (ok → warn → error).
///
/// The filled part is drawn in reverse video of its style, so the label reads across it on
/// any terminal, including monochrome ones; the tip of the fill uses an eighth block.
///
/// ```swift
/// GaugeWidget(ratio: 0.82, thresholds: [
///     .init(from: 0, style: Style(fg: .green)),
///     .init(from: 0.7, style: Style(fg: .yellow)),
///     .init(from: 0.9, style: Style(fg: .red)),
/// ])
/// // 20 columns: 16 reversed yellow cells (the label "82%" among them), a ▍ tip, 3 blank
/// ```
public struct GaugeWidget: Widget, Sendable {
    /// A style that applies from a ratio upwards.
    public struct Threshold: Hashable, Sendable {
        /// The smallest ratio this style applies to.
        public var from: Double
        /// The fill style from that ratio.
        public var style: Style

        /// Creates a threshold.
        public init(from: Double, style: Style) {
            self.from = from
            self.style = style
        }
    }

    /// The ratio shown, clamped to 0…1.
    public var ratio: Double
    /// Text centred on the gauge; `nil` shows the ratio as a percentage.
    public var label: String?
    /// Fill style when no threshold applies.
    public var filledStyle: Style
    /// Style of the unfilled part and of label characters over it.
    public var unfilledStyle: Style
    /// Fill styles by ratio: the last threshold whose `from` ≤ ratio wins.
    public var thresholds: [Threshold]
    /// Ramp characters for the tip.
    public var glyphs: GlyphSet

    /// Creates a gauge.
    public init(
        ratio: Double,
        label: String? = nil,
        filledStyle: Style = .plain,
        unfilledStyle: Style = .plain,
        thresholds: [Threshold] = [],
        glyphs: GlyphSet = .unicode
    ) {
        self.ratio = ratio
        self.label = label
        self.filledStyle = filledStyle
        self.unfilledStyle = unfilledStyle
        self.thresholds = thresholds
        self.glyphs = glyphs
    }

    /// ``ratio`` clamped to 0…1 (0 when not finite).
    public var clampedRatio: Double {
        ratio.isFinite ? Swift.min(1, Swift.max(0, ratio)) : 0
    }

    /// The fill style for the current ratio after thresholds.
    public var activeStyle: Style {
        let ratio = clampedRatio
        return thresholds.last(where: { ratio >= $0.from })?.style ?? filledStyle
    }

    /// The label drawn: ``label`` or the rounded percentage.
    public var labelText: String {
        label ?? "\(Int((clampedRatio * 100).rounded()))%"
    }

    /// Draws the fill and the label.
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let fill = activeStyle
        let reversed = fill.adding(.reverse)
        let ramp = glyphs.horizontalRamp
        let steps = Swift.max(1, ramp.count - 1)
        let total = GlyphSet.level(clampedRatio, steps: area.width * steps)
        let full = total / steps
        let partial = total % steps
        for row in area.rows {
            for column in 0..<area.width {
                let x = row.x + column
                if column < full {
                    buffer.set(x: x, y: row.y, symbol: " ", style: reversed)
                } else if column == full && partial > 0 && glyphs.isUnicode {
                    buffer.set(x: x, y: row.y, symbol: ramp[partial], style: unfilledStyle.patch(fill))
                } else {
                    buffer.set(x: x, y: row.y, symbol: " ", style: unfilledStyle)
                }
            }
        }
        let text = TerminalWidth.truncateWords(labelText, to: area.width, ellipsis: glyphs.ellipsis)
        var x = area.x + Alignment.center.offset(textWidth: TerminalWidth.columns(of: text), in: area.width)
        let y = area.y + area.height / 2
        for character in text {
            let style = x - area.x < full ? reversed : unfilledStyle
            buffer.set(x: x, y: y, symbol: String(character), style: style)
            x += TerminalWidth.columns(of: character)
        }
    }
}
