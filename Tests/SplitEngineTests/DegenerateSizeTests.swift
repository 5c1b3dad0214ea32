@testable import SplitEngine
import SplitModels
import Testing

/// Sizes at the edge of what each operation means — a window of one pixel, a window as large as
/// its input, one channel, one feature, a 1×1 image — which XNNPACK's operators may refuse as
/// "redundant". Each must run and match the reference, never fail with an XNNPACK status.
@Suite struct DegenerateSizeTests {
    /// Torchvision's AlexNet and VGG in ONNX: adaptive pooling to the size it already has becomes
    /// a 1×1 AveragePool; a 1×1 window with a stride is a subsample.
    @Test(arguments: [
        Pooling(kernel: 1, stride: 1),
        Pooling(kernel: 1, stride: 2),
        Pooling(kernel: 1, stride: 3, ceilMode: true),
        Pooling(kernel: 1, stride: 2, countIncludePad: false),
        // The window as large as the input, with and without padding.
        Pooling(kernel: 5, stride: 1),
        Pooling(kernel: 5, stride: 5, ceilMode: true),
        Pooling(kernel: 4, stride: 1, padding: 1, countIncludePad: false),
        Pooling(kernel: 2, stride: 3),
    ])
    func pooling(_ p: Pooling) throws {
        for (index, op) in [LayerOperation.maxPool(p), .avgPool(p)].enumerated() {
            let graph = testGraph(input: [3, 5, 5]) { b in
                let x = b.add("pool\(index)", op, [b.input])
                b.relu(x, name: "after")
            }
            #expect(try engineVersusReference(graph) <= 1e-5, "\(op)")
        }
    }

    /// A 1×1 window with stride 1 moves nothing: the plan keeps no step for it.
    @Test func oneByOneWindowWithStrideOneIsAnAlias() throws {
        let graph = testGraph(input: [3, 4, 4]) { b in
            let x = b.add("pool", .avgPool(Pooling(kernel: 1, stride: 1)), [b.input])
            b.relu(x, name: "after")
        }
        let plan = try PartPlan(graph: graph, layers: [true, true], outputs: [.layer(1)])
        #expect(plan.aliasLayers == [0])
        #expect(plan.steps.map(\.primary) == [1])
        #expect(try engineVersusReference(graph) == 0)
    }

    /// One pixel, one channel, one feature: pooling, convolution, linear layers and softmax.
    @Test func onePixelOneChannelOneFeature() throws {
        let image = testGraph(input: [1, 1, 1]) { b in
            var x = b.globalAvgPool(b.input, name: "gap")
            x = b.adaptiveAvgPool(x, height: 1, width: 1, name: "adaptive")
            x = b.conv(x, 1, kernel: 1, name: "conv")
            x = b.add("max", .maxPool(Pooling(kernel: 1, stride: 1)), [x])
            x = b.flatten(x, name: "flatten")
            x = b.linear(x, 1, name: "fc")
            b.softmax(x, name: "softmax")
        }
        #expect(try engineVersusReference(image) <= 1e-5)
        let wide = testGraph(input: [2, 1, 1]) { b in
            let x = b.concat([b.input, b.input], name: "cat")
            let y = b.add("sum", .add, [x, x])
            b.softmax(y, name: "softmax")
        }
        #expect(try engineVersusReference(wide) <= 1e-5)
        // Every elementwise kernel on a single element per sample.
        for operation in Activation.allCases.map(LayerOperation.activation) + [.clip(min: -0.5, max: 0.5), .clip(min: 1, max: 1)] {
            let single = testGraph(input: [1, 1, 1]) { b in
                let x = b.add("op", operation, [b.input])
                let y = b.add("scale", .multiply, [x, b.input])
                b.add("sum", .add, [y, x])
            }
            #expect(try engineVersusReference(single, inputBound: 3) <= 1e-5, "\(operation)")
        }
    }
}
