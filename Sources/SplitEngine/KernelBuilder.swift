import CXNNPACK
import SplitModels

/// Creates and sets up the kernel of each planned step on the part's buffers.
///
/// Every operator it creates goes into `operators` at once, so a failure later in the build
/// still deletes it.
struct KernelBuilder {
    let graph: ModelGraph
    let weights: ModelWeights
    let plan: PartPlan
    let buffers: [ActivationBuffer]
    let pool: ThreadPool
    var operators = OperatorSet()
    /// Buffers private to one step (the padded input of an average pool).
    var scratch: [ActivationBuffer] = []

    private var batch: Int { graph.batchSize }

    init(graph: ModelGraph, weights: ModelWeights, plan: PartPlan, buffers: [ActivationBuffer], pool: ThreadPool) {
        self.graph = graph
        self.weights = weights
        self.plan = plan
        self.buffers = buffers
        self.pool = pool
    }

    private func pointer(_ value: Int) -> UnsafeMutablePointer<Float> {
        buffers[plan.values[value].buffer].pointer
    }

    private func shape(_ value: Int) -> [Int] {
        plan.values[value].sampleShape.dims
    }

    /// The output range of a step: its fused ReLU, ReLU6 or Clip, else unbounded.
    private func clampRange(_ step: PartPlan.Step) -> (low: Float, high: Float) {
        guard let clamp = step.clamp, let bounds = PartPlan.clampBounds(graph.layers[clamp].operation) else {
            return (-.infinity, .infinity)
        }
        return bounds
    }

    /// Runs an XNNPACK create call and keeps the operator it returns.
    private mutating func create(_ call: String, layer: String,
                                 _ body: (UnsafeMutablePointer<xnn_operator_t?>) -> xnn_status) throws(EngineError) -> OpaquePointer {
        var op: xnn_operator_t?
        let status = body(&op)
        if let op { operators.adopt(op) }
        try XNNPACKRuntime.check(status, call, layer: layer)
        guard let op else { throw .xnnpack(layer: layer, call: call, status: -1) }
        return op
    }

    private func setup(_ call: String, layer: String, _ status: xnn_status) throws(EngineError) {
        try XNNPACKRuntime.check(status, call, layer: layer)
    }

    /// Whether a step is worth the thread pool: convolutions and linear layers of at least a million
    /// multiply-accumulates per batch. Everything else (elementwise, pooling, copies) runs on the
    /// calling thread: its work is too small to repay waking the workers and, on a busy machine,
    /// waiting for one that has lost its core — every pooled operator ends in such a wait.
    func runsOnThreads(_ step: PartPlan.Step) -> Bool {
        guard pool.handle != nil else { return false }
        let layer = graph.layers[step.primary]
        switch layer.operation {
        case .convolution, .linear:
            return layer.macs * batch >= 1_000_000
        default:
            return false
        }
    }

