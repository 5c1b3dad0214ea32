import SplitEdge
import SplitEngine
import SplitModels
import SplitRandom

/// The edge's thread count when none is given: every core, unless one thread runs the model faster
/// here and now.
///
/// `splitscope edge` chooses its `--threads` this way from the first model it serves, and
/// `profile --measure` its `--edge-threads` (the thread count of `edge_ms`) from the model it
/// measures, so a profile's edge times are those of the thread count an edge would serve with.
///
/// pthreadpool ends each pooled operator waiting for every worker, so on a machine whose other
/// cores are busy a second thread can make a model tens of times slower (measured on this
/// project's shared 2-core machine: MobileNetV2 at 96×96, 4.5 ms on one thread, 230–370 ms on
/// two). An edge server usually owns its cores, and then all of them pay; when it does not, this
/// measurement says so before the first request.
struct EdgeThreadChoice {
    /// The thread count chosen.
    var threads: Int
    /// The cores measured against: every core this process may use.
    var cores: Int
    /// Median ms of the whole model on every core.
    var allCoresMs: Double
    /// Median ms of the whole model on one thread.
    var oneThreadMs: Double
    /// The first model's computer on the chosen pool, its whole model already built: the edge
    /// serves with it (and its pool) rather than packing the same weights a second time.
    var computer: EnginePartComputer

    /// Times the whole model on `cores` threads and on one, alternating (one untimed run each,
    /// then `repeats` timed), and keeps every core unless one thread's median is lower.
    static func measure(graph: ModelGraph, weights: ModelWeights, cores: Int, repeats: Int = 5) throws -> EdgeThreadChoice {
        var random = SplitMix64(seed: 7)
        let count = graph.batchSize * graph.inputShape.elementCount
        guard let input = BatchTensor(sampleShape: graph.inputShape, batch: graph.batchSize,
                                      elements: (0..<count).map { _ in Float(random.unit() * 2 - 1) }) else {
            throw CommandError("\(graph.messageName): cannot make an input to time it with", isUsage: false)
        }
        let allComputer = EnginePartComputer(graph: graph, weights: weights, pool: ThreadPool(threads: cores))
        let oneComputer = EnginePartComputer(graph: graph, weights: weights, pool: ThreadPool(threads: 1))
        let all: ModelPart, one: ModelPart
        do {
            // The same part the edge prepares at start, so the one kept is the one served.
            let layers = [Bool](repeating: true, count: graph.layers.count)
            let outputs: [TensorSource] = [.layer(graph.layers.count - 1)]
            all = try allComputer.prepare(layers: layers, outputs: outputs, batch: graph.batchSize)
            one = try oneComputer.prepare(layers: layers, outputs: outputs, batch: graph.batchSize)
            _ = try all.run([.input: input])
            _ = try one.run([.input: input])
        } catch {
            throw CommandError.engine(error, graph: graph)
        }
        var allSamples = [Double](), oneSamples = [Double]()
        for _ in 0..<max(1, repeats) {
            for (part, isAll) in [(all, true), (one, false)] {
                let start = ContinuousClock.now
                do {
                    _ = try part.run([.input: input])
                } catch {
                    throw CommandError.engine(error, graph: graph)
                }
                let ms = (ContinuousClock.now - start).inMilliseconds
                if isAll { allSamples.append(ms) } else { oneSamples.append(ms) }
            }
        }
        let allMs = LayerProfiler.median(allSamples), oneMs = LayerProfiler.median(oneSamples)
        let useOne = oneMs < allMs
        return EdgeThreadChoice(threads: useOne ? 1 : cores, cores: cores, allCoresMs: allMs, oneThreadMs: oneMs,
                                computer: useOne ? oneComputer : allComputer)
    }

    /// `1 engine thread: one ran the first model in 4.5 ms, all 2 cores in 230.8 ms (other work holds them); --threads N insists`.
    var description: String {
        text(model: "the first model", insist: "--threads")
    }

    /// Which thread count and why, naming the model measured and the flag that overrides the choice.
    func text(model: String, insist flag: String) -> String {
        let one = Format.fixed(oneThreadMs, 1), all = Format.fixed(allCoresMs, 1)
        return threads == 1
            ? "1 engine thread: one ran \(model) in \(one) ms, all \(cores) cores in \(all) ms "
                + "(other work holds them); \(flag) N insists"
            : "\(threads) engine threads: all cores ran \(model) in \(all) ms, one in \(one) ms"
    }
}
