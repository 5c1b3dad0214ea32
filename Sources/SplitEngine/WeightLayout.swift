import SplitModels

/// Converts a layer's PyTorch-layout weights into the forms XNNPACK takes, checking every shape.
///
/// Pure functions: a convolution's `[O, I/groups, kH, kW]` becomes OHWI, a batch norm becomes a
/// per-channel scale and shift, and a norm after a convolution folds into its weights and bias.
enum WeightLayout {
    /// A tensor of a role, checked against its expected shape.
    static func tensor(_ role: String, of layer: Layer, in weights: ModelWeights, shape: [Int]) throws(EngineError) -> [Float] {
        guard let tensor = weights[layer.name]?[role] else {
            throw .missingWeights(layer: layer.name, role: role)
        }
        guard tensor.shape == shape else {
            throw .weightShape(layer: layer.name, role: role, expected: shape, got: tensor.shape)
        }
        if let bad = tensor.elements.withUnsafeBufferPointer({ ValueGuard.firstOutOfRange($0, limit: ValueGuard.weightLimit) }) {
            throw .weightValue(layer: layer.name, role: role, element: bad, value: tensor.elements[bad])
        }
        return tensor.elements
    }

    /// A convolution's kernel in OHWI and its bias (zeros when it has none).
    static func convolution(_ layer: Layer, _ c: Convolution, inChannels: Int,
                            weights: ModelWeights) throws(EngineError) -> (kernel: [Float], bias: [Float]) {
        let perGroup = inChannels / c.groups
        let window = ConvolutionWindow(c)
        let oihw = try tensor("weight", of: layer, in: weights,
                              shape: [c.outChannels, perGroup, window.kernelHeight, window.kernelWidth])
        var bias = [Float](repeating: 0, count: c.outChannels)
        if c.bias || weights[layer.name]?["bias"] != nil {
            bias = try tensor("bias", of: layer, in: weights, shape: [c.outChannels])
        }
        return (ohwi(oihw, out: c.outChannels, in: perGroup, plane: window.kernelHeight * window.kernelWidth), bias)
    }

    /// `[O, I, kH, kW]` reordered to `[O, kH, kW, I]` (`plane` is `kH · kW`).
    static func ohwi(_ oihw: [Float], out: Int, in inChannels: Int, plane: Int) -> [Float] {
        var result = [Float](repeating: 0, count: oihw.count)
        for o in 0..<out {
            for i in 0..<inChannels {
                for p in 0..<plane {
                    result[(o * plane + p) * inChannels + i] = oihw[(o * inChannels + i) * plane + p]
                }
            }
        }
        return result
    }

    /// A linear layer's `[out, in]` weight and its bias (zeros when it has none).
    static func linear(_ layer: Layer, out: Int, bias hasBias: Bool, inFeatures: Int,
                       weights: ModelWeights) throws(EngineError) -> (weight: [Float], bias: [Float]) {
        let weight = try tensor("weight", of: layer, in: weights, shape: [out, inFeatures])
        var bias = [Float](repeating: 0, count: out)
        if hasBias || weights[layer.name]?["bias"] != nil {
            bias = try tensor("bias", of: layer, in: weights, shape: [out])
        }
        return (weight, bias)
    }

    /// Batch norm as `y = x · scale + shift` per channel.
    ///
    /// `scale = γ / √(variance + ε)`, `shift = β − mean · scale`, with ε from the layer's operation.
    static func batchNorm(_ layer: Layer, channels: Int, weights: ModelWeights) throws(EngineError) -> (scale: [Float], shift: [Float]) {
        guard case .batchNorm(let epsilon) = layer.operation else {
            throw .unsupported(layer: layer.name, reason: "is not a batch norm")
        }
        let gamma = try tensor("scale", of: layer, in: weights, shape: [channels])
        let beta = try tensor("bias", of: layer, in: weights, shape: [channels])
        let mean = try tensor("mean", of: layer, in: weights, shape: [channels])
        let variance = try tensor("variance", of: layer, in: weights, shape: [channels])
        var scale = [Float](repeating: 0, count: channels)
        var shift = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            guard variance[c] + epsilon > 0 else {
                throw .unsupported(layer: layer.name, reason: "variance + epsilon of channel \(c) is not positive")
            }
            scale[c] = gamma[c] / (variance[c] + epsilon).squareRoot()
            shift[c] = beta[c] - mean[c] * scale[c]
        }
        return (scale, shift)
    }

    /// Folds `y = conv(x) · scale + shift` into the convolution's OHWI kernel and bias.
    static func fold(kernel: inout [Float], bias: inout [Float], scale: [Float], shift: [Float]) {
        let perOutput = kernel.count / max(scale.count, 1)
        for o in scale.indices {
            for j in 0..<perOutput { kernel[o * perOutput + j] *= scale[o] }
            bias[o] = bias[o] * scale[o] + shift[o]
        }
    }
}
