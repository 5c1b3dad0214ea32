import SplitModels

/// How a set of layers runs: which layers fuse into one step, which tensors share storage, and
/// which buffer each tensor lives in. Pure: computed from the graph alone, before any operator exists.
///
/// - Fusion: a convolution followed by its batch norm folds the norm into the convolution's
///   weights; a ReLU, ReLU6 or Clip after a convolution (or its norm), a linear layer, an add or a
///   standalone batch norm becomes that step's output clamp. A layer fuses only when it is the
///   sole reader of the tensor before it, that tensor is not an output of the part, and both
///   layers are in the part — so any tensor a split or a caller needs is always materialised.
/// - Aliases: dropout, flattening or reshaping where channels-last and channels-first orders
///   agree (`C×1×1`, `1×H×W` and flat tensors), adaptive pooling to the same size, a 1×1
///   pooling window with stride 1 and no padding compute nothing; their output is their input's storage.
/// - Buffers: each tensor gets a buffer when its step writes it and frees it after its last reader;
///   a step's output never shares a buffer with its inputs. Outputs of the part live to the end.
struct PartPlan: Sendable {
    /// One tensor held in a buffer.
    struct Value: Sendable {
        var sampleShape: TensorShape
        var buffer: Int
    }

    /// One kernel run: a primary layer and the layers fused into it.
    struct Step: Sendable {
        /// The layer whose operation the step computes.
        var primary: Int
        /// A batch norm folded into the primary convolution.
        var foldedNorm: Int?
        /// A ReLU, ReLU6 or Clip applied as the output clamp.
        var clamp: Int?
        var inputs: [Int]
        var output: Int
        /// Every layer the step stands for, primary first.
        var layers: [Int] { [primary] + (foldedNorm.map { [$0] } ?? []) + (clamp.map { [$0] } ?? []) }
    }

    var values: [Value] = []
    var steps: [Step] = []
    /// Layers that compute nothing (aliases), reported with zero time.
    var aliasLayers: [Int] = []
    /// Tensors the part reads from outside, and the value each is copied into.
    var inputs: [(source: TensorSource, value: Int)] = []
    /// Tensors the part returns, and the value each is read from.
    var outputs: [(source: TensorSource, value: Int)] = []
    /// Per-sample element capacity of each buffer.
    var bufferElements: [Int] = []

    /// Plans the layers where `layers[i]` is true, returning `outputs`.
    ///
    /// Throws when an output is neither computed by the part nor one of its inputs.
    init(graph: ModelGraph, layers inPart: [Bool], outputs requested: [TensorSource]) throws(EngineError) {
        guard inPart.count == graph.layers.count else {
            throw .invalidPart("the part names \(inPart.count) layers, the model has \(graph.layers.count)")
        }
        for source in requested {
            if case .layer(let i) = source, !graph.layers.indices.contains(i) {
                throw .invalidPart("output layer #\(i) is outside the model (\(graph.layers.count) layers)")
            }
        }
        var readers = [TensorSource: [Int]]()
        for (index, layer) in graph.layers.enumerated() {
            for source in Set(layer.inputs) { readers[source, default: []].append(index) }
        }
        let exported = Set(requested)
        var valueOf = [TensorSource: Int]()

        func shape(_ source: TensorSource) -> TensorShape {
            switch source {
            case .input: graph.inputShape
            case .layer(let i): graph.layers[i].outputShape
            }
        }
        func produced(_ source: TensorSource) -> Bool {
            if case .layer(let i) = source { return inPart[i] }
            return false
        }
        func external(_ source: TensorSource) -> Int {
            if let v = valueOf[source] { return v }
            values.append(Value(sampleShape: shape(source), buffer: -1))
            valueOf[source] = values.count - 1
            inputs.append((source, values.count - 1))
            return values.count - 1
        }
        /// The layer that alone reads `index`'s output, when it is in the part and may fuse.
        func soleReader(of index: Int) -> Int? {
            guard !exported.contains(.layer(index)), let r = readers[.layer(index)], r.count == 1,
                  let reader = r.first, inPart[reader] else { return nil }
            return reader
        }

        var fused = Set<Int>()
        for index in graph.layers.indices where inPart[index] && !fused.contains(index) {
            let layer = graph.layers[index]
            for source in layer.inputs where !produced(source) { _ = external(source) }
            if Self.isAlias(layer, graph: graph) {
                guard let source = layer.inputs.first, let v = valueOf[source] else {
                    throw .invalidPart("layer \(layer.name) reads a tensor the part does not hold")
                }
                valueOf[.layer(index)] = v
                aliasLayers.append(index)
                continue
            }
            var step = Step(primary: index, foldedNorm: nil, clamp: nil, inputs: [], output: -1)
            var last = index
            if case .convolution = layer.operation, let next = soleReader(of: last),
               case .batchNorm = graph.layers[next].operation {
                step.foldedNorm = next
                last = next
            }
            switch layer.operation {
            case .convolution, .linear, .add, .batchNorm:
                if let next = soleReader(of: last), Self.clampBounds(graph.layers[next].operation) != nil {
                    step.clamp = next
                    last = next
                }
            default:
                break
            }
            var inputValues = [Int]()
            for source in layer.inputs {
                guard let v = valueOf[source] else {
                    throw .invalidPart("layer \(layer.name) reads \(source.name(in: graph)), which the part does not hold")
                }
                inputValues.append(v)
            }
            step.inputs = inputValues
            values.append(Value(sampleShape: graph.layers[last].outputShape, buffer: -1))
            step.output = values.count - 1
            valueOf[.layer(last)] = step.output
            fused.formUnion(step.layers)
            steps.append(step)
        }
        for source in requested {
            let v = produced(source) ? valueOf[source] : external(source)
            guard let v else {
                throw .invalidPart("the part cannot return \(source.name(in: graph))")
            }
            outputs.append((source, v))
        }
        assignBuffers()
    }

