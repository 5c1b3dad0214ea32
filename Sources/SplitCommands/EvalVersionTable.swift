import SplitCost
import SplitJSON
import SplitModels

/// What `eval --versions FILE` prints: every version of a model family measured the same way —
/// size, its compressive cuts (the boundary options worth sending), latency on the engine and
/// test accuracy — against the full model and against X-ADMM's bound (compression within 2.5
/// points of the full model's accuracy).
struct EvalVersionTable {
    /// X-ADMM (Xie et al.) keeps the accuracy loss of its compressed models within 2.5 points.
    static let xadmmBoundPoints = 2.5

    struct Row {
        var name: String
        var file: String
        var compression: String
        var macs: Int
        var params: Int
        /// Bytes of the file's initializers as stored (int8 weights count 1 byte).
        var weightBytes: Int
        /// The compressive bottlenecks (prefix splits that send fewer bytes than the raw input and
        /// than every earlier split), with their float32 bytes; int8 on the link sends a quarter.
        var compressiveCuts: [Cut]
        /// Median ms of one image through the whole model on the engine.
        var latencyMs: Double
        var correct: Int
        var samples: Int
        var recordedAccuracyPercent: Double

        var accuracyPercent: Double { EvalReport.percent(correct, of: samples) }
    }

    /// A prefix split, the layer it comes after, and the float32 bytes that cross it (batch 1).
    struct Cut {
        var split: Int
        var after: String
        var bytes: Int
    }

    var family: String
    var data: EvalDataSet
    var threads: Int
    var rows: [Row]

    /// How far (in points) a manifest's accuracy may be from the one measured here before a
    /// warning says so: the manifest's figure is what a planner trusts for the accuracy floor.
    static let recordedAccuracyTolerancePoints = 1.0

    /// One warning line for every version whose manifest accuracy is more than
    /// ``recordedAccuracyTolerancePoints`` from the accuracy measured here, naming the version
    /// and both figures.
    var accuracyWarnings: [String] {
        rows.filter { abs($0.accuracyPercent - $0.recordedAccuracyPercent) > Self.recordedAccuracyTolerancePoints }.map { row in
            "warning: version \(DisplayText.quoted(row.name)): the manifest says \(Format.fixed(row.recordedAccuracyPercent, 2)) % "
                + "accuracy, measured here \(Format.fixed(row.accuracyPercent, 2)) % on \(Format.counted(row.samples, "sample", grouped: true)) "
                + "(more than \(Format.plain(Self.recordedAccuracyTolerancePoints)) point apart): planners choose by the manifest's figure"
        }
    }

    /// The reference the losses are measured from: the version named "full", else the first.
    var full: Row? { rows.first { $0.name == "full" } ?? rows.first }

    func lossPoints(_ row: Row) -> Double { (full?.accuracyPercent ?? row.accuracyPercent) - row.accuracyPercent }

    var text: String {
        var table = TextTable(["version", "MACs", "params", "weight bytes", "compressive cuts: split fp32/int8 bytes", "ms",
                               "accuracy %", "recorded %", "loss pts", "X-ADMM ≤ 2.5"],
                              alignments: [.left, .right, .right, .right, .left, .right, .right, .right, .right, .left])
        for row in rows {
            let cuts = row.compressiveCuts.map { "\($0.split) \(Format.grouped($0.bytes))/\(Format.grouped($0.bytes / 4))" }
            let loss = lossPoints(row)
            table.add([row.name, Format.count(row.macs), Format.count(row.params), Format.grouped(row.weightBytes),
                       cuts.isEmpty ? "-" : cuts.joined(separator: ", "),
                       Format.fixed(row.latencyMs, 3), Format.fixed(row.accuracyPercent, 2),
                       Format.fixed(row.recordedAccuracyPercent, 2), Format.fixed(loss, 2),
                       row.name == full?.name ? "reference" : (loss <= Self.xadmmBoundPoints ? "within" : "OUTSIDE")])
        }
        let samples = rows.first?.samples ?? 0
        let named = rows.first?.compressiveCuts.map { "\($0.split) after \($0.after)" }.joined(separator: ", ") ?? ""
        return "\(DisplayText.escaped(family)): \(Format.counted(rows.count, "version")) on \(Format.counted(samples, "\(data.rawValue) test sample", grouped: true)); ms: median of one image "
            + "through the whole model on the engine, \(Format.counted(threads, "thread"))\n" + table.render()
            + (named.isEmpty ? "" : "compressive cuts (\(rows.first?.name ?? "")): \(named)\n")
            + "loss pts: the full model's accuracy minus the version's, measured here; X-ADMM keeps it within "
            + "\(Format.fixed(Self.xadmmBoundPoints, 1)) points"
    }

    var json: JSONValue {
        .object(JSONObject([
            ("family", .string(family)), ("data", .string(data.rawValue)), ("threads", .number(Double(threads))),
            ("xadmm_bound_points", .number(Self.xadmmBoundPoints)),
            ("versions", .array(rows.map { row in
                var members: [(String, JSONValue)] = [
                    ("name", .string(row.name)), ("file", .string(row.file)), ("compression", .string(row.compression)),
                    ("macs", .number(Double(row.macs))), ("params", .number(Double(row.params))),
                    ("weight_bytes", .number(Double(row.weightBytes))), ("latency_ms", .number(row.latencyMs)),
                    ("samples", .number(Double(row.samples))), ("correct", .number(Double(row.correct))),
                    ("accuracy_pct", .number(row.accuracyPercent)), ("recorded_accuracy_pct", .number(row.recordedAccuracyPercent)),
                    ("loss_points", .number(lossPoints(row))),
                ]
                members.append(("compressive_cuts", .array(row.compressiveCuts.map { cut in
                    .object(JSONObject([
                        ("split", .number(Double(cut.split))), ("after", .string(cut.after)),
                        ("fp32_bytes", .number(Double(cut.bytes))), ("int8_bytes", .number(Double(cut.bytes / 4))),
                    ]))
                })))
                return .object(JSONObject(members))
            })),
        ]))
    }

    /// The compressive bottlenecks of a graph at batch 1 in float32, as `inspect` marks them.
    static func compressiveCuts(of graph: ModelGraph) -> [Cut] {
        var sized = graph
        sized.batchSize = 1
        sized.inputElement = .float32
        sized.activationElement = .float32
        let profile = RooflineEstimator().profile(of: sized)
        let table = PrefixCostTable(costModel: CostModel(profile: profile))
        return table.bottlenecks(inputBytes: profile.inputBytes).enumerated().compactMap { i, kind in
            kind == .compressive ? Cut(split: i + 1, after: graph.layers[i].name, bytes: table.transferBytes[i + 1]) : nil
        }
    }
}
