import SplitCost
import SplitJSON

/// What `eval --cascade` prints: the AppealNet curve (threshold → appeal rate, accuracy, latency,
/// device energy) against device-only and edge-only, and where it lands against AppealNet's claim.
struct EvalCascadeReport {
    var deviceModel: String
    var edgeModel: String
    var data: EvalDataSet
    var curve: CascadeCurve
    var thresholds: [Double]
    var threads: Int
    /// The least-energy no-loss threshold found on the validation split (`--held-out`), shown on the test set.
    var heldOutThreshold: Double?

    /// AppealNet's headline: more than 40 % of the device's energy saved without accuracy loss.
    static let appealNetClaimPct = 40.0

    /// One row of the table.
    struct Row {
        var name: String
        var point: CascadePoint
        /// Whether this row is the listed threshold with the least energy at edge-only's accuracy or better.
        var isLeastWithoutLoss = false
    }

    var deviceOnly: CascadePoint { curve.deviceOnly }
    var edgeOnly: CascadePoint { curve.edgeOnly }
    var best: CascadePoint { curve.leastEnergyWithoutLoss() }

    /// Device-only, each threshold, edge-only and the searched best, with the listed threshold marked.
    var rows: [Row] {
        let edgeOnly = edgeOnly
        let target = edgeOnly.correct
        var points = thresholds.map { Row(name: "cascade", point: curve.point(threshold: $0)) }
        let eligible = points.indices.filter { points[$0].point.correct >= target }
        if let least = eligible.min(by: { points[$0].point.meanEnergyMJ < points[$1].point.meanEnergyMJ }) {
            points[least].isLeastWithoutLoss = true
        }
        var rows = [Row(name: "device-only", point: deviceOnly)] + points + [Row(name: "edge-only", point: edgeOnly),
                                                                              Row(name: "best", point: best)]
        if let heldOutThreshold { rows.append(Row(name: "held-out", point: curve.point(threshold: heldOutThreshold))) }
        return rows
    }

    private static func thresholdText(_ point: CascadePoint) -> String {
        guard let threshold = point.threshold else { return "-" }
        if threshold > 1 { return "> 1" }
        // A searched threshold is a confidence with many digits; four say where it is (the JSON has it exactly).
        let plain = Format.plain(threshold)
        return plain.count > 6 ? "≈" + Format.fixed(threshold, 4) : plain
    }

    private var meanMs: (device: Double, edge: Double) {
        let n = Double(max(curve.samples.count, 1))
        return (curve.samples.reduce(0) { $0 + $1.deviceMs } / n, curve.samples.reduce(0) { $0 + $1.edgeMs } / n)
    }

    /// The plain sentence on AppealNet's claim.
    var verdict: String {
        let best = best, edgeOnly = edgeOnly
        let saved = best.energySavedPct(against: edgeOnly)
        let where_ = saved > Self.appealNetClaimPct ? "above" : "below"
        return "without accuracy loss the cascade \(saved >= 0 ? "saves" : "costs") \(Format.fixed(abs(saved), 1)) % "
            + "device energy \(saved >= 0 ? "against" : "more than") edge-only (threshold \(Self.thresholdText(best)), "
            + "\(Format.fixed(best.appealRatePct, 1)) % appealed, accuracy \(Format.fixed(best.accuracyPct, 2)) % vs "
            + "\(Format.fixed(edgeOnly.accuracyPct, 2)) %): \(where_) AppealNet's reported > \(Format.plain(Self.appealNetClaimPct)) %"
    }

    var text: String {
        let link = curve.link, power = curve.power
        let deviceOnly = deviceOnly, edgeOnly = edgeOnly
        var lines = [
            "AppealNet cascade on \(Format.grouped(curve.samples.count)) \(data.rawValue) test images, one at a time on this machine's "
                + "engine (\(Format.counted(threads, "thread")))",
            "device \(deviceModel): accuracy \(Format.fixed(deviceOnly.accuracyPct, 2)) %, \(Format.fixed(meanMs.device, 3)) ms per input; "
                + "edge \(edgeModel): accuracy \(Format.fixed(edgeOnly.accuracyPct, 2)) %, \(Format.fixed(meanMs.edge, 3)) ms per input",
            "confidence: the device model's max softmax probability; an input below the threshold is appealed and the edge's answer is final",
            "an appeal sends \(Format.grouped(link.inputBytes)) B (the float32 input) at \(Format.given(link.bandwidthMbps)) Mbit/s = "
                + "\(Format.fixed(link.transferMs, 3)) ms, RTT \(Format.given(link.rttMs, 1)) ms; device power "
                + "\(Format.plain(power.computeWatts)) W computing, \(Format.plain(power.radioWatts)) W sending, "
                + "\(Format.plain(power.idleWatts)) W waiting",
            "",
        ]
        var table = TextTable(["", "threshold", "appealed %", "accuracy %", "latency ms", "energy mJ", "vs edge-only", "no loss"],
                              alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
        for row in rows {
            let p = row.point
            let saved = p.energySavedPct(against: edgeOnly)
            table.add([row.name, Self.thresholdText(p), Format.fixed(p.appealRatePct, 2), Format.fixed(p.accuracyPct, 2),
                       Format.fixed(p.meanLatencyMs, 3), Format.fixed(p.meanEnergyMJ, 3),
                       (saved > 0 ? "-" : "+") + Format.fixed(abs(saved), 1) + " %",
                       (p.correct >= edgeOnly.correct ? "yes" : "") + (row.isLeastWithoutLoss ? " ◀ least energy" : "")])
        }
        lines.append(String(table.render().dropLast()))
        lines.append("")
        lines.append("\"best\" searches every distinct confidence on these same images (the curve's best case, not a held-out choice)")
        lines.append(verdict)
        if let heldOutThreshold {
            let p = curve.point(threshold: heldOutThreshold)
            let saved = p.energySavedPct(against: edgeOnly)
            lines.append("\"held-out\": the threshold chosen the same way on the validation split (\(Self.thresholdText(p))) gives on the "
                + "test set \(Format.fixed(p.accuracyPct, 2)) % accuracy (edge-only \(Format.fixed(edgeOnly.accuracyPct, 2)) %), "
                + "\(Format.fixed(p.appealRatePct, 1)) % appealed, \(Format.fixed(saved, 1)) % \(saved >= 0 ? "less" : "more") device energy than edge-only")
        }
        return lines.joined(separator: "\n")
    }

    /// The same rows as a JSON array.
    var json: JSONValue {
        let edgeOnly = edgeOnly
        return .array(rows.map { row in
            let p = row.point
            let kind: String
            switch p.kind {
            case .deviceOnly: kind = "device-only"
            case .edgeOnly: kind = "edge-only"
            case .threshold: kind = row.name == "cascade" ? "cascade" : row.name
            }
            return .object(JSONObject([
                ("kind", .string(kind)), ("threshold", p.threshold.map(JSONValue.number) ?? .null),
                ("samples", .number(Double(p.count))), ("appealed", .number(Double(p.appealed))),
                ("appeal_rate_pct", .number(p.appealRatePct)), ("correct", .number(Double(p.correct))),
                ("accuracy_pct", .number(p.accuracyPct)), ("mean_latency_ms", .number(p.meanLatencyMs)),
                ("energy_mj", .number(p.meanEnergyMJ)), ("energy_saved_vs_edge_only_pct", .number(p.energySavedPct(against: edgeOnly))),
                ("no_accuracy_loss", .bool(p.correct >= edgeOnly.correct)), ("least_energy_without_loss", .bool(row.isLeastWithoutLoss)),
            ]))
        })
    }
}