    /// The output range of an operation that only clamps (ReLU, ReLU6, Clip), nil for any other.
    static func clampBounds(_ operation: LayerOperation) -> (low: Float, high: Float)? {
        switch operation {
        case .activation(.relu): (0, .infinity)
        case .activation(.relu6): (0, 6)
        // XNNPACK needs min < max: a clip to one value runs as its own native step.
        case .clip(let low, let high) where low < high: (low, high)
        default: nil
        }
    }

    /// Whether a tensor of this per-sample shape has the same element order channels-last (the
    /// engine's layout) as channels-first (the model's): anything but an image with several
    /// channels and several pixels.
    static func layoutFree(_ shape: TensorShape) -> Bool {
        shape.dims.count != 3 || shape.dims[0] == 1 || shape.dims[1] * shape.dims[2] == 1
    }

    /// Whether a layer computes nothing and can share its input's storage.
    static func isAlias(_ layer: Layer, graph: ModelGraph) -> Bool {
        guard layer.inputs.count == 1, let source = layer.inputs.first else { return false }
        let input: TensorShape = switch source {
        case .input: graph.inputShape
        case .layer(let i): graph.layers[i].outputShape
        }
        switch layer.operation {
        case .dropout:
            return true
        case .flatten:
            return layoutFree(input)
        case .reshape:
            return layoutFree(input) && layoutFree(layer.outputShape)
        case .maxPool(let p), .avgPool(let p):
            // A 1×1 window moved one pixel at a time takes every pixel as it is.
            return p.kernel == 1 && p.stride == 1 && p.padding == 0
        case .adaptiveAvgPool(let h, let w):
            return input.dims.count == 3 && input.dims[1] == h && input.dims[2] == w
        default:
            return false
        }
    }

    /// Gives every value a buffer, reusing buffers whose tensors are dead.
    private mutating func assignBuffers() {
        let end = steps.count
        var lastUse = [Int](repeating: -1, count: values.count)
        for (s, step) in steps.enumerated() {
            for v in step.inputs { lastUse[v] = max(lastUse[v], s) }
            lastUse[step.output] = max(lastUse[step.output], s)
        }
        for (_, v) in outputs { lastUse[v] = end }
        var free = [Int]()
        func take(_ value: Int) {
            let need = values[value].sampleShape.elementCount
            // Best fit among free buffers; else grow the largest free one; else a new buffer.
            let fitting = free.filter { bufferElements[$0] >= need }.min { bufferElements[$0] < bufferElements[$1] }
            let chosen = fitting ?? free.max { bufferElements[$0] < bufferElements[$1] }
            if let chosen, let position = free.firstIndex(of: chosen) {
                free.remove(at: position)
                bufferElements[chosen] = max(bufferElements[chosen], need)
                values[value].buffer = chosen
            } else {
                bufferElements.append(need)
                values[value].buffer = bufferElements.count - 1
            }
        }
        for (_, v) in inputs { take(v) }
        for (_, v) in inputs where lastUse[v] < 0 { free.append(values[v].buffer) }
        for (s, step) in steps.enumerated() {
            take(step.output)
            for v in Set(step.inputs + [step.output]) where lastUse[v] == s {
                free.append(values[v].buffer)
            }
        }
    }
}
