import SplitModels
import SplitSession
import SplitTerminal

/// The edge's allocation among its devices (`e`): per device its task weight, model version,
/// split, share of the edge's compute and of its uplink, from the last `shares` event.
///
/// The shown device's row is highlighted and always in view; the title names the allocator, the
/// edge's capacity and when the allocation was made. The panel draws the same whether the shares
/// came from a simulation or a live edge.
///
/// It fits any width as htop's columns do: each column is as wide as its widest value, never
/// cut; when the row does not fit, headings shorten, long names lose their middle, and whole
/// columns go, the least important first (the device, its split and its compute share go last).
/// Bars of the two shares fill what room is left; when there is none beside the columns but the
/// panel has a free row under every device, each device's bars go on the row below it. When the
/// devices do not fit, the bottom border
/// says which are shown (`12-19 of 40`, as the help's footer does), in cells of its own.
struct EdgeSharesView: Widget {
    let state: DashboardState

    /// One column: its headings (full, short), how it is aligned, and how long it stays.
    struct Column: Equatable {
        var headings: [String]
        var right: Bool
        /// Higher stays longer when the panel is narrow.
        var priority: Int
        /// The narrowest a name column may get (its middle left out); nil: never shortened.
        var shortest: Int?
    }

    static let device = Column(headings: ["device"], right: false, priority: 100, shortest: 8)
    static let weight = Column(headings: ["weight", "wt"], right: true, priority: 40, shortest: nil)
    static let version = Column(headings: ["version", "ver"], right: false, priority: 70, shortest: 8)
    static let split = Column(headings: ["split"], right: true, priority: 90, shortest: nil)
    static let compute = Column(headings: ["compute", "comp"], right: true, priority: 85, shortest: nil)
    static let uplink = Column(headings: ["uplink", "upl"], right: true, priority: 80, shortest: nil)
    static let predicted = Column(headings: ["pred ms", "ms"], right: true, priority: 50, shortest: nil)
    static let columns = [device, weight, version, split, compute, uplink, predicted]

    /// The narrowest a bar of shares is worth drawing.
    static let barMinimum = 10

    /// How the columns are drawn at one width: which are shown, with which heading, how wide.
    struct Layout: Equatable {
        var shown: [Int]
        var heading: [Int: Int]
        var width: [Int: Int]
        var gap: Int

        /// Columns the table takes.
        var total: Int { shown.reduce(0) { $0 + (width[$1] ?? 0) } + max(0, shown.count - 1) * gap }
    }

    /// The columns' layout for `cells` (rows of text per column) in `room` columns.
    static func layout(cells: [[String]], room: Int) -> Layout {
        func natural(_ column: Int, heading: Int) -> Int {
            let values = cells.map { TerminalWidth.columns(of: $0[column]) }
            return max(TerminalWidth.columns(of: columns[column].headings[heading]), values.max() ?? 0)
        }
        // Columns no row has a value for ("-" everywhere) say nothing: they go first.
        var layout = Layout(shown: columns.indices.filter { c in c == 0 || cells.contains { $0[c] != "-" } },
                            heading: [:], width: [:], gap: 2)
        for c in layout.shown {
            layout.heading[c] = 0
            layout.width[c] = natural(c, heading: 0)
        }
        let byPriority = layout.shown.sorted { columns[$0].priority < columns[$1].priority }
        func shorten(_ c: Int, to width: Int) -> (inout Layout) -> Void {
            { layout in
                let heading = TerminalWidth.columns(of: columns[c].headings[layout.heading[c] ?? 0])
                layout.width[c] = min(layout.width[c] ?? 0, max(width, heading))
            }
        }
        // In order, until the row fits: narrower gaps; short headings, least important first;
        // long names to a reasonable length; then, least important first, each column to its
        // shortest and away; at last the device's name to its shortest.
        var steps: [(inout Layout) -> Void] = [{ $0.gap = 1 }]
        for c in byPriority where columns[c].headings.count > 1 {
            steps.append { layout in
                layout.heading[c] = 1
                layout.width[c] = natural(c, heading: 1)
            }
        }
        for c in byPriority { if let shortest = columns[c].shortest { steps.append(shorten(c, to: 2 * shortest)) } }
        for c in byPriority where c != 0 {
            if let shortest = columns[c].shortest { steps.append(shorten(c, to: shortest)) }
            steps.append { $0.shown.removeAll { $0 == c } }
        }
        steps.append(shorten(0, to: columns[0].shortest ?? 1))
        for step in steps where layout.total > room { step(&layout) }
        return layout
    }

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
        // During a what-if the rows are the recording's allocation, not the what-if's choice: say so.
        let name = state.whatIf == nil ? "edge shares" : "recorded edge shares"
        block.title = " " + TextFit.first([
            "\(name) · \(allocator) allocator\(capacity)\(since)", "\(name) · \(allocator)\(capacity)\(since)",
            "\(name) · \(allocator)\(since)", "\(name) · \(allocator)", state.whatIf == nil ? "shares" : "recorded",
        ], width: max(1, inner.width - 4), ellipsis: glyphs.ellipsis) + " "
        buffer.render(block, in: area)
        guard inner.height >= 2, inner.width >= 1 else { return }
        if let alone = Self.alone(shares, state: state) {
            // A device alone on its edge chooses its own version and split (the live device's
            // rule): the edge's row is no assignment it follows, so none is drawn.
            let uplink = !shares.sharesUplink ? "uplink not shared" : "uplink \(DashboardState.fixed(alone.bandwidthShare * 100, 1)) %"
            let lines = ["\(alone.device) is alone on this edge: it chooses its own version and split, and follows the edge's assignment only while the edge is shared.",
                         "compute \(DashboardState.fixed(alone.computeShare * 100, 1)) % · \(uplink)"]
            var y = inner.y
            for line in lines where y < inner.bottom {
                for row in TextFit.wrap(line, width: inner.width, ellipsis: glyphs.ellipsis) where y < inner.bottom {
                    _ = buffer.set(x: inner.x, y: y, string: row, style: theme.style(.muted), maxWidth: inner.width)
                    y += 1
                }
            }
            return
        }

