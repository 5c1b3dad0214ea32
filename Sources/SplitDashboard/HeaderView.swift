import SplitTerminal

/// The top line: model, policy, mode, session clock, source and frame rate.
struct HeaderView: Widget {
    let state: DashboardState

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        buffer.setStyle(theme.style(.header).adding(.reverse), in: area)
        let bar = theme.style(.header).adding(.reverse)
        let context = state.context
        var spans: [Span] = [Span(" splitscope ", style: bar.adding(.bold))]
        let sep = Span(" \(state.glyphs.separator) ", style: bar)
        spans.append(sep)
        spans.append(Span("\(context.header.model.name) \(context.layerCount)L \(context.isChain ? "chain" : "DAG")", style: bar))
        spans.append(sep)
        let policy = state.whatIf?.controller.policyKind.description ?? context.policy.description
        spans.append(Span(policy, style: bar.adding(.bold)))
        spans.append(sep)
        spans.append(modeSpan())
        if state.whatIf != nil {
            spans.append(Span(" ", style: bar))
            let overrides = area.width >= 120 ? (state.whatIf?.overrides.joined(separator: ", ") ?? "") : ""
            spans.append(Span(" WHAT-IF \(overrides.isEmpty ? "" : "(\(overrides)) ")", style: theme.style(.whatIf).adding([.reverse, .bold])))
        }
        spans.append(sep)
        spans.append(Span("\(DashboardView.clock(state.clock)) / \(DashboardView.clock(state.duration))", style: bar))
        spans.append(sep)
        let source = state.mode == .live ? "connected" : "recorded"
        spans.append(Span(source, style: bar))
        spans.append(sep)
        spans.append(Span("\(Int(state.framesPerSecond)) fps", style: bar))
        if !state.edgeReachable {
            spans.append(sep)
            spans.append(Span("EDGE LOST", style: theme.style(.error).adding([.reverse, .bold])))
        }
        var x = area.x
        for span in spans where x < area.right {
            x = buffer.set(x: x, y: area.y, string: span.text, style: span.style, maxWidth: area.right - x)
        }
    }

    private func modeSpan() -> Span {
        let theme = state.theme
        switch state.mode {
        case .live:
            return Span(" LIVE ", style: theme.style(.ok).adding([.reverse, .bold]))
        case .replay(let speed, let paused):
            if paused { return Span(" \(state.glyphs.pause) PAUSED ", style: theme.style(.warn).adding([.reverse, .bold])) }
            let shown = speed < 1 ? DashboardState.fixed(speed, 2) : String(Int(speed))
            return Span(" REPLAY \(shown)× ", style: theme.style(.accent).adding([.reverse, .bold]))
        }
    }
}
