import SplitSession
import SplitTerminal

/// The right-hand gauges: battery, latency against the SLO, the last transfer's rate against the
/// link, energy per frame.
///
/// In what-if mode every gauge shows the re-simulated frame (its latency, transfer and energy
/// at the recorded bandwidth) and the block's title says so; otherwise they show the recording
/// at the replay clock, against the constraints in force then. Labels and values shorten in
/// stages when the column is narrow, never cutting a number.
struct GaugesView: Widget {
    let state: DashboardState

    /// One gauge: label stages, value stages, fill ratio and colours.
    struct Gauge {
        var labels: [String]
        var values: [String]
        var ratio: Double
        var thresholds: [GaugeWidget.Threshold]
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        let glyphs = state.glyphs
        let whatIf = state.whatIf
        let title = whatIf != nil ? " now · what-if " : (state.mode == .live ? " now · live " : " now · recorded ")
        let block = BlockWidget(title: title, borderStyle: theme.style(.border), titleStyle: theme.style(.title), glyphs: glyphs)
        buffer.render(block, in: area)
        let inner = block.inner(area)
        guard inner.height >= 2, inner.width >= 10 else { return }
        let gauges = gauges()
        let ellipsis = glyphs.ellipsis
        let rows = Self.rows(for: gauges.map { Self.oneRowTexts($0) }, height: inner.height, width: inner.width, ellipsis: ellipsis)
        var y = inner.y
        for (gauge, rowsPer) in zip(gauges, rows) where y < inner.bottom {
            let text: String
            if rowsPer >= 2 {
                let label = TextFit.first(gauge.labels, width: inner.width, ellipsis: ellipsis)
                _ = buffer.set(x: inner.x, y: y, string: label, style: theme.style(.muted), maxWidth: inner.width)
                y += 1
                text = TextFit.first(gauge.values, width: inner.width, ellipsis: ellipsis)
            } else {
                // One row each: label and value together, shortened together.
                text = TextFit.first(Self.oneRowTexts(gauge), width: inner.width, ellipsis: ellipsis)
            }
            let widget = GaugeWidget(ratio: gauge.ratio, label: text, filledStyle: theme.style(.accent),
                                     unfilledStyle: theme.style(.muted), thresholds: gauge.thresholds, glyphs: glyphs)
            buffer.render(widget, in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            y += max(1, rowsPer - 1)
        }
    }

    /// A gauge's texts on one row, label and value together, from the fullest: the fullest value
    /// first, with the longest label that fits beside it; at last the shortest value alone.
    static func oneRowTexts(_ gauge: Gauge) -> [String] {
        var combined: [String] = []
        for value in gauge.values {
            for label in gauge.labels { combined.append("\(label) \(value)") }
        }
        combined.append(gauge.values.last ?? "")
        return combined
    }

    /// Rows for each gauge in `height` rows: as many each as divide evenly; when that is one, the
    /// rows left over go, one each, to the gauges cut down most on one row (a label row of their
    /// own then shows them whole), so no row stays free while a gauge is cut.
    static func rows(for oneRow: [[String]], height: Int, width: Int, ellipsis: String) -> [Int] {
        guard !oneRow.isEmpty else { return [] }
        let each = max(1, height / oneRow.count)
        var rows = Array(repeating: each, count: oneRow.count)
        var spare = height - each * oneRow.count
        guard each == 1, spare > 0 else { return rows }
        // How far down its list of one-row texts a gauge must go to fit: 0 is whole.
        let cut = oneRow.map { texts in
            texts.firstIndex { TerminalWidth.columns(of: $0) <= width } ?? texts.count
        }
        for i in oneRow.indices.sorted(by: { (cut[$0], -$0) > (cut[$1], -$1) }) where spare > 0 && cut[i] > 0 {
            rows[i] = 2
            spare -= 1
        }
        return rows
    }

