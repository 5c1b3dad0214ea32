import SplitEngine
import SplitModels
import SplitPlanners
import SplitRandom
import Testing

/// Device part then edge part equals the unsplit model, for every split of a chain and for
/// min-cut and arbitrary predecessor-closed partitions of residual and inverted-residual DAGs.
struct PartitionTests {
    /// Runs the model unsplit and then split at `onDevice`; returns the relative error of the split output.
    private func splitError(_ graph: ModelGraph, _ weights: ModelWeights, _ unsplit: BatchTensor, input: BatchTensor,
                            onDevice: [Bool]) throws -> Float {
        let split = try SplitExecution(graph: graph, weights: weights, onDevice: onDevice)
        let device = try split.device.run([.input: input])
        // The device part returns exactly the boundary, each tensor once.
        #expect(Set(device.outputs.keys) == Set(split.boundary))
        #expect(split.boundary.count == Set(split.boundary).count)
        #expect(split.edge.inputs.allSatisfy { split.boundary.contains($0) })
        let edge = try split.edge.run(device.outputs)
        let output = try #require(edge.outputs[split.output])
        #expect(edge.layerTimes.count + device.layerTimes.count == graph.layers.count)
        return relativeError(output.elements, unsplit.elements)
    }

    @Test func everySplitOfAChain() throws {
        let graph = try ModelZoo.model(named: "smallcnn", inputSize: 16, batchSize: 2, inputElement: .float32)
        let weights = ModelWeights.seeded(for: graph, seed: 3)
        let nchw = randomElements(graph.batchSize * graph.inputShape.elementCount, seed: 5)
        let input = engineInput(graph, nchw)
        let whole = try ModelPart(graph: graph, weights: weights).run([.input: input])
        let unsplit = try #require(whole.outputs[.layer(graph.layers.count - 1)])
        let reference = NaiveReference(graph: graph, weights: weights).run(nchw).last!
        #expect(relativeError(unsplit.channelsFirst.elements, reference) <= 1e-5)
        for k in 0...graph.layers.count {
            let onDevice = (0..<graph.layers.count).map { $0 < k }
            #expect(try splitError(graph, weights, unsplit, input: input, onDevice: onDevice) <= 1e-4, "split \(k)")
        }
    }

    @Test(arguments: ["resnet18", "mobilenetv2"])
    func minCutAndArbitraryPartitionsOfADAG(_ name: String) throws {
        let graph = try ModelZoo.model(named: name, inputSize: 64, inputElement: .float32)
        let weights = ModelWeights.seeded(for: graph, seed: 11)
        let input = engineInput(graph, randomElements(graph.inputShape.elementCount, seed: 13))
        let whole = try ModelPart(graph: graph, weights: weights).run([.input: input])
        let unsplit = try #require(whole.outputs[.layer(graph.layers.count - 1)])
        #expect(unsplit.largestMagnitude > 0 && unsplit.largestMagnitude.isFinite)

        var partitions = Set(minCutPartitions(graph))
        // Predecessor-closed sets that are not prefixes: the ancestors of a few random layers.
        var random = SplitMix64(seed: 17)
        for _ in 0..<3 {
            let picks = (0..<2).map { _ in Int(random.next() % UInt64(graph.layers.count)) }
            partitions.insert(ancestorClosure(graph, of: picks))
        }
        // A shortcut run on the device while its block's main path waits on the edge.
        if let shortcut = graph.index(ofLayer: "layer2.0.downsample.1") {
            partitions.insert(ancestorClosure(graph, of: [shortcut]))
            #expect(partitions.contains { isNonPrefix($0) }, "no partition tested is a non-prefix DAG cut")
        }
        // Cuts inside a residual block send the skip tensor as well as the main path.
        let sendsTwo = try partitions.contains { try SplitExecution.boundary(of: graph, onDevice: $0).count >= 2 }
        #expect(sendsTwo)
        for onDevice in partitions {
            #expect(try splitError(graph, weights, unsplit, input: input, onDevice: onDevice) <= 1e-4)
        }
    }

