import SplitTerminal

/// The last line: the constraint prompt when one is open, else a status message and the key hints.
struct BottomBar: Widget {
    let state: DashboardState

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        if let prompt = state.prompt {
            let ellipsis = state.glyphs.ellipsis
            var x = buffer.set(x: area.x, y: area.y, string: " \(prompt.label): ", style: theme.style(.accent).adding(.bold))
            x = buffer.set(x: x, y: area.y, string: prompt.text + (state.glyphs.isUnicode ? "▏" : "_"), style: theme.style(.foreground).adding(.bold))
            if prompt.text.isEmpty {
                // The value in force, as a hint: typing replaces it.
                let hint = prompt.current.map { "now \($0)" } ?? "now unset"
                x = buffer.set(x: x, y: area.y, string: hint, style: theme.style(.muted).adding(.italic), maxWidth: area.right - x)
            }
            let room = area.right - x - 2
            if let error = prompt.error {
                let text = TextFit.words(error, width: room, ellipsis: ellipsis)
                _ = buffer.set(x: x + 2, y: area.y, string: text, style: theme.style(.error).adding(.bold), maxWidth: max(0, room))
            } else {
                let help = TextFit.first(["Enter applies · empty Enter clears · Esc cancels", "Enter applies · Esc cancels", "Enter · Esc"],
                                         width: room, ellipsis: ellipsis)
                _ = buffer.set(x: x + 2, y: area.y, string: help, style: theme.style(.muted), maxWidth: max(0, room))
            }
            return
        }
        var hintArea = area
        if let status = state.status {
            let room = max(20, area.width - 16)
            let text = " " + TextFit.words(status, width: room - 2, ellipsis: state.glyphs.ellipsis) + " "
            let x = buffer.set(x: area.x, y: area.y, string: text, style: theme.style(.warn).adding(.reverse), maxWidth: room)
            hintArea = Rect(x: x + 1, y: area.y, width: max(0, area.right - x - 1), height: 1)
        }
        let bindings = DashboardBindings.keyBindings(severalDevices: (state.fleet?.devices.count ?? 1) > 1,
                                                     edgeShares: !state.sharesHistory.isEmpty)
        let bar = KeyHintBar(bindings: bindings, keyStyle: theme.style(.hintKey),
                             textStyle: theme.style(.hintText), barStyle: theme.baseStyle, glyphs: state.glyphs)
        buffer.render(bar, in: hintArea)
    }
}