    mutating func kernel(for step: PartPlan.Step) throws(EngineError) -> StepKernel {
        let layer = graph.layers[step.primary]
        let name = layer.name
        let (low, high) = clampRange(step)
        guard let first = step.inputs.first else { throw .unsupported(layer: name, reason: "has no input") }
        // The graph's shape, not the value's: a value shared with an alias keeps its source's shape.
        let x = graph.sampleShape(of: layer.inputs[0]).dims
        let input = pointer(first)
        let output = pointer(step.output)
        let pool = runsOnThreads(step) ? self.pool.handle : nil
        let rank3 = x.count == 3
        func needRank3() throws(EngineError) {
            guard rank3 else { throw .unsupported(layer: name, reason: "needs a C×H×W input, got \(TensorShape(x))") }
        }

        switch layer.operation {
        case .convolution(let c):
            try needRank3()
            let (inC, height, width) = (x[0], x[1], x[2])
            var (kernel, bias) = try WeightLayout.convolution(layer, c, inChannels: inC, weights: weights)
            if let norm = step.foldedNorm {
                let (scale, shift) = try WeightLayout.batchNorm(graph.layers[norm], channels: c.outChannels, weights: weights)
                WeightLayout.fold(kernel: &kernel, bias: &bias, scale: scale, shift: shift)
            }
            let w = ConvolutionWindow(c)
            let op = try create("xnn_create_convolution2d_nhwc_f32", layer: name) { out in
                xnn_create_convolution2d_nhwc_f32(UInt32(w.padTop), UInt32(w.padRight), UInt32(w.padBottom), UInt32(w.padLeft),
                                                  UInt32(w.kernelHeight), UInt32(w.kernelWidth),
                                                  UInt32(w.strideHeight), UInt32(w.strideWidth),
                                                  UInt32(w.dilationHeight), UInt32(w.dilationWidth), UInt32(c.groups),
                                                  inC / c.groups, c.outChannels / c.groups, inC, c.outChannels,
                                                  kernel, bias, low, high, 0, out)
            }
            try setup("xnn_setup_convolution2d_nhwc_f32", layer: name,
                      xnn_setup_convolution2d_nhwc_f32(op, batch, height, width, input, output, pool))
            return .operators([op])

        case .linear(let outFeatures, let hasBias):
            guard x.count == 1 else { throw .unsupported(layer: name, reason: "needs a flat input, got \(TensorShape(x))") }
            let (weight, bias) = try WeightLayout.linear(layer, out: outFeatures, bias: hasBias, inFeatures: x[0], weights: weights)
            let op = try create("xnn_create_fully_connected_nc_f32", layer: name) { out in
                xnn_create_fully_connected_nc_f32(x[0], outFeatures, x[0], outFeatures, weight, bias, low, high, 0, out)
            }
            try setup("xnn_setup_fully_connected_nc_f32", layer: name,
                      xnn_setup_fully_connected_nc_f32(op, batch, input, output, pool))
            return .operators([op])

        case .maxPool(let p):
            try needRank3()
            let (c, h, w) = (x[0], x[1], x[2])
            let out = shape(step.output)
            if p.kernel == 1 {
                return try subsample(name: name, pooling: p, channels: c, size: (h, w), out: out, input: input, output: output)
            }
            let extraH = try ceilPadding(size: h, out: out[1], pooling: p, layer: name)
            let extraW = try ceilPadding(size: w, out: out[2], pooling: p, layer: name)
            let pad = UInt32(p.padding), k = UInt32(p.kernel), s = UInt32(p.stride)
            let op = try create("xnn_create_max_pooling2d_nhwc_f32", layer: name) { o in
                xnn_create_max_pooling2d_nhwc_f32(pad, pad + extraW, pad + extraH, pad, k, k, s, s, 1, 1, c, c, c,
                                                  -.infinity, .infinity, 0, o)
            }
            try setup("xnn_setup_max_pooling2d_nhwc_f32", layer: name,
                      xnn_setup_max_pooling2d_nhwc_f32(op, batch, h, w, input, output, pool))
            return .operators([op])

        case .avgPool(let p):
            try needRank3()
            let (c, h, w) = (x[0], x[1], x[2])
            let out = shape(step.output)
            if p.kernel == 1 {
                return try subsample(name: name, pooling: p, channels: c, size: (h, w), out: out, input: input, output: output)
            }
            var ops = [OpaquePointer]()
            var source = input
            var (paddedH, paddedW) = (h, w)
            var pooled = p
            if p.padding > 0 && p.countIncludePad {
                // PyTorch counts zero padding in the average (count_include_pad); XNNPACK does
                // not, so pad explicitly and pool the padded tensor.
                (paddedH, paddedW) = (h + 2 * p.padding, w + 2 * p.padding)
                let padded = try ActivationBuffer(count: batch * paddedH * paddedW * c,
                                                  what: "the padded input of layer \(name) at batch \(batch)")
                scratch.append(padded)
                var zero: Float = 0
                let pad = try create("xnn_create_constant_pad_nd_x32", layer: name) { o in
                    xnn_create_constant_pad_nd_x32(&zero, 0, o)
                }
                let inputShape = [batch, h, w, c]
                let before = [0, p.padding, p.padding, 0]
                let after = [0, p.padding, p.padding, 0]
                try setup("xnn_setup_constant_pad_nd_x32", layer: name,
                          xnn_setup_constant_pad_nd_x32(pad, 4, inputShape, before, after, input, padded.pointer, pool))
                ops.append(pad)
                source = padded.pointer
                pooled.padding = 0
            }
            // Without count_include_pad XNNPACK's own padding is the definition: it divides by the
            // input elements each window covers.
            let extraH = try ceilPadding(size: paddedH, out: out[1], pooling: pooled, layer: name)
            let extraW = try ceilPadding(size: paddedW, out: out[2], pooling: pooled, layer: name)
            let op = try averagePooling(name: name, channels: c, kernel: (p.kernel, p.kernel), stride: (p.stride, p.stride),
                                        padding: pooled.padding, extra: (extraH, extraW), input: source,
                                        size: (paddedH, paddedW), output: output)
            return .operators(ops + [op])

        case .adaptiveAvgPool(let outH, let outW):
            try needRank3()
            let (c, h, w) = (x[0], x[1], x[2])
            if outH == 1 && outW == 1 {
                return .operators([try globalAveragePooling(name: name, channels: c, pixels: h * w, input: input, output: output)])
            }
            if h % outH == 0, w % outW == 0, h / outH * (w / outW) > 1 {
                let op = try averagePooling(name: name, channels: c, kernel: (h / outH, w / outW), stride: (h / outH, w / outW),
                                            padding: 0, extra: (0, 0), input: input, size: (h, w), output: output)
                return .operators([op])
            }
            return .native(.adaptiveAverage(input: input, output: output, channels: c, inHeight: h, inWidth: w,
                                            outHeight: outH, outWidth: outW, batch: batch))

        case .globalAvgPool:
            try needRank3()
            return .operators([try globalAveragePooling(name: name, channels: x[0], pixels: x[1] * x[2], input: input, output: output)])

        case .batchNorm:
            let channels = x[0]
            let (scale, shift) = try WeightLayout.batchNorm(layer, channels: channels, weights: weights)
            let pixels = batch * (x.reduce(1, *) / channels)
            return .native(.channelAffine(input: input, output: output, scale: scale, shift: shift, pixels: pixels,
                                          low: low, high: high))

        case .activation(let kind):
            let elements = x.reduce(1, *)
            switch kind {
            case .relu, .relu6:
                let high: Float = kind == .relu6 ? 6 : .infinity
                return .operators([try clamp(name: name, elements: elements, low: 0, high: high, input: input, output: output)])
            case .hardSwish:
                let op = try create("xnn_create_hardswish_nc_f32", layer: name) { o in
                    xnn_create_hardswish_nc_f32(elements, elements, elements, 0, o)
                }
                try setup("xnn_setup_hardswish_nc_f32", layer: name, xnn_setup_hardswish_nc_f32(op, batch, input, output, pool))
                return .operators([op])
            case .hardSigmoid:
                return .native(.hardSigmoid(input: input, output: output, count: batch * elements))
            case .sigmoid, .silu:
                let sigmoid = try create("xnn_create_sigmoid_nc_f32", layer: name) { o in
                    xnn_create_sigmoid_nc_f32(elements, elements, elements, 0, o)
                }
                try setup("xnn_setup_sigmoid_nc_f32", layer: name, xnn_setup_sigmoid_nc_f32(sigmoid, batch, input, output, pool))
                guard kind == .silu else { return .operators([sigmoid]) }
                // SiLU is x · sigmoid(x): multiply the input into the sigmoid in place.
                let multiply = try create("xnn_create_multiply_nd_f32", layer: name) { o in
                    xnn_create_multiply_nd_f32(-.infinity, .infinity, 0, o)
                }
                let flat = [batch * elements]
                try setup("xnn_setup_multiply_nd_f32", layer: name,
                          xnn_setup_multiply_nd_f32(multiply, 1, flat, 1, flat, input, output, output, pool))
                return .operators([sigmoid, multiply])
            }

        case .clip(let low, let high):
            guard low < high else {
                return .native(.clip(input: input, output: output, count: batch * x.reduce(1, *), low: low, high: high))
            }
            return .operators([try clamp(name: name, elements: x.reduce(1, *), low: low, high: high, input: input, output: output)])

        case .reshape:
            // Not an alias: the element order changes between channels-last and channels-first.
            return .native(.reorder(input: input, output: output, from: x, to: shape(step.output), batch: batch))

        case .add:
            var ops = [OpaquePointer]()
            let flat = [batch * x.reduce(1, *)]
            var accumulated = input
            for (position, other) in step.inputs.dropFirst().enumerated() {
                let last = position == step.inputs.count - 2
                let op = try create("xnn_create_add_nd_f32", layer: name) { o in
                    xnn_create_add_nd_f32(last ? low : -.infinity, last ? high : .infinity, 0, o)
                }
                try setup("xnn_setup_add_nd_f32", layer: name,
                          xnn_setup_add_nd_f32(op, 1, flat, 1, flat, accumulated, pointer(other), output, pool))
                ops.append(op)
                accumulated = output
            }
            return .operators(ops)

        case .multiply:
            guard step.inputs.count == 2 else { throw .unsupported(layer: name, reason: "multiply needs two inputs") }
            let (a, b) = (graph.sampleShape(of: layer.inputs[0]).dims, graph.sampleShape(of: layer.inputs[1]).dims)
            let op = try create("xnn_create_multiply_nd_f32", layer: name) { o in
                xnn_create_multiply_nd_f32(-.infinity, .infinity, 0, o)
            }
            let (shapeA, shapeB) = a == b ? ([batch * a.reduce(1, *)], [batch * b.reduce(1, *)])
                                          : (channelsLast(a), channelsLast(b))
            try setup("xnn_setup_multiply_nd_f32", layer: name,
                      xnn_setup_multiply_nd_f32(op, shapeA.count, shapeA, shapeB.count, shapeB,
                                                input, pointer(step.inputs[1]), output, pool))
            return .operators([op])

        case .concat:
            try needRank3()
            let total = shape(step.output)[0]
            let pixels = batch * x[1] * x[2]
            var offset = 0
            var ops = [OpaquePointer]()
            for (value, source) in zip(step.inputs, layer.inputs) {
                let channels = graph.sampleShape(of: source).dims[0]
                let op = try create("xnn_create_copy_nc_x32", layer: name) { o in
                    xnn_create_copy_nc_x32(channels, channels, total, 0, o)
                }
                try setup("xnn_setup_copy_nc_x32", layer: name,
                          xnn_setup_copy_nc_x32(op, pixels, pointer(value), output + offset, pool))
                ops.append(op)
                offset += channels
            }
            return .operators(ops)

        case .flatten:
            try needRank3()
            return .native(.flattenChannelsFirst(input: input, output: output, channels: x[0], plane: x[1] * x[2], batch: batch))

        case .softmax:
            // Over the features of a flat tensor, over the channels (PyTorch's dim 1) of an image.
            let channels = x[0]
            let rows = batch * (x.reduce(1, *) / channels)
            let op = try create("xnn_create_softmax_nc_f32", layer: name) { o in
                xnn_create_softmax_nc_f32(channels, channels, channels, 0, o)
            }
            try setup("xnn_setup_softmax_nc_f32", layer: name, xnn_setup_softmax_nc_f32(op, rows, input, output, pool))
            return .operators([op])

        case .dropout:
            throw .unsupported(layer: name, reason: "dropout is planned as an alias, not a step")
        }
    }

