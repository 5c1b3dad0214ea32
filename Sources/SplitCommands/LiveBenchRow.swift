/// One row of `bench live`: a measured value beside its named baseline, the ratio of the two and
/// the target it is held to, or why it was not measured.
///
/// ```swift
/// let row = LiveBenchRow(metric: "1 MiB tensors, ModelInfer", unit: "MB/s", measured: 700,
///                        baseline: .init(name: "plain TCP copy", value: 1000), target: .ratioAtLeast(0.7))
/// row.ratio  // 0.7
/// row.passes // true
/// ```
struct LiveBenchRow: Equatable {
    /// What the row's number is held to.
    enum Target: Equatable {
        /// measured / baseline must be at least this.
        case ratioAtLeast(Double)
        /// measured / baseline must be at most this.
        case ratioAtMost(Double)
        /// The measured value itself must be at most this (in the row's unit).
        case atMost(Double)
        /// The measured value itself must be at least this (in the row's unit).
        case atLeast(Double)

        /// `≥ 70 % of baseline`, `≤ 10 %`, …
        func text(unit: String) -> String {
            switch self {
            case .ratioAtLeast(let x): "≥ \(Format.plain(100 * x)) % of baseline"
            case .ratioAtMost(let x): x == 1 ? "≤ baseline" : "≤ \(Format.plain(x))× baseline"
            case .atMost(let x): "≤ \(Format.plain(x)) \(unit)"
            case .atLeast(let x): "≥ \(Format.plain(x)) \(unit)"
            }
        }
    }

    /// The named value a measurement is compared with.
    struct Baseline: Equatable {
        var name: String
        var value: Double
    }

    var metric: String
    var unit: String
    /// The measured value; nil when the row could not be measured (`missing` says why).
    var measured: Double?
    var baseline: Baseline?
    var target: Target?
    /// Why the row has no number (`needs \`device\``), shown in place of it.
    var missing: String?
    /// Counts and spreads behind the number (p50/p99, failures, sizes).
    var detail: String = ""
    /// Set when the measurement itself went wrong (a request failed, a pin was never used): the
    /// row fails whatever its number.
    var failure: String?

    /// measured / baseline, when both are there and the baseline is positive.
    var ratio: Double? {
        guard let measured, let baseline, baseline.value > 0, measured.isFinite, baseline.value.isFinite else { return nil }
        return measured / baseline.value
    }

    /// Whether the row meets its target; nil when it has no target or nothing to judge.
    var passes: Bool? {
        if failure != nil { return false }
        guard let target, let measured, measured.isFinite else { return nil }
        switch target {
        case .ratioAtLeast(let x): return ratio.map { $0 >= x }
        case .ratioAtMost(let x): return ratio.map { $0 <= x }
        case .atMost(let x): return measured <= x
        case .atLeast(let x): return measured >= x
        }
    }

    /// A row that needs something not yet here: shown with its target, never with a number.
    static func notMeasured(_ metric: String, unit: String, target: Target?, because reason: String) -> LiveBenchRow {
        LiveBenchRow(metric: metric, unit: unit, measured: nil, baseline: nil, target: target, missing: reason)
    }
}

/// The `bench live` table: one line per row, in the layout of the other bench commands.
enum LiveBenchTable {
    static func render(_ rows: [LiveBenchRow]) -> String {
        var table = TextTable(["metric", "measured", "baseline", "ratio", "target", "pass", "detail"],
                              alignments: [.left, .right, .left, .right, .left, .left, .left])
        for row in rows {
            let measured = row.measured.map { "\(number($0)) \(row.unit)" } ?? (row.missing ?? "–")
            let baseline = row.baseline.map { "\($0.name) \(number($0.value)) \(row.unit)" } ?? "–"
            let ratio = row.ratio.map { Format.fixed($0, 2) } ?? "–"
            let pass = row.passes.map { $0 ? "yes" : "NO" } ?? "–"
            table.add([row.metric, measured, baseline, ratio, row.target?.text(unit: row.unit) ?? "–", pass, row.detail])
        }
        return table.render()
    }

    /// Three significant figures or so: `1234`, `98.7`, `0.123`.
    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 100 { return Format.fixed(value, 0) }
        if magnitude >= 10 { return Format.fixed(value, 1) }
        if magnitude >= 1 { return Format.fixed(value, 2) }
        return Format.fixed(value, 3)
    }
}
