import SplitTerminal

/// The decision log: time, from → to, reason, decision µs; operator actions and faults stand out.
struct LogView: Widget {
    let state: DashboardState

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        let block = BlockWidget(title: " decisions · operator · faults ", borderStyle: theme.style(.border),
                                titleStyle: theme.style(.title), glyphs: state.glyphs)
        buffer.render(block, in: area)
        let inner = block.inner(area)
        let lines = state.log.suffix(max(0, inner.height)).map { entry -> LogWidget.Line in
            let style: Style
            let marker: String
            switch entry.kind {
            case .decision: style = theme.style(.foreground); marker = " "
            case .whatIfDecision: style = theme.style(.whatIf); marker = "?"
            case .operatorAction: style = theme.style(.pin).adding(.bold); marker = state.glyphs.pointer
            case .fault: style = theme.style(.error).adding(.bold); marker = "!"
            case .note: style = theme.style(.muted); marker = "#"
            }
            let text = TextFit.words("\(DashboardView.clock(entry.t)) \(marker) \(entry.text)", width: inner.width, ellipsis: state.glyphs.ellipsis)
            return LogWidget.Line(text, style: style)
        }
        buffer.render(LogWidget(lines: Array(lines), glyphs: state.glyphs), in: inner)
    }
}
