import ArgumentParser
import Foundation
import SplitData
import SplitEngine
import SplitJSON
import SplitModels

/// `splitscope eval`: a trained model's measured accuracy on a data set's test split, on the engine.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a trained model's test accuracy on the XNNPACK engine, whole and split.",
        discussion: """
        The model follows one input convention: float32 NCHW [N, 1, H, W], pixels scaled to [0, 1] \
        (value / 255 for Fashion-MNIST), ten logits out; the prediction is the largest logit. \
        --data fashion-mnist (the default) reads the official test set that scripts/setup installs \
        (Debian's dataset-fashion-mnist, in \(FashionMNIST.defaultDirectory)); --data digits reads \
        UCI's 8×8 digits and needs a model with an 8×8 input. --split K also runs the first K layers \
        as the device part and the rest as the edge part, and checks that every prediction is the \
        same as unsplit.
        """
    )

    @Option(name: .long, help: "A trained ONNX model (input [N, 1, H, W] float32, ten logits out).")
    var modelFile: String

    @Option(name: .long, help: "The data set: fashion-mnist or digits.")
    var data: String = EvalDataSet.fashionMNIST.rawValue

    @Option(name: .long, help: "Where the data set's files are (default: \(FashionMNIST.defaultDirectory) for fashion-mnist, ../shared/data/digits.csv.gz for digits).")
    var dataPath: String?

    @Option(name: .long, parsing: .unconditional, help: "Also run the first K layers as the device part and the rest as the edge part.")
    var split: Double?

    @Option(name: .long, parsing: .unconditional, help: "Evaluate the first N test samples only.")
    var limit: Double?

    @Option(name: .long, parsing: .unconditional, help: "Samples per engine run.")
    var batch: Double = 100

    @Option(name: .long, parsing: .unconditional, help: "Worker threads for the engine.")
    var threads: Double = 1

    @Option(name: .long, help: "Write every prediction to this CSV file: index,label,prediction (and split_prediction with --split).")
    var predictions: String?

    @Flag(name: .long, help: "Print JSON: model, data, samples, accuracy_pct, correct, and the split's figures.")
    var json = false

    func run() throws {
        guard let dataSet = EvalDataSet(rawValue: data) else {
            throw CommandError("--data must be \(EvalDataSet.allCases.map(\.rawValue).joined(separator: " or ")), got \"\(data)\"")
        }
        let batchSize = Int(try Quantity.batch.checked(batch, flag: "--batch"))
        let threadCount = Int(try Quantity.threads.checked(threads, flag: "--threads"))
        let sampleLimit = try limit.map { Int(try Quantity.samples.checked($0, flag: "--limit")) }
        let samples = try dataSet.load(from: dataPath)
        let test = sampleLimit.map { samples.prefix($0) } ?? samples

        let imported = try EngineOptions.importFile(modelFile, batch: batchSize)
        let graph = imported.graph
        let expectedInput = [1, test.rows, test.columns]
        guard graph.inputShape.dims == expectedInput else {
            throw CommandError("\(modelFile): input \(Self.shapeText(graph.inputShape.dims)) (channels, height, width) does not "
                + "match the \(Self.shapeText(expectedInput)) images of \(dataSet.rawValue); \(dataSet.modelHint)")
        }
        guard graph.batchSize == batchSize else {
            throw CommandError("\(modelFile): the model's batch dimension is fixed at \(graph.batchSize); give --batch \(graph.batchSize)")
        }
        guard let outputShape = graph.layers.last?.outputShape, outputShape.dims == [test.classCount] else {
            throw CommandError("\(modelFile): output \(graph.layers.last.map { Self.shapeText($0.outputShape.dims) } ?? "none") "
                + "is not \(test.classCount) logits, one per \(dataSet.rawValue) class")
        }
        let splitK = try split.map { Int(try Quantity.split(layerCount: graph.layers.count).checked($0, flag: "--split")) }
        let onDevice: [Bool]? = splitK.map { k in (0..<graph.layers.count).map { $0 < k } }

        let pool = ThreadPool(threads: threadCount)
        let whole = try Runner(graph: graph, weights: imported.weights, onDevice: nil, extraOutputs: [], pool: pool)
        let parts = try onDevice.map { try Runner(graph: graph, weights: imported.weights, onDevice: $0, extraOutputs: [], pool: pool) }
        var progress = ProgressBar()
        let evaluation = try Evaluation.run(test, batch: batchSize, whole: whole, split: parts,
                                            logits: .layer(graph.layers.count - 1)) { done in
            progress.update(Double(done) / Double(max(test.count, 1)), label: "\(done) of \(test.count) samples")
        }
        progress.finish()
        let report = EvalReport(model: modelFile, data: dataSet, samples: test, evaluation: evaluation, split: splitK,
                                graph: graph, batch: batchSize, threads: threadCount)
        if let predictions { try OutputFile.write(Array(evaluation.csv.utf8), to: predictions) }
        Console.line(json ? report.json.serialized() : report.text)
        if evaluation.splitDisagreements > 0 {
            throw CommandError("split at \(splitK ?? 0) changed \(evaluation.splitDisagreements) of \(test.count) predictions", isUsage: false)
        }
    }

    static func shapeText(_ dims: [Int]) -> String {
        dims.map(String.init).joined(separator: "×")
    }
}
