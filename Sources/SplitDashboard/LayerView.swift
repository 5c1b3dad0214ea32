import Foundation
import SplitCost
import SplitModels
import SplitSession
import SplitTerminal

/// The centre: one column per layer (or per group of layers when zoomed out) with device and
/// edge compute bars, output size on a log scale, bottleneck marks, and the split as a boundary.
struct LayerView: Widget {
    let state: DashboardState

    /// How layers map to columns for a given width.
    struct Columns {
        /// Layers per column.
        let zoom: Int
        /// First and one-past-last column shown.
        let first: Int
        let count: Int

        func layers(ofColumn c: Int, layerCount: Int) -> Range<Int> {
            (c * zoom)..<min(layerCount, (c + 1) * zoom)
        }

        /// The column holding split position k (the first edge-side layer), or `count` past the last.
        func column(ofSplit k: Int) -> Int {
            (k + zoom - 1) / zoom
        }
    }

    static func columns(layerCount: Int, zoom requested: Int, width: Int, cursor: Int, split: Int?) -> Columns {
        let n = max(1, layerCount)
        let zoom = requested > 0 ? requested : max(1, (n + width - 1) / max(1, width))
        let total = (n + zoom - 1) / zoom
        let visible = min(total, width)
        // Keep the cursor in view; keep the split in view too when both fit.
        let cursorColumn = min(total - 1, cursor / zoom)
        var first = max(0, cursorColumn - visible / 2)
        if let split {
            let splitColumn = min(total - 1, split / zoom)
            if abs(splitColumn - cursorColumn) < visible {
                let low = min(splitColumn, cursorColumn)
                let high = max(splitColumn, cursorColumn)
                if high >= first + visible { first = high - visible + 1 }
                if low < first { first = low }
            }
        }
        first = min(first, max(0, total - visible))
        return Columns(zoom: zoom, first: first, count: visible)
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        let glyphs = state.glyphs
        let context = state.context
        let layers = context.layers
        let n = layers.count
        let shown = state.shownPartition
        let onDevice = shown.map(context.onDevice) ?? Array(repeating: true, count: n)
        let givenSplit: Int? = shown.flatMap { partition -> Int? in
            if case .split(let k) = partition { return k }
            return nil
        }
        // A cascade has no split: every frame runs the whole device model, an appeal then the
        // whole edge model. Its rows are two models, each with its own columns and label.
        let cascade = context.isCascade
        // A recorded split beyond this model's layers (another model version's, or a damaged
        // file's) is named, never drawn or used as an index.
        let split = cascade ? nil : givenSplit.flatMap { (0...n).contains($0) ? $0 : nil }
        let beyond = split == nil && !cascade ? givenSplit : nil
        let labelWidth = 6
        let block = BlockWidget(title: " layers ", borderStyle: theme.style(.border), titleStyle: theme.style(.title), glyphs: glyphs)
        let inner = block.inner(area)
        // Width for columns: minus labels, one for the split gap and one for the device-only slot.
        let available = max(1, inner.width - labelWidth - 2)
        let columns = Self.columns(layerCount: n, zoom: state.zoom, width: available, cursor: state.cursor, split: split)
        let zoomText = columns.zoom == 1 ? "1 layer/col" : "\(columns.zoom) layers/col"
        // Rows: info, device bars, edge bars, size bars, marks, cursor.
        let barRows = max(0, inner.height - 3)
        let deviceRows = max(1, barRows * 2 / 5)
        let edgeRows = max(1, barRows / 4)
        let sizeRows = max(1, barRows - deviceRows - edgeRows)
        let visibleColumns = columns.first..<(columns.first + columns.count)
        let summaries = Self.summaries(of: layers, columns: columns, onDevice: onDevice)
        // The edge row: this model's layers on the edge, or in a cascade the edge model's own.
        let edgeRow = Self.edgeRow(context: context, width: available)
        // One time scale for both rows: a cell is as many ms on the device row as on the edge row.
        let deviceMax = summaries.map(\.deviceMs).max() ?? 0
        let edgeMax = edgeRow.map { $0.columns.map(\.ms).max() ?? 0 } ?? summaries.map(\.edgeMs).max() ?? 0
        let msPerCell = Self.msPerCell(deviceMax: deviceMax, deviceRows: deviceRows, edgeMax: edgeMax, edgeRows: edgeRows)
        let scaleText = "\(Self.scaleText(msPerCell)) ms/\(glyphs.fullBlock)"
        var titled = block
        // The model and version as the header names them (a cascade's device model: its layers are these).
        let named = cascade ? context.model.name : context.modelName
        let slowdown = context.deviceSlowdown.map { " · device \($0)" } ?? ""
        let name = context.model.name
        // The scale stays longest: without it no bar can be read against another.
        titled.title = " " + TextFit.first([
            "layers · \(named) · \(zoomText) · \(scaleText)\(slowdown)", "layers · \(named) · \(zoomText) · \(scaleText)",
            "layers · \(named) · \(scaleText)", "layers · \(name) · \(scaleText)", "layers · \(scaleText)", scaleText,
        ], width: max(1, inner.width - 4), ellipsis: glyphs.ellipsis) + " "
        buffer.render(titled, in: area)
        guard inner.height >= 5, !layers.isEmpty else { return }

        let infoY = inner.y
        let deviceTop = infoY + 1
        let edgeTop = deviceTop + deviceRows
        let sizeTop = edgeTop + edgeRows
        let marksY = sizeTop + sizeRows
        let cursorY = marksY + 1

        infoLine(in: Rect(x: inner.x, y: infoY, width: inner.width, height: 1), split: split, beyond: beyond, buffer: &buffer)
        let labels: [(Int, String)] = [(deviceTop, "dev"), (edgeTop, "edge"), (sizeTop, "size"), (marksY, "mark")]
        for (y, text) in labels where y < inner.bottom {
            _ = buffer.set(x: inner.x, y: y, string: text, style: theme.style(.muted), maxWidth: labelWidth)
        }
        let maxBytes = Double(context.largestTensorBytes)
        func logFraction(_ bytes: Int) -> Double {
            guard bytes > 0 else { return 0 }
            let low = 3.0  // 1 kB
            let high = log10(maxBytes)
            return max(0.05, min(1, (log10(Double(bytes)) - low) / max(0.1, high - low)))
        }

        let splitColumn = split.map(columns.column(ofSplit:))
        let recordedSplit: Int? = state.whatIf != nil ? state.recordedPartition.map(context.splitIndex) : nil
        var x = inner.x + labelWidth
        for c in visibleColumns {
            if c == splitColumn {
                drawGap(x: x, from: deviceTop, to: marksY, buffer: &buffer)
                x += 1
            }
            let summary = summaries[c - columns.first]
            let role: ThemeRole = summary.onDevice == summary.count ? .device : (summary.onDevice == 0 ? .edge : .transfer)
            let deviceMs = summary.deviceMs
            let edgeMs = summary.edgeMs
            let bytes = summary.bytes
            let runsHere = role == .device ? theme.style(.device) : theme.style(.muted)
            let runsThere = role == .edge ? theme.style(.edge) : theme.style(.muted)
            drawBar(x: x, top: deviceTop, rows: deviceRows, fraction: Self.fraction(deviceMs, rows: deviceRows, msPerCell: msPerCell),
                    style: runsHere, buffer: &buffer)
            if edgeRow == nil {
                drawBar(x: x, top: edgeTop, rows: edgeRows, fraction: Self.fraction(edgeMs, rows: edgeRows, msPerCell: msPerCell),
                        style: runsThere, buffer: &buffer)
            }
            drawBar(x: x, top: sizeTop, rows: sizeRows, fraction: logFraction(bytes), style: theme.style(.transfer), buffer: &buffer)
            // One mark per column: the recorded split (under a what-if) before a compressive or natural cut.
            if let recordedSplit, columns.column(ofSplit: recordedSplit) == c, recordedSplit != split {
                buffer.set(x: x, y: marksY, symbol: glyphs.isUnicode ? "┆" : ":", style: theme.style(.muted).adding(.bold))
            } else if summary.compressive {
                buffer.set(x: x, y: marksY, symbol: glyphs.isUnicode ? "◆" : "C", style: theme.style(.accent).adding(.bold))
            } else if summary.natural {
                buffer.set(x: x, y: marksY, symbol: glyphs.isUnicode ? "·" : ".", style: theme.style(.muted))
            }
            if columns.column(ofSplit: state.cursor) == c, state.cursor < n {
                buffer.set(x: x, y: cursorY, symbol: glyphs.isUnicode ? "▲" : "^", style: theme.style(.accent).adding(.bold))
            }
            x += 1
        }
        let total = (n + columns.zoom - 1) / columns.zoom
        if columns.first + columns.count == total {
            // The device-only slot after the last layer.
            if splitColumn == total { drawGap(x: x, from: deviceTop, to: marksY, buffer: &buffer) }
            if state.cursor == n {
                buffer.set(x: x, y: cursorY, symbol: glyphs.isUnicode ? "▲" : "^", style: theme.style(.accent).adding(.bold))
            }
        }
        if columns.first > 0 {
            _ = buffer.set(x: inner.x, y: cursorY, string: "\(glyphs.ellipsis)\(columns.first * columns.zoom)", style: theme.style(.muted), maxWidth: labelWidth)
        }
        if cascade {
            drawDeviceModelLabel(x: x + 2, y: deviceTop, right: inner.right, zoom: columns.zoom, buffer: &buffer)
        }
        if let edgeRow { drawEdgeModel(edgeRow, x: inner.x + labelWidth, top: edgeTop, rows: edgeRows, right: inner.right,
                                       msPerCell: msPerCell, buffer: &buffer) }
        // When zoomed in far from the split, point at it from the edge of the view.
        if let splitColumn, let split {
            let style = theme.style(.split).adding(.bold)
            if splitColumn < columns.first {
                _ = buffer.set(x: inner.x, y: marksY, string: glyphs.isUnicode ? "◀\(split)" : "<\(split)", style: style, maxWidth: labelWidth)
            } else if splitColumn > columns.first + columns.count, splitColumn <= total {
                let text = glyphs.isUnicode ? "\(split)▶" : "\(split)>"
                _ = buffer.set(x: inner.right - TerminalWidth.columns(of: text), y: marksY, string: text, style: style)
            }
        }
    }

