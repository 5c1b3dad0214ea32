import Foundation
import SplitModels
import SplitONNX

/// A deliberately naive forward pass over an imported model, straight from the definitions of
/// each `LayerOperation`, so tests can compare an import with ONNX Runtime's outputs.
///
/// It checks that the importer read every attribute and weight the way ONNX means them (pads,
/// dilations, groups, transposes, epsilon, bounds); it is no engine and makes no attempt at speed.
struct ReferenceRunner {
    let model: ImportedModel

    enum Failure: Error, CustomStringConvertible {
        case missingWeight(layer: String, role: String)
        case unsupported(String)
        var description: String {
            switch self {
            case .missingWeight(let layer, let role): "layer \(layer) has no \(role) weight"
            case .unsupported(let op): "the reference runner has no \(op)"
            }
        }
    }

    /// Runs the whole batch (`input` in N×C×H×W order) and returns the last layer's output.
    func run(_ input: [Float]) throws -> [Float] {
        let graph = model.graph
        let sampleSize = graph.inputShape.elementCount
        var output: [Float] = []
        for b in 0..<graph.batchSize {
            output += try runSample(Array(input[(b * sampleSize)..<((b + 1) * sampleSize)]))
        }
        return output
    }

    private func runSample(_ x: [Float]) throws -> [Float] {
        let graph = model.graph
        var values: [[Float]] = []
        for layer in graph.layers {
            let inputs = layer.inputs.map { source -> [Float] in
                switch source {
                case .input: x
                case .layer(let i): values[i]
                }
            }
            let shapes = layer.inputs.map { source -> TensorShape in
                switch source {
                case .input: graph.inputShape
                case .layer(let i): graph.layers[i].outputShape
                }
            }
            values.append(try apply(layer, inputs, shapes))
        }
        return values.last ?? []
    }

    private func weight(_ layer: Layer, _ role: String) throws -> [Float] {
        guard let tensor = model.weights[layer.name]?[role] else { throw Failure.missingWeight(layer: layer.name, role: role) }
        return tensor.elements
    }

    private func apply(_ layer: Layer, _ inputs: [[Float]], _ shapes: [TensorShape]) throws -> [Float] {
        let out = layer.outputShape
        switch layer.operation {
        case .convolution(let c):
            return try convolution(c, inputs[0], shapes[0], out, weight(layer, "weight"),
                                   c.bias ? weight(layer, "bias") : nil)
        case .batchNorm(let epsilon):
            let (scale, bias, mean, variance) = try (weight(layer, "scale"), weight(layer, "bias"),
                                                     weight(layer, "mean"), weight(layer, "variance"))
            let plane = shapes[0].elementCount / shapes[0].channels
            return inputs[0].enumerated().map { i, v in
                let c = i / plane
                return (v - mean[c]) / (variance[c] + epsilon).squareRoot() * scale[c] + bias[c]
            }
        case .activation(let kind):
            return inputs[0].map { v in
                switch kind {
                case .relu: max(v, 0)
                case .relu6: min(max(v, 0), 6)
                case .sigmoid: 1 / (1 + exp(-v))
                case .silu: v / (1 + exp(-v))
                case .hardSwish: v * min(max(v + 3, 0), 6) / 6
                case .hardSigmoid: min(max(v + 3, 0), 6) / 6
                }
            }
        case .clip(let low, let high):
            return inputs[0].map { min(max($0, low), high) }
        case .maxPool(let p), .avgPool(let p):
            var isMax = false
            if case .maxPool = layer.operation { isMax = true }
            return pool(p, isMax: isMax, inputs[0], shapes[0], out)
        case .globalAvgPool:
            let plane = shapes[0].elementCount / shapes[0].channels
            return (0..<shapes[0].channels).map { c in inputs[0][(c * plane)..<((c + 1) * plane)].reduce(0, +) / Float(plane) }
        case .flatten, .reshape, .dropout:
            return inputs[0]
        case .linear(let outFeatures, let hasBias):
            let w = try weight(layer, "weight")
            let bias = hasBias ? try weight(layer, "bias") : [Float](repeating: 0, count: outFeatures)
            let inFeatures = inputs[0].count
            return (0..<outFeatures).map { o in
                (0..<inFeatures).reduce(bias[o]) { $0 + w[o * inFeatures + $1] * inputs[0][$1] }
            }
        case .add:
            return inputs.dropFirst().reduce(inputs[0]) { zip($0, $1).map(+) }
        case .multiply:
            let (a, b) = shapes[0].elementCount >= shapes[1].elementCount ? (inputs[0], inputs[1]) : (inputs[1], inputs[0])
            if a.count == b.count { return zip(a, b).map(*) }
            let plane = a.count / b.count
            return a.enumerated().map { i, v in v * b[i / plane] }
        case .concat:
            return inputs.flatMap { $0 }
        case .softmax:
            let top = inputs[0].max() ?? 0
            let e = inputs[0].map { exp($0 - top) }
            let sum = e.reduce(0, +)
            return e.map { $0 / sum }
        case .adaptiveAvgPool:
            throw Failure.unsupported("adaptive average pooling")
        }
    }

