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
        let base = state.theme.baseStyle
        var buffer = Buffer(width: size.width, height: size.height,
                            filledWith: Cell(" ", fg: base.fg ?? .default, bg: base.bg ?? .default, attributes: base.attributes))
        for panel in panels(state, size: size) { panel.render(into: &buffer) }
        if !state.glyphs.isUnicode { asciiOnly(&buffer) }
        return buffer
    }

    /// The screen's layout: every panel and its rectangle, in drawing order (an overlay last).
    public static func panels(_ state: DashboardState, size: TerminalSize) -> [DashboardPanel] {
        let screen = Rect(x: 0, y: 0, width: max(0, size.width), height: max(0, size.height))
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            return [DashboardPanel(name: "too small", area: screen, widget: TooSmallNotice(state: state, size: size))]
        }
        let rows = screen.splitVertically([.fixed(1), .min(0), .fixed(1)])
        let body = rows[1]
        let layerHeight = max(9, body.height * 2 / 5)
        let logHeight = max(5, body.height / 4)
        let parts = body.splitVertically([.fixed(layerHeight), .min(0), .fixed(logHeight)])
        let gaugeWidth = size.width >= 120 ? 36 : 28
        let middle = parts[1].splitHorizontally([.min(0), .fixed(gaugeWidth)])
        var panels = [
            DashboardPanel(name: "header", area: rows[0], widget: HeaderView(state: state)),
            state.showShares ? DashboardPanel(name: "edge shares", area: parts[0], widget: EdgeSharesView(state: state))
                : DashboardPanel(name: "layers", area: parts[0], widget: LayerView(state: state)),
            DashboardPanel(name: "timeline", area: middle[0], widget: TimelineView(state: state)),
            DashboardPanel(name: "gauges", area: middle[1], widget: GaugesView(state: state)),
            DashboardPanel(name: "log", area: parts[2], widget: LogView(state: state)),
            DashboardPanel(name: "bottom bar", area: rows[2], widget: BottomBar(state: state)),
        ]
        if state.showHelp {
            let theme = state.theme
            var help = HelpOverlay(bindings: DashboardBindings.keyBindings, title: "splitscope keys",
                                   footer: "Esc, ? or q closes", style: theme.baseStyle, borderStyle: theme.style(.border),
                                   titleStyle: theme.style(.title), keyStyle: theme.style(.hintKey), glyphs: state.glyphs)
            help.scroll = state.helpScroll
            panels.append(DashboardPanel(name: "help", area: screen, widget: help))
        }
        return panels
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

/// What a terminal below ``DashboardView/minimumSize`` shows instead of the dashboard.
struct TooSmallNotice: Widget {
    let state: DashboardState
    let size: TerminalSize

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        let ellipsis = state.glyphs.ellipsis
        let minimum = DashboardView.minimumSize
        let lines = [
            TextFit.first(["splitscope needs at least \(minimum.width)×\(minimum.height)", "needs \(minimum.width)×\(minimum.height)",
                           "\(minimum.width)×\(minimum.height)"], width: area.width, ellipsis: ellipsis),
            TextFit.first(["this terminal is \(size.width)×\(size.height)", "now \(size.width)×\(size.height)"], width: area.width, ellipsis: ellipsis),
            TextFit.first(["enlarge it, or press q to quit", "q quits"], width: area.width, ellipsis: ellipsis),
        ]
        let top = area.y + max(0, area.height / 2 - 1)
        for (i, line) in lines.enumerated() where top + i < area.bottom {
            let x = area.x + max(0, (area.width - TerminalWidth.columns(of: line)) / 2)
            _ = buffer.set(x: x, y: top + i, string: line, style: i == 0 ? theme.style(.warn) : theme.baseStyle, maxWidth: area.right - x)
        }
    }
}
