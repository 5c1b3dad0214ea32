import SplitData
import SplitJSON
import SplitModels

/// What `eval` prints: the measured accuracy, the engine's throughput, and the split's agreement.
struct EvalReport {
    var model: String
    var data: EvalDataSet
    var samples: LabelledImages
    var evaluation: Evaluation
    var split: Int?
    var graph: ModelGraph
    var batch: Int
    var threads: Int

    static func percent(_ correct: Int, of count: Int) -> Double {
        count == 0 ? 0 : 100 * Double(correct) / Double(count)
    }

    var accuracy: Double { Self.percent(evaluation.correct, of: samples.count) }

    var samplesPerSecond: Double { Double(samples.count) / max(evaluation.seconds, 1e-9) }

    var text: String {
        var lines = [
            "\(graph.name): \(Format.grouped(samples.count)) \(data.rawValue) test samples, \(Format.grouped(evaluation.correct)) correct, "
                + "accuracy \(Format.fixed(accuracy, 2)) %",
            "engine: \(model), \(Format.counted(graph.layers.count, "layer")), batch \(batch), \(Format.counted(threads, "thread")), "
                + "\(Format.fixed(evaluation.seconds, 2)) s, \(Format.grouped(Int(samplesPerSecond.rounded()))) samples/s",
        ]
        if let split, let splitCorrect = evaluation.splitCorrect {
            let same = samples.count - evaluation.splitDisagreements
            let verdict = evaluation.splitDisagreements == 0
                ? "every prediction the same as unsplit (\(Format.grouped(same)) of \(Format.grouped(samples.count)))"
                : "\(Format.grouped(evaluation.splitDisagreements)) predictions DIFFER from unsplit"
            lines.append("split at \(split) (\(split) device layers, \(graph.layers.count - split) edge layers): accuracy "
                + "\(Format.fixed(Self.percent(splitCorrect, of: samples.count), 2)) %, \(verdict)")
        }
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("model", .string(model)), ("data", .string(data.rawValue)), ("split_set", .string("test")),
            ("samples", .number(Double(samples.count))), ("correct", .number(Double(evaluation.correct))),
            ("accuracy_pct", .number(accuracy)), ("batch", .number(Double(batch))), ("threads", .number(Double(threads))),
            ("seconds", .number(evaluation.seconds)), ("samples_per_s", .number(samplesPerSecond)),
        ]
        if let split, let splitCorrect = evaluation.splitCorrect {
            members += [
                ("split", .number(Double(split))), ("split_correct", .number(Double(splitCorrect))),
                ("split_accuracy_pct", .number(Self.percent(splitCorrect, of: samples.count))),
                ("split_identical_predictions", .number(Double(samples.count - evaluation.splitDisagreements))),
                ("split_seconds", .number(evaluation.splitSeconds ?? 0)),
            ]
        }
        return .object(JSONObject(members))
    }
}
