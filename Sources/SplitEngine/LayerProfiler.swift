import SplitModels

/// Measures each layer of a model by running it whole on the engine: the median of warm runs.
///
/// `profile --measure` and the live device at start both use it, so the device's profile is
/// measured the same way the command-line one is. Layers fused into the one before them (a batch
/// norm, a ReLU) measure 0 ms: their work is in that layer's time.
///
/// ```swift
/// let ms = try LayerProfiler.medians(graph, weights, threads: 1, repeats: 20) { done in … }
/// ```
public enum LayerProfiler {
    /// Each layer's median time in ms over `repeats` warm runs of the whole model (after one
    /// untimed run); `progress` gets the fraction of runs done after each.
    public static func medians(_ graph: ModelGraph, _ weights: ModelWeights, threads: Int, repeats: Int,
                               progress: (Double) -> Void = { _ in }) throws(EngineError) -> [Double] {
        let part = try ModelPart(graph: graph, weights: weights, pool: ThreadPool(threads: threads))
        let count = graph.batchSize * graph.inputShape.elementCount
        guard let input = BatchTensor(sampleShape: graph.inputShape, batch: graph.batchSize,
                                      elements: (0..<count).map { Float($0 % 251) / 251 - 0.5 }) else {
            throw .invalidPart("\(graph.messageName): cannot make an input of \(graph.inputShape.dims)")
        }
        _ = try part.run([.input: input])
        let runs = max(1, repeats)
        var samples = [[Double]](repeating: [], count: graph.layers.count)
        for run in 0..<runs {
            for time in try part.run([.input: input]).layerTimes { samples[time.layer].append(time.milliseconds) }
            progress(Double(run + 1) / Double(runs))
        }
        return samples.map(median)
    }

    /// The median of some samples (0 for none).
    public static func median(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