    @Test func aTensorReadByTwoEdgeLayersIsSentOnce() throws {
        let graph = testGraph(input: [2, 4, 4], batch: 1) { b in
            let x = b.conv(b.input, 3, kernel: 1, name: "stem")
            let a = b.relu(x, name: "a")
            let c = b.activation(.sigmoid, x, name: "c")
            b.addition([a, c], name: "sum")
        }
        let boundary = try SplitExecution.boundary(of: graph, onDevice: [true, false, false, false])
        #expect(boundary == [.layer(0)])
        #expect(try SplitExecution.boundary(of: graph, onDevice: [false, false, false, false]) == [.input])
        #expect(try SplitExecution.boundary(of: graph, onDevice: [true, true, false, false]) == [.layer(0), .layer(1)])
        #expect(try SplitExecution.boundary(of: graph, onDevice: [true, true, true, true]) == [.layer(3)])
    }

    @Test func aDevicePartNotClosedUnderPredecessorsIsRefused() throws {
        let graph = testGraph(input: [2, 4, 4], batch: 1) { b in
            let x = b.conv(b.input, 3, kernel: 1, name: "stem")
            b.relu(x, name: "relu")
        }
        #expect(throws: EngineError.self) { try SplitExecution.boundary(of: graph, onDevice: [false, true]) }
        #expect(throws: EngineError.self) { try SplitExecution.boundary(of: graph, onDevice: [true]) }
    }

    private func ancestorClosure(_ graph: ModelGraph, of picks: [Int]) -> [Bool] {
        var onDevice = [Bool](repeating: false, count: graph.layers.count)
        var stack = picks
        while let index = stack.popLast() {
            guard !onDevice[index] else { continue }
            onDevice[index] = true
            for case .layer(let i) in graph.layers[index].inputs { stack.append(i) }
        }
        return onDevice
    }

    private func isNonPrefix(_ onDevice: [Bool]) -> Bool {
        let k = onDevice.filter { $0 }.count
        return !onDevice.prefix(k).allSatisfy { $0 }
    }
}

/// Tensors a caller asks for are computed even where fusion would skip them.
struct RequestedOutputTests {
    @Test func aRequestedTensorInsideAFusedChainIsMaterialised() throws {
        let graph = testGraph(input: [3, 8, 8]) { b in
            var x = b.conv(b.input, 4, kernel: 3, padding: 1, bias: false, name: "conv")
            x = b.batchNorm(x, name: "bn")
            x = b.relu(x, name: "relu")
            b.globalAvgPool(x, name: "gap")
        }
        let weights = ModelWeights.seeded(for: graph, seed: 2)
        let nchw = randomElements(graph.batchSize * graph.inputShape.elementCount, seed: 3)
        let reference = NaiveReference(graph: graph, weights: weights).run(nchw)
        let part = try ModelPart(graph: graph, weights: weights, outputs: [.layer(0), .layer(1), .layer(3)])
        let result = try part.run([.input: engineInput(graph, nchw)])
        for index in [0, 1, 3] {
            let tensor = try #require(result.outputs[.layer(index)])
            #expect(relativeError(tensor.channelsFirst.elements, reference[index]) <= 1e-5, "layer \(index)")
        }
        // Unasked, the three fuse into one step: the norm and the ReLU report no time of their own.
        let fused = try ModelPart(graph: graph, weights: weights).run([.input: engineInput(graph, nchw)])
        #expect(fused.layerTimes.map(\.name) == ["conv", "bn", "relu", "gap"])
        #expect(fused.layerTimes[1].milliseconds == 0 && fused.layerTimes[2].milliseconds == 0)
    }

    /// An output the part does not compute becomes one of its inputs, passed through (an empty
    /// edge part returns the device's output this way); one outside the model is refused.
    @Test func outputsNotComputedArePassedThroughOrRefused() throws {
        let graph = testGraph(input: [3, 8, 8]) { b in
            let x = b.conv(b.input, 4, kernel: 1, name: "a")
            b.relu(x, name: "b")
        }
        let part = try ModelPart(graph: graph, weights: .seeded(for: graph, seed: 1), layers: [false, true],
                                 outputs: [.input, .layer(1)])
        #expect(Set(part.inputs) == [.input, .layer(0)])
        #expect(throws: EngineError.self) {
            try ModelPart(graph: graph, weights: .seeded(for: graph, seed: 1), outputs: [.layer(7)])
        }
    }
}
