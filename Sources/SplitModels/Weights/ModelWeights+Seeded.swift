extension ModelWeights {
    /// Deterministic random weights for every layer of a graph, the same for the same seed on any machine.
    ///
    /// Convolution and linear weights are uniform with He scaling (variance `2 / fan_in`), so
    /// activations stay finite through deep models; biases are small. Batch norm gets a scale near
    /// 1, a small shift and mean, and a variance near 1. Roles and shapes follow `LayerWeights`
    /// (PyTorch layout), and the learned elements of each layer number exactly `layer.params`
    /// (batch norm's `mean` and `variance` are running statistics, not parameters).
    ///
    /// ```swift
    /// let graph = try ModelZoo.model(named: "resnet18")
    /// let weights = ModelWeights.seeded(for: graph, seed: 7)
    /// ```
    public static func seeded(for graph: ModelGraph, seed: UInt64) -> ModelWeights {
        var weights = ModelWeights()
        for (index, layer) in graph.layers.enumerated() {
            // One stream per layer, so a layer's weights do not depend on the layers before it.
            var random = SeededUniform(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let inputShape: TensorShape = switch layer.inputs.first {
            case .layer(let i)?: graph.layers[i].outputShape
            case .input?, nil: graph.inputShape
            }
            switch layer.operation {
            case .convolution(let c):
                let perGroup = inputShape.channels / max(c.groups, 1)
                let fanIn = perGroup * c.kernelHeight * c.kernelWidth
                var tensors = ["weight": random.tensor([c.outChannels, perGroup, c.kernelHeight, c.kernelWidth], heFanIn: fanIn)]
                if c.bias { tensors["bias"] = random.tensor([c.outChannels], within: 0.1) }
                weights[layer.name] = LayerWeights(tensors)
            case .linear(let out, let bias):
                let fanIn = inputShape.elementCount
                var tensors = ["weight": random.tensor([out, fanIn], heFanIn: fanIn)]
                if bias { tensors["bias"] = random.tensor([out], within: 0.1) }
                weights[layer.name] = LayerWeights(tensors)
            case .batchNorm:
                let c = inputShape.channels
                weights[layer.name] = LayerWeights([
                    "scale": random.tensor([c], from: 0.5, to: 1.0),
                    "bias": random.tensor([c], within: 0.1),
                    "mean": random.tensor([c], within: 0.1),
                    "variance": random.tensor([c], from: 0.5, to: 1.5),
                ])
            default:
                continue
            }
        }
        return weights
    }
}

/// SplitMix64 turned into uniform floats (SplitModels depends on no random-number target).
private struct SeededUniform {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [low, high).
    mutating func uniform(from low: Float, to high: Float) -> Float {
        let unit = Float(next() >> 40) / Float(1 << 24)
        return low + (high - low) * unit
    }

    mutating func tensor(_ shape: [Int], from low: Float, to high: Float) -> FloatTensor {
        let count = FloatTensor.count(of: shape) ?? 0
        var elements = [Float](repeating: 0, count: count)
        for i in 0..<count { elements[i] = uniform(from: low, to: high) }
        return FloatTensor(shape: shape, elements: elements) ?? FloatTensor(zeros: shape)
    }

    mutating func tensor(_ shape: [Int], within bound: Float) -> FloatTensor {
        tensor(shape, from: -bound, to: bound)
    }

    /// Uniform with variance `2 / fanIn`: a bound of `sqrt(6 / fanIn)`.
    mutating func tensor(_ shape: [Int], heFanIn fanIn: Int) -> FloatTensor {
        tensor(shape, within: (6 / Float(max(fanIn, 1))).squareRoot())
    }
}
