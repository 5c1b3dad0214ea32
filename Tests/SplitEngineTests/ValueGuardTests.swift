import SplitEngine
import SplitModels
import Testing

/// Values outside float32's safe range are refused going into a part and reported coming out,
/// never turned into a plausible number by a fused clamp.
@Suite struct ValueGuardTests {
    /// The first offending element, wherever it sits: in a sixteen-lane block or in the tail.
    @Test(arguments: [0, 5, 15, 16, 17, 40, 47])
    func findsTheFirstOffendingElement(_ position: Int) {
        for bad: Float in [.nan, .infinity, -.infinity, 2e18, -1.5e18] {
            var values = [Float](repeating: 1e18, count: 48)
            values[position] = bad
            if position + 3 < values.count { values[position + 3] = .nan }
            let found = values.withUnsafeBufferPointer { ValueGuard.firstOutOfRange($0, limit: ValueGuard.inputLimit) }
            #expect(found == position, "\(bad) at \(position)")
            #expect(ValueGuard.firstRefusedInput(values) == position)
        }
    }

    /// The copying check copies every element, good or bad, and finds the same first offender
    /// as the scan, in a sixteen-lane block or in the tail, for lengths around the lane width.
    @Test(arguments: [0, 1, 15, 16, 17, 33, 48])
    func theCopyCopiesEverythingAndFindsWhatTheScanFinds(_ count: Int) {
        for position in [nil] + Array(0..<count) {
            var values = (0..<count).map { Float($0) * 1e16 - 2e17 }
            if let position {
                values[position] = position % 2 == 0 ? .nan : -3e18
                if position + 2 < count { values[position + 2] = .infinity }
            }
            var copy = [Float](repeating: 7, count: count + 1)
            let found = values.withUnsafeBufferPointer { source in
                copy.withUnsafeMutableBufferPointer { ValueGuard.copy(source, to: $0.baseAddress!, limit: ValueGuard.inputLimit) }
            }
            #expect(found == position, "\(count) elements, offender at \(String(describing: position))")
            #expect(found == ValueGuard.firstRefusedInput(values))
            #expect(zip(copy, values).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(copy[count] == 7, "nothing past the end is written")
        }
    }

    @Test func acceptsValuesUpToTheLimitAndEmptyTensors() {
        let edge: [Float] = [ValueGuard.inputLimit, -ValueGuard.inputLimit, 0, -0.0, .leastNonzeroMagnitude] + [Float](repeating: 3, count: 20)
        #expect(ValueGuard.firstRefusedInput(edge) == nil)
        #expect(ValueGuard.firstRefusedInput([]) == nil)
        let huge: [Float] = [Float.greatestFiniteMagnitude, 1]
        #expect(huge.withUnsafeBufferPointer { ValueGuard.firstNonFinite($0) } == nil)
        #expect(ValueGuard.firstRefusedInput(huge) == 0)
    }

    /// A part refuses NaN, infinity and too-large values in what it is given, naming the tensor
    /// and the element, whether or not a fused clamp would hide them.
    @Test(arguments: [Float.nan, .infinity, -.infinity, 3e38])
    func aPartRefusesInputsOutsideTheRange(_ bad: Float) throws {
        let graph = testGraph(input: [3, 6, 6], batch: 1) { b in
            let x = b.conv(b.input, 4, kernel: 3, padding: 1, name: "conv")
            b.activation(.relu6, x, name: "act")
        }
        let part = try ModelPart(graph: graph, weights: .seeded(for: graph, seed: 3))
        var elements = randomElements(graph.inputShape.elementCount, seed: 4)
        elements[20] = bad
        let input = try #require(BatchTensor(sampleShape: graph.inputShape, batch: 1, elements: elements))
        #expect(throws: EngineError.self) { try part.run([.input: input]) }
        do {
            _ = try part.run([.input: input])
        } catch {
            guard case .inputValue(let tensor, let element, _) = error else {
                Issue.record("expected inputValue, got \(error)")
                return
            }
            #expect(tensor == "input")
            #expect(element == 20)
            #expect(error.isCausedByInput)
        }
    }

    /// An in-range input that overflows inside the model is an error, not a result.
    @Test func overflowInsideTheModelIsReported() throws {
        let graph = testGraph(input: [2, 4, 4], batch: 1) { b in
            let square = b.add("square", .multiply, [b.input, b.input])
            b.add("cube", .multiply, [square, b.input])
        }
        let part = try ModelPart(graph: graph, weights: .seeded(for: graph, seed: 1))
        let big = try #require(BatchTensor(sampleShape: graph.inputShape, batch: 1,
                                           elements: [Float](repeating: 1e18, count: graph.inputShape.elementCount)))
        do {
            _ = try part.run([.input: big])
            Issue.record("1e54 came out as a number")
        } catch {
            guard case .overflow(let tensor, _, let value) = error else {
                Issue.record("expected overflow, got \(error)")
                return
            }
            #expect(tensor == "cube")
            #expect(!value.isFinite)
            #expect("\(error)".contains("overflowed"))
        }
        // The same model on ordinary numbers answers.
        let small = try #require(BatchTensor(sampleShape: graph.inputShape, batch: 1,
                                             elements: [Float](repeating: 3, count: graph.inputShape.elementCount)))
        let result = try part.run([.input: small])
        #expect(result.outputs[.layer(1)]?.elements.allSatisfy { $0 == 27 } == true)
    }

    /// Cuts that keep fusion never fall between a convolution and its folded norm or clamp.
    @Test func prefixCutsKeepingFusionSkipFusedSteps() throws {
        let graph = testGraph(input: [3, 8, 8], batch: 1) { b in
            var x = b.conv(b.input, 4, kernel: 3, padding: 1, bias: false, name: "conv1")   // 0
            x = b.batchNorm(x, name: "bn1")                                                // 1
            x = b.activation(.relu, x, name: "relu1")                                      // 2
            x = b.conv(x, 4, kernel: 3, padding: 1, name: "conv2")                         // 3
            b.activation(.relu6, x, name: "relu2")                                         // 4
        }
        #expect(try SplitExecution.prefixCutsKeepingFusion(of: graph) == [3])
    }

    /// A weight that is NaN, infinite or absurd (beyond ±1e9) is refused when the part is built,
    /// naming the layer, the role and the element: fused clamps would hide what it does.
    @Test(arguments: [Float.nan, .infinity, -1e20])
    func aPartRefusesWeightsOutsideTheRange(_ bad: Float) throws {
        let graph = testGraph(input: [3, 6, 6], batch: 1) { b in
            let x = b.conv(b.input, 4, kernel: 3, padding: 1, name: "conv")
            b.activation(.relu6, x, name: "act")
        }
        var weights = ModelWeights.seeded(for: graph, seed: 3)
        var tensor = try #require(weights["conv"]?["weight"])
        tensor.elements[5] = bad
        weights.layers["conv"]?.tensors["weight"] = tensor
        do {
            _ = try ModelPart(graph: graph, weights: weights)
            Issue.record("a weight of \(bad) was accepted")
        } catch {
            guard case .weightValue(let layer, let role, let element, _) = error else {
                Issue.record("expected weightValue, got \(error)")
                return
            }
            #expect(layer == "conv" && role == "weight" && element == 5)
        }
        // At the limit it builds.
        tensor.elements[5] = ValueGuard.weightLimit
        weights.layers["conv"]?.tensors["weight"] = tensor
        _ = try ModelPart(graph: graph, weights: weights)
    }
}