    /// Elementwise `min(max(x, low), high)` over `elements` per sample.
    private mutating func clamp(name: String, elements: Int, low: Float, high: Float,
                                input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) throws(EngineError) -> OpaquePointer {
        let op = try create("xnn_create_clamp_nc_f32", layer: name) { o in
            xnn_create_clamp_nc_f32(elements, elements, elements, low, high, 0, o)
        }
        try setup("xnn_setup_clamp_nc_f32", layer: name, xnn_setup_clamp_nc_f32(op, batch, input, output, nil))
        return op
    }

    /// `[N, H, W, C]` for an image sample shape, `[N, F]` for a flat one.
    private func channelsLast(_ dims: [Int]) -> [Int] {
        dims.count == 3 ? [batch, dims[1], dims[2], dims[0]] : [batch] + dims
    }

    /// A 1×1 pooling window, which XNNPACK refuses (it pools at least two pixels): every
    /// `stride`-th pixel, copied natively. A window on padding alone has no defined value here,
    /// so padding is refused (the importer refuses it first, naming the node).
    private func subsample(name: String, pooling p: Pooling, channels: Int, size: (Int, Int), out: [Int],
                           input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) throws(EngineError) -> StepKernel {
        guard p.padding == 0, (out[1] - 1) * p.stride < size.0, (out[2] - 1) * p.stride < size.1 else {
            throw .unsupported(layer: name, reason: "a 1×1 pooling window on padding is not supported (padding \(p.padding), "
                + "stride \(p.stride), \(size.0)×\(size.1) to \(out[1])×\(out[2]))")
        }
        return .native(.subsample(input: input, output: output, channels: channels, inHeight: size.0, inWidth: size.1,
                                  outHeight: out[1], outWidth: out[2], stride: p.stride, batch: batch))
    }

