/// What the planners see of a model: per-layer output sizes and device and edge compute times.
///
/// A profile comes from a zoo model through a roofline estimate, from a file a user measured on
/// their own hardware, or (later) from the live runtime's measurements. Layers are in topological
/// order and the last one is the model's output.
public struct ModelProfile: Hashable, Sendable {
    public var name: String
    /// Bytes of the raw input, which starts on the device.
    public var inputBytes: Int
    public var layers: [ProfileLayer]

    public init(name: String, inputBytes: Int, layers: [ProfileLayer]) {
        self.name = name
        self.inputBytes = inputBytes
        self.layers = layers
    }

    /// The number of layers.
    public var layerCount: Int { layers.count }

    /// True when each layer reads only the one before it (the first reads the input).
    public var isChain: Bool {
        layers.enumerated().allSatisfy { index, layer in
            layer.inputs == [index == 0 ? .input : .layer(index - 1)]
        }
    }

    /// For each layer, the layers that read its output, in order.
    public var consumers: [[Int]] {
        var result = Array(repeating: [Int](), count: layers.count)
        for (index, layer) in layers.enumerated() {
            for case .layer(let producer) in Set(layer.inputs) { result[producer].append(index) }
        }
        return result.map { $0.sorted() }
    }

    /// Layers that read the raw input.
    public var inputConsumers: [Int] {
        layers.indices.filter { layers[$0].inputs.contains(.input) }
    }

    /// Total multiply-accumulates, where the profile records them.
    public var totalMacs: Int {
        layers.reduce(0) { $0.addingSaturated($1.macs ?? 0) }
    }

    /// Total parameters, where the profile records them.
    public var totalParams: Int {
        layers.reduce(0) { $0.addingSaturated($1.params ?? 0) }
    }

    /// The index of the layer with this name.
    public func index(ofLayer name: String) -> Int? {
        layers.firstIndex { $0.name == name }
    }
}

/// One layer of a profile.
public struct ProfileLayer: Hashable, Sendable {
    public var name: String
    public var inputs: [TensorSource]
    /// Bytes of this layer's output for one inference.
    public var outputBytes: Int
    /// Milliseconds to run this layer on the device.
    public var deviceMs: Double
    /// Milliseconds to run this layer on the edge server.
    public var edgeMs: Double
    public var op: OpKind?
    /// Multiply-accumulates for one inference (the whole batch, like `outputBytes` and the times).
    public var macs: Int?
    /// Learned parameters (shared by every sample of a batch).
    public var params: Int?
    /// Known when the profile was made from a model graph; profile files do not carry it.
    public var outputShape: TensorShape?

    public init(name: String, inputs: [TensorSource], outputBytes: Int, deviceMs: Double, edgeMs: Double,
                op: OpKind? = nil, macs: Int? = nil, params: Int? = nil, outputShape: TensorShape? = nil) {
        self.name = name
        self.inputs = inputs
        self.outputBytes = outputBytes
        self.deviceMs = deviceMs
        self.edgeMs = edgeMs
        self.op = op
        self.macs = macs
        self.params = params
        self.outputShape = outputShape
    }
}
