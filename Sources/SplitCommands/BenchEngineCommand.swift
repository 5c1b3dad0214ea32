import ArgumentParser
import Foundation
import SplitEngine
import SplitModels
import SplitTensorIO

/// `splitscope bench engine`: the engine's latency per model, how close its convolutions come to the
/// FMA peak, and ONNX Runtime on the same ONNX file at the same thread count.
struct BenchEngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Latency of each model at 1 and 2 threads, GMAC/s per convolution against the FMA peak, and ONNX Runtime on the same file.",
        discussion: """
        Zoo models run with seeded weights at batch 1, or — when --onnx-dir holds NAME.onnx (as \
        scripts/make-onnx-torchvision.py writes) — from that file with its weights; --model-file adds \
        any ONNX file (then only the files run, unless --models is given too). Each runs one warm-up, \
        then --rounds rounds of --repeat timed runs; the median is reported, and beside it the sum of \
        each layer's median (steadier when other processes share the cores). "split cost" runs it \
        unsplit and split half-way (at the nearest cut that leaves each fused convolution + norm + \
        clamp whole; "at K" names the device layers) in alternating blocks of 5 runs (2 × --rounds × \
        --repeat runs each): the median of the block pairs' ratios, with a 95 % confidence interval, \
        and the ratio of the fastest deciles. For a model from a file, when \
        `python3 -c "import onnxruntime"` works, scripts/ort-time.py times ONNX Runtime on the same \
        file at the same thread count, its runs alternating one by one with the engine's so both see \
        the same machine load, and the outputs of both on the same input are compared (largest difference \
        relative to the largest magnitude). "of peak" compares the convolutions with one core's FMA peak, \
        the best of many 1 ms trials spread over the run and probed again whenever a convolution beats \
        it; a rate still more than 10 % above it reads "probe disturbed" (other work slowed the probe). \
        Targets (issue 8): within 1.2× of ONNX Runtime at one thread.
        """
    )

    @Option(name: .long, help: "Comma-separated zoo models (default: all, or none when --model-file is given).")
    var models: String?

    @Option(name: .long, help: "An ONNX model file to bench beside the zoo models (repeatable).")
    var modelFile: [String] = []

    @Option(name: .long, help: "A folder of NAME.onnx files (scripts/make-onnx-torchvision.py DIR): zoo models run from them.")
    var onnxDir: String?

    @Option(name: .long, parsing: .unconditional, help: "Input side in pixels for zoo models (default 224; 32 for smallcnn).")
    var inputSize: FlagInteger?

    @Option(name: .long, parsing: .unconditional, help: "Timed runs per round, model and thread count.")
    var `repeat`: FlagInteger = 10

    @Option(name: .long, parsing: .unconditional, help: "Rounds of --repeat runs (timed runs are --repeat × --rounds).")
    var rounds: FlagInteger = 3

    @OptionGroup var build: BenchBuild

    @Option(name: .long, help: "The ONNX Runtime timing script (default: scripts/ort-time.py here or beside the binary's checkout).")
    var ortScript: String?

    @Flag(name: .long, help: "List every convolution's GMAC/s at one thread.")
    var layers = false

    /// One model to bench: its graph and weights, and the ONNX file it came from.
    private struct Subject {
        var label: String
        var graph: ModelGraph
        var weights: ModelWeights
        var file: String?
    }

    func run() throws {
        let repeats = Int(try Quantity.repeats.checked(`repeat`, flag: "--repeat"))
        let roundCount = Int(try Quantity.repeats.checked(rounds, flag: "--rounds"))
        let side = try inputSize.map { Int(try Quantity.inputSide.checked($0, flag: "--input-size")) }
        let subjects = try self.subjects(side: side)
        try build.check()
        if let script = ortScript, let problem = InputFile.problem(at: script) {
            throw CommandError("--ort-script: \(script): \(problem)")
        }
        let ort = ONNXRuntimeTimer.find(script: ortScript)
        // The script is a readable file by now: what is missing is Python or its onnxruntime.
        if let script = ortScript, ort == nil {
            throw CommandError("--ort-script \(script): python3 cannot import onnxruntime here, so ONNX Runtime cannot be timed "
                + "(pip install onnxruntime, or leave out --ort-script)")
        }
        // The peak is probed in short trials at the start and again before each model, keeping the
        // best; a convolution that beats it sends the probe round again (FMAPeak).
        var peak = FMAPeak.probe()
        var table = TextTable(["model", "GMACs", "1 thread ms", "Σ layer medians", "ORT 1 thr ms", "ratio", "2 threads ms",
                               "ORT 2 thr ms", "ratio", "conv GMAC/s (1 thr)", "of peak", "split cost (95 % CI), p10", "vs ORT output"],
                              alignments: [.left] + [TextTable.Alignment](repeating: .right, count: 12))
        /// A row's cells, and its convolutions' rates: "of peak" is filled in once the peak is final.
        var rows = [(cells: [String], convRate: Double)]()
        var convolutions = [(label: String, rate: Double, ms: Double)]()
        var notes = [String]()
        for subject in subjects {
            let graph = subject.graph, weights = subject.weights
            let timer = subject.file.flatMap { file in ort.map { ($0, file) } }
            peak = peak.merged(FMAPeak.probe(trials: 50))
            let one = try measure(graph, weights, threads: 1, repeats: repeats, rounds: roundCount, ort: timer)
            // Two threads on a one-core machine would measure the scheduler, not the engine.
            let two = ThreadCount.onlineCores >= 2
                ? try measure(graph, weights, threads: 2, repeats: repeats, rounds: roundCount, ort: timer) : nil
            let splitCost = try measureSplitCost(graph, weights, repeats: repeats * roundCount)
            var convMacs = 0.0, convMs = 0.0, fastest = 0.0
            for (index, layer) in graph.layers.enumerated() {
                guard case .convolution = layer.operation, one.layerMs[index] > 0 else { continue }
                // A folded batch norm and fused activation report 0 ms: their time is the convolution's.
                let gmacs = Double(layer.macs) / one.layerMs[index] / 1e6
                convMacs += Double(layer.macs)
                convMs += one.layerMs[index]
                fastest = max(fastest, gmacs)
                if layers {
                    convolutions.append(("\(subject.label) \(layer.name) \(layer.outputShape)", gmacs, one.layerMs[index]))
                }
            }
            if peak.isBeaten(by: fastest) { peak = peak.merged(FMAPeak.probe(trials: 300)) }
            let convRate = convMs > 0 ? convMacs / convMs / 1e6 : 0
            func ortCell(_ m: Measurement?) -> (String, String) {
                guard let m, let ms = m.ortMedian else { return ("–", "–") }
                return (Format.fixed(ms, 2), "\(Format.fixed(m.median / ms, 2))×")
            }
            let (ort1, ratio1) = ortCell(one), (ort2, ratio2) = ortCell(two)
            let agreement = one.ortDifference.map { String(format: "%.1e", $0) } ?? "–"
            rows.append(([subject.label, Format.fixed(Double(graph.totalMacs) / 1e9, 2), Format.fixed(one.median, 2),
                          Format.fixed(one.layerMs.reduce(0, +), 2), ort1, ratio1, two.map { Format.fixed($0.median, 2) } ?? "–", ort2, ratio2,
                          Format.fixed(convRate, 1), "", splitCost.text, agreement], convRate))
            for (threads, m) in [(1, one), (2, two)] {
                guard let m, let ortP10 = m.ortP10 else { continue }
                notes.append("\(subject.label), \(Format.counted(threads, "thread")), fastest decile (p10): engine "
                    + "\(Format.fixed(m.p10, 2)) ms, ONNX Runtime \(Format.fixed(ortP10, 2)) ms, ratio \(Format.fixed(m.p10 / ortP10, 2))×")
            }
            if subject.file == nil {
                notes.append("\(subject.label): seeded weights, no ONNX file; give --onnx-dir (scripts/make-onnx-torchvision.py DIR) "
                    + "or --model-file for the ONNX Runtime columns")
            }
        }
        for row in rows {
            var cells = row.cells
            cells[10] = peak.share(of: row.convRate)
            table.add(cells)
        }
        let detail = convolutions.map { c in
            "\(c.label): \(Format.fixed(c.rate, 1)) GMAC/s (\(peak.share(of: c.rate))\(peak.isDisturbed(by: c.rate) ? "" : " of peak")), "
                + "\(Format.fixed(c.ms, 3)) ms"
        }
        if rows.contains(where: { peak.isDisturbed(by: $0.convRate) }) || convolutions.contains(where: { peak.isDisturbed(by: $0.rate) }) {
            notes.append("of peak: a convolution measured more than 10 % above the FMA peak even after probing again: other work "
                + "slowed the probe more than the model (the machine is loaded); rerun when it is quieter")
        }
        Console.line("FMA peak: \(Format.fixed(peak.gmacs, 1)) GMAC/s on one core (\(peak.lanes)-lane vectors, 12 accumulators; "
            + "best of \(peak.trials) 1 ms trials over the run)")
        Console.write(table.render())
        for line in detail { Console.line(line) }
        if ort == nil, subjects.contains(where: { $0.file != nil }) {
            Console.line("ONNX Runtime: not measured (python3 cannot import onnxruntime, or scripts/ort-time.py is not found; "
                + "give --ort-script)")
        } else if let ort {
            Console.line("ONNX Runtime \(ort.version) through \(ort.script), same file, input and thread count; "
                + "its runs alternate one by one with the engine's.")
        }
        for note in notes { Console.line(note) }
    }

    /// The models to bench, in order: zoo models (from `--onnx-dir` files when there), then `--model-file`s.
    private func subjects(side inputSize: Int?) throws -> [Subject] {
        var names = try models.map { try CommaList.names($0, flag: "--models") } ?? (modelFile.isEmpty ? ModelZoo.names : [])
        if names.isEmpty {
            // Only model files run: options for zoo models would be ignored.
            let given = [("--input-size", inputSize != nil), ("--onnx-dir", onnxDir != nil)].filter(\.1).map(\.0)
            guard given.isEmpty else {
                throw CommandError("\(given.joined(separator: ", ")) \(given.count == 1 ? "applies" : "apply") to zoo models only, "
                    + "and with --model-file alone none run: add --models NAME,…")
            }
        }
        for name in names where ModelZoo.summary(of: name) == nil {
            throw CommandError("--models: unknown model \"\(name)\" (one of \(ModelZoo.names.joined(separator: ", ")))")
        }
        if let onnxDir {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: onnxDir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandError("--onnx-dir: \(onnxDir) is not a folder")
            }
        }
        var result = [Subject]()
        for name in names {
            let candidate = onnxDir.map { URL(fileURLWithPath: $0).appendingPathComponent("\(name).onnx").path }
            if let candidate, FileManager.default.fileExists(atPath: candidate) {
                guard inputSize == nil else {
                    throw CommandError("--input-size applies to seeded zoo models only: \(candidate) fixes its own input size")
                }
                result.append(try fileSubject(candidate, label: "\(name) (ONNX)"))
                continue
            }
            let side = inputSize ?? (ModelZoo.defaultInputSize(of: name) ?? 224)
            let graph: ModelGraph
            do {
                graph = try ModelZoo.model(named: name, inputSize: side, inputElement: .float32)
            } catch {
                throw CommandError("--models: \(error)")
            }
            result.append(Subject(label: name, graph: graph, weights: try EngineOptions.seededWeights(for: graph, seed: 1)))
        }
        for path in modelFile {
            result.append(try fileSubject(path, label: URL(fileURLWithPath: path).lastPathComponent))
        }
        return result
    }

    private func fileSubject(_ path: String, label: String) throws -> Subject {
        let imported = try EngineOptions.importFile(path, flag: "--model-file")
        return Subject(label: label, graph: imported.graph, weights: imported.weights, file: path)
    }

    private struct Measurement {
        var median: Double
        var p10: Double
        var layerMs: [Double]
        /// ONNX Runtime's median on the same file and thread count, when it ran.
        var ortMedian: Double?
        var ortP10: Double?
        /// The largest difference between the engine's and ONNX Runtime's outputs, relative to the
        /// largest magnitude of ONNX Runtime's.
        var ortDifference: Double?
    }

    /// The deterministic ramp both the engine and ONNX Runtime run on, in PyTorch order.
    private static func rampInput(_ graph: ModelGraph) -> FloatTensor? {
        let count = graph.batchSize * graph.inputShape.elementCount
        return FloatTensor(shape: [graph.batchSize] + graph.inputShape.dims,
                           elements: (0..<count).map { Float($0 % 255) / 255 - 0.5 })
    }

    /// `repeats × rounds` timed engine runs, each followed by one ONNX Runtime run on the same file
    /// when there is one, so both see the same machine load.
    private func measure(_ graph: ModelGraph, _ weights: ModelWeights, threads: Int, repeats: Int, rounds: Int,
                         ort: (ONNXRuntimeTimer, String)?) throws -> Measurement {
        let part: ModelPart
        do {
            part = try ModelPart(graph: graph, weights: weights, pool: ThreadPool(threads: threads))
        } catch {
            throw CommandError.engine(error, graph: graph)
        }
        guard let ramp = Self.rampInput(graph), let input = BatchTensor(channelsFirst: ramp) else {
            throw CommandError("\(graph.messageName): cannot make an input", isUsage: false)
        }
        let session = try ort.map { timer, file in
            try ONNXRuntimeTimer.Session(timer: timer, file: file, threads: threads, input: ramp)
        }
        var totals = [Double](), ortSamples = [Double]()
        var samples = [[Double]](repeating: [], count: graph.layers.count)
        var difference: Double?
        do {
            let first = try part.run([.input: input])
            if let reference = session?.output, let ours = first.outputs[.layer(graph.layers.count - 1)] {
                difference = Self.relativeDifference(ours.channelsFirst.elements, reference.elements)
            }
            for _ in 0..<(repeats * rounds) {
                let start = ContinuousClock.now
                let result = try part.run([.input: input])
                totals.append((ContinuousClock.now - start).inMilliseconds)
                for time in result.layerTimes { samples[time.layer].append(time.milliseconds) }
                if let session { ortSamples += try session.time(1) }
            }
        } catch {
            throw CommandError.engine(error, graph: graph)
        }
        let engine = Percentiles.of(totals), onnx = Percentiles.of(ortSamples)
        return Measurement(median: engine.median, p10: engine.p10, layerMs: samples.map { Percentiles.of($0).median },
                           ortMedian: ortSamples.isEmpty ? nil : onnx.median, ortP10: ortSamples.isEmpty ? nil : onnx.p10,
                           ortDifference: difference)
    }

    /// The largest absolute difference relative to the reference's largest magnitude; infinite when sizes differ.
    static func relativeDifference(_ actual: [Float], _ reference: [Float]) -> Double {
        guard actual.count == reference.count else { return .infinity }
        let scale = max(Double(reference.map { abs($0) }.max() ?? 0), 1e-30)
        let worst = zip(actual, reference).map { Double(abs($0 - $1)) }.max() ?? 0
        return worst / scale
    }

    /// The relative cost of splitting in one process: the model unsplit and split near half-way (device
    /// part, then edge part on what it sends), run in alternating blocks of five runs at one thread.
    ///
    /// Each pair of blocks gives a ratio of medians, split / unsplit, which cancels the machine's
    /// load drift as two overall medians do not; the result is the median ratio − 1 with a
    /// distribution-free 95 % confidence interval for it (order statistics `n/2 ± 0.98·√n`).
    private func measureSplitCost(_ graph: ModelGraph, _ weights: ModelWeights, repeats: Int) throws -> SplitCost {
        // Half-way, moved to the nearest cut that leaves every fused convolution + norm + clamp
        // whole: a cut inside one costs the unfused norm or clamp, a cost of that cut, not of splitting.
        let half = graph.layers.count / 2
        let cuts: [Int]
        do {
            cuts = try SplitExecution.prefixCutsKeepingFusion(of: graph)
        } catch {
            throw CommandError.engine(error, graph: graph)
        }
        let k = cuts.min { abs($0 - half) < abs($1 - half) } ?? half
        guard let ramp = Self.rampInput(graph), let input = BatchTensor(channelsFirst: ramp) else {
            throw CommandError("\(graph.messageName): cannot make an input", isUsage: false)
        }
        var ratios = [Double](), wholeTimes = [Double](), splitTimes = [Double]()
        do {
            let part = try ModelPart(graph: graph, weights: weights)
            let halves = try SplitExecution(graph: graph, weights: weights, onDevice: (0..<graph.layers.count).map { $0 < k })
            _ = try part.run([.input: input])
            _ = try halves.run(input: input)
            // Blocks of runs, not single runs, alternate: each holds its own packed weights, and a
            // block lets them settle in the cache as they would in a process that runs one of them.
            let block = 5
            for pair in 0..<max(1, 2 * repeats / block) {
                var whole = [Double](), split = [Double]()
                for wholeTurn in pair % 2 == 0 ? [true, false] : [false, true] {
                    // One untimed run first: the other part has just evicted this one's weights.
                    if wholeTurn { _ = try part.run([.input: input]) } else { _ = try halves.run(input: input) }
                    for _ in 0..<block {
                        let start = ContinuousClock.now
                        if wholeTurn {
                            _ = try part.run([.input: input])
                            whole.append((ContinuousClock.now - start).inMilliseconds)
                        } else {
                            _ = try halves.run(input: input)
                            split.append((ContinuousClock.now - start).inMilliseconds)
                        }
                    }
                }
                ratios.append(Percentiles.of(split).median / Percentiles.of(whole).median)
                wholeTimes += whole
                splitTimes += split
            }
        } catch {
            throw CommandError.engine(error, graph: graph)
        }
        var cost = SplitCost(ratios: ratios)
        cost.cut = k
        cost.fastDecile = Percentiles.of(splitTimes).p10 / Percentiles.of(wholeTimes).p10 - 1
        return cost
    }

    /// Split / unsplit over paired runs: the median and a 95 % confidence interval of it, and the
    /// ratio of the two fastest deciles (the runs other processes disturbed least).
    struct SplitCost {
        var median: Double
        var low: Double
        var high: Double
        var fastDecile = 0.0
        /// Layers on the device: the split measured.
        var cut = 0

        init(ratios: [Double]) {
            let sorted = ratios.sorted()
            let n = sorted.count
            guard n > 0 else {
                (median, low, high) = (0, 0, 0)
                return
            }
            median = Percentiles.of(sorted).median - 1
            let spread = 0.98 * Double(n).squareRoot()
            let lowRank = max(0, Int((Double(n) / 2 - spread).rounded(.down)))
            let highRank = min(n - 1, Int((Double(n) / 2 + spread).rounded(.up)))
            (low, high) = (sorted[lowRank] - 1, sorted[highRank] - 1)
        }

        /// `+0.4 % (−1.2…+2.0), p10 +0.3 %`.
        var text: String {
            func percent(_ x: Double) -> String { "\(x >= 0 ? "+" : "−")\(Format.fixed(abs(100 * x), 1))" }
            return "\(percent(median)) % (\(percent(low))…\(percent(high))), p10 \(percent(fastDecile)) % at \(cut)"
        }
    }
}
