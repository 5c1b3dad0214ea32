import SplitModels
import SplitSession
import SplitTerminal

/// The edge's allocation among its devices (`e`): per device its task weight, model version,
/// split, share of the edge's compute and of its uplink, from the last `shares` event.
///
/// The shown device's row is highlighted and always in view; the title names the allocator, the
/// edge's capacity and when the allocation was made. The panel draws the same whether the shares
/// came from a simulation or a live edge.
struct EdgeSharesView: Widget {
    let state: DashboardState

    /// Columns: title, width, right-aligned.
    static let columns: [(String, Int, Bool)] = [
        ("device", 12, false), ("weight", 6, true), ("version", 16, false), ("split", 5, true),
        ("compute", 8, true), ("uplink", 8, true), ("pred ms", 9, true),
    ]

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        let glyphs = state.glyphs
        var block = BlockWidget(title: " edge shares ", borderStyle: theme.style(.border), titleStyle: theme.style(.title), glyphs: glyphs)
        let inner = block.inner(area)
        guard let timed = state.sharesInForce else {
            buffer.render(block, in: area)
            let text = TextFit.words("no shares event up to now: the edge has recorded no allocation among devices (e closes)",
                                     width: inner.width, ellipsis: glyphs.ellipsis)
            _ = buffer.set(x: inner.x, y: inner.y, string: text, style: theme.style(.muted), maxWidth: inner.width)
            return
        }
        let shares = timed.shares
        var capacity = ""
        if let gmacs = shares.edge?.gmacsPerSecond { capacity += " · \(DashboardState.fixed(gmacs, gmacs < 10 ? 2 : 0)) GMAC/s" }
        if let uplink = shares.edge?.uplinkMbps { capacity += " · uplink \(DashboardState.fixed(uplink, uplink < 10 ? 2 : 0)) Mbit/s" }
        let since = " · since \(DashboardView.clock(timed.t))"
        let allocator = shares.allocator.rawValue
        block.title = " " + TextFit.first([
            "edge shares · \(allocator) allocator\(capacity)\(since)", "edge shares · \(allocator)\(capacity)\(since)",
            "edge shares · \(allocator)\(since)", "edge shares · \(allocator)",
        ], width: max(1, inner.width - 4), ellipsis: glyphs.ellipsis) + " "
        buffer.render(block, in: area)
        guard inner.height >= 2 else { return }

        let shown = state.shownDeviceID
        let bar = inner.width >= 100
        let headings = buffer.set(x: inner.x, y: inner.y, string: line(Self.columns.map(\.0)),
                                  style: theme.style(.muted).adding(.bold), maxWidth: inner.width)
        if bar {
            let width = (inner.right - headings - 4) / 2
            _ = buffer.set(x: headings + 2, y: inner.y, string: "share of the edge's compute", style: theme.style(.muted), maxWidth: width)
            _ = buffer.set(x: headings + 3 + width, y: inner.y, string: "share of the uplink", style: theme.style(.muted), maxWidth: width)
        }
        // Rows that fit, scrolled so the shown device is in view.
        let rows = inner.height - 1
        let shownIndex = shares.devices.firstIndex { $0.device == shown } ?? 0
        let first = min(max(0, shownIndex - rows / 2), max(0, shares.devices.count - rows))
        for (offset, share) in shares.devices.dropFirst(first).prefix(rows).enumerated() {
            let isShown = share.device == shown
            let cells = [
                (isShown ? "\(glyphs.pointer) " : "  ") + share.device,
                share.taskWeight.map { DashboardState.fixed($0, 2) } ?? "-",
                share.version ?? "-",
                String(share.split),
                DashboardState.fixed(share.computeShare * 100, 1) + " %",
                DashboardState.fixed(share.bandwidthShare * 100, 1) + " %",
                share.predictedMs.map { DashboardState.fixed($0, 1) } ?? "-",
            ]
            let y = inner.y + 1 + offset
            let style = isShown ? theme.style(.accent).adding([.reverse, .bold]) : theme.style(.foreground)
            let x = buffer.set(x: inner.x, y: y, string: line(cells), style: style, maxWidth: inner.width)
            if bar {
                let width = (inner.right - x - 4) / 2
                drawBar(share.computeShare, x: x + 2, y: y, width: width, style: theme.style(.edge), buffer: &buffer)
                drawBar(share.bandwidthShare, x: x + 3 + width, y: y, width: width, style: theme.style(.transfer), buffer: &buffer)
            }
        }
        if shares.devices.count > rows {
            let more = "\(first + 1)-\(min(shares.devices.count, first + rows)) of \(shares.devices.count)"
            _ = buffer.set(x: max(inner.x, inner.right - more.count), y: inner.y, string: more, style: theme.style(.muted), maxWidth: inner.width)
        }
    }

    /// The cells padded to their columns (cut to fit).
    private func line(_ cells: [String]) -> String {
        var text = ""
        for (cell, column) in zip(cells, Self.columns) {
            let (_, width, right) = column
            let fitted = TerminalWidth.truncate(cell, to: width)
            let pad = String(repeating: " ", count: max(0, width - TerminalWidth.columns(of: fitted)))
            text += (text.isEmpty ? "" : " ") + (right ? pad + fitted : fitted + pad)
        }
        return text
    }

    /// A horizontal bar of `fraction` of `width` cells.
    private func drawBar(_ fraction: Double, x: Int, y: Int, width: Int, style: Style, buffer: inout Buffer) {
        guard width > 0 else { return }
        // Clamped by the share's quantity, which also takes a NaN to 0 (min and max would keep it, and Int(NaN) traps).
        let filled = Int((Quantity.share.clamp(fraction) * Double(width)).rounded())
        let empty = state.glyphs.isUnicode ? "·" : "."
        _ = buffer.set(x: x, y: y, string: String(repeating: state.glyphs.fullBlock, count: filled), style: style, maxWidth: width)
        _ = buffer.set(x: x + filled, y: y, string: String(repeating: empty, count: width - filled), style: state.theme.style(.muted),
                       maxWidth: width - filled)
    }
}
