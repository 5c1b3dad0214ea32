import Foundation
import SplitModels

/// A straightforward NCHW interpreter of a model graph: the reference the engine is tested against.
///
/// Every layer is a plain loop written from PyTorch's definition (padding counted in average
/// pools unless `countIncludePad` is false, windows past the end dropped in ceil mode, dilated
/// and rectangular convolutions with padding per side), with no
/// fusion, no layout change and no library.
struct NaiveReference {
    let graph: ModelGraph
    let weights: ModelWeights

    /// Every layer's output for an NCHW input of `graph.batchSize` samples.
    func run(_ input: [Float]) -> [[Float]] {
        var outputs = [[Float]]()
        for layer in graph.layers {
            let xs = layer.inputs.map { source -> (data: [Float], shape: [Int]) in
                switch source {
                case .input: (input, graph.inputShape.dims)
                case .layer(let i): (outputs[i], graph.layers[i].outputShape.dims)
                }
            }
            outputs.append(apply(layer, xs))
        }
        return outputs
    }

    private var n: Int { graph.batchSize }

    private func tensor(_ layer: Layer, _ role: String) -> [Float] {
        weights[layer.name]?[role]?.elements ?? []
    }

    private func apply(_ layer: Layer, _ xs: [(data: [Float], shape: [Int])]) -> [Float] {
        let x = xs[0].data
        let s = xs[0].shape
        let out = layer.outputShape.dims
        switch layer.operation {
        case .convolution(let c):
            let (inC, h, w) = (s[0], s[1], s[2])
            let (oh, ow) = (out[1], out[2])
            let weight = tensor(layer, "weight")
            let bias = tensor(layer, "bias")
            let perGroupIn = inC / c.groups, perGroupOut = c.outChannels / c.groups
            var y = [Float](repeating: 0, count: n * c.outChannels * oh * ow)
            for b in 0..<n {
                for o in 0..<c.outChannels {
                    let g = o / perGroupOut
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            var sum: Double = bias.isEmpty ? 0 : Double(bias[o])
                            for i in 0..<perGroupIn {
                                let ic = g * perGroupIn + i
                                for ky in 0..<c.kernelHeight {
                                    let iy = oy * c.strideHeight - c.padding.top + ky * c.dilationHeight
                                    if iy < 0 || iy >= h { continue }
                                    for kx in 0..<c.kernelWidth {
                                        let ix = ox * c.strideWidth - c.padding.left + kx * c.dilationWidth
                                        if ix < 0 || ix >= w { continue }
                                        let wv = weight[((o * perGroupIn + i) * c.kernelHeight + ky) * c.kernelWidth + kx]
                                        sum += Double(wv) * Double(x[((b * inC + ic) * h + iy) * w + ix])
                                    }
                                }
                            }
                            y[((b * c.outChannels + o) * oh + oy) * ow + ox] = Float(sum)
                        }
                    }
                }
            }
            return y
        case .linear(let outF, _):
            let inF = s[0]
            let weight = tensor(layer, "weight")
            let bias = tensor(layer, "bias")
            var y = [Float](repeating: 0, count: n * outF)
            for b in 0..<n {
                for o in 0..<outF {
                    var sum: Double = bias.isEmpty ? 0 : Double(bias[o])
                    for i in 0..<inF { sum += Double(weight[o * inF + i]) * Double(x[b * inF + i]) }
                    y[b * outF + o] = Float(sum)
                }
            }
            return y
        case .maxPool(let p), .avgPool(let p):
            let isMax = if case .maxPool = layer.operation { true } else { false }
            let (c, h, w) = (s[0], s[1], s[2])
            let (oh, ow) = (out[1], out[2])
            var y = [Float](repeating: 0, count: n * c * oh * ow)
            for b in 0..<n {
                for ch in 0..<c {
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            let y0 = oy * p.stride - p.padding, x0 = ox * p.stride - p.padding
                            // PyTorch: the divisor counts padding but not what lies past it.
                            let y1 = min(y0 + p.kernel, h + p.padding), x1 = min(x0 + p.kernel, w + p.padding)
                            var best = -Float.infinity
                            var sum: Double = 0
                            let covered = (min(y1, h) - max(y0, 0)) * (min(x1, w) - max(x0, 0))
                            let divisor = p.countIncludePad ? (y1 - y0) * (x1 - x0) : covered
                            for iy in max(y0, 0)..<min(y1, h) {
                                for ix in max(x0, 0)..<min(x1, w) {
                                    let v = x[((b * c + ch) * h + iy) * w + ix]
                                    best = max(best, v)
                                    sum += Double(v)
                                }
                            }
                            let index = ((b * c + ch) * oh + oy) * ow + ox
                            y[index] = isMax ? best : Float(sum / Double(divisor))
                        }
                    }
                }
            }
            return y
        case .adaptiveAvgPool(let oh, let ow):
            let (c, h, w) = (s[0], s[1], s[2])
            var y = [Float](repeating: 0, count: n * c * oh * ow)
            for b in 0..<n {
                for ch in 0..<c {
                    for oy in 0..<oh {
                        let y0 = (oy * h) / oh, y1 = Int((Double((oy + 1) * h) / Double(oh)).rounded(.up))
                        for ox in 0..<ow {
                            let x0 = (ox * w) / ow, x1 = Int((Double((ox + 1) * w) / Double(ow)).rounded(.up))
                            var sum: Double = 0
                            for iy in y0..<y1 { for ix in x0..<x1 { sum += Double(x[((b * c + ch) * h + iy) * w + ix]) } }
                            y[((b * c + ch) * oh + oy) * ow + ox] = Float(sum / Double((y1 - y0) * (x1 - x0)))
                        }
                    }
                }
            }
            return y
        case .globalAvgPool:
            let (c, plane) = (s[0], s[1] * s[2])
            return (0..<(n * c)).map { i in
                Float(x[(i * plane)..<((i + 1) * plane)].reduce(0.0) { $0 + Double($1) } / Double(plane))
            }
        case .batchNorm(let epsilon):
            let c = s[0]
            let plane = s.reduce(1, *) / c
            let (gamma, beta, mean, variance) = (tensor(layer, "scale"), tensor(layer, "bias"), tensor(layer, "mean"), tensor(layer, "variance"))
            var y = x
            for b in 0..<n {
                for ch in 0..<c {
                    let inv = 1 / (Double(variance[ch]) + Double(epsilon)).squareRoot()
                    for p in 0..<plane {
                        let i = (b * c + ch) * plane + p
                        y[i] = Float((Double(x[i]) - Double(mean[ch])) * inv * Double(gamma[ch]) + Double(beta[ch]))
                    }
                }
            }
            return y
        case .activation(let kind):
            return x.map { v in
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
            return x.map { min(max($0, low), high) }
        case .add:
            var y = x
            for other in xs.dropFirst() { for i in y.indices { y[i] += other.data[i] } }
            return y
        case .multiply:
            let (a, b) = (xs[0], xs[1])
            if a.shape == b.shape { return zip(a.data, b.data).map { $0 * $1 } }
            let (big, scale) = a.shape[1] * a.shape[2] >= b.shape[1] * b.shape[2] ? (a, b) : (b, a)
            let (c, plane) = (big.shape[0], big.shape[1] * big.shape[2])
            var y = big.data
            for bi in 0..<n { for ch in 0..<c { for p in 0..<plane { y[(bi * c + ch) * plane + p] *= scale.data[bi * c + ch] } } }
            return y
        case .concat:
            let plane = s[1] * s[2]
            var y = [Float]()
            for b in 0..<n {
                for input in xs {
                    let per = input.shape[0] * plane
                    y.append(contentsOf: input.data[(b * per)..<((b + 1) * per)])
                }
            }
            return y
        case .flatten, .dropout, .reshape:
            return x
        case .softmax:
            let c = s[0]
            let plane = s.reduce(1, *) / c
            var y = x
            for b in 0..<n {
                for p in 0..<plane {
                    let indices = (0..<c).map { (b * c + $0) * plane + p }
                    let top = indices.map { Double(x[$0]) }.max() ?? 0
                    let total = indices.reduce(0.0) { $0 + exp(Double(x[$1]) - top) }
                    for i in indices { y[i] = Float(exp(Double(x[i]) - top) / total) }
                }
            }
            return y
        }
    }
}
