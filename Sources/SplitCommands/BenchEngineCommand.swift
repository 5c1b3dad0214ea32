import ArgumentParser
import CFMAProbe
import Foundation
import SplitEngine
import SplitModels

/// `splitscope bench engine`: the engine's latency per zoo model and how close its convolutions come to the FMA peak.
struct BenchEngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Latency of each zoo model at 1 and 2 threads, and GMAC/s per convolution against the core's FMA peak.",
        discussion: """
        Each model runs with seeded weights at batch 1: one warm-up run, then --repeat timed runs; \
        "split cost" runs it unsplit and split half-way alternately (2 × --repeat pairs) and compares the medians; \
        the median is reported, and beside it the sum of each layer's median (steadier when other \
        processes share the cores). The FMA peak is measured here with a 12-accumulator loop on the widest \
        vectors the CPU has. Targets (ONNX Runtime 1.32 on this machine kind, one thread): ResNet-18 \
        34 ms, MobileNetV2 7.4 ms.
        """
    )

    @Option(name: .long, help: "Comma-separated zoo models (default: all).")
    var models: String?

    @Option(name: .long, help: "Input side in pixels (default 224; 32 for smallcnn).")
    var inputSize: Int?

    @Option(name: .long, help: "Timed runs per model and thread count.")
    var `repeat`: Int = 10

    @Flag(name: .long, help: "List every convolution's GMAC/s at one thread.")
    var layers = false

    func run() throws {
        #if DEBUG
        Console.error("warning: this is a debug build; timings are meaningless. Use: swift build -c release")
        #endif
        let repeats = Int(try checked(Quantity.repeats, `repeat`, flag: "--repeat"))
        let names = models.map { $0.split(separator: ",").map(String.init) } ?? ModelZoo.names
        for name in names where ModelZoo.summary(of: name) == nil {
            throw CommandError("--models: unknown model \"\(name)\" (one of \(ModelZoo.names.joined(separator: ", ")))")
        }
        let peak = Self.fmaPeak()
        Console.line("FMA peak: \(Format.fixed(peak.gmacs, 1)) GMAC/s on one core (\(peak.lanes)-lane vectors, 12 accumulators)")
        var table = TextTable(["model", "GMACs", "1 thread ms", "Σ layer medians", "2 threads ms", "speed-up", "conv GMAC/s (1 thr)", "of peak",
                               "best conv", "split cost", "ONNX Runtime"],
                              alignments: [.left, .right, .right, .right, .right, .right, .right, .right, .right, .right, .left])
        var detail = [String]()
        for name in names {
            let side = inputSize ?? (ModelZoo.defaultInputSize(of: name) ?? 224)
            let graph: ModelGraph
            do {
                graph = try ModelZoo.model(named: name, inputSize: side, inputElement: .float32)
            } catch {
                throw CommandError("--models: \(error)")
            }
            let weights = try EngineOptions.seededWeights(for: graph, seed: 1)
            let one = try measure(graph, weights, threads: 1, repeats: repeats)
            let two = try measure(graph, weights, threads: 2, repeats: repeats)
            let splitCost = try measureSplitCost(graph, weights, repeats: repeats)
            var convMacs = 0.0, convMs = 0.0, best = 0.0
            for (index, layer) in graph.layers.enumerated() {
                guard case .convolution = layer.operation, one.layerMs[index] > 0 else { continue }
                let gmacs = Double(layer.macs) / one.layerMs[index] / 1e6
                convMacs += Double(layer.macs)
                convMs += one.layerMs[index]
                best = max(best, gmacs)
                if layers {
                    detail.append("\(graph.name) \(layer.name) \(layer.outputShape): \(Format.fixed(gmacs, 1)) GMAC/s "
                        + "(\(Format.fixed(100 * gmacs / peak.gmacs, 0)) % of peak), \(Format.fixed(one.layerMs[index], 3)) ms")
                }
            }
            let convRate = convMs > 0 ? convMacs / convMs / 1e6 : 0
            table.add([graph.name, Format.fixed(Double(graph.totalMacs) / 1e9, 2), Format.fixed(one.median, 2),
                       Format.fixed(one.layerMs.reduce(0, +), 2), Format.fixed(two.median, 2),
                       Format.fixed(one.median / two.median, 2), Format.fixed(convRate, 1),
                       "\(Format.fixed(100 * convRate / peak.gmacs, 0)) %", Format.fixed(best, 1),
                       "\(splitCost >= 0 ? "+" : "")\(Format.fixed(100 * splitCost, 1)) %", "–"])
        }
        Console.write(table.render())
        for line in detail { Console.line(line) }
        Console.line("ONNX Runtime: not compared here yet: the same file needs the ONNX importer (--model-file). Meanwhile "
            + "scripts/ort-latency.py times ONNX Runtime on ResNet-18 and MobileNetV2 built the same way; run it beside this.")
    }

    private struct Measurement {
        var median: Double
        var layerMs: [Double]
    }

    private func measure(_ graph: ModelGraph, _ weights: ModelWeights, threads: Int, repeats: Int) throws -> Measurement {
        let part: ModelPart
        do {
            part = try ModelPart(graph: graph, weights: weights, pool: ThreadPool(threads: threads))
        } catch {
            throw CommandError("\(graph.name): \(error)", isUsage: false)
        }
        let input = BatchTensor(sampleShape: graph.inputShape, batch: 1,
                                elements: (0..<graph.inputShape.elementCount).map { Float($0 % 255) / 255 - 0.5 })
        guard let input else { throw CommandError("\(graph.name): cannot make an input", isUsage: false) }
        var totals = [Double]()
        var samples = [[Double]](repeating: [], count: graph.layers.count)
        do {
            _ = try part.run([.input: input])
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                let result = try part.run([.input: input])
                let d = ContinuousClock.now - start
                totals.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
                for time in result.layerTimes { samples[time.layer].append(time.milliseconds) }
            }
        } catch {
            throw CommandError("\(graph.name): \(error)", isUsage: false)
        }
        return Measurement(median: Percentiles.of(totals).median, layerMs: samples.map { Percentiles.of($0).median })
    }

    /// The relative cost of splitting in one process: the model unsplit and split half-way (device
    /// part, then edge part on what it sends), run alternately at one thread; median split / median
    /// unsplit − 1. Alternating keeps a busy machine's noise out of the comparison.
    private func measureSplitCost(_ graph: ModelGraph, _ weights: ModelWeights, repeats: Int) throws -> Double {
        let k = graph.layers.count / 2
        let input = BatchTensor(sampleShape: graph.inputShape, batch: 1,
                                elements: (0..<graph.inputShape.elementCount).map { Float($0 % 255) / 255 - 0.5 })
        guard let input else { throw CommandError("\(graph.name): cannot make an input", isUsage: false) }
        var whole = [Double](), split = [Double]()
        do {
            let part = try ModelPart(graph: graph, weights: weights)
            let halves = try SplitExecution(graph: graph, weights: weights, onDevice: (0..<graph.layers.count).map { $0 < k })
            _ = try part.run([.input: input])
            _ = try halves.run(input: input)
            for round in 0..<(2 * repeats) {
                // Alternate which goes first, so neither always follows the other.
                for wholeTurn in round % 2 == 0 ? [true, false] : [false, true] {
                    let start = ContinuousClock.now
                    if wholeTurn {
                        _ = try part.run([.input: input])
                        whole.append(Self.ms(ContinuousClock.now - start))
                    } else {
                        _ = try halves.run(input: input)
                        split.append(Self.ms(ContinuousClock.now - start))
                    }
                }
            }
        } catch {
            throw CommandError("\(graph.name): \(error)", isUsage: false)
        }
        return Percentiles.of(split).median / Percentiles.of(whole).median - 1
    }

    private static func ms(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    /// One core's multiply-accumulate peak: the best of twenty short timed FMA loops (about 10 ms
    /// each), so a busy machine still shows its peak in some of them.
    static func fmaPeak() -> (gmacs: Double, lanes: Int) {
        var lanes: Int32 = 0
        var best = 0.0
        for _ in 0..<20 {
            let start = ContinuousClock.now
            let macs = splitscope_fma_probe(4_000_000, &lanes)
            let d = ContinuousClock.now - start
            let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            best = max(best, Double(macs) / seconds / 1e9)
        }
        return (best, Int(lanes))
    }
}
