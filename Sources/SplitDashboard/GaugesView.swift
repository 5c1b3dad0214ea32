import SplitTerminal

/// The right-hand gauges: battery, latency against the SLO, link use against the cap, energy per frame.
struct GaugesView: Widget {
    let state: DashboardState

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = state.theme
        let glyphs = state.glyphs
        let block = BlockWidget(title: " now ", borderStyle: theme.style(.border), titleStyle: theme.style(.title), glyphs: glyphs)
        buffer.render(block, in: area)
        let inner = block.inner(area)
        guard inner.height >= 2, inner.width >= 10 else { return }
        let frame = state.lastFrame
        let constraints = state.whatIf?.controller.constraints ?? state.context.constraints
        var gauges: [(String, Double, String, [GaugeWidget.Threshold])] = []
        let battery = state.battery ?? 100
        let floor = constraints.batteryFloorPercent
        gauges.append(("battery", battery / 100, "\(DashboardState.fixed(battery, 1)) %" + (floor.map { " (floor \(Int($0)))" } ?? ""),
                       [.init(from: 0, style: theme.style(.error)), .init(from: (floor ?? 20) / 100, style: theme.style(.warn)),
                        .init(from: 0.5, style: theme.style(.ok))]))
        let latency = state.whatIf?.latencyMs ?? frame?.totalMs ?? 0
        if let slo = constraints.latencySLOMs {
            gauges.append(("latency / SLO", latency / slo, "\(DashboardState.fixed(latency, 1)) / \(Int(slo)) ms",
                           [.init(from: 0, style: theme.style(.ok)), .init(from: 0.8, style: theme.style(.warn)),
                            .init(from: 1.0, style: theme.style(.error))]))
        } else {
            gauges.append(("latency (no SLO)", min(1, latency / 1000), "\(DashboardState.fixed(latency, 1)) ms", [.init(from: 0, style: theme.style(.graphLatency))]))
        }
        let used: Double = {
            guard let frame, let bytes = frame.bytesSent, let ms = frame.transferMs, ms > 0, bytes > 0 else { return 0 }
            return Double(bytes) * 8 / (ms * 1000)
        }()
        let cap = constraints.bandwidthCapMbps ?? state.linkMbps ?? max(used, 1)
        gauges.append((constraints.bandwidthCapMbps == nil ? "link use / link" : "link use / cap", cap > 0 ? used / cap : 0,
                       "\(DashboardState.fixed(used, 1)) / \(DashboardState.fixed(cap, 1)) Mbit/s",
                       [.init(from: 0, style: theme.style(.transfer)), .init(from: 0.95, style: theme.style(.warn))]))
        let energy = frame?.energyMJ ?? 0
        let devicePower = state.context.costModel.power.computeWatts
        let localEnergy = state.context.deviceOnlyMs * devicePower
        gauges.append(("energy / frame", localEnergy > 0 ? energy / localEnergy : 0,
                       "\(DashboardState.fixed(energy, 0)) mJ (local \(DashboardState.fixed(localEnergy, 0)))",
                       [.init(from: 0, style: theme.style(.ok)), .init(from: 0.75, style: theme.style(.warn))]))
        let rowsPer = max(1, inner.height / gauges.count)
        var y = inner.y
        for (label, ratio, text, thresholds) in gauges where y < inner.bottom {
            if rowsPer >= 2 {
                _ = buffer.set(x: inner.x, y: y, string: label, style: theme.style(.muted), maxWidth: inner.width)
                y += 1
            }
            let gauge = GaugeWidget(ratio: ratio, label: rowsPer >= 2 ? text : "\(label) \(text)", filledStyle: theme.style(.accent),
                                    unfilledStyle: theme.style(.muted), thresholds: thresholds, glyphs: glyphs)
            buffer.render(gauge, in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            y += max(1, rowsPer - 1)
        }
    }
}
