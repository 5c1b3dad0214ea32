import SplitModels

/// The ONNX operators splitscope runs, each mapped onto one `LayerOperation` (or onto nothing).
extension GraphConverter {
    /// The op types `convert(_:index:)` accepts, for error messages.
    static let supportedOperators = [
        "Add", "AveragePool", "BatchNormalization", "Clip", "Concat", "Constant", "Conv", "DequantizeLinear", "Dropout",
        "Flatten", "Gemm",
        "GlobalAveragePool", "HardSigmoid", "HardSwish", "Identity", "MatMul", "MaxPool", "Mul", "ReduceMean", "Relu",
        "Reshape", "Sigmoid", "Softmax",
    ]

    /// Converts one node.
    mutating func convert(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        switch context.opType {
        case "Constant": try constant(context)
        case "DequantizeLinear": try dequantizeConstant(context)
        case "Identity":
            try context.allowOnly([])
            try passThrough(context)
        case "Dropout":
            try dropout(context)
        case "Conv": try convolution(context, index: index)
        case "BatchNormalization": try batchNorm(context, index: index)
        case "Relu": try activation(.relu, context, index: index)
        case "Sigmoid": try activation(.sigmoid, context, index: index, timesInput: .silu)
        case "HardSwish": try activation(.hardSwish, context, index: index)
        case "HardSigmoid": try hardSigmoid(context, index: index)
        case "Clip": try clip(context, index: index)
        case "Add": try add(context, index: index)
        case "Mul": try multiply(context, index: index)
        case "Concat": try concat(context, index: index)
        case "MaxPool", "AveragePool": try pool(context, index: index)
        case "GlobalAveragePool":
            try context.allowOnly([])
            try addLayer(context, index: index, .globalAvgPool, inputs: [try tensorInput(context, 0)])
        case "ReduceMean": try reduceMean(context, index: index)
        case "Flatten": try flatten(context, index: index)
        case "Reshape": try reshape(context, index: index)
        case "Gemm": try gemm(context, index: index)
        case "MatMul": try matMul(context, index: index)
        case "Softmax": try softmax(context, index: index)
        default:
            throw context.error(.unsupportedOperator, "op \(DisplayText.quoted(context.opType)) is not supported; splitscope runs "
                + Self.supportedOperators.joined(separator: ", "))
        }
    }

    // MARK: Values without layers

    private mutating func constant(_ context: NodeContext) throws(ONNXImportError) {
        try context.allowOnly(["value", "value_float", "value_floats", "value_int", "value_ints"])
        guard let output = context.node.output.first else { throw context.error(.badGraph, "the node has no output") }
        var tensor = Onnx_TensorProto()
        if let value = context.raw("value") {
            tensor = value.t
        } else if context.has("value_float") {
            tensor.dataType = Onnx_TensorProto.DataType.float.code
            tensor.floatData = [try context.optionalFloat("value_float") ?? 0]
        } else if let floats = context.raw("value_floats") {
            tensor.dataType = Onnx_TensorProto.DataType.float.code
            tensor.dims = [Int64(floats.floats.count)]
            tensor.floatData = floats.floats
        } else if let int = context.raw("value_int") {
            tensor.dataType = Onnx_TensorProto.DataType.int64.code
            tensor.int64Data = [int.i]
        } else if let ints = context.raw("value_ints") {
            tensor.dataType = Onnx_TensorProto.DataType.int64.code
            tensor.dims = [Int64(ints.ints.count)]
            tensor.int64Data = ints.ints
        } else {
            throw context.error(.badGraph, "a Constant needs a value")
        }
        tensor.name = output
        try defineConstant(output, tensor, context)
    }

    /// Identity: the output is the input, computed or constant.
    private mutating func passThrough(_ context: NodeContext) throws(ONNXImportError) {
        guard let input = context.inputName(0), let output = context.node.output.first else {
            throw context.error(.badGraph, "needs one input and one output")
        }
        if isConstant(input), let constant = try constantInput(context, 0) {
            try defineConstant(output, constant, context)
        } else {
            try alias(output, to: try tensorInput(context, 0), context)
        }
    }

