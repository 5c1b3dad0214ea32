import Testing
@testable import SplitModels

/// The error `finish` throws, or `nil` when the graph builds.
private func finishError(_ builder: GraphBuilder, batchSize: Int = 1) -> ShapeError? {
    do {
        _ = try builder.finish(batchSize: batchSize)
        return nil
    } catch {
        return error
    }
}

/// A builder over a `3×224×224` image unless told otherwise.
private func builder(_ dims: [Int] = [3, 224, 224]) -> GraphBuilder {
    GraphBuilder(name: "test", input: TensorShape(dims))
}

@Suite struct GraphBuilderShapeTests {
    @Test func convolutionArithmetic() throws {
        var b = builder()
        b.conv(b.input, 64, kernel: 7, stride: 2, padding: 3, bias: false, name: "conv1")
        b.conv(b.input, 64, kernel: 7, stride: 2, padding: 3, name: "conv1b")
        b.conv(b.input, 8, kernel: 3, stride: 3, name: "valid")
        let graph = try b.finish()
        #expect(graph.layers[0].outputShape == TensorShape([64, 112, 112]))
        #expect(graph.layers[0].macs == 64 * 112 * 112 * 3 * 7 * 7)
        #expect(graph.layers[0].params == 64 * 3 * 7 * 7)
        #expect(graph.layers[1].params == 64 * 3 * 7 * 7 + 64)
        // (224 - 3) / 3 + 1 = 74, rounding down.
        #expect(graph.layers[2].outputShape == TensorShape([8, 74, 74]))
        #expect(graph.layers[0].kind == .conv)
    }

    @Test func depthwiseConvolution() throws {
        var b = builder([32, 10, 10])
        b.conv(b.input, 32, kernel: 3, padding: 1, groups: 32, bias: false, name: "dw")
        b.conv(b.input, 64, kernel: 3, padding: 1, groups: 2, bias: false, name: "grouped")
        let graph = try b.finish()
        #expect(graph.layers[0].outputShape == TensorShape([32, 10, 10]))
        #expect(graph.layers[0].macs == 32 * 10 * 10 * 9)
        #expect(graph.layers[0].params == 32 * 9)
        #expect(graph.layers[0].kind == .depthwiseConv)
        #expect(graph.layers[1].params == 64 * 16 * 9)
        #expect(graph.layers[1].kind == .conv)
    }

    @Test func linearFlattenAndBatchNorm() throws {
        var b = builder([256, 6, 6])
        let bn = b.batchNorm(b.input, name: "bn")
        let flat = b.flatten(bn, name: "flatten")
        let fc = b.linear(flat, 4096, name: "fc")
        b.linear(fc, 10, bias: false, name: "head")
        let graph = try b.finish()
        #expect(graph.layers[0].params == 512)
        #expect(graph.layers[1].outputShape == TensorShape([9216]))
        #expect(graph.layers[2].macs == 9216 * 4096)
        #expect(graph.layers[2].params == 9216 * 4096 + 4096)
        #expect(graph.layers[3].params == 4096 * 10)
        #expect(graph.totalMacs == 9216 * 4096 + 4096 * 10)
    }

