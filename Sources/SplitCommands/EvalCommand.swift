import ArgumentParser
import Foundation
import SplitCost
import SplitData
import SplitEngine
import SplitJSON
import SplitModels
import SplitONNX

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

        --versions FILE (or --model-file FILE.json) measures every version of a model family that \
        a model-versions manifest lists (format splitscope-model-versions, written by \
        scripts/compress-fashion.py): MACs, parameters, stored weight bytes, the compressive cuts \
        in fp32 and int8 bytes, the median latency of one image on the engine, and test accuracy \
        with its loss against the full model, beside X-ADMM's 2.5-point bound.
        --cascade evaluates an AppealNet cascade: --model-file is the device model, which answers \
        every test image; when its confidence (max softmax probability) is below a threshold the \
        image is appealed to --edge-model-file, whose answer is final. Both models run on every \
        image one at a time, timed; the curve gives per threshold the appeal rate, the accuracy, \
        and the mean latency and device energy per input (the appeal sends the float32 image at \
        --bandwidth-mbps with --rtt-ms, energy by the power flags), with device-only and edge-only, \
        and the least device energy at no accuracy loss against edge-only.
        """
    )

    @Option(name: .long, help: "A trained ONNX model (input [N, 1, H, W] float32, ten logits out); a .json file is read as --versions.")
    var modelFile: String?

    @Option(name: .long, help: "A model-versions manifest: measure every version it lists.")
    var versions: String?

    @Option(name: .long, help: "The data set: fashion-mnist or digits.")
    var data: String = EvalDataSet.fashionMNIST.rawValue

    @Option(name: .long, help: "Where the data set's files are (default: \(FashionMNIST.defaultDirectory) for fashion-mnist, ../shared/data/digits.csv.gz for digits).")
    var dataPath: String?

    @Option(name: .long, parsing: .unconditional, help: "Also run the first K layers as the device part and the rest as the edge part.")
    var split: FlagInteger?

    @Option(name: .long, parsing: .unconditional, help: "Evaluate the first N test samples only.")
    var limit: FlagInteger?

    @Option(name: .long, parsing: .unconditional, help: "Samples per engine run.")
    var batch: FlagInteger = 100

    @Option(name: .long, parsing: .unconditional, help: "Worker threads for the engine.")
    var threads: FlagInteger = 1

    @Option(name: .long, help: "Write every prediction to this CSV file: index,label,prediction (and split_prediction with --split).")
    var predictions: String?

    @Flag(name: .long, help: "Print JSON: model, data, samples, accuracy_pct, correct, and the split's figures (with --cascade, an array of the curve's rows).")
    var json = false

    @Flag(name: .long, help: "Evaluate the AppealNet cascade of --model-file (device) and --edge-model-file (edge).")
    var cascade = false

    @Option(name: .long, help: "With --cascade: the edge model, which answers the appealed inputs.")
    var edgeModelFile: String?

    @Option(name: .long, parsing: .unconditional, help: "With --cascade: the appeal thresholds to tabulate, comma-separated, each from 0 to 1.")
    var thresholds: String = "0.5,0.6,0.7,0.8,0.9,0.95,0.99,0.999,1"

    @Option(name: .long, parsing: .unconditional, help: "With --cascade: uplink bandwidth in Mbit/s for an appeal.")
    var bandwidthMbps: FlagNumber = 10

    @Option(name: .long, parsing: .unconditional, help: "With --cascade: round-trip time to the edge in ms.")
    var rttMs: FlagNumber = 20

    @Flag(name: .long, help: "With --cascade: also choose the threshold on the validation split (5,000 training images never used for the test figures) and report the test set at it.")
    var heldOut = false

    @OptionGroup var powerOptions: PowerOptions

    func validate() throws {
        try ThreadCount.validate(threads, flag: "--threads")
    }

    func run() throws {
        if cascade { return try runCascade() }
        if let edgeModelFile {
            throw CommandError("--edge-model-file \(edgeModelFile) is for --cascade; add --cascade or leave it out")
        }
        if heldOut { throw CommandError("--held-out is for --cascade; add --cascade or leave it out") }
        let dataSet = try EvalDataSet.named(data)
        let batchSize = Int(try Quantity.batch.checked(batch, flag: "--batch"))
        let threadCount = try ThreadCount.checked(threads, flag: "--threads")
        let sampleLimit = try limit.map { Int(try Quantity.samples.checked($0, flag: "--limit")) }
        let manifest: String?
        switch (modelFile, versions) {
        case (nil, nil): throw CommandError("give --model-file FILE.onnx, or --versions FILE (a model-versions manifest)")
        case (.some, .some): throw CommandError("give --model-file or --versions, not both")
        case (let file?, nil): manifest = file.lowercased().hasSuffix(".json") ? file : nil
        case (nil, let file?): manifest = file
        }
        if manifest != nil {
            if split != nil { throw CommandError("--split is for one model; --versions measures each version whole") }
            if predictions != nil { throw CommandError("--predictions is for one model, not --versions") }
        }
        // A path that cannot be written is refused before a single image is read.
        if let predictions { try OutputFile.check(path: predictions, flag: "--predictions") }
        let list = try manifest.map { try EvalVersionList.load(path: $0) }
        let samples = try dataSet.load(from: dataPath)
        let test = sampleLimit.map { samples.prefix($0) } ?? samples
        if let list {
            let table = try measureVersions(list, dataSet: dataSet, test: test, batch: batchSize, threads: threadCount)
            Console.line(json ? table.json.serialized() : table.text)
            for warning in table.accuracyWarnings { Console.error(warning) }
            return
        }
        guard let modelFile else { throw CommandError("give --model-file FILE.onnx") }

        let imported = try Self.checkedModel(modelFile, flag: "--model-file", batch: batchSize, test: test, dataSet: dataSet)
        let graph = imported.graph
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
        if let predictions { try OutputFile.write(Array(evaluation.csv.utf8), to: predictions, flag: "--predictions") }
        Console.line(json ? report.json.serialized() : report.text)
        if evaluation.splitDisagreements > 0 {
            throw CommandError("split at \(splitK ?? 0) changed \(evaluation.splitDisagreements) of \(test.count) predictions", isUsage: false)
        }
    }

    /// A model file imported at `batch`, checked to take the data set's images and give one logit per class.
    /// `flag` names the file in messages (nil for a file a versions manifest names).
    static func checkedModel(_ modelFile: String, flag: String?, batch batchSize: Int, test: LabelledImages,
                             dataSet: EvalDataSet) throws -> ImportedModel {
        let imported = try EngineOptions.importFile(modelFile, flag: flag, batch: batchSize)
        let graph = imported.graph
        try Self.checkFits(graph, file: modelFile, data: dataSet, images: test)
        guard graph.batchSize == batchSize else {
            throw CommandError("\(modelFile): the model's batch dimension is fixed at \(graph.batchSize); give --batch \(graph.batchSize)")
        }
        return imported
    }

    /// Every version of the manifest measured the same way: accuracy on `test`, size, compressive cuts, latency.
    private func measureVersions(_ list: EvalVersionList, dataSet: EvalDataSet, test: LabelledImages, batch: Int,
                                 threads: Int) throws -> EvalVersionTable {
        let pool = ThreadPool(threads: threads)
        var rows: [EvalVersionTable.Row] = []
        var progress = ProgressBar()
        let total = Double(max(1, list.entries.count * test.count))
        for (index, entry) in list.entries.enumerated() {
            let imported: ImportedModel
            do {
                imported = try Self.checkedModel(entry.path, flag: nil, batch: batch, test: test, dataSet: dataSet)
            } catch {
                throw CommandError("\(list.manifest): versions[\(index)] (\"\(entry.name)\"): \(error)",
                                   isUsage: (error as? CommandError)?.isUsage ?? true)
            }
            let graph = imported.graph
            let runner = try Runner(graph: graph, weights: imported.weights, onDevice: nil, extraOutputs: [], pool: pool)
            let evaluation = try Evaluation.run(test, batch: batch, whole: runner, split: nil,
                                                logits: .layer(graph.layers.count - 1)) { done in
                progress.update((Double(index * test.count) + Double(done)) / total,
                                label: "\(entry.name): \(done) of \(test.count) samples")
            }
            rows.append(EvalVersionTable.Row(
                name: entry.name, file: entry.path, compression: entry.compression, macs: graph.totalMacs, params: graph.totalParams,
                weightBytes: imported.storedWeightBytes, compressiveCuts: EvalVersionTable.compressiveCuts(of: graph),
                latencyMs: try Self.medianLatencyMs(entry.path, test: test, pool: pool), correct: evaluation.correct,
                samples: test.count, recordedAccuracyPercent: entry.recordedAccuracyPercent))
        }
        progress.finish()
        return EvalVersionTable(family: list.family, data: dataSet, threads: threads, rows: rows)
    }

    /// The median wall time of the first test image through the whole model at batch 1 (3 runs to
    /// warm up, then 25 timed).
    static func medianLatencyMs(_ path: String, test: LabelledImages, pool: ThreadPool) throws -> Double {
        let single = try EngineOptions.importFile(path, flag: nil, batch: 1)
        let runner = try Runner(graph: single.graph, weights: single.weights, onDevice: nil, extraOutputs: [], pool: pool)
        guard test.count > 0, let input = BatchTensor(sampleShape: TensorShape([1, test.rows, test.columns]), batch: 1,
                                                      elements: test.floatPixels(0..<1)) else {
            throw CommandError("no test image to time \(path) with", isUsage: false)
        }
        for _ in 0..<3 { _ = try runner.run(input) }
        var times: [Double] = []
        for _ in 0..<25 { times.append(try runner.run(input).milliseconds) }
        return Percentiles.of(times).median
    }

    /// `eval --cascade`: both models on every test image, one at a time, and the AppealNet curve.
    private func runCascade() throws {
        guard let modelFile else { throw CommandError("--cascade needs --model-file FILE.onnx, the device model") }
        if versions != nil { throw CommandError("--versions is not used with --cascade; leave it out") }
        guard let edgeModelFile else {
            throw CommandError("--cascade needs --edge-model-file FILE.onnx, the model appealed inputs go to")
        }
        guard split == nil else { throw CommandError("--split is not used with --cascade; leave it out") }
        // Both files are checked before the data set is read, so a wrong file is said at once.
        try ModelFile.check(modelFile, flag: "--model-file")
        try ModelFile.check(edgeModelFile, flag: "--edge-model-file")
        let dataSet = try EvalDataSet.named(data)
        let threadCount = try ThreadCount.checked(threads, flag: "--threads")
        let sampleLimit = try limit.map { Int(try Quantity.samples.checked($0, flag: "--limit")) }
        let thresholdValues = try CommaList.numbers(thresholds, flag: "--thresholds", quantity: .confidence)
        if let predictions { try OutputFile.check(path: predictions, flag: "--predictions") }
        let linkMbps = try Quantity.bandwidthMbps.checked(bandwidthMbps, flag: "--bandwidth-mbps")
        let linkRttMs = try Quantity.rttMs.checked(rttMs, flag: "--rtt-ms")
        let power = try powerOptions.power()
        let samples = try dataSet.load(from: dataPath)
        let test = sampleLimit.map { samples.prefix($0) } ?? samples

        let pool = ThreadPool(threads: threadCount)
        func model(_ file: String, flag: String) throws -> (CascadeMeasurement.Model, ModelGraph) {
            let imported = try EngineOptions.importFile(file, flag: flag, batch: 1)
            let graph = imported.graph
            try Self.checkFits(graph, file: file, data: dataSet, images: test)
            let runner = try Runner(graph: graph, weights: imported.weights, onDevice: nil, extraOutputs: [], pool: pool)
            return (CascadeMeasurement.Model(runner: runner, logits: .layer(graph.layers.count - 1)), graph)
        }
        let (device, deviceGraph) = try model(modelFile, flag: "--model-file")
        let (edge, _) = try model(edgeModelFile, flag: "--edge-model-file")
        var progress = ProgressBar()
        let measurement = try CascadeMeasurement.run(test, device: device, edge: edge) { done in
            progress.update(Double(done) / Double(max(test.count, 1)), label: "\(done) of \(test.count) images")
        }
        progress.finish()
        let link = CascadeLink(inputBytes: deviceGraph.inputBytes, bandwidthMbps: linkMbps, rttMs: linkRttMs)
        var heldOutThreshold: Double?
        if heldOut {
            let validation = try dataSet.load(.validation, from: dataPath)
            var bar = ProgressBar()
            let chosenOn = try CascadeMeasurement.run(validation, device: device, edge: edge, warmUp: 0) { done in
                bar.update(Double(done) / Double(max(validation.count, 1)), label: "validation: \(done) of \(validation.count) images")
            }
            bar.finish()
            heldOutThreshold = CascadeCurve(samples: chosenOn.samples, link: link, power: power).leastEnergyWithoutLoss().threshold
        }
        var report = EvalCascadeReport(deviceModel: modelFile, edgeModel: edgeModelFile, data: dataSet,
                                       curve: CascadeCurve(samples: measurement.samples, link: link, power: power),
                                       thresholds: thresholdValues, threads: threadCount)
        report.heldOutThreshold = heldOutThreshold
        if let predictions { try OutputFile.write(Array(measurement.csv.utf8), to: predictions, flag: "--predictions") }
        Console.line(json ? report.json.serialized() : report.text)
    }

    /// A usage error unless `graph` takes the data set's images and gives one logit per class.
    static func checkFits(_ graph: ModelGraph, file: String, data: EvalDataSet, images: LabelledImages) throws {
        let expectedInput = [1, images.rows, images.columns]
        guard graph.inputShape.dims == expectedInput else {
            throw CommandError("\(file): input \(shapeText(graph.inputShape.dims)) (channels, height, width) does not "
                + "match the \(shapeText(expectedInput)) images of \(data.rawValue); \(data.modelHint)")
        }
        guard let outputShape = graph.layers.last?.outputShape, outputShape.dims == [images.classCount] else {
            throw CommandError("\(file): output \(graph.layers.last.map { shapeText($0.outputShape.dims) } ?? "none") "
                + "is not \(images.classCount) logits, one per \(data.rawValue) class")
        }
    }

    static func shapeText(_ dims: [Int]) -> String {
        dims.map(String.init).joined(separator: "×")
    }
}
