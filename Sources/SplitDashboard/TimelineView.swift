import SplitTerminal

/// Time series: link bandwidth and the controller's estimate, the split index (a step plot), latency
/// against the SLO, battery. In what-if mode the re-simulated split and latency are drawn beside
/// the recorded ones.
struct TimelineView: Widget {
    let state: DashboardState

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        let glyphs = state.glyphs
        let labelWidth = 16
        let inner = BlockWidget(glyphs: glyphs).inner(area)
        let samples = max(2, (inner.width - labelWidth) * 2)
        let span = Double(samples) * state.series.link.bucket
        let block = BlockWidget(title: " timeline · last \(Int(span)) s ", borderStyle: theme.style(.border),
                                titleStyle: theme.style(.title), glyphs: glyphs)
        buffer.render(block, in: area)
        guard inner.height >= 1, inner.width > labelWidth + 2 else { return }
        let t = state.clock
        let series = state.series
        let slo = state.whatIf?.controller.constraints.latencySLOMs ?? state.context.constraints.latencySLOMs
        let n = Double(state.context.layerCount)
        let latest = state.latest
        var rows: [Row] = [
            Row(label: "link Mb/s", value: latest.linkMbps, samples: series.link.window(endingAt: t, count: samples),
                role: .graphMeasured, maximum: nil, reference: state.whatIf?.controller.constraints.bandwidthCapMbps ?? state.context.constraints.bandwidthCapMbps, step: false,
                scale: .bandwidth),
            Row(label: "estimate", value: series.estimate.latest, samples: series.estimate.window(endingAt: t, count: samples),
                role: .graphEstimate, maximum: nil, reference: nil, step: false, scale: .bandwidth),
            Row(label: state.whatIf == nil ? "split" : "split (rec)", value: series.split.latest,
                samples: series.split.window(endingAt: t, count: samples), role: .split, maximum: n, reference: nil, step: true),
            Row(label: state.whatIf == nil ? "latency ms" : "latency (rec)", value: latest.latencyMs,
                samples: series.latency.window(endingAt: t, count: samples), role: .graphLatency, maximum: nil, reference: slo, step: false,
                scale: .latency),
            Row(label: "battery %", value: latest.batteryPct, samples: series.battery.window(endingAt: t, count: samples),
                role: .graphBattery, maximum: 100, reference: state.context.constraints.batteryFloorPercent, step: false),
        ]
        if state.context.isCascade || !state.cascade.isEmpty {
            // A cascade has no split (the whole device model, then maybe the whole edge model):
            // its row is the frame strip, how many of the frames in each bucket were appealed.
            rows[2] = Row(label: "appealed", value: latest.appealedPct,
                          samples: series.appeals.window(endingAt: t, count: samples), role: .transfer, maximum: 1,
                          reference: nil, step: false)
        }
        if state.whatIf != nil {
            rows.insert(Row(label: "split w-if", value: series.whatIfSplit.latest,
                            samples: series.whatIfSplit.window(endingAt: t, count: samples), role: .whatIf, maximum: n,
                            reference: nil, step: true), at: 3)
            rows.insert(Row(label: "lat. w-if", value: series.whatIfLatency.latest,
                            samples: series.whatIfLatency.window(endingAt: t, count: samples), role: .whatIf, maximum: nil,
                            reference: slo, step: false, scale: .latency), at: 5)
        }
        rows = Self.sharingScales(rows)
        // Share rows out: one each, the rest to latency and link.
        var heights = Array(repeating: 1, count: rows.count)
        var spare = inner.height - rows.count
        if spare < 0 {
            rows = Array(rows.prefix(inner.height))
            heights = Array(repeating: 1, count: rows.count)
            spare = 0
        }
        let growOrder = rows.indices.filter { rows[$0].role == .graphLatency || rows[$0].role == .graphMeasured || rows[$0].role == .split || rows[$0].role == .whatIf }
        var i = 0
        while spare > 0, !growOrder.isEmpty {
            heights[growOrder[i % growOrder.count]] += 1
            spare -= 1
            i += 1
        }
        var y = inner.y
        for (row, height) in zip(rows, heights) {
            let valueText = row.value.map { DashboardState.fixed($0, $0 >= 100 ? 0 : 1) } ?? "-"
            let label = TextFit.first(Self.labelStages[row.label] ?? [row.label], width: labelWidth - TerminalWidth.columns(of: valueText) - 2,
                                      ellipsis: glyphs.ellipsis)
            _ = buffer.set(x: inner.x, y: y, string: label, style: theme.style(.muted), maxWidth: labelWidth)
            let valueX = inner.x + labelWidth - 1 - TerminalWidth.columns(of: valueText)
            _ = buffer.set(x: valueX, y: y, string: valueText, style: theme.style(row.role).adding(.bold), maxWidth: labelWidth)
            let graph = SparklineWidget(samples: row.samples, minimum: 0, maximum: row.maximum, reference: row.reference,
                                        mode: row.step ? .step : .filled, style: theme.style(row.role),
                                        referenceStyle: theme.style(.graphSLO),
                                        aboveReferenceStyle: row.role == .graphLatency || (row.role == .whatIf && !row.step) ? theme.style(.error) : nil,
                                        glyphs: glyphs)
            buffer.render(graph, in: Rect(x: inner.x + labelWidth, y: y, width: inner.width - labelWidth, height: height))
            y += height
        }
    }

    /// Shorter forms of the row labels, for when the value leaves less room.
    static let labelStages: [String: [String]] = [
        "link Mb/s": ["link Mb/s", "link"],
        "estimate": ["estimate", "est."],
        "split (rec)": ["split (rec)", "split rec", "split"],
        "latency ms": ["latency ms", "latency", "lat."],
        "latency (rec)": ["latency (rec)", "lat. (rec)", "lat. rec", "lat."],
        "split w-if": ["split w-if", "w-if"],
        "lat. w-if": ["lat. w-if", "w-if"],
        "battery %": ["battery %", "batt. %", "bat."],
        "appealed": ["appealed %", "appealed", "appl."],
    ]

    /// Rows drawn against each other share one scale: the link and the estimate of it, the
    /// recorded latency and the what-if's.
    enum SharedScale { case bandwidth, latency }

    struct Row {
        var label: String
        var value: Double?
        var samples: [Double]
        var role: ThemeRole
        var maximum: Double?
        var reference: Double?
        var step: Bool
        var scale: SharedScale? = nil
    }

    /// `rows` with the rows of each shared scale drawn to one top: the largest sample or
    /// reference among them, so one height means one value on every row of the group.
    static func sharingScales(_ rows: [Row]) -> [Row] {
        var tops: [SharedScale: Double] = [:]
        for row in rows {
            guard let scale = row.scale else { continue }
            let values = row.samples.filter(\.isFinite) + [row.reference].compactMap { $0 }.filter(\.isFinite)
            if let top = values.max() { tops[scale] = max(tops[scale] ?? top, top) }
        }
        return rows.map { row in
            var row = row
            if let scale = row.scale, row.maximum == nil, let top = tops[scale], top > 0 { row.maximum = top }
            return row
        }
    }
}