    /// What one column shows: compute, the largest output, marks and how many layers run on the device.
    struct ColumnSummary {
        var deviceMs = 0.0, edgeMs = 0.0, bytes = 0, onDevice = 0, count = 0
        var compressive = false, natural = false
    }

    /// The visible columns' summaries.
    static func summaries(of layers: [LayerInfo], columns: Columns, onDevice: [Bool]) -> [ColumnSummary] {
        (columns.first..<(columns.first + columns.count)).map { c in
            var column = ColumnSummary()
            for i in columns.layers(ofColumn: c, layerCount: layers.count) {
                let layer = layers[i]
                column.deviceMs += layer.deviceMs
                column.edgeMs += layer.edgeMs
                column.bytes = max(column.bytes, layer.outputBytes)
                column.count += 1
                if i < onDevice.count, onDevice[i] { column.onDevice += 1 }
                if layer.bottleneck == .compressive { column.compressive = true }
                if layer.bottleneck == .natural { column.natural = true }
            }
            return column
        }
    }

    /// A cascade's edge row: the model appealed frames go to, and its edge compute per column
    /// (empty when the recording does not hold its layers).
    struct EdgeModelRow {
        var name: String?
        var columns: [(ms: Double, layers: Int)]
        var zoom: Int
    }

    /// The edge row of a cascade (the edge model's own layers, as many per column as fit
    /// `width`), or nil for a split session, whose edge row is its own model's layers.
    static func edgeRow(context: SessionContext, width: Int) -> EdgeModelRow? {
        guard let appeal = context.appealModel else { return nil }
        guard let layers = appeal.layers, !layers.isEmpty else { return EdgeModelRow(name: appeal.name, columns: [], zoom: 1) }
        let zoom = max(1, (layers.count + max(1, width) - 1) / max(1, width))
        let columns = stride(from: 0, to: layers.count, by: zoom).map { start in
            let group = layers[start..<min(layers.count, start + zoom)]
            return (ms: group.reduce(0) { $0 + $1.edgeMs }, layers: group.count)
        }
        return EdgeModelRow(name: appeal.name, columns: columns, zoom: zoom)
    }