    /// A cascade's appeal rate, its accuracy so far, and who answered the last frame with what confidence.
    private func cascadeGauge(rate: Double, frame: FrameEvent?) -> Gauge {
        let theme = state.theme
        let rateText = "\(DashboardState.fixed(rate, 1)) %"
        let accuracy = state.cascade.accuracyPct.map { "\(DashboardState.fixed($0, 1)) %" } ?? "-"
        let by = frame?.answered.map { $0.rawValue } ?? "-"
        let last = by + (frame?.confidence.map { " \(DashboardState.fixed($0, 2))" } ?? "")
        return Gauge(labels: ["appealed / accuracy / last", "appealed / acc.", "appealed", "appl."],
                     values: ["\(rateText) / \(accuracy) / \(last)", "\(rateText) / \(accuracy) / \(by)", "\(rateText) / \(accuracy)",
                              rateText],
                     ratio: rate / 100, thresholds: [.init(from: 0, style: theme.style(.transfer))])
    }

    /// The accuracy floor in force, and whether the session's versions meet it.
    func floorGauge(_ floor: Double) -> Gauge {
        let theme = state.theme
        let full = "\(DashboardState.fixed(floor, 2)) %"
        let short = "\(WhatIfRun.short(floor)) %"
        let accuracies = state.context.header.versions.map(\.accuracyPercent)
        let running = state.context.version
        let values: [String]
        let style: Style
        if let best = accuracies.max(), best < floor {
            values = ["\(full) unmet (best \(DashboardState.fixed(best, 1)) %)", "\(full) unmet", "\(short) unmet", "unmet"]
            style = theme.style(.error)
        } else if let running, running.accuracyPercent < floor {
            values = ["\(full) (\(running.name) below)", "\(short) (\(running.name) below)", "\(short) (below)", "below"]
            style = theme.style(.warn)
        } else {
            values = [full, short]
            style = theme.style(.accent)
        }
        return Gauge(labels: ["accuracy floor", "acc. floor", "floor", "acc."], values: values, ratio: floor / 100,
                     thresholds: [.init(from: 0, style: style)])
    }

