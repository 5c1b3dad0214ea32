import SplitTerminal

/// The last line: the constraint prompt when one is open, else a status message and the key hints.
struct BottomBar: Widget {
    let state: DashboardState

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        if let prompt = state.prompt {
            var x = buffer.set(x: area.x, y: area.y, string: " \(prompt.label), empty clears: ", style: theme.style(.accent).adding(.bold))
            x = buffer.set(x: x, y: area.y, string: prompt.text + (state.glyphs.isUnicode ? "▏" : "_"), style: theme.style(.foreground).adding(.bold))
            x = buffer.set(x: x, y: area.y, string: "   Enter apply · Esc cancel", style: theme.style(.muted), maxWidth: area.right - x)
            if let error = prompt.error {
                _ = buffer.set(x: x + 2, y: area.y, string: error, style: theme.style(.error).adding(.bold), maxWidth: max(0, area.right - x - 2))
            }
            return
        }
        var hintArea = area
        if let status = state.status {
            let text = " \(status) "
            let x = buffer.set(x: area.x, y: area.y, string: text, style: theme.style(.warn).adding(.reverse), maxWidth: max(20, area.width - 16))
            hintArea = Rect(x: x + 1, y: area.y, width: max(0, area.right - x - 1), height: 1)
        }
        let bar = KeyHintBar(bindings: DashboardBindings.keyBindings, keyStyle: theme.style(.hintKey),
                             textStyle: theme.style(.hintText), barStyle: theme.baseStyle, glyphs: state.glyphs)
        buffer.render(bar, in: hintArea)
    }
}
