import SplitEngine
import SplitModels
import Testing

/// Each kernel against the naive NCHW reference, on small random shapes with batch 2.
struct KernelTests {
    /// Convolutions: plain, strided, padded, grouped, depthwise, 1×1, large kernels, with and without bias.
    @Test(arguments: [
        Convolution(outChannels: 8, kernel: 3, stride: 1, padding: 1),
        Convolution(outChannels: 8, kernel: 3, stride: 2, padding: 1, bias: false),
        Convolution(outChannels: 6, kernel: 5, stride: 2, padding: 2, groups: 2),
        Convolution(outChannels: 12, kernel: 3, stride: 1, padding: 1, groups: 12, bias: false),
        Convolution(outChannels: 12, kernel: 3, stride: 2, padding: 1, groups: 12),
        Convolution(outChannels: 5, kernel: 1),
        Convolution(outChannels: 4, kernel: 7, stride: 2, padding: 3),
        Convolution(outChannels: 8, kernel: 2, stride: 3, padding: 0),
        // What a model file may hold: dilation, rectangular kernels and strides, padding per side.
        Convolution(outChannels: 8, kernelHeight: 3, kernelWidth: 3, padding: Padding2D(all: 2),
                    dilationHeight: 2, dilationWidth: 2),
        Convolution(outChannels: 6, kernelHeight: 3, kernelWidth: 2, strideHeight: 1, strideWidth: 2,
                    padding: Padding2D(top: 1, left: 0, bottom: 2, right: 1), dilationHeight: 1, dilationWidth: 3),
        Convolution(outChannels: 4, kernelHeight: 1, kernelWidth: 5, strideHeight: 2, strideWidth: 1,
                    padding: Padding2D(top: 0, left: 2, bottom: 1, right: 2), bias: false),
        Convolution(outChannels: 12, kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 1,
                    padding: Padding2D(top: 0, left: 1, bottom: 1, right: 1), dilationHeight: 2, groups: 12),
    ])
    func convolution(_ c: Convolution) throws {
        let graph = testGraph(input: [12, 11, 9]) { b in
            b.add("conv", .convolution(c), [b.input])
        }
        #expect(try engineVersusReference(graph) <= 1e-5)
    }

    @Test func convolutionWithBatchNormAndActivationsFuses() throws {
        for (activation, bias) in [(Activation.relu, false), (.relu6, false), (.relu, true)] {
            let graph = testGraph(input: [3, 10, 10]) { b in
                var x = b.conv(b.input, 8, kernel: 3, padding: 1, bias: bias, name: "conv")
                x = b.batchNorm(x, name: "bn")
                b.activation(activation, x, name: "act")
            }
            #expect(try engineVersusReference(graph, inputBound: 8) <= 1e-5)
        }
    }

    /// Batch norm's epsilon comes from the operation (an ONNX file may carry any): a large one
    /// changes the output well beyond the tolerance, folded or standalone.
    @Test func batchNormEpsilonFromTheOperation() throws {
        let folded = testGraph(input: [3, 6, 6]) { b in
            let x = b.conv(b.input, 4, kernel: 3, padding: 1, name: "conv")
            b.batchNorm(x, epsilon: 0.75, name: "bn")
        }
        #expect(try engineVersusReference(folded) <= 1e-5)
        let alone = testGraph(input: [4, 5, 5]) { b in
            b.batchNorm(b.input, epsilon: 0.75, name: "bn")
        }
        #expect(try engineVersusReference(alone) <= 1e-5)
    }

    @Test func batchNormAloneOnImagesAndFeatures() throws {
        let image = testGraph(input: [6, 5, 4]) { b in
            let x = b.batchNorm(b.input, name: "bn")
            b.relu(x, name: "relu")
        }
        #expect(try engineVersusReference(image) <= 1e-5)
        let features = testGraph(input: [2, 3, 3]) { b in
            let x = b.flatten(b.input, name: "flatten")
            b.batchNorm(x, name: "bn")
        }
        #expect(try engineVersusReference(features) <= 1e-5)
    }

    @Test(arguments: Activation.allCases)
    func activation(_ kind: Activation) throws {
        let graph = testGraph(input: [4, 5, 3]) { b in
            b.activation(kind, b.input, name: "act")
        }
        #expect(try engineVersusReference(graph, inputBound: 9) <= 1e-5)
    }

    @Test(arguments: [
        Pooling(kernel: 3, stride: 2, padding: 1),
        Pooling(kernel: 2, stride: 2),
        Pooling(kernel: 3, stride: 2, ceilMode: true),
        Pooling(kernel: 3, stride: 2, padding: 1, ceilMode: true),
        Pooling(kernel: 2, stride: 1),
        // ONNX's default: padding left out of the average's divisor.
        Pooling(kernel: 3, stride: 2, padding: 1, countIncludePad: false),
        Pooling(kernel: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false),
        Pooling(kernel: 2, stride: 2, padding: 1, ceilMode: true),
    ])
    func pooling(_ p: Pooling) throws {
        for (index, op) in [LayerOperation.maxPool(p), .avgPool(p)].enumerated() {
            let graph = testGraph(input: [5, 10, 9]) { b in
                b.add("pool\(index)", op, [b.input])
            }
            #expect(try engineVersusReference(graph) <= 1e-5, "\(op)")
        }
    }

    /// Adaptive pooling: uneven windows, even windows, global, identity, and larger than the input.
    @Test(arguments: [(3, 2), (5, 3), (1, 1), (10, 9), (12, 11)])
    func adaptiveAveragePooling(_ size: (Int, Int)) throws {
        let graph = testGraph(input: [4, 10, 9]) { b in
            b.adaptiveAvgPool(b.input, height: size.0, width: size.1, name: "pool")
        }
        #expect(try engineVersusReference(graph) <= 1e-5)
    }

