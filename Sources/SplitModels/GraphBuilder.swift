/// Builds a `ModelGraph` layer by layer, inferring shapes, MACs and parameters as it goes.
///
/// Each call returns the new layer's output so it can feed later layers; the first shape error
/// is kept and reported by `finish`, so model definitions read like the framework code they mirror:
///
/// ```swift
/// var b = GraphBuilder(name: "tiny", input: TensorShape([3, 32, 32]))
/// let x = b.conv(b.input, 16, kernel: 3, padding: 1, name: "conv1")
/// let y = b.relu(x, name: "relu1")
/// let graph = try b.finish()
/// ```
public struct GraphBuilder: Sendable {
    public let name: String
    public let inputShape: TensorShape
    public private(set) var layers: [Layer] = []
    private var firstError: ShapeError?
    private var names: Set<String> = []

    /// The raw model input.
    public let input: TensorSource = .input

    public init(name: String, input: TensorShape) {
        self.name = name
        self.inputShape = input
    }

    /// The per-sample shape of a tensor already built.
    ///
    /// `source` must be the input or a layer this builder has already added.
    public func shape(of source: TensorSource) -> TensorShape {
        switch source {
        case .input: inputShape
        case .layer(let i): layers[i].outputShape
        }
    }

    /// The shape of `source`, or `nil` when it names a layer not built yet.
    private func builtShape(of source: TensorSource) -> TensorShape? {
        switch source {
        case .input: inputShape
        case .layer(let i): layers.indices.contains(i) ? layers[i].outputShape : nil
        }
    }

    /// Adds a layer and returns its output.
    ///
    /// An input that names a layer not yet added is recorded as a shape error (layers must be
    /// added in topological order) rather than trapping.
    /// `outputName` names the output tensor as a model file does (see `Layer.outputName`).
    @discardableResult
    public mutating func add(_ name: String, _ operation: LayerOperation, _ inputs: [TensorSource],
                             outputName: String? = nil) -> TensorSource {
        let shapes = inputs.compactMap(builtShape(of:))
        var layer = Layer(name: name, operation: operation, inputs: inputs, outputShape: shapes.first ?? inputShape,
                          macs: 0, params: 0, outputName: outputName)
        if shapes.count != inputs.count {
            if firstError == nil {
                firstError = ShapeError(layer: name, reason: "an input names a layer not built yet (layers go in topological order)")
            }
        } else {
            do {
                let result = try operation.apply(to: shapes)
                layer.outputShape = result.shape
                layer.macs = result.macs
                layer.params = result.params
            } catch {
                if firstError == nil { firstError = ShapeError(layer: name, reason: error.text) }
            }
        }
        if !names.insert(name).inserted, firstError == nil {
            firstError = ShapeError(layer: name, reason: "duplicate layer name")
        }
        layers.append(layer)
        return .layer(layers.count - 1)
    }

    /// The finished graph, or the first shape error met while building.
    ///
    /// Also throws when `batchSize` is not positive (reported against the model's name).
    public func finish(inputElement: ElementType = .rawInput, activationElement: ElementType = .float32,
                       batchSize: Int = 1, inputName: String? = nil) throws(ShapeError) -> ModelGraph {
        if let firstError { throw firstError }
        guard batchSize > 0 else { throw ShapeError(layer: name, reason: "batch size must be positive, got \(batchSize)") }
        guard !layers.isEmpty else { throw ShapeError(layer: name, reason: "a model needs at least one layer") }
        // Counts for the whole batch must fit an Int, with room for the sums the planners take.
        func elements(_ shape: TensorShape) -> Double { shape.dims.reduce(1.0) { $0 * Double($1) } }
        let batch = Double(batchSize)
        var totals = SizeTotals(bytes: elements(inputShape) * Double(inputElement.byteWidth) * batch)
        for layer in layers {
            totals.bytes += elements(layer.outputShape) * Double(activationElement.byteWidth) * batch
            totals.macs += Double(layer.macs) * batch
            totals.params += Double(layer.params)
        }
        if let excess = totals.excess {
            throw ShapeError(layer: name, reason: "\(excess) at batch size \(batchSize)")
        }
        return ModelGraph(name: name, inputShape: inputShape, inputElement: inputElement,
                          activationElement: activationElement, batchSize: batchSize, layers: layers, inputName: inputName)
    }
}

extension GraphBuilder {
    /// A 2-D convolution (`groups == channels` for depthwise).
    @discardableResult
    public mutating func conv(_ x: TensorSource, _ out: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                              groups: Int = 1, bias: Bool = true, name: String) -> TensorSource {
        add(name, .convolution(Convolution(outChannels: out, kernel: kernel, stride: stride, padding: padding,
                                           groups: groups, bias: bias)), [x])
    }

    @discardableResult
    public mutating func linear(_ x: TensorSource, _ out: Int, bias: Bool = true, name: String) -> TensorSource {
        add(name, .linear(outFeatures: out, bias: bias), [x])
    }

    @discardableResult
    public mutating func batchNorm(_ x: TensorSource, epsilon: Float = 1e-5, name: String) -> TensorSource {
        add(name, .batchNorm(epsilon: epsilon), [x])
    }

    @discardableResult
    public mutating func relu(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .activation(.relu), [x])
    }

    @discardableResult
    public mutating func activation(_ kind: Activation, _ x: TensorSource, name: String) -> TensorSource {
        add(name, .activation(kind), [x])
    }

    @discardableResult
    public mutating func maxPool(_ x: TensorSource, kernel: Int, stride: Int, padding: Int = 0,
                                 ceilMode: Bool = false, name: String) -> TensorSource {
        add(name, .maxPool(Pooling(kernel: kernel, stride: stride, padding: padding, ceilMode: ceilMode)), [x])
    }

    @discardableResult
    public mutating func avgPool(_ x: TensorSource, kernel: Int, stride: Int, padding: Int = 0, name: String) -> TensorSource {
        add(name, .avgPool(Pooling(kernel: kernel, stride: stride, padding: padding)), [x])
    }

    @discardableResult
    public mutating func adaptiveAvgPool(_ x: TensorSource, height: Int, width: Int, name: String) -> TensorSource {
        add(name, .adaptiveAvgPool(height: height, width: width), [x])
    }

    @discardableResult
    public mutating func globalAvgPool(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .globalAvgPool, [x])
    }

    @discardableResult
    public mutating func addition(_ xs: [TensorSource], name: String) -> TensorSource {
        add(name, .add, xs)
    }

    @discardableResult
    public mutating func multiply(_ a: TensorSource, _ b: TensorSource, name: String) -> TensorSource {
        add(name, .multiply, [a, b])
    }

    @discardableResult
    public mutating func concat(_ xs: [TensorSource], name: String) -> TensorSource {
        add(name, .concat, xs)
    }

    @discardableResult
    public mutating func flatten(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .flatten, [x])
    }

    @discardableResult
    public mutating func dropout(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .dropout, [x])
    }

    @discardableResult
    public mutating func softmax(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .softmax, [x])
    }
}