    private func convolution(_ c: Convolution, _ x: [Float], _ inShape: TensorShape, _ out: TensorShape,
                             _ w: [Float], _ bias: [Float]?) -> [Float] {
        let (inC, inH, inW) = (inShape.dims[0], inShape.dims[1], inShape.dims[2])
        let (outC, outH, outW) = (out.dims[0], out.dims[1], out.dims[2])
        let inPerGroup = inC / c.groups
        let outPerGroup = outC / c.groups
        var y = [Float](repeating: 0, count: out.elementCount)
        for o in 0..<outC {
            let g = o / outPerGroup
            for oh in 0..<outH {
                for ow in 0..<outW {
                    var sum = bias?[o] ?? 0
                    for i in 0..<inPerGroup {
                        for kh in 0..<c.kernelHeight {
                            let ih = oh * c.strideHeight - c.padding.top + kh * c.dilationHeight
                            guard ih >= 0, ih < inH else { continue }
                            for kw in 0..<c.kernelWidth {
                                let iw = ow * c.strideWidth - c.padding.left + kw * c.dilationWidth
                                guard iw >= 0, iw < inW else { continue }
                                let wi = ((o * inPerGroup + i) * c.kernelHeight + kh) * c.kernelWidth + kw
                                sum += w[wi] * x[((g * inPerGroup + i) * inH + ih) * inW + iw]
                            }
                        }
                    }
                    y[(o * outH + oh) * outW + ow] = sum
                }
            }
        }
        return y
    }

    private func pool(_ p: Pooling, isMax: Bool, _ x: [Float], _ inShape: TensorShape, _ out: TensorShape) -> [Float] {
        let (channels, inH, inW) = (inShape.dims[0], inShape.dims[1], inShape.dims[2])
        let (outH, outW) = (out.dims[1], out.dims[2])
        var y = [Float](repeating: 0, count: out.elementCount)
        for c in 0..<channels {
            for oh in 0..<outH {
                for ow in 0..<outW {
                    var best = -Float.infinity
                    var sum: Float = 0
                    var count = 0
                    for kh in 0..<p.kernel {
                        let ih = oh * p.stride - p.padding + kh
                        for kw in 0..<p.kernel {
                            let iw = ow * p.stride - p.padding + kw
                            guard ih >= 0, ih < inH, iw >= 0, iw < inW else { continue }
                            let v = x[(c * inH + ih) * inW + iw]
                            best = max(best, v)
                            sum += v
                            count += 1
                        }
                    }
                    let divisor = p.countIncludePad ? p.kernel * p.kernel : count
                    y[(c * outH + oh) * outW + ow] = isMax ? best : sum / Float(divisor)
                }
            }
        }
        return y
    }
}