    /// Dropout is the identity at inference; it must not be asked to train.
    private mutating func dropout(_ context: NodeContext) throws(ONNXImportError) {
        try context.allowOnly(["seed", "ratio"])
        if let training = try constantInput(context, 2) {
            let isBool = training.dataType == Onnx_TensorProto.DataType.bool.code
            let trains = !isBool || training.rawData.contains { $0 != 0 } || training.int32Data.contains { $0 != 0 }
            if trains {
                throw context.error(.unsupportedInput, tensor: context.inputName(2), "training-mode dropout is not supported")
            }
        }
        guard let output = context.node.output.first else { throw context.error(.badGraph, "the node has no output") }
        try alias(output, to: try tensorInput(context, 0), context)
    }

    // MARK: Convolution and normalisation

    private mutating func convolution(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly(["auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"])
        let x = try tensorInput(context, 0)
        let weight = try floats(try requiredConstant(context, 1, role: "weight"), context)
        let bias = try constantInput(context, 2).map { t throws(ONNXImportError) in try floats(t, context) }
        guard weight.shape.count == 4 else {
            throw context.error(.unsupportedInput, tensor: context.inputName(1),
                                "weight has shape \(weight.shape); splitscope runs 2-D convolutions only ([O, I/groups, kH, kW])")
        }
        let (outC, perGroupIn, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        let groups = try context.int("group", default: 1)
        guard groups >= 1 else { throw context.error(.unsupportedAttribute, attribute: "group", "must be positive, got \(groups)") }
        let inC = shape(of: x).channels
        guard perGroupIn * groups == inC else {
            throw context.error(.shape, tensor: context.inputName(1),
                                "weight has \(perGroupIn) input channels per group × \(groups) groups, the input has \(inC) channels")
        }
        if let kernel = try context.ints("kernel_shape"), kernel != [kh, kw] {
            throw context.error(.unsupportedAttribute, attribute: "kernel_shape", "\(kernel) does not match the weight's \([kh, kw])")
        }
        let strides = try pair(context, "strides", default: 1)
        let dilations = try pair(context, "dilations", default: 1)
        if let bias, bias.shape != [outC] {
            throw context.error(.shape, tensor: context.inputName(2), "bias has shape \(bias.shape), expected [\(outC)]")
        }
        let padding = try convolutionPadding(context, input: shape(of: x), kernel: (kh, kw), strides: strides, dilations: dilations)
        let convolution = Convolution(outChannels: outC, kernelHeight: kh, kernelWidth: kw, strideHeight: strides.0,
                                      strideWidth: strides.1, padding: padding, dilationHeight: dilations.0,
                                      dilationWidth: dilations.1, groups: groups, bias: bias != nil)
        var layerWeights = LayerWeights(["weight": weight])
        layerWeights["bias"] = bias
        try addLayer(context, index: index, .convolution(convolution), inputs: [x], weights: layerWeights)
    }

    /// Explicit `pads` or the padding `auto_pad` asks for.
    private func convolutionPadding(_ context: NodeContext, input: TensorShape, kernel: (Int, Int), strides: (Int, Int),
                                    dilations: (Int, Int)) throws(ONNXImportError) -> Padding2D {
        let autoPad = try context.string("auto_pad") ?? "NOTSET"
        switch autoPad {
        case "NOTSET", "":
            return try explicitPadding(context)
        case "VALID":
            return Padding2D(all: 0)
        case "SAME_UPPER", "SAME_LOWER":
            guard input.dims.count == 3 else { return Padding2D(all: 0) }
            func split(_ size: Int, _ k: Int, _ s: Int, _ d: Int) -> (Int, Int) {
                let out = (size + s - 1) / s
                let total = max(0, (out - 1) * s + (k - 1) * d + 1 - size)
                let small = total / 2
                return autoPad == "SAME_UPPER" ? (small, total - small) : (total - small, small)
            }
            let (top, bottom) = split(input.dims[1], kernel.0, strides.0, dilations.0)
            let (left, right) = split(input.dims[2], kernel.1, strides.1, dilations.1)
            return Padding2D(top: top, left: left, bottom: bottom, right: right)
        default:
            throw context.error(.unsupportedAttribute, attribute: "auto_pad", "\(DisplayText.quoted(autoPad)) is not an auto_pad value")
        }
    }

    /// `pads` as [top, left, bottom, right], zero when absent.
    private func explicitPadding(_ context: NodeContext) throws(ONNXImportError) -> Padding2D {
        guard let pads = try context.ints("pads") else { return Padding2D(all: 0) }
        guard pads.count == 4, pads.allSatisfy({ $0 >= 0 }) else {
            throw context.error(.unsupportedAttribute, attribute: "pads", "\(pads) is not four non-negative paddings (2-D only)")
        }
        return Padding2D(top: pads[0], left: pads[1], bottom: pads[2], right: pads[3])
    }

    /// A two-element attribute (strides, dilations) for height and width.
    private func pair(_ context: NodeContext, _ name: String, default value: Int) throws(ONNXImportError) -> (Int, Int) {
        guard let values = try context.ints(name) else { return (value, value) }
        guard values.count == 2, values.allSatisfy({ $0 >= 1 }) else {
            throw context.error(.unsupportedAttribute, attribute: name, "\(values) is not two positive values (2-D only)")
        }
        return (values[0], values[1])
    }

    private mutating func batchNorm(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly(["epsilon", "momentum", "training_mode", "spatial"])
        if try context.int("training_mode", default: 0) != 0 {
            throw context.error(.unsupportedAttribute, attribute: "training_mode", "training-mode batch norm is not supported")
        }
        if try context.int("spatial", default: 1) != 1 {
            throw context.error(.unsupportedAttribute, attribute: "spatial", "only spatial batch norm (1) is supported")
        }
        let epsilon = try context.float("epsilon", default: 1e-5)
        guard epsilon >= 0 else { throw context.error(.unsupportedAttribute, attribute: "epsilon", "must not be negative") }
        let x = try tensorInput(context, 0)
        let channels = shape(of: x).channels
        var layerWeights = LayerWeights()
        for (i, role) in ["scale", "bias", "mean", "variance"].enumerated() {
            let tensor = try floats(try requiredConstant(context, i + 1, role: role), context)
            guard tensor.shape == [channels] else {
                throw context.error(.shape, tensor: context.inputName(i + 1), "\(role) has shape \(tensor.shape), expected [\(channels)]")
            }
            layerWeights[role] = tensor
        }
        try addLayer(context, index: index, .batchNorm(epsilon: epsilon), inputs: [x], weights: layerWeights)
    }

    // MARK: Elementwise

    /// An activation; with `timesInput`, a following `Mul` of the activation by its own input
    /// (SiLU as `x · sigmoid(x)`, hard-swish as `x · hardsigmoid(x)`) is taken in as that activation.
    private mutating func activation(_ kind: Activation, _ context: NodeContext, index: Int,
                                     timesInput fused: Activation? = nil) throws(ONNXImportError) {
        try context.allowOnly(kind == .hardSigmoid ? ["alpha", "beta"] : [])
        let x = try tensorInput(context, 0)
        if let fused, let product = multiplicationByInput(context) {
            fold(nodeAt: product.index)
            try addLayer(context, index: index, .activation(fused), inputs: [x], outputName: product.output)
            return
        }
        try addLayer(context, index: index, .activation(kind), inputs: [x])
    }

    /// The `Mul` that multiplies this node's output by this node's input, when it is the only reader.
    private func multiplicationByInput(_ context: NodeContext) -> (index: Int, output: String)? {
        guard let output = context.node.output.first, let input = context.inputName(0), !isGraphOutput(output),
              context.node.output.dropFirst().allSatisfy(\.isEmpty) else { return nil }
        let readers = readers(of: output)
        guard readers.count == 1, let next = readers.first else { return nil }
        let mul = node(at: next)
        guard mul.opType == "Mul", mul.domain.isEmpty || mul.domain == "ai.onnx", mul.attribute.isEmpty,
              Set(mul.input) == [input, output], mul.input.count == 2, let product = mul.output.first else { return nil }
        return (next, product)
    }

    /// PyTorch's hard sigmoid, `relu6(x + 3) / 6`: alpha 1/6 and beta 1/2 (times its input: hard-swish).
    private mutating func hardSigmoid(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        let alpha = try context.float("alpha", default: 0.2)
        let beta = try context.float("beta", default: 0.5)
        guard abs(alpha - 1 / 6) <= 1e-6 else {
            throw context.error(.unsupportedAttribute, attribute: "alpha", "\(alpha) is not supported (only PyTorch's 1/6)")
        }
        guard beta == 0.5 else {
            throw context.error(.unsupportedAttribute, attribute: "beta", "\(beta) is not supported (only 0.5)")
        }
        try activation(.hardSigmoid, context, index: index, timesInput: .hardSwish)
    }

    /// Clip with bounds as constant inputs (opset 11 on) or attributes (before); (0, 6) is ReLU6.
    private mutating func clip(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly(["min", "max"])
        let x = try tensorInput(context, 0)
        var low = try context.optionalFloat("min") ?? -.infinity
        var high = try context.optionalFloat("max") ?? .infinity
        for (i, role) in [(1, "min"), (2, "max")] {
            guard let bound = try constantInput(context, i) else { continue }
            let value = try floats(bound, context)
            guard value.elements.count == 1, let scalar = value.elements.first else {
                throw context.error(.unsupportedInput, tensor: context.inputName(i),
                                    "\(role) must be one number, got shape \(value.shape) (\(value.elements.count) elements)")
            }
            guard !scalar.isNaN else {
                throw context.error(.unsupportedInput, tensor: context.inputName(i), "\(role) is NaN; a bound must be a number")
            }
            if i == 1 { low = scalar } else { high = scalar }
        }
        let operation: LayerOperation = low == 0 && high == 6 ? .activation(.relu6) : .clip(min: low, max: high)
        try addLayer(context, index: index, operation, inputs: [x])
    }

    private mutating func add(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly([])
        try addLayer(context, index: index, .add, inputs: [try tensorInput(context, 0), try tensorInput(context, 1)])
    }

    private mutating func multiply(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly([])
        try addLayer(context, index: index, .multiply, inputs: [try tensorInput(context, 0), try tensorInput(context, 1)])
    }

    private mutating func concat(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly(["axis"])
        guard context.has("axis") else { throw context.error(.unsupportedAttribute, attribute: "axis", "is required") }
        var inputs: [TensorSource] = []
        for i in context.node.input.indices { inputs.append(try tensorInput(context, i)) }
        guard let first = inputs.first else { throw context.error(.badGraph, "has no inputs") }
        let rank = shape(of: first).dims.count + 1
        let axis = try context.int("axis", default: 1)
        guard (-rank..<rank).contains(axis) else {
            throw context.error(.unsupportedAttribute, attribute: "axis", "\(axis) is outside the input's \(rank) axes")
        }
        // A concat of one tensor is that tensor, along any axis (DenseNet's first dense layer).
        if inputs.count == 1 {
            guard let output = context.node.output.first else { throw context.error(.badGraph, "the node has no output") }
            try alias(output, to: first, context)
            return
        }
        guard axis == 1 || axis == 1 - rank else {
            throw context.error(.unsupportedAttribute, attribute: "axis", "\(axis) is not supported (only channels, axis 1)")
        }
        try addLayer(context, index: index, .concat, inputs: inputs)
    }

    // MARK: Pooling and shapes

    /// MaxPool and AveragePool with a square window, one stride and the same padding on every side.
    private mutating func pool(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        let isMax = context.opType == "MaxPool"
        try context.allowOnly(isMax ? ["auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides"]
                                    : ["auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "strides"])
        let x = try tensorInput(context, 0)
        guard let kernel = try context.ints("kernel_shape") else {
            throw context.error(.unsupportedAttribute, attribute: "kernel_shape", "is required")
        }
        guard kernel.count == 2, kernel[0] == kernel[1], kernel[0] >= 1 else {
            throw context.error(.unsupportedAttribute, attribute: "kernel_shape", "\(kernel) is not supported (square 2-D windows only)")
        }
        let strides = try pair(context, "strides", default: 1)
        guard strides.0 == strides.1 else {
            throw context.error(.unsupportedAttribute, attribute: "strides", "\([strides.0, strides.1]) is not supported (one stride only)")
        }
        let dilations = try pair(context, "dilations", default: 1)
        guard dilations == (1, 1) else {
            throw context.error(.unsupportedAttribute, attribute: "dilations", "\([dilations.0, dilations.1]) is not supported (only 1)")
        }
        if try context.int("storage_order", default: 0) != 0 {
            throw context.error(.unsupportedAttribute, attribute: "storage_order", "only 0 (row major) is supported")
        }
        let autoPad = try context.string("auto_pad") ?? "NOTSET"
        let padding: Padding2D
        switch autoPad {
        case "NOTSET", "": padding = try explicitPadding(context)
        case "VALID": padding = Padding2D(all: 0)
        default: throw context.error(.unsupportedAttribute, attribute: "auto_pad", "\(DisplayText.quoted(autoPad)) is not supported for pooling")
        }
        guard Set([padding.top, padding.left, padding.bottom, padding.right]).count == 1 else {
            throw context.error(.unsupportedAttribute, attribute: "pads", "unequal pooling pads are not supported")
        }
        let ceilMode = try context.int("ceil_mode", default: 0)
        let countIncludePad = try context.int("count_include_pad", default: 0)
        guard (0...1).contains(ceilMode) else {
            throw context.error(.unsupportedAttribute, attribute: "ceil_mode", "must be 0 or 1, got \(ceilMode)")
        }
        guard (0...1).contains(countIncludePad) else {
            throw context.error(.unsupportedAttribute, attribute: "count_include_pad", "must be 0 or 1, got \(countIncludePad)")
        }
        let pooling = Pooling(kernel: kernel[0], stride: strides.0, padding: padding.top, ceilMode: ceilMode == 1,
                              countIncludePad: isMax || countIncludePad == 1)
        try addLayer(context, index: index, isMax ? .maxPool(pooling) : .avgPool(pooling), inputs: [x])
    }

    /// ReduceMean over height and width: global average pooling; without `keepdims` (MNASNet's
    /// `x.mean([2, 3])`) a flatten of its `C×1×1` result follows, giving `N×C`.
    private mutating func reduceMean(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly(["axes", "keepdims", "noop_with_empty_axes"])
        let x = try tensorInput(context, 0)
        let rank = shape(of: x).dims.count + 1
        var axes = try context.ints("axes")
        if let given = try constantInput(context, 1) {
            axes = try int64s(given, context).elements.map { Int($0) }
        }
        let normalized = Set((axes ?? []).map { $0 < 0 ? $0 + rank : $0 })
        guard rank == 4, normalized == [2, 3] else {
            throw context.error(.unsupportedAttribute, attribute: "axes",
                                "\(axes.map { "\($0)" } ?? "all") is not supported (only the spatial axes 2 and 3 of N×C×H×W)")
        }
        let keepdims = try context.int("keepdims", default: 1)
        guard (0...1).contains(keepdims) else {
            throw context.error(.unsupportedAttribute, attribute: "keepdims", "must be 0 or 1, got \(keepdims)")
        }
        guard keepdims == 0, let output = context.node.output.first else {
            try addLayer(context, index: index, .globalAvgPool, inputs: [x])
            return
        }
        let pooled = try addLayer(context, index: index, .globalAvgPool, inputs: [x], outputName: output + "/keepdims")
        try addLayer(context, index: index, .flatten, inputs: [pooled])
    }

    private mutating func flatten(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly(["axis"])
        let x = try tensorInput(context, 0)
        let rank = shape(of: x).dims.count + 1
        let axis = try context.int("axis", default: 1)
        guard axis == 1 || axis == 1 - rank else {
            throw context.error(.unsupportedAttribute, attribute: "axis", "\(axis) is not supported (only 1: keep the batch)")
        }
        try addLayer(context, index: index, .flatten, inputs: [x])
    }

    /// Reshape with a constant shape whose first entry keeps the batch (0, -1 or the fixed batch size).
    private mutating func reshape(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly(["allowzero"])
        let x = try tensorInput(context, 0)
        let (dims, target) = try int64s(try requiredConstant(context, 1, role: "shape"), context)
        guard dims.count == 1, let first = target.first else {
            throw context.error(.unsupportedInput, tensor: context.inputName(1), "shape must be a non-empty list, got dimensions \(dims)")
        }
        if try context.int("allowzero", default: 0) != 0, target.contains(0) {
            throw context.error(.unsupportedAttribute, attribute: "allowzero", "1 with a zero in the shape is not supported")
        }
        let input = shape(of: x)
        let count = input.elementCount
        var perSample: [Int] = []
        var inferred: Int?
        for (i, value) in target.enumerated().dropFirst() {
            switch value {
            case 0:
                guard i - 1 < input.dims.count else {
                    throw context.error(.shape, tensor: context.inputName(1), "shape \(target) copies dimension \(i), which the input lacks")
                }
                perSample.append(input.dims[i - 1])
            case -1:
                guard inferred == nil, first != -1 else {
                    throw context.error(.shape, tensor: context.inputName(1), "shape \(target) has more than one -1")
                }
                inferred = perSample.count
                perSample.append(1)
            case 1...Int64(Int32.max): perSample.append(Int(value))
            default:
                throw context.error(.shape, tensor: context.inputName(1), "shape \(target) has an invalid entry \(value)")
            }
        }
        guard let known = FloatTensor.count(of: perSample) else {
            throw context.error(.shape, tensor: context.inputName(1), "shape \(target) holds too many elements")
        }
        if let inferred {
            guard known > 0, count % known == 0 else {
                throw context.error(.shape, tensor: context.inputName(1), "shape \(target) does not divide the input \(input)")
            }
            perSample[inferred] = count / known
        }
        let keepsBatch = first == 0 || first == -1 || (!dynamicBatch && first == Int64(batchSize))
        guard keepsBatch else {
            throw context.error(.unsupportedInput, tensor: context.inputName(1),
                                "shape \(target) moves the batch dimension; splitscope reshapes within one sample only")
        }
        try addLayer(context, index: index, .reshape(TensorShape(perSample)), inputs: [x])
    }

    // MARK: Fully connected and softmax

    /// Gemm `alpha·A·B' + beta·C` with constant B and C: a linear layer with weight `[out, in]`.
    private mutating func gemm(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly(["alpha", "beta", "transA", "transB"])
        let transA = try context.int("transA", default: 0)
        guard transA == 0 else {
            throw context.error(.unsupportedAttribute, attribute: "transA", "\(transA) is not supported (only 0)")
        }
        let transB = try context.int("transB", default: 0)
        guard (0...1).contains(transB) else {
            throw context.error(.unsupportedAttribute, attribute: "transB", "must be 0 or 1, got \(transB)")
        }
        let alpha = try context.float("alpha", default: 1)
        let beta = try context.float("beta", default: 1)
        let x = try tensorInput(context, 0)
        var weight = try floats(try requiredConstant(context, 1, role: "B"), context)
        guard weight.shape.count == 2 else {
            throw context.error(.unsupportedInput, tensor: context.inputName(1), "B must be a matrix, got shape \(weight.shape)")
        }
        if transB == 0 { weight = Self.transposed(weight) }
        if alpha != 1 { weight.elements = weight.elements.map { $0 * alpha } }
        var bias = try constantInput(context, 2).map { t throws(ONNXImportError) in try floats(t, context) }
        if beta != 1, let unscaled = bias {
            bias?.elements = unscaled.elements.map { $0 * beta }
        }
        try linear(context, index: index, input: x, weight: weight, bias: bias, biasInput: context.inputName(2))
    }

    /// MatMul by a constant `[in, out]` matrix; an Add of a constant `[out]` right after it is its bias.
    private mutating func matMul(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly([])
        let x = try tensorInput(context, 0)
        let matrix = try floats(try requiredConstant(context, 1, role: "B"), context)
        guard matrix.shape.count == 2 else {
            throw context.error(.unsupportedInput, tensor: context.inputName(1), "B must be a matrix, got shape \(matrix.shape)")
        }
        let weight = Self.transposed(matrix)
        guard let product = context.node.output.first else { throw context.error(.badGraph, "the node has no output") }
        // Fold `Add(product, bias)` when the product feeds nothing else.
        let readers = readers(of: product)
        if readers.count == 1, let next = readers.first, !isGraphOutput(product) {
            let add = node(at: next)
            let others = add.input.filter { $0 != product }
            if add.opType == "Add", add.domain.isEmpty, add.attribute.isEmpty, add.input.count == 2, others.count == 1,
               let biasName = others.first, isConstant(biasName), let addOutput = add.output.first {
                let addContext = NodeContext(node: add, file: file, opset: opset)
                let biasIndex = add.input[0] == biasName ? 0 : 1
                guard let biasTensor = try constantInput(addContext, biasIndex) else { return }
                var bias = try floats(biasTensor, addContext)
                if bias.shape == [1, weight.shape[0]] { bias.shape = [weight.shape[0]] }
                if bias.shape == [weight.shape[0]] {
                    fold(nodeAt: next)
                    try linear(context, index: index, input: x, weight: weight, bias: bias, biasInput: biasName,
                               outputName: addOutput)
                    return
                }
            }
        }
        try linear(context, index: index, input: x, weight: weight, bias: nil, biasInput: nil)
    }

    /// A linear layer from a `[out, in]` weight and an optional `[out]` (or `[1, out]`) bias.
    private mutating func linear(_ context: NodeContext, index: Int, input x: TensorSource, weight: FloatTensor,
                                 bias: FloatTensor?, biasInput: String?, outputName: String? = nil) throws(ONNXImportError) {
        let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
        let input = shape(of: x)
        guard input.dims == [inFeatures] else {
            throw context.error(.shape, "input \(input) does not fit a weight of \(inFeatures) input features "
                + "(flatten to N×\(inFeatures) first)")
        }
        var layerWeights = LayerWeights(["weight": weight])
        if var bias {
            if bias.shape == [1, outFeatures] { bias.shape = [outFeatures] }
            guard bias.shape == [outFeatures] else {
                throw context.error(.unsupportedInput, tensor: biasInput, "bias has shape \(bias.shape), expected [\(outFeatures)]")
            }
            layerWeights["bias"] = bias
        }
        try addLayer(context, index: index, .linear(outFeatures: outFeatures, bias: bias != nil), inputs: [x],
                     weights: layerWeights, outputName: outputName)
    }

    private mutating func softmax(_ context: NodeContext, index: Int) throws(ONNXImportError) {
        try context.allowOnly(["axis"])
        let x = try tensorInput(context, 0)
        let rank = shape(of: x).dims.count + 1
        let axis = try context.int("axis", default: context.opset >= 13 ? -1 : 1)
        guard rank == 2, axis == 1 || axis == -1 else {
            throw context.error(.unsupportedAttribute, attribute: "axis",
                                "softmax over axis \(axis) of a rank-\(rank) tensor is not supported (only over the features of N×F)")
        }
        try addLayer(context, index: index, .softmax, inputs: [x])
    }

    /// A `[rows, columns]` matrix as `[columns, rows]`.
    static func transposed(_ matrix: FloatTensor) -> FloatTensor {
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        var elements = [Float](repeating: 0, count: matrix.elements.count)
        for r in 0..<rows {
            for c in 0..<columns { elements[c * rows + r] = matrix.elements[r * columns + c] }
        }
        return FloatTensor(shape: [columns, rows], elements: elements) ?? matrix
    }
}
