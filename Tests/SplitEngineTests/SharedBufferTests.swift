import Foundation
import SplitEngine
import SplitModels
import Testing

/// A split run in one process: the edge part works in the device part's activation buffers.
struct SharedBufferTests {
    private func resnet() throws -> (ModelGraph, ModelWeights, BatchTensor) {
        let graph = try ModelZoo.model(named: "resnet18", inputSize: 64, inputElement: .float32)
        let weights = ModelWeights.seeded(for: graph, seed: 21)
        let input = engineInput(graph, randomElements(graph.inputShape.elementCount, seed: 23))
        return (graph, weights, input)
    }

    @Test("the edge part reuses the device part's buffers, and the split counts them once")
    func edgeTakesTheDeviceBuffers() throws {
        let (graph, weights, _) = try resnet()
        let half = (0..<graph.layers.count).map { $0 < graph.layers.count / 2 }
        let split = try SplitExecution(graph: graph, weights: weights, onDevice: half)
        // The device part's early buffers are the model's largest: the edge part needs none of its own.
        #expect(split.edge.ownActivationBytes < split.edge.activationBytes)
        #expect(split.device.ownActivationBytes == split.device.activationBytes)
        #expect(split.activationBytes < split.device.activationBytes + split.edge.activationBytes)
        #expect(split.activationBytes >= max(split.device.activationBytes, split.edge.activationBytes))
    }

    @Test("runs of the two parts from two threads at once give the same output as one run alone")
    func partsSharingBuffersNeverRunAtOnce() throws {
        let (graph, weights, input) = try resnet()
        let split = try SplitExecution(graph: graph, weights: weights,
                                       onDevice: (0..<graph.layers.count).map { $0 < 30 })
        let alone = try #require(try split.run(input: input).edge.outputs[split.output]).elements
        let other = engineInput(graph, randomElements(graph.inputShape.elementCount, seed: 29))
        let otherAlone = try #require(try split.run(input: other).edge.outputs[split.output]).elements
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            for _ in 0..<8 {
                let x = thread == 0 ? input : other
                let y = try? split.run(input: x).edge.outputs[split.output]?.elements
                results.append(thread, y)
            }
        }
        #expect(results.all(0).count == 8 && results.all(1).count == 8)
        #expect(results.all(0).allSatisfy { $0 == alone })
        #expect(results.all(1).allSatisfy { $0 == otherAlone })
    }

    /// Outputs gathered from several threads.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var byThread: [Int: [[Float]?]] = [:]
        func append(_ thread: Int, _ value: [Float]?) {
            lock.lock(); defer { lock.unlock() }
            byThread[thread, default: []].append(value)
        }
        func all(_ thread: Int) -> [[Float]?] {
            lock.lock(); defer { lock.unlock() }
            return byThread[thread] ?? []
        }
    }
}
