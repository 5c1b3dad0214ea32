import SplitEngine
import SplitModels
import SplitPlanners
import SplitRandom

/// A graph built with `GraphBuilder`, for kernel tests; traps only in tests, on a bad fixture.
func testGraph(input: [Int], batch: Int = 2, _ build: (inout GraphBuilder) -> Void) -> ModelGraph {
    var builder = GraphBuilder(name: "test", input: TensorShape(input))
    build(&builder)
    return try! builder.finish(inputElement: .float32, batchSize: batch)
}

/// Uniform random NCHW elements in `-bound..<bound`.
func randomElements(_ count: Int, seed: UInt64, bound: Float = 2) -> [Float] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in Float(random.unit() * 2 - 1) * bound }
}

/// The largest absolute difference, relative to the reference's largest magnitude.
func relativeError(_ actual: [Float], _ expected: [Float]) -> Float {
    guard actual.count == expected.count else { return .infinity }
    let scale = max(expected.reduce(0) { max($0, abs($1)) }, 1e-12)
    var worst: Float = 0
    for (a, e) in zip(actual, expected) {
        guard a.isFinite else { return .infinity }
        worst = max(worst, abs(a - e))
    }
    return worst / scale
}

/// The model input as the engine takes it, from NCHW elements.
func engineInput(_ graph: ModelGraph, _ nchw: [Float]) -> BatchTensor {
    BatchTensor(channelsFirst: FloatTensor(shape: [graph.batchSize] + graph.inputShape.dims, elements: nchw)!)!
}

/// Runs the whole graph in the engine and in the naive reference; returns the output's relative error.
func engineVersusReference(_ graph: ModelGraph, seed: UInt64 = 1, inputBound: Float = 2,
                           threads: Int = 1) throws -> Float {
    let weights = ModelWeights.seeded(for: graph, seed: seed)
    let input = randomElements(graph.batchSize * graph.inputShape.elementCount, seed: seed &+ 99, bound: inputBound)
    let expected = NaiveReference(graph: graph, weights: weights).run(input).last!
    let part = try ModelPart(graph: graph, weights: weights, pool: ThreadPool(threads: threads))
    let result = try part.run([.input: engineInput(graph, input)])
    let output = result.outputs[.layer(graph.layers.count - 1)]!
    return relativeError(output.channelsFirst.elements, expected)
}

/// The min-cut problem of `graph` for a device doing `deviceMACsPerMs`, an edge at 1e9 MACs/ms and
/// a link costing `perByte` ms a byte, with `forced` layers kept on the device.
func cutProblem(_ graph: ModelGraph, deviceMACsPerMs: Double, perByte: Double, forced: [Bool]? = nil) -> CutProblem {
    var consumers = [[Int]](repeating: [], count: graph.layers.count)
    var inputConsumers = [Int]()
    for (index, layer) in graph.layers.enumerated() {
        for source in Set(layer.inputs) {
            switch source {
            case .input: inputConsumers.append(index)
            case .layer(let i): consumers[i].append(index)
            }
        }
    }
    return CutProblem(
        layerCount: graph.layers.count, inputConsumers: inputConsumers, consumers: consumers,
        deviceCost: graph.layers.map { Double($0.macs) / deviceMACsPerMs + 0.01 },
        edgeCost: graph.layers.map { Double($0.macs) / 1e9 },
        transferCost: graph.layers.indices.map { Double(graph.outputBytes(ofLayer: $0)) * perByte },
        inputTransferCost: Double(graph.inputBytes * 4) * perByte,
        forcedDevice: forced ?? [Bool](repeating: false, count: graph.layers.count))
}

/// Min-cut partitions for a slow device over a range of bandwidths.
func minCutPartitions(_ graph: ModelGraph) -> [[Bool]] {
    [0.3, 1, 3, 10, 30].map { mbps in
        MinCutPartitioner.solve(cutProblem(graph, deviceMACsPerMs: 2e7, perByte: 8 / (mbps * 1000))).onDevice
    }
}