    /// The ms a full cell stands for on both compute rows: the least round value (1, 2 or 5 × 10ⁿ)
    /// at which the taller column of each row fits its rows, so bars compare across rows.
    static func msPerCell(deviceMax: Double, deviceRows: Int, edgeMax: Double, edgeRows: Int) -> Double {
        let needed = max(Quantity.milliseconds.clamp(deviceMax) / Double(max(1, deviceRows)),
                         Quantity.milliseconds.clamp(edgeMax) / Double(max(1, edgeRows)))
        guard needed > 0 else { return 1 }
        var step = pow(10, (log10(needed)).rounded(.down))
        while step < needed {
            if step * 2 >= needed { return step * 2 }
            if step * 5 >= needed { return step * 5 }
            step *= 10
        }
        return step
    }

    /// A scale's ms as the title writes it: `0.05`, `2`, `500`.
    static func scaleText(_ ms: Double) -> String {
        if ms >= 1 { return String(Int(ms.rounded())) }
        let digits = max(1, min(12, Int((-log10(ms)).rounded(.up))))
        var text = DashboardState.fixed(ms, digits)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// The fraction of `rows` cells that `ms` fills at `msPerCell` a cell.
    static func fraction(_ ms: Double, rows: Int, msPerCell: Double) -> Double {
        guard msPerCell > 0, rows > 0 else { return 0 }
        return ms / (msPerCell * Double(rows))
    }

    /// A cascade's edge row: the edge model's bars at the shared scale and its name after them, or
    /// what is missing when the recording does not hold its layers.
    private func drawEdgeModel(_ row: EdgeModelRow, x: Int, top: Int, rows: Int, right: Int, msPerCell: Double, buffer: inout Buffer) {
        let theme = state.theme
        for y in top..<(top + rows) {
            for column in x..<right { buffer.set(x: column, y: y, symbol: " ", style: theme.baseStyle) }
        }
        var at = x
        for column in row.columns where at < right {
            drawBar(x: at, top: top, rows: rows, fraction: Self.fraction(column.ms, rows: rows, msPerCell: msPerCell),
                    style: theme.style(.edge), buffer: &buffer)
            at += 1
        }
        let count = row.columns.reduce(0) { $0 + $1.layers }
        let stages: [String]
        if let name = row.name {
            stages = row.columns.isEmpty
                ? ["edge model: \(name) (layers not recorded)", "edge model: \(name) (no layers)", "edge model: \(name)"]
                : ["edge model \(name), \(count) layers" + (row.zoom > 1 ? ", \(row.zoom)/col" : ""), "edge model \(name)", name]
        } else {
            stages = ["edge model not recorded (a cascade recorded before session format 1.5)", "edge model not recorded"]
        }
        let textX = row.columns.isEmpty ? x : at + 2
        guard right - textX > 0 else { return }
        let text = TextFit.first(stages, width: right - textX, ellipsis: state.glyphs.ellipsis)
        _ = buffer.set(x: textX, y: top, string: text, style: theme.style(.edge), maxWidth: right - textX)
    }

    /// A cascade's device row names its model after its bars, as the edge row names the edge model.
    private func drawDeviceModelLabel(x: Int, y: Int, right: Int, zoom: Int, buffer: inout Buffer) {
        let model = state.context.model
        guard right - x > 0 else { return }
        let stages = ["device model \(model.name), \(model.layerCount) layers" + (zoom > 1 ? ", \(zoom)/col" : ""),
                      "device model \(model.name)", model.name]
        let text = TextFit.first(stages, width: right - x, ellipsis: state.glyphs.ellipsis)
        _ = buffer.set(x: x, y: y, string: text, style: state.theme.style(.device), maxWidth: right - x)
    }

    /// The split boundary: a bright vertical line (a pin mark on top when pinned).
    private func drawGap(x: Int, from top: Int, to bottom: Int, buffer: inout Buffer) {
        let theme = state.theme
        let pinned = state.pinnedSplit != nil
        let style = (pinned ? theme.style(.pin) : theme.style(.split)).adding(.bold)
        for y in top...bottom {
            buffer.set(x: x, y: y, symbol: state.glyphs.isUnicode ? "┃" : "|", style: style)
        }
        if pinned { buffer.set(x: x, y: top, symbol: state.glyphs.isUnicode ? "◆" : "P", style: style) }
    }

    /// A vertical bar growing up from the bottom of `rows` rows, in eighths.
    private func drawBar(x: Int, top: Int, rows: Int, fraction: Double, style: Style, buffer: inout Buffer) {
        let ramp = state.glyphs.verticalRamp
        let steps = ramp.count - 1
        var remaining = GlyphSet.level(max(0, min(1, fraction)), steps: steps * rows)
        if fraction > 0 && remaining == 0 { remaining = 1 }
        for row in 0..<rows {
            let y = top + rows - 1 - row
            let level = min(steps, remaining)
            remaining -= level
            if level > 0 { buffer.set(x: x, y: y, symbol: ramp[level], style: style) }
        }
    }

    private func infoLine(in area: Rect, split: Int?, beyond: Int?, buffer: inout Buffer) {
        let theme = state.theme
        let context = state.context
        let layers = context.layers
        let n = layers.count
        var spans: [Span] = []
        if context.isCascade, state.shownPartition != nil {
            // No split to name: say what runs where.
            spans.append(Span("cascade, no split: each model runs whole",
                              style: theme.style(.split).adding(.bold)))
            if state.whatIf == nil, let frame = state.lastFrame, frame.outcome == .local {
                spans.append(Span("  last appeal abandoned (the device answered)", style: theme.style(.warn).adding(.bold)))
            }
        } else if let shown = state.shownPartition {
            let k = context.splitIndex(shown)
            let label = state.whatIf != nil ? "what-if split" : "split"
            let role: ThemeRole = state.whatIf != nil ? .whatIf : .split
            if let split {
                let sent = split == 0 ? context.model.inputBytes : (split < n ? layers[split - 1].cutBytes : 0)
                let where_ = split == 0 ? "all on the edge" : (split == n ? "all on the device" : "after \(layers[split - 1].name)")
                let sends = split == n ? "sends nothing" : "sends \(DashboardView.bytes(sent))"
                spans.append(Span("\(label) \(split)/\(n) \(where_), \(sends)", style: theme.style(role).adding(.bold)))
            } else if let beyond {
                spans.append(Span("\(label) \(beyond) is beyond this model's \(n) layers: not drawn", style: theme.style(.warn).adding(.bold)))
            } else {
                spans.append(Span("\(label): \(min(k, n)) of \(n) layers on the device (DAG cut)", style: theme.style(role).adding(.bold)))
            }
            if let pinned = state.pinnedSplit {
                let who = state.whatIf == nil ? "operator pinned" : "pinned at"
                spans.append(Span("  \(who) \(pinned)", style: theme.style(.pin).adding(.bold)))
            }
            if state.whatIf == nil, let frame = state.lastFrame, frame.outcome == .local {
                spans.append(Span("  last frame finished locally (transfer abandoned)", style: theme.style(.warn).adding(.bold)))
            }
        } else {
            spans.append(Span("waiting for the first frame", style: theme.style(.muted)))
        }
        let c = state.cursor
        // The cursor's description in stages: with the layer's numbers, with its name, bare.
        let cursorStages: [String]
        if c == 0 {
            cursorStages = ["cursor 0: send the raw input (\(DashboardView.bytes(context.model.inputBytes)))", "cursor 0: the raw input", "cursor 0"]
        } else {
            let layer = layers[c - 1]
            cursorStages = [
                "cursor \(c): after \(layer.name) (\(layer.op), out \(DashboardView.bytes(layer.outputBytes)), "
                    + "dev \(DashboardState.fixed(layer.deviceMs, 2)) ms, edge \(DashboardState.fixed(layer.edgeMs, 2)) ms"
                    + (layer.bottleneck == .none ? ")" : ", \(layer.bottleneck.rawValue))"),
                "cursor \(c): after \(layer.name) (out \(DashboardView.bytes(layer.outputBytes)))",
                "cursor \(c): after \(layer.name)",
                "cursor \(c)",
            ]
        }
        var x = area.x
        for span in spans where x < area.right {
            let text = TextFit.words(span.text, width: area.right - x, ellipsis: state.glyphs.ellipsis)
            x = buffer.set(x: x, y: area.y, string: text, style: span.style, maxWidth: area.right - x)
        }
        let room = area.right - x - 3
        if room > 0 {
            let text = TextFit.first(cursorStages, width: room, ellipsis: state.glyphs.ellipsis)
            _ = buffer.set(x: x + 3, y: area.y, string: text, style: theme.style(.foreground), maxWidth: room)
        }
    }
}

/// The layer view's column window, exposed for tests.
public enum LayerViewProbe {
    public static func columns(layerCount: Int, zoom: Int, width: Int, cursor: Int, split: Int?) -> (zoom: Int, first: Int, count: Int) {
        let c = LayerView.columns(layerCount: layerCount, zoom: zoom, width: width, cursor: cursor, split: split)
        return (c.zoom, c.first, c.count)
    }
}