    @Test func poolingFloorAndCeilMode() throws {
        var b = builder([64, 112, 112])
        b.maxPool(b.input, kernel: 3, stride: 2, name: "floor")
        b.maxPool(b.input, kernel: 3, stride: 2, ceilMode: true, name: "ceil")
        b.maxPool(b.input, kernel: 3, stride: 2, padding: 1, name: "padded")
        b.avgPool(b.input, kernel: 2, stride: 2, name: "avg")
        b.adaptiveAvgPool(b.input, height: 7, width: 7, name: "adaptive")
        b.globalAvgPool(b.input, name: "gap")
        let graph = try b.finish()
        let shapes = graph.layers.map(\.outputShape)
        #expect(shapes == [TensorShape([64, 55, 55]), TensorShape([64, 56, 56]), TensorShape([64, 56, 56]),
                           TensorShape([64, 56, 56]), TensorShape([64, 7, 7]), TensorShape([64, 1, 1])])
        #expect(graph.totalMacs == 0)
        #expect(graph.totalParams == 0)
    }

    @Test func ceilModeDropsAWindowStartingInThePadding() throws {
        // PyTorch: MaxPool2d(2, 2, padding: 1, ceil_mode: true) on 5 gives 3, not 4.
        var b = builder([1, 5, 5])
        b.maxPool(b.input, kernel: 2, stride: 2, padding: 1, ceilMode: true, name: "pool")
        #expect(try b.finish().layers[0].outputShape == TensorShape([1, 3, 3]))
    }

    @Test func concatSumsChannels() throws {
        var b = builder([16, 8, 8])
        let x = b.conv(b.input, 32, kernel: 1, name: "branch")
        b.concat([b.input, x, b.input], name: "cat")
        #expect(try b.finish().layers[1].outputShape == TensorShape([64, 8, 8]))
    }

    @Test func multiplyBroadcastsAChannelScale() throws {
        var b = builder([32, 8, 8])
        let scale = b.globalAvgPool(b.input, name: "gap")
        b.multiply(b.input, scale, name: "scaleSecond")
        b.multiply(scale, b.input, name: "scaleFirst")
        b.multiply(b.input, b.input, name: "same")
        let graph = try b.finish()
        #expect(graph.layers[1...].allSatisfy { $0.outputShape == TensorShape([32, 8, 8]) })
        #expect(graph.layers[1].inputs == [.input, .layer(0)])
        #expect(graph.layers[1].kind == .multiply)
    }

    @Test func additionOfEqualShapes() throws {
        var b = builder([8, 4, 4])
        let y = b.relu(b.input, name: "relu")
        b.addition([b.input, y], name: "add")
        let graph = try b.finish()
        #expect(graph.layers[1].outputShape == TensorShape([8, 4, 4]))
        #expect(graph.layers[1].inputs == [.input, .layer(0)])
    }

    @Test func modelGraphTotalsAndBytes() throws {
        var b = builder()
        b.conv(b.input, 4, kernel: 1, name: "conv")
        let graph = try b.finish(inputElement: .uint8, activationElement: .float16, batchSize: 3)
        #expect(graph.inputBytes == 3 * 224 * 224 * 3)
        #expect(graph.outputBytes(ofLayer: 0) == 4 * 224 * 224 * 2 * 3)
        #expect(graph.index(ofLayer: "conv") == 0)
        #expect(graph.index(ofLayer: "missing") == nil)
    }
}

@Suite struct GraphBuilderErrorTests {
    @Test func mismatchedAdd() {
        var b = builder([8, 4, 4])
        let y = b.conv(b.input, 16, kernel: 1, name: "widen")
        b.addition([b.input, y], name: "add")
        let error = finishError(b)
        #expect(error?.layer == "add")
        #expect(error?.reason.contains("equal shapes") == true)
    }

    @Test func addNeedsTwoInputs() {
        var b = builder([8, 4, 4])
        b.addition([b.input], name: "lonely")
        #expect(finishError(b)?.layer == "lonely")
        #expect(finishError(b)?.reason.contains("two inputs") == true)
    }

    @Test func wrongRank() {
        var b = builder([3, 32, 32])
        b.linear(b.input, 10, name: "fc")
        #expect(finishError(b)?.layer == "fc")
        #expect(finishError(b)?.reason.contains("rank-1") == true)

        var c = builder([100])
        c.conv(c.input, 10, kernel: 1, name: "conv")
        #expect(finishError(c)?.layer == "conv")
        #expect(finishError(c)?.reason.contains("rank-3") == true)
    }

    @Test func groupsNotDividingChannels() {
        var b = builder([10, 8, 8])
        b.conv(b.input, 12, kernel: 3, groups: 3, name: "grouped")
        let error = finishError(b)
        #expect(error?.layer == "grouped")
        #expect(error?.reason.contains("groups 3 must divide") == true)
    }