    /// The gauges' numbers, from the what-if run or the recording.
    func gauges() -> [Gauge] {
        let theme = state.theme
        let constraints = state.constraintsInForce
        let frame = state.lastFrame
        let cost = state.whatIf?.cost
        var gauges: [Gauge] = []

        // The numbers the timeline shows too, from the one source (``DashboardState/latest``).
        let latest = state.latest
        // A recording without a level (a fleet's simulation, a cascade) has none to show: say so
        // rather than draw a full battery beside the timeline's `-`.
        let unrecorded = latest.batteryPct == nil
        let battery = latest.batteryPct ?? 0
        let floor = constraints.batteryFloorPercent
        let level = unrecorded ? "not recorded" : "\(DashboardState.fixed(battery, 1)) %"
        // The what-if run re-decides with the battery the device recorded: say so.
        let batteryLabels = state.whatIf == nil ? ["battery", "batt."] : ["battery (recorded)", "battery (rec)", "batt. rec"]
        gauges.append(Gauge(labels: batteryLabels,
                            values: floor.map { ["\(level) (floor \(DashboardState.fixed($0, 0)) %)", "\(level) (floor \(DashboardState.fixed($0, 0)))", level] } ?? [level],
                            ratio: battery / 100,
                            thresholds: [.init(from: 0, style: theme.style(.error)), .init(from: (floor ?? 20) / 100, style: theme.style(.warn)),
                                         .init(from: 0.5, style: theme.style(.ok))]))

        let shownLatency = state.whatIf?.latencyMs ?? latest.latencyMs
        let latency = shownLatency ?? 0
        let latencyText = shownLatency.map { DashboardState.fixed($0, 1) } ?? "-"
        if let slo = constraints.latencySLOMs {
            let sloText = WhatIfRun.short(slo)
            gauges.append(Gauge(labels: ["latency / SLO", "lat./SLO"],
                                values: ["\(latencyText) / \(sloText) ms", "\(latencyText)/\(sloText) ms", "\(latencyText)/\(sloText)", latencyText],
                                ratio: latency / slo,
                                thresholds: [.init(from: 0, style: theme.style(.ok)), .init(from: 0.8, style: theme.style(.warn)),
                                             .init(from: 1.0, style: theme.style(.error))]))
        } else {
            gauges.append(Gauge(labels: ["latency (no SLO)", "latency", "lat."], values: ["\(latencyText) ms", latencyText],
                                ratio: min(1, latency / 1000), thresholds: [.init(from: 0, style: theme.style(.graphLatency))]))
        }

        // The rate the last frame's transfer achieved (bytes × 8 / transfer time) against the
        // link's bandwidth now, or the cap: both in Mbit/s of payload.
        let sent: (bytes: Int, ms: Double)? = {
            if let cost { return (cost.transferBytes, cost.transferMs) }
            guard let frame, let bytes = frame.bytesSent, let ms = frame.transferMs else { return nil }
            return (bytes, ms)
        }()
        let fellBack = cost == nil && frame?.outcome == .local
        let local = fellBack || (sent.map { $0.bytes == 0 || $0.ms <= 0 } ?? true)
        let rate = fellBack ? 0 : sent.flatMap { $0.ms > 0 && $0.bytes > 0 ? Double($0.bytes) * 8 / ($0.ms * 1000) : nil } ?? 0
        let capped = constraints.bandwidthCapMbps != nil
        // No cap and no link recorded (a live cascade measures none): `-`, as the timeline's link row.
        let reference = constraints.bandwidthCapMbps ?? latest.linkMbps
        let referenceText = reference.map { DashboardState.fixed($0, 1) } ?? "-"
        let rateText = local ? "none" : DashboardState.fixed(rate, 1)
        let againstLabel = capped ? "cap" : "link"
        gauges.append(Gauge(labels: ["sent at / \(againstLabel) Mbit/s", "sent / \(againstLabel)", "sent"],
                            values: fellBack
                                ? ["finished locally / \(referenceText)", "local / \(referenceText)", "local"]
                                : local
                                ? ["none / \(referenceText)", "none"]
                                : ["\(rateText) / \(referenceText)", "\(rateText)/\(referenceText)", rateText],
                            ratio: reference.map { $0 > 0 ? rate / $0 : 0 } ?? 0,
                            thresholds: [.init(from: 0, style: theme.style(.transfer)), .init(from: 0.95, style: theme.style(.warn))]))

        if let rate = latest.appealedPct {
            gauges.append(cascadeGauge(rate: rate, frame: frame))
        }

        let energy = cost?.energyMJ ?? frame?.energyMJ ?? 0
        // The context's layer times are the shown device's own (a fleet's devices differ in speed).
        let localEnergy = state.context.deviceOnlyMs * state.context.costModel.power.computeWatts
        // A recorded frame without energy (no power model in the header) shows none, not 0 mJ.
        let energyUnrecorded = cost == nil && frame != nil && frame?.energyMJ == nil
        let energyText = energyUnrecorded ? "not recorded" : DashboardState.fixed(energy, 0)
        let localText = DashboardState.fixed(localEnergy, 0)
        gauges.append(Gauge(labels: ["energy / frame", "energy"],
                            values: energyUnrecorded ? ["not recorded", "none"]
                                : ["\(energyText) mJ (all local \(localText))", "\(energyText) mJ (local \(localText))", "\(energyText)/\(localText) mJ",
                                   "\(energyText) mJ", energyText],
                            ratio: localEnergy > 0 ? energy / localEnergy : 0,
                            thresholds: [.init(from: 0, style: theme.style(.ok)), .init(from: 0.75, style: theme.style(.warn))]))

        // The accuracy floor, only when one is set (it matters only to a family of model versions).
        // Unmet when no version of the session reaches it (the planner then runs the most accurate
        // one), or short of it when the version in force does not: said in every stage, never cut.
        if let floor = constraints.accuracyFloorPercent {
            gauges.append(floorGauge(floor))
        }
        return gauges
    }
}