    /// Clip alone (XNNPACK's clamp, and the native step for equal bounds) and fused into a convolution.
    @Test(arguments: [(Float(-1), Float(2.5)), (-.infinity, 0.5), (0.25, .infinity), (0.5, 0.5)])
    func clip(_ bounds: (Float, Float)) throws {
        let alone = testGraph(input: [4, 5, 3]) { b in
            b.add("clip", .clip(min: bounds.0, max: bounds.1), [b.input])
        }
        #expect(try engineVersusReference(alone, inputBound: 4) <= 1e-5)
        let fused = testGraph(input: [3, 6, 6]) { b in
            let x = b.conv(b.input, 5, kernel: 3, padding: 1, name: "conv")
            b.add("clip", .clip(min: bounds.0, max: bounds.1), [x])
        }
        #expect(try engineVersusReference(fused, inputBound: 4) <= 1e-5)
    }

    /// Reshape keeps PyTorch's channel-major element order whichever layouts it goes between.
    @Test(arguments: [[60], [5, 4, 3], [12, 5, 1], [1, 6, 10], [3, 20]])
    func reshape(_ target: [Int]) throws {
        let graph = testGraph(input: [3, 4, 5]) { b in
            let x = b.conv(b.input, 3, kernel: 1, name: "conv")
            b.add("reshape", .reshape(TensorShape(target)), [x])
        }
        #expect(try engineVersusReference(graph) <= 1e-5)
        let thenConvolve = testGraph(input: [3, 4, 5]) { b in
            let x = b.add("reshape", .reshape(TensorShape([5, 4, 3])), [b.input])
            b.conv(x, 2, kernel: 3, padding: 1, name: "conv")
        }
        #expect(try engineVersusReference(thenConvolve) <= 1e-5)
    }

    @Test func globalAveragePoolFlattenLinearReluDropoutSoftmax() throws {
        let graph = testGraph(input: [8, 6, 5]) { b in
            var x = b.globalAvgPool(b.input, name: "gap")
            x = b.flatten(x, name: "flatten")
            x = b.linear(x, 10, name: "fc1")
            x = b.relu(x, name: "relu")
            x = b.dropout(x, name: "drop")
            x = b.linear(x, 7, bias: false, name: "fc2")
            b.softmax(x, name: "softmax")
        }
        #expect(try engineVersusReference(graph) <= 1e-5)
    }

    /// Flattening a real image tensor must give PyTorch's channel-major order.
    @Test func flattenOfAnImageIsChannelMajor() throws {
        let graph = testGraph(input: [3, 4, 5]) { b in
            let x = b.flatten(b.input, name: "flatten")
            b.linear(x, 6, name: "fc")
        }
        #expect(try engineVersusReference(graph) <= 1e-5)
        let flattenOnly = testGraph(input: [3, 4, 5]) { b in
            b.flatten(b.input, name: "flatten")
        }
        #expect(try engineVersusReference(flattenOnly) == 0)
    }

    @Test func softmaxOverChannelsOfAnImage() throws {
        let graph = testGraph(input: [6, 3, 2]) { b in
            b.softmax(b.input, name: "softmax")
        }
        #expect(try engineVersusReference(graph, inputBound: 5) <= 1e-5)
    }

    @Test func addOfTwoAndThreeInputsWithAndWithoutRelu() throws {
        let graph = testGraph(input: [4, 6, 6]) { b in
            let a = b.conv(b.input, 4, kernel: 3, padding: 1, name: "a")
            let c = b.conv(b.input, 4, kernel: 1, name: "c")
            let sum = b.addition([a, c], name: "sum")
            let r = b.relu(sum, name: "relu")
            b.addition([r, a, b.input], name: "sum3")
        }
        #expect(try engineVersusReference(graph) <= 1e-5)
    }

    /// Squeeze-and-excitation: a `C×H×W` tensor times a `C×1×1` scale, either way round, and equal shapes.
    @Test func multiplyBroadcastsAChannelScale() throws {
        let graph = testGraph(input: [6, 5, 4]) { b in
            var s = b.globalAvgPool(b.input, name: "squeeze")
            s = b.conv(s, 6, kernel: 1, name: "excite")
            s = b.activation(.sigmoid, s, name: "gate")
            let y = b.multiply(b.input, s, name: "scale")
            let z = b.multiply(s, y, name: "scale2")
            b.multiply(z, b.input, name: "same")
        }
        #expect(try engineVersusReference(graph) <= 1e-5)
    }

    @Test func concatAlongChannels() throws {
        let graph = testGraph(input: [3, 7, 6]) { b in
            let a = b.conv(b.input, 5, kernel: 3, padding: 1, name: "a")
            let c = b.conv(b.input, 2, kernel: 1, name: "c")
            b.concat([a, b.input, c], name: "cat")
        }
        #expect(try engineVersusReference(graph) <= 1e-5)
    }

    /// Big enough that the convolution and the linear layer run on the pool (a million MACs or more).
    @Test func twoThreadsGiveTheSameAnswer() throws {
        let graph = testGraph(input: [16, 24, 24]) { b in
            var x = b.conv(b.input, 32, kernel: 3, padding: 1, name: "conv")
            x = b.relu(x, name: "relu")
            x = b.conv(x, 32, kernel: 3, stride: 2, padding: 1, groups: 32, name: "dw")
            x = b.flatten(x, name: "flatten")
            b.linear(x, 300, name: "fc")
        }
        #expect(try engineVersusReference(graph, threads: 2) <= 1e-5)
    }
}
