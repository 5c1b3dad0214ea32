import SplitData
import SplitEngine
import SplitModels

/// A model's predictions on labelled images, whole and (optionally) split, and how many are right.
struct Evaluation {
    /// The class each image was given, unsplit.
    var predictions: [Int]
    /// The class each image was given by the device part then the edge part, when split.
    var splitPredictions: [Int]?
    var labels: [Int]
    /// Wall time of the unsplit pass and of the split pass.
    var seconds: Double
    var splitSeconds: Double?

    var correct: Int { Self.correct(predictions, labels) }
    var splitCorrect: Int? { splitPredictions.map { Self.correct($0, labels) } }

    /// Images whose split prediction differs from the unsplit one (0 when not split).
    var splitDisagreements: Int {
        guard let splitPredictions else { return 0 }
        return zip(predictions, splitPredictions).filter { $0 != $1 }.count
    }

    /// One line per image: index, label, prediction (and the split's prediction), after a header.
    var csv: String {
        var lines = ["index,label,prediction" + (splitPredictions == nil ? "" : ",split_prediction")]
        for i in predictions.indices {
            lines.append("\(i),\(labels[i]),\(predictions[i])" + (splitPredictions.map { ",\($0[i])" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func correct(_ predictions: [Int], _ labels: [Int]) -> Int {
        zip(predictions, labels).filter { $0 == $1 }.count
    }

    /// Runs every image through `whole` (and `split`), `batch` at a time, reading the `output` logits.
    ///
    /// The last batch is padded with blank images, whose predictions are dropped.
    static func run(_ data: LabelledImages, batch: Int, whole: Runner, split: Runner?, logits output: TensorSource,
                    progress: (Int) -> Void = { _ in }) throws -> Evaluation {
        let passes = split == nil ? 1 : 2
        var predictionsByPass = [[Int]](repeating: [], count: passes)
        var secondsByPass = [Double](repeating: 0, count: passes)
        for (pass, runner) in ([whole] + (split.map { [$0] } ?? [])).enumerated() {
            let start = ContinuousClock.now
            var offset = 0
            while offset < data.count {
                let end = min(offset + batch, data.count)
                var pixels = data.floatPixels(offset..<end)
                pixels += repeatElement(0, count: (batch - (end - offset)) * data.imageSize)
                guard let input = BatchTensor(sampleShape: TensorShape([1, data.rows, data.columns]), batch: batch, elements: pixels) else {
                    throw CommandError("cannot make a batch of \(batch) \(data.rows)×\(data.columns) images", isUsage: false)
                }
                let result = try runner.run(input)
                guard let logits = result.outputs[output], logits.sampleShape.elementCount == data.classCount else {
                    throw CommandError("the model gave no \(data.classCount)-logit output", isUsage: false)
                }
                predictionsByPass[pass] += argmax(logits.elements, classes: data.classCount).prefix(end - offset)
                offset = end
                progress((pass * data.count + offset) / passes)
            }
            let elapsed = ContinuousClock.now - start
            secondsByPass[pass] = elapsed.inSeconds
        }
        return Evaluation(predictions: predictionsByPass[0], splitPredictions: passes == 2 ? predictionsByPass[1] : nil,
                          labels: data.labels.map(Int.init), seconds: secondsByPass[0],
                          splitSeconds: passes == 2 ? secondsByPass[1] : nil)
    }

    /// The index of the largest of each `classes` consecutive logits (the first on a tie, as numpy's argmax).
    static func argmax(_ logits: [Float], classes: Int) -> [Int] {
        stride(from: 0, to: logits.count, by: classes).map { start in
            var best = start
            for i in start..<(start + classes) where logits[i] > logits[best] { best = i }
            return best - start
        }
    }
}
