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
    public func shape(of source: TensorSource) -> TensorShape {
        switch source {
        case .input: inputShape
        case .layer(let i): layers[i].outputShape
        }
    }

    /// Adds a layer and returns its output.
    @discardableResult
    public mutating func add(_ name: String, _ operation: LayerOperation, _ inputs: [TensorSource]) -> TensorSource {
        let shapes = inputs.map(shape(of:))
        var layer = Layer(name: name, operation: operation, inputs: inputs, outputShape: shapes.first ?? inputShape, macs: 0, params: 0)
        do {
            let result = try operation.apply(to: shapes)
            layer.outputShape = result.shape
            layer.macs = result.macs
            layer.params = result.params
        } catch {
            if firstError == nil { firstError = ShapeError(layer: name, reason: error.text) }
        }
        if !names.insert(name).inserted, firstError == nil {
            firstError = ShapeError(layer: name, reason: "duplicate layer name")
        }
        layers.append(layer)
        return .layer(layers.count - 1)
    }

    /// The finished graph, or the first shape error met while building.
    public func finish(inputElement: ElementType = .uint8, activationElement: ElementType = .float32,
                       batchSize: Int = 1) throws(ShapeError) -> ModelGraph {
        if let firstError { throw firstError }
        guard !layers.isEmpty else { throw ShapeError(layer: name, reason: "a model needs at least one layer") }
        return ModelGraph(name: name, inputShape: inputShape, inputElement: inputElement,
                          activationElement: activationElement, batchSize: batchSize, layers: layers)
    }
}

extension GraphBuilder {
    /// A 2-D convolution (`groups == channels` for depthwise).
    public mutating func conv(_ x: TensorSource, _ out: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                              groups: Int = 1, bias: Bool = true, name: String) -> TensorSource {
        add(name, .convolution(Convolution(outChannels: out, kernel: kernel, stride: stride, padding: padding,
                                           groups: groups, bias: bias)), [x])
    }

    public mutating func linear(_ x: TensorSource, _ out: Int, bias: Bool = true, name: String) -> TensorSource {
        add(name, .linear(outFeatures: out, bias: bias), [x])
    }

    public mutating func batchNorm(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .batchNorm, [x])
    }

    public mutating func relu(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .activation(.relu), [x])
    }

    public mutating func activation(_ kind: Activation, _ x: TensorSource, name: String) -> TensorSource {
        add(name, .activation(kind), [x])
    }

    public mutating func maxPool(_ x: TensorSource, kernel: Int, stride: Int, padding: Int = 0,
                                 ceilMode: Bool = false, name: String) -> TensorSource {
        add(name, .maxPool(Pooling(kernel: kernel, stride: stride, padding: padding, ceilMode: ceilMode)), [x])
    }

    public mutating func avgPool(_ x: TensorSource, kernel: Int, stride: Int, padding: Int = 0, name: String) -> TensorSource {
        add(name, .avgPool(Pooling(kernel: kernel, stride: stride, padding: padding)), [x])
    }

    public mutating func adaptiveAvgPool(_ x: TensorSource, height: Int, width: Int, name: String) -> TensorSource {
        add(name, .adaptiveAvgPool(height: height, width: width), [x])
    }

    public mutating func globalAvgPool(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .globalAvgPool, [x])
    }

    public mutating func addition(_ xs: [TensorSource], name: String) -> TensorSource {
        add(name, .add, xs)
    }

    public mutating func multiply(_ a: TensorSource, _ b: TensorSource, name: String) -> TensorSource {
        add(name, .multiply, [a, b])
    }

    public mutating func concat(_ xs: [TensorSource], name: String) -> TensorSource {
        add(name, .concat, xs)
    }

    public mutating func flatten(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .flatten, [x])
    }

    public mutating func dropout(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .dropout, [x])
    }

    public mutating func softmax(_ x: TensorSource, name: String) -> TensorSource {
        add(name, .softmax, [x])
    }
}
