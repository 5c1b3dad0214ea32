import SplitModels
import SplitPlanners
import SplitSession
import SplitTerminal

/// Draws the dashboard state into a buffer: a pure function of the state and the size.
public enum DashboardView {
    /// The smallest terminal the layout is designed for.
    public static let minimumSize = TerminalSize(width: 80, height: 24)

    /// The whole screen.
    public static func render(_ state: DashboardState, size: TerminalSize) -> Buffer {
        let theme = state.theme
        let base = theme.baseStyle
        var buffer = Buffer(width: size.width, height: size.height,
                            filledWith: Cell(" ", fg: base.fg ?? .default, bg: base.bg ?? .default, attributes: base.attributes))
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            renderTooSmall(size: size, theme: theme, glyphs: state.glyphs, into: &buffer)
            return buffer
        }
        let rows = buffer.area.splitVertically([.fixed(1), .min(0), .fixed(1)])
        HeaderView(state: state).render(in: rows[0], buffer: &buffer)
        let body = rows[1]
        let layerHeight = max(9, body.height * 2 / 5)
        let logHeight = max(5, body.height / 4)
        let parts = body.splitVertically([.fixed(layerHeight), .min(0), .fixed(logHeight)])
        if state.showShares {
            EdgeSharesView(state: state).render(in: parts[0], buffer: &buffer)
        } else {
            LayerView(state: state).render(in: parts[0], buffer: &buffer)
        }
        let gaugeWidth = size.width >= 120 ? 36 : 28
        let middle = parts[1].splitHorizontally([.min(0), .fixed(gaugeWidth)])
        TimelineView(state: state).render(in: middle[0], buffer: &buffer)
        GaugesView(state: state).render(in: middle[1], buffer: &buffer)
        LogView(state: state).render(in: parts[2], buffer: &buffer)
        BottomBar(state: state).render(in: rows[2], buffer: &buffer)
        if state.showHelp {
            var help = HelpOverlay(bindings: DashboardBindings.keyBindings, title: "splitscope keys",
                                   footer: "Esc, ? or q closes", style: base, borderStyle: theme.style(.border),
                                   titleStyle: theme.style(.title), keyStyle: theme.style(.hintKey), glyphs: state.glyphs)
            help.scroll = state.helpScroll
            buffer.render(help, in: buffer.area)
        }
        if !state.glyphs.isUnicode { asciiOnly(&buffer) }
        return buffer
    }

    /// On a terminal whose locale is not UTF-8, every cell must be ASCII: map the punctuation the
    /// texts use (×, →, µ, ·, …) and anything else to a plain stand-in.
    static func asciiOnly(_ buffer: inout Buffer) {
        let map: [String: String] = ["×": "x", "→": ">", "µ": "u", "·": "-", "…": "~", "–": "-", "—": "-", "∓": "-",
                                     "≤": "<", "≥": ">", "←": "<", "▲": "^", "◆": "*", "┃": "|", "┆": ":", "▏": "|"]
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                guard !cell.symbol.isEmpty, !cell.symbol.unicodeScalars.allSatisfy(\.isASCII) else { continue }
                buffer.set(x: x, y: y, symbol: map[cell.symbol] ?? "?", style: cell.style)
            }
        }
    }

    private static func renderTooSmall(size: TerminalSize, theme: Theme, glyphs: GlyphSet, into buffer: inout Buffer) {
        let lines = [
            "splitscope needs at least \(minimumSize.width)×\(minimumSize.height)",
            "this terminal is \(size.width)×\(size.height)",
            "enlarge it, or press q to quit",
        ]
        let top = max(0, size.height / 2 - 1)
        for (i, line) in lines.enumerated() where top + i < size.height {
            let text = TerminalWidth.truncate(line, to: max(1, size.width))
            let x = max(0, (size.width - TerminalWidth.columns(of: text)) / 2)
            _ = buffer.set(x: x, y: top + i, string: text, style: i == 0 ? theme.style(.warn) : theme.baseStyle)
        }
    }

    /// `mm:ss.s`; any Double draws (a time beyond a year shows as a year, NaN as 0).
    static func clock(_ t: Double) -> String {
        let total = Quantity.seconds.clamp(t)
        let minutes = Int(total / 60)
        let seconds = total - Double(minutes) * 60
        let text = DashboardState.fixed(seconds, 1)
        return (minutes < 10 ? "0" : "") + "\(minutes):" + (seconds < 10 ? "0" : "") + text
    }

    /// `150.5 kB`.
    static func bytes(_ value: Int) -> String {
        let v = Double(value)
        if v >= 1e6 { return DashboardState.fixed(v / 1e6, 2) + " MB" }
        if v >= 1e3 { return DashboardState.fixed(v / 1e3, 1) + " kB" }
        return "\(value) B"
    }
}
