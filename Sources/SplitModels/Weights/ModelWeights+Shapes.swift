extension ModelWeights {
    /// One learned tensor a layer takes: the layer's name, the tensor's role and its shape.
    public struct Slot: Hashable, Sendable {
        public var layer: String
        public var role: String
        public var shape: [Int]
    }

    /// Every learned tensor a graph's layers take, in layer order, with the shapes
    /// ``seeded(for:seed:)`` draws and the engine reads (PyTorch layout; see `LayerWeights`).
    ///
    /// ```swift
    /// ModelWeights.slots(for: try ModelZoo.model(named: "smallcnn")).first
    /// // Slot(layer: "conv1", role: "weight", shape: [32, 3, 3, 3])
    /// ```
    public static func slots(for graph: ModelGraph) -> [Slot] {
        var slots = [Slot]()
        for layer in graph.layers {
            let inputShape: TensorShape = switch layer.inputs.first {
            case .layer(let i)?: graph.layers[i].outputShape
            case .input?, nil: graph.inputShape
            }
            switch layer.operation {
            case .convolution(let c):
                let perGroup = inputShape.channels / max(c.groups, 1)
                slots.append(Slot(layer: layer.name, role: "weight", shape: [c.outChannels, perGroup, c.kernelHeight, c.kernelWidth]))
                if c.bias { slots.append(Slot(layer: layer.name, role: "bias", shape: [c.outChannels])) }
            case .linear(let out, let bias):
                slots.append(Slot(layer: layer.name, role: "weight", shape: [out, inputShape.elementCount]))
                if bias { slots.append(Slot(layer: layer.name, role: "bias", shape: [out])) }
            case .batchNorm:
                for role in ["scale", "bias", "mean", "variance"] {
                    slots.append(Slot(layer: layer.name, role: role, shape: [inputShape.channels]))
                }
            default:
                continue
            }
        }
        return slots
    }
}