    /// Padding added at the bottom or right so XNNPACK's floor-mode size equals PyTorch's (ceil mode).
    private func ceilPadding(size: Int, out: Int, pooling p: Pooling, layer: String) throws(EngineError) -> UInt32 {
        let extra = max(0, (out - 1) * p.stride + p.kernel - (size + 2 * p.padding))
        guard (size + 2 * p.padding + extra - p.kernel) / p.stride + 1 == out else {
            throw .unsupported(layer: layer, reason: "pooling output size \(out) cannot be reached from \(size)")
        }
        return UInt32(extra)
    }

    /// XNNPACK's average pooling: `padding` on every side and `extra` more at the bottom and right,
    /// neither counted in the divisor.
    private mutating func averagePooling(name: String, channels c: Int, kernel: (Int, Int), stride: (Int, Int),
                                         padding: Int, extra: (h: UInt32, w: UInt32), input: UnsafeMutablePointer<Float>,
                                         size: (Int, Int), output: UnsafeMutablePointer<Float>) throws(EngineError) -> OpaquePointer {
        let pad = UInt32(padding)
        let op = try create("xnn_create_average_pooling2d_nhwc_f32", layer: name) { o in
            xnn_create_average_pooling2d_nhwc_f32(pad, pad + extra.w, pad + extra.h, pad, UInt32(kernel.0), UInt32(kernel.1),
                                                  UInt32(stride.0), UInt32(stride.1), c, c, c, -.infinity, .infinity, 0, o)
        }
        try setup("xnn_setup_average_pooling2d_nhwc_f32", layer: name,
                  xnn_setup_average_pooling2d_nhwc_f32(op, batch, size.0, size.1, input, output, nil))
        return op
    }

    private mutating func globalAveragePooling(name: String, channels c: Int, pixels: Int, input: UnsafeMutablePointer<Float>,
                                               output: UnsafeMutablePointer<Float>) throws(EngineError) -> OpaquePointer {
        let op = try create("xnn_create_global_average_pooling_nwc_f32", layer: name) { o in
            xnn_create_global_average_pooling_nwc_f32(c, c, c, -.infinity, .infinity, 0, o)
        }
        try setup("xnn_setup_global_average_pooling_nwc_f32", layer: name,
                  xnn_setup_global_average_pooling_nwc_f32(op, batch, pixels, input, output, nil))
        return op
    }
}
