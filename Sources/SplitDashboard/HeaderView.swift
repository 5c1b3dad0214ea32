import SplitTerminal

/// The top line: model (in a session of versions, the version in force and its accuracy; in a
/// cascade, the device model and the edge model), the
/// device shown (in a session of several), policy, mode, session clock, source and frame rate.
///
/// When the line is too narrow it shortens in stages, the least important part first (the
/// frame rate's words, the source, the program name, the model's details, the list of
/// what-if overrides, at last the model's name cut in the middle), and drops parts only after
/// that; the model's name and the session clock are never dropped.
struct HeaderView: Widget {
    let state: DashboardState

    /// One part of the header: its texts from the fullest to the shortest ("" drops it) and style.
    struct Part {
        var stages: [String]
        var style: Style
        var stage = 0
        var text: String { stages[min(stage, stages.count - 1)] }
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        let bar = theme.style(.header).adding(.reverse)
        buffer.setStyle(bar, in: area)
        let context = state.context
        let separator = " \(state.glyphs.separator) "
        let name = context.modelTitle
        var parts: [Part] = []
        let brand = parts.count
        parts.append(Part(stages: ["splitscope", ""], style: bar.adding(.bold)))
        let model = parts.count
        // The model's name is never dropped: at the last it is cut in the middle, its version and accuracy kept.
        let ellipsis = state.glyphs.ellipsis
        let modelStages = ["\(name) \(context.layerCount)L \(context.isChain ? "chain" : "DAG")", "\(name) \(context.layerCount)L", name,
                           context.modelTitle(nameWidth: 16, ellipsis: ellipsis), context.modelTitle(nameWidth: 10, ellipsis: ellipsis)]
        parts.append(Part(stages: modelStages, style: bar))
        var device: Int?
        if let fleet = state.fleet {
            device = parts.count
            let id = fleet.shownID
            // A long id is cut in the middle, then only its place in the fleet is left ("1/8").
            let place = "\(fleet.shown + 1)/\(fleet.devices.count)"
            parts.append(Part(stages: [fleet.title, "\(place) \(id)", id, TextFit.middle(id, width: 14, ellipsis: state.glyphs.ellipsis), place],
                              style: bar.adding(.bold)))
        }
        let policy = state.policyNameInForce
        let policyIndex = parts.count
        var policyStages = ["policy \(policy)", policy]
        // "fast allocator" (a fleet's recording) shortens to "fast", "edge-assigned (mincut when alone)" to "edge-assigned".
        if let word = policy.split(separator: " ").first.map(String.init), word != policy { policyStages.append(word) }
        parts.append(Part(stages: policyStages, style: bar.adding(.bold)))
        var batch: Int?
        if state.batchInForce != 1 {
            batch = parts.count
            parts.append(Part(stages: ["batch \(state.batchInForce)", "b\(state.batchInForce)"], style: bar.adding(.bold)))
        }
        let mode = parts.count
        parts.append(modePart())
        var whatIf: Int?
        if let run = state.whatIf {
            whatIf = parts.count
            let overrides = run.overrides
            var stages: [String] = []
            if !overrides.isEmpty {
                stages.append(" WHAT-IF (\(overrides.joined(separator: ", "))) ")
                if overrides.count > 1 { stages.append(" WHAT-IF (\(overrides.count) overrides) ") }
            }
            stages.append(" WHAT-IF ")
            parts.append(Part(stages: stages, style: theme.style(.whatIf).adding([.reverse, .bold])))
        }
        parts.append(Part(stages: ["\(DashboardView.clock(state.clock)) / \(DashboardView.clock(state.duration))"], style: bar))
        let source = parts.count
        if state.shownSessionEnded {
            parts.append(Part(stages: [" ENDED "], style: bar.adding(.bold)))
        } else if state.shownSessionLost {
            parts.append(Part(stages: [" DISCONNECTED ", " DISC. "], style: theme.style(.warn).adding([.reverse, .bold])))
        } else {
            parts.append(Part(stages: [state.mode == .live ? "connected" : "recorded", ""], style: bar))
        }
        let fps = parts.count
        let rate = Int(state.framesPerSecond)
        parts.append(Part(stages: ["\(rate) frames/s done", "\(rate) fps", ""], style: bar))
        var skipped: Int?
        if state.skippedLines > 0 {
            skipped = parts.count
            let n = state.skippedLines
            parts.append(Part(stages: ["\(n) damaged line\(n == 1 ? "" : "s") skipped", "\(n) skipped"], style: theme.style(.warn).adding([.reverse, .bold])))
        }
        if !state.edgeReachable {
            parts.append(Part(stages: ["EDGE LOST"], style: theme.style(.error).adding([.reverse, .bold])))
        }

        // Shorten, least important first, until the line fits.
        var steps = [fps, source, brand, model, fps, model]
        if let whatIf { steps += [whatIf, whatIf] }
        if let skipped { steps.append(skipped) }
        if let batch { steps.append(batch) }
        if let device {
            steps += [policyIndex, policyIndex, mode, device, device]
        } else {
            // A long policy name (`edge-assigned (mincut when alone)`) shortens to its first word.
            steps += [policyIndex, policyIndex]
        }
        steps.append(mode)
        if let device { steps += [device, device] }
        steps += [model, model]
        func width() -> Int {
            let shown = parts.filter { !$0.text.isEmpty }
            return shown.reduce(0) { $0 + TerminalWidth.columns(of: $1.text) } + max(0, shown.count - 1) * TerminalWidth.columns(of: separator) + 1
        }
        var applied: [Int] = []
        for step in steps where width() > area.width {
            parts[step].stage += 1
            applied.append(step)
        }
        // Then give back what still fits, most important first (a short override list may leave
        // room for the model's details again).
        for step in applied.reversed() {
            parts[step].stage -= 1
            if width() > area.width { parts[step].stage += 1 }
        }
        var x = area.x + 1
        var first = true
        for part in parts where !part.text.isEmpty && x < area.right {
            if !first { x = buffer.set(x: x, y: area.y, string: separator, style: bar, maxWidth: area.right - x) }
            first = false
            let room = area.right - x
            let text = TerminalWidth.columns(of: part.text) <= room ? part.text : ""
            x = buffer.set(x: x, y: area.y, string: text, style: part.style, maxWidth: room)
        }
    }

    private func modePart() -> Part {
        let theme = state.theme
        switch state.mode {
        case .live:
            return Part(stages: [" LIVE "], style: theme.style(.ok).adding([.reverse, .bold]))
        case .replay(let speed, let paused):
            if paused { return Part(stages: [" \(state.glyphs.pause) PAUSED ", " PAUSED "], style: theme.style(.warn).adding([.reverse, .bold])) }
            let shown = speed < 1 ? DashboardState.fixed(speed, 2) : String(Int(speed))
            return Part(stages: [" REPLAY \(shown)× ", " \(shown)× "], style: theme.style(.accent).adding([.reverse, .bold]))
        }
    }
}