    @Test func duplicateNames() {
        var b = builder()
        let x = b.relu(b.input, name: "relu")
        b.relu(x, name: "relu")
        let error = finishError(b)
        #expect(error?.layer == "relu")
        #expect(error?.reason == "duplicate layer name")
    }

    @Test func windowLargerThanInput() {
        var b = builder([3, 4, 4])
        b.maxPool(b.input, kernel: 5, stride: 1, name: "pool")
        #expect(finishError(b)?.layer == "pool")
        #expect(finishError(b)?.reason.contains("larger than the padded input") == true)
    }

    @Test func concatOfDifferentSizes() {
        var b = builder([8, 8, 8])
        let y = b.maxPool(b.input, kernel: 2, stride: 2, name: "pool")
        b.concat([b.input, y], name: "cat")
        #expect(finishError(b)?.layer == "cat")
        #expect(finishError(b)?.reason.contains("equal spatial sizes") == true)
    }

    @Test func multiplyOfMismatchedScale() {
        var b = builder([32, 8, 8])
        let scale = b.conv(b.input, 16, kernel: 8, name: "squeeze")
        b.multiply(b.input, scale, name: "mul")
        #expect(finishError(b)?.layer == "mul")
        #expect(finishError(b)?.reason.contains("C×1×1") == true)
    }

    @Test func firstErrorWins() {
        var b = builder([3, 8, 8])
        let x = b.linear(b.input, 10, name: "first")
        b.conv(x, 4, kernel: 3, groups: 5, name: "second")
        #expect(finishError(b)?.layer == "first")
    }

    @Test func emptyModel() {
        let error = finishError(builder())
        #expect(error?.layer == "test")
        #expect(error?.reason.contains("at least one layer") == true)
    }

    /// Used to trap: an input naming a layer not yet built indexed past the end of `layers`.
    @Test func inputFromALayerNotBuilt() {
        var b = builder()
        b.relu(.layer(3), name: "early")
        b.relu(.layer(-1), name: "negative")
        let error = finishError(b)
        #expect(error?.layer == "early")
        #expect(error?.reason.contains("not built yet") == true)
    }

    /// Used to build a graph with no samples.
    @Test func nonPositiveBatch() {
        var b = builder()
        b.relu(b.input, name: "relu")
        #expect(finishError(b, batchSize: 0)?.reason.contains("batch size") == true)
        #expect(finishError(b, batchSize: -2)?.layer == "test")
    }

    /// Used to trap on integer overflow when counting MACs or flattening.
    @Test func hugeShapesReportOverflow() {
        var b = builder([3, 1 << 31, 1 << 31])
        b.conv(b.input, 64, kernel: 3, padding: 1, name: "conv")
        #expect(finishError(b)?.layer == "conv")
        #expect(finishError(b)?.reason.contains("overflows") == true)

        var c = builder([1 << 22, 1 << 22, 1 << 22])
        c.flatten(c.input, name: "flatten")
        #expect(finishError(c)?.layer == "flatten")

        var d = builder([3, 8, 8])
        d.conv(d.input, 4, kernel: 3, padding: Int.max / 2, name: "padded")
        #expect(finishError(d)?.layer == "padded")
    }

    @Test func badHyperParameters() {
        var b = builder([3, 8, 8])
        b.conv(b.input, 0, kernel: 3, name: "noChannels")
        #expect(finishError(b)?.layer == "noChannels")

        var c = builder([3, 8, 8])
        c.maxPool(c.input, kernel: 2, stride: 2, padding: 2, name: "overPadded")
        #expect(finishError(c)?.reason.contains("padding at most half") == true)

        var d = builder([3, 0, 8])
        d.relu(d.input, name: "empty")
        #expect(finishError(d)?.reason.contains("empty dimension") == true)
    }
}
