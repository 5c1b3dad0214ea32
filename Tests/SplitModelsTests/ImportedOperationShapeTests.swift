import Testing
@testable import SplitModels

/// Shapes, MACs and parameters of the operations model files bring beyond the zoo's.
@Suite struct ImportedOperationShapeTests {
    @Test func rectangularDilatedAsymmetricConvolution() throws {
        let conv = Convolution(outChannels: 8, kernelHeight: 1, kernelWidth: 3, strideHeight: 1, strideWidth: 2,
                               padding: Padding2D(top: 0, left: 1, bottom: 0, right: 2), dilationHeight: 1,
                               dilationWidth: 2, groups: 2, bias: false)
        let result = try LayerOperation.convolution(conv).apply(to: [TensorShape([4, 10, 11])])
        // Width: 11 + 1 + 2 − ((3 − 1)·2 + 1) = 9 → 9 / 2 + 1 = 5 outputs; height is untouched.
        #expect(result.shape == TensorShape([8, 10, 5]))
        #expect(result.macs == 8 * 10 * 5 * (2 * 1 * 3))
        #expect(result.params == 8 * 2 * 3)
    }

    @Test func squareInitializerIsTheSameConvolution() {
        let square = Convolution(outChannels: 16, kernel: 3, stride: 2, padding: 1, groups: 4, bias: true)
        let general = Convolution(outChannels: 16, kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2,
                                  padding: Padding2D(all: 1), groups: 4, bias: true)
        #expect(square == general)
    }

    @Test func dilationLargerThanTheInputIsAShapeError() {
        let conv = Convolution(outChannels: 1, kernelHeight: 3, kernelWidth: 3, dilationHeight: 4, dilationWidth: 4)
        #expect(throws: ShapeReason.self) { try LayerOperation.convolution(conv).apply(to: [TensorShape([1, 8, 8])]) }
    }

    @Test func negativePaddingIsAShapeError() {
        let conv = Convolution(outChannels: 1, kernelHeight: 1, kernelWidth: 1, padding: Padding2D(top: -1, left: 0, bottom: 0, right: 0))
        #expect(throws: ShapeReason.self) { try LayerOperation.convolution(conv).apply(to: [TensorShape([1, 8, 8])]) }
    }

    @Test func reshapeKeepsTheElementCount() throws {
        let result = try LayerOperation.reshape(TensorShape([16])).apply(to: [TensorShape([16, 1, 1])])
        #expect(result.shape == TensorShape([16]))
        #expect(throws: ShapeReason.self) { try LayerOperation.reshape(TensorShape([15])).apply(to: [TensorShape([16, 1, 1])]) }
    }

    @Test func clipNeedsOrderedBounds() throws {
        #expect(try LayerOperation.clip(min: -1, max: .infinity).apply(to: [TensorShape([3])]).shape == TensorShape([3]))
        #expect(throws: ShapeReason.self) { try LayerOperation.clip(min: 2, max: 1).apply(to: [TensorShape([3])]) }
    }

    @Test func newKindsHaveProfileNames() {
        let names = [OpKind.hardSwish, .hardSigmoid, .clip, .reshape].map(\.name)
        #expect(names == ["hardswish", "hardsigmoid", "clip", "reshape"])
        #expect(names.map(OpKind.init(name:)) == [.hardSwish, .hardSigmoid, .clip, .reshape])
    }

    @Test func layersKeepTheirFileTensorName() throws {
        var b = GraphBuilder(name: "named", input: TensorShape([3]))
        b.add("/relu/Relu", .activation(.relu), [b.input], outputName: "/relu/Relu_output_0")
        b.add("sig", .activation(.sigmoid), [.layer(0)])
        let graph = try b.finish(inputName: "pixels")
        #expect(graph.inputName == "pixels")
        #expect(graph.layers.map(\.tensorName) == ["/relu/Relu_output_0", "sig"])
        #expect(graph.layers[1].outputName == nil)
    }
}