        let shown = state.shownDeviceID
        let pointer = "\(glyphs.pointer) "
        // The device's cell starts with the pointer's two columns (blank but on the shown row).
        let cells = shares.devices.map { share in
            [
                "  " + share.device,
                share.taskWeight.map { DashboardState.fixed($0, 2) } ?? "-",
                share.version ?? "-",
                String(share.split),
                DashboardState.fixed(share.computeShare * 100, 1) + " %",
                !shares.sharesUplink ? "not shared" : DashboardState.fixed(share.bandwidthShare * 100, 1) + " %",
                share.predictedMs.map { DashboardState.fixed($0, 1) } ?? "-",
            ]
        }
        let layout = Self.layout(cells: cells, room: inner.width)
        let headings = layout.shown.map { Self.columns[$0].headings[layout.heading[$0] ?? 0] }
        var x = draw(headings, layout: layout, x: inner.x, y: inner.y, room: inner.width, style: theme.style(.muted).adding(.bold),
                     buffer: &buffer)
        // The bars of the two shares, in what room is left (a blank column before the border).
        let barWidth = (inner.right - 1 - x - 2 * layout.gap) / 2
        let bars = barWidth >= Self.barMinimum
        if bars {
            let computeX = x + layout.gap
            let uplinkX = computeX + barWidth + layout.gap
            // The two headings in the same words: the longest pair that fits both bars.
            let pairs = [("share of the edge's compute", "share of the uplink"), ("edge compute share", "uplink share"),
                         ("compute", "uplink")]
            let (computeTitle, uplinkTitle) = pairs.first {
                TerminalWidth.columns(of: $0.0) <= barWidth && TerminalWidth.columns(of: $0.1) <= barWidth
            } ?? ("", "")
            _ = buffer.set(x: computeX, y: inner.y, string: computeTitle, style: theme.style(.muted), maxWidth: barWidth)
            _ = buffer.set(x: uplinkX, y: inner.y, string: uplinkTitle, style: theme.style(.muted), maxWidth: barWidth)
        }
        // Rows that fit, scrolled so the shown device is in view. When the bars do not fit beside
        // the columns but every device fits in two rows, each device's bars go on the row below it
        // (free rows are better spent on the bars than left blank).
        let rows = inner.height - 1
        let stacked = !bars && shares.devices.count * 2 <= rows
        let perDevice = stacked ? 2 : 1
        let visible = rows / perDevice
        let shownIndex = shares.devices.firstIndex { $0.device == shown } ?? 0
        let first = min(max(0, shownIndex - visible / 2), max(0, shares.devices.count - visible))
        for (offset, share) in shares.devices.enumerated().dropFirst(first).prefix(visible) {
            let isShown = share.device == shown
            var row = cells[offset]
            if isShown { row[0] = pointer + share.device }
            let y = inner.y + 1 + (offset - first) * perDevice
            let style = isShown ? theme.style(.accent).adding([.reverse, .bold]) : theme.style(.foreground)
            x = draw(layout.shown.map { row[$0] }, layout: layout, x: inner.x, y: y, room: inner.width, style: style, buffer: &buffer)
            if bars {
                drawBar(share.computeShare, x: x + layout.gap, y: y, width: barWidth, style: theme.style(.edge), buffer: &buffer)
                if shares.sharesUplink {
                    drawBar(share.bandwidthShare, x: x + 2 * layout.gap + barWidth, y: y, width: barWidth, style: theme.style(.transfer),
                            buffer: &buffer)
                }
            } else if stacked {
                drawStackedBars(share, x: inner.x + 2, y: y + 1, right: inner.right - 1, buffer: &buffer)
            }
        }
        if shares.devices.count > visible, area.width >= 4 {
            // Which devices are shown, on the bottom border (its own cells: nothing to draw over).
            let last = min(shares.devices.count, first + visible)
            let marker = TextFit.first([" \(first + 1)-\(last) of \(shares.devices.count) ", " \(first + 1)-\(last) ", ""],
                                       width: area.width - 4, ellipsis: glyphs.ellipsis)
            let width = TerminalWidth.columns(of: marker)
            _ = buffer.set(x: area.right - 2 - width, y: area.bottom - 1, string: marker, style: theme.style(.muted), maxWidth: width)
        }
    }

    /// Draws the shown columns' texts at their widths (a name too long loses its middle); returns the column after the last.
    private func draw(_ texts: [String], layout: Layout, x: Int, y: Int, room: Int, style: Style, buffer: inout Buffer) -> Int {
        var line = ""
        for (text, c) in zip(texts, layout.shown) {
            let width = layout.width[c] ?? 0
            var fitted = text
            if c == 0, TerminalWidth.columns(of: text) > width {
                // The pointer's two columns stay; the name loses its middle.
                let mark = String(text.prefix(2))
                fitted = mark + TextFit.middle(String(text.dropFirst(2)), width: max(0, width - TerminalWidth.columns(of: mark)),
                                               ellipsis: state.glyphs.ellipsis)
            } else if Self.columns[c].shortest != nil {
                fitted = TextFit.middle(text, width: width, ellipsis: state.glyphs.ellipsis)
            }
            let pad = String(repeating: " ", count: max(0, width - TerminalWidth.columns(of: fitted)))
            line += (line.isEmpty ? "" : String(repeating: " ", count: layout.gap)) + (Self.columns[c].right ? pad + fitted : fitted + pad)
        }
        // The layout fits the room unless even the device's shortest does not: then whole words only.
        let text = TerminalWidth.columns(of: line) <= room ? line : TextFit.words(line, width: room, ellipsis: state.glyphs.ellipsis)
        return buffer.set(x: x, y: y, string: text, style: style, maxWidth: room)
    }

    /// A device's two bars on a row of their own, each after its word (`compute ████···  uplink ██····`),
    /// from `x` up to `right`; nothing when even the words leave no room for a bar.
    private func drawStackedBars(_ share: DeviceShare, x: Int, y: Int, right: Int, buffer: inout Buffer) {
        let muted = state.theme.style(.muted)
        let words = ["compute ", "  uplink "]
        let barWidth = (right - x - words.reduce(0) { $0 + TerminalWidth.columns(of: $1) }) / 2
        guard barWidth >= 3 else { return }
        var at = buffer.set(x: x, y: y, string: words[0], style: muted, maxWidth: right - x)
        drawBar(share.computeShare, x: at, y: y, width: barWidth, style: state.theme.style(.edge), buffer: &buffer)
        at = buffer.set(x: at + barWidth, y: y, string: words[1], style: muted, maxWidth: right - at - barWidth)
        drawBar(share.bandwidthShare, x: at, y: y, width: barWidth, style: state.theme.style(.transfer), buffer: &buffer)
    }

    /// The one device's share when the stream is of one device alone on its edge (it chooses its
    /// own version and split, ``DashboardState/assignment(for:at:)``), else nil.
    static func alone(_ shares: SharesEvent, state: DashboardState) -> DeviceShare? {
        guard state.fleet == nil, shares.devices.count == 1 else { return nil }
        return shares.devices.first
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
