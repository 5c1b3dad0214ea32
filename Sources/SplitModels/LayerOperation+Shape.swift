extension LayerOperation {
    /// The output shape, MACs and parameters of this operation applied to inputs of these shapes.
    ///
    /// Throws a reason when the inputs do not fit (wrong count, rank, or mismatched shapes).
    public func apply(to inputs: [TensorShape]) throws(ShapeReason) -> (shape: TensorShape, macs: Int, params: Int) {
        switch self {
        case .convolution(let c):
            let x = try single(inputs, rank: 3)
            let inC = x.dims[0]
            let pad = c.padding
            guard c.outChannels > 0, c.kernelHeight > 0, c.kernelWidth > 0, c.strideHeight > 0, c.strideWidth > 0,
                  c.dilationHeight > 0, c.dilationWidth > 0, c.groups > 0 else {
                throw ShapeReason("convolution needs positive channels, kernel, stride, dilation and groups")
            }
            guard min(pad.top, pad.left, pad.bottom, pad.right) >= 0 else {
                throw ShapeReason("convolution padding must not be negative")
            }
            guard inC % c.groups == 0, c.outChannels % c.groups == 0 else {
                throw ShapeReason("groups \(c.groups) must divide input channels \(inC) and output channels \(c.outChannels)")
            }
            let h = try dilatedWindowOutput(x.dims[1], kernel: c.kernelHeight, dilation: c.dilationHeight,
                                            stride: c.strideHeight, before: pad.top, after: pad.bottom)
            let w = try dilatedWindowOutput(x.dims[2], kernel: c.kernelWidth, dilation: c.dilationWidth,
                                            stride: c.strideWidth, before: pad.left, after: pad.right)
            let perOutput = try product(inC / c.groups, c.kernelHeight, c.kernelWidth)
            let macs = try product(c.outChannels, h, w, perOutput)
            let params = try product(c.outChannels, perOutput) + (c.bias ? c.outChannels : 0)
            return (TensorShape([c.outChannels, h, w]), macs, params)

        case .linear(let out, let bias):
            let x = try single(inputs, rank: 1)
            guard out > 0 else { throw ShapeReason("linear needs a positive output size") }
            let inF = x.dims[0]
            let weights = try product(inF, out)
            return (TensorShape([out]), weights, weights + (bias ? out : 0))

        case .maxPool(let p), .avgPool(let p):
            let x = try single(inputs, rank: 3)
            guard p.kernel > 0, p.stride > 0, p.padding >= 0, p.padding * 2 <= p.kernel else {
                throw ShapeReason("pooling needs a positive kernel and stride, and padding at most half the kernel")
            }
            let h = try windowOutput(x.dims[1], kernel: p.kernel, stride: p.stride, padding: p.padding, ceil: p.ceilMode)
            let w = try windowOutput(x.dims[2], kernel: p.kernel, stride: p.stride, padding: p.padding, ceil: p.ceilMode)
            return (TensorShape([x.dims[0], h, w]), 0, 0)

        case .adaptiveAvgPool(let h, let w):
            let x = try single(inputs, rank: 3)
            guard h > 0, w > 0 else { throw ShapeReason("adaptive pooling needs a positive output size") }
            return (TensorShape([x.dims[0], h, w]), 0, 0)

        case .globalAvgPool:
            let x = try single(inputs, rank: 3)
            return (TensorShape([x.dims[0], 1, 1]), 0, 0)

        case .batchNorm:
            let x = try single(inputs, rank: nil)
            return (x, 0, 2 * x.channels)

        case .activation, .dropout, .softmax:
            return (try single(inputs, rank: nil), 0, 0)

        case .clip(let low, let high):
            guard !low.isNaN, !high.isNaN, low <= high else { throw ShapeReason("clip needs min ≤ max, got \(low) and \(high)") }
            return (try single(inputs, rank: nil), 0, 0)

        case .reshape(let target):
            let x = try single(inputs, rank: nil)
            guard !target.dims.isEmpty, target.dims.allSatisfy({ $0 > 0 }) else {
                throw ShapeReason("reshape needs a target shape of positive dimensions, got \(target)")
            }
            guard try product(target.dims) == x.elementCount else {
                throw ShapeReason("reshape cannot turn \(x) into \(target): element counts differ")
            }
            return (target, 0, 0)

        case .flatten:
            let x = try single(inputs, rank: nil)
            return (TensorShape([try product(x.dims)]), 0, 0)

        case .add:
            guard inputs.count >= 2, let first = inputs.first else { throw ShapeReason("add needs at least two inputs") }
            for other in inputs.dropFirst() where other != first {
                throw ShapeReason("add needs equal shapes, got \(first) and \(other)")
            }
            return (first, 0, 0)

        case .multiply:
            guard inputs.count == 2 else { throw ShapeReason("multiply needs two inputs") }
            let (a, b) = (inputs[0], inputs[1])
            if a == b { return (a, 0, 0) }
            if b.dims.count == 3, a.dims.count == 3, b.dims[0] == a.dims[0], b.dims[1] == 1, b.dims[2] == 1 { return (a, 0, 0) }
            if a.dims.count == 3, b.dims.count == 3, a.dims[0] == b.dims[0], a.dims[1] == 1, a.dims[2] == 1 { return (b, 0, 0) }
            throw ShapeReason("multiply needs equal shapes or a C×1×1 scale, got \(a) and \(b)")

        case .concat:
            guard inputs.count >= 2, let first = inputs.first, first.dims.count == 3 else {
                throw ShapeReason("concat needs at least two C×H×W inputs")
            }
            var channels = 0
            for x in inputs {
                guard x.dims.count == 3, x.dims[1] == first.dims[1], x.dims[2] == first.dims[2] else {
                    throw ShapeReason("concat needs equal spatial sizes, got \(first) and \(x)")
                }
                channels += x.dims[0]
            }
            return (TensorShape([channels, first.dims[1], first.dims[2]]), 0, 0)
        }
    }

    private func single(_ inputs: [TensorShape], rank: Int?) throws(ShapeReason) -> TensorShape {
        guard inputs.count == 1, let x = inputs.first else {
            throw ShapeReason("expects one input, got \(inputs.count)")
        }
        if let rank, x.dims.count != rank {
            throw ShapeReason("expects a rank-\(rank) input, got \(x)")
        }
        guard x.dims.allSatisfy({ $0 > 0 }) else { throw ShapeReason("input shape \(x) has an empty dimension") }
        return x
    }

    /// The product of `factors`, or a reason when it does not fit in an `Int`.
    private func product(_ factors: Int...) throws(ShapeReason) -> Int {
        try product(factors)
    }

    private func product(_ factors: [Int]) throws(ShapeReason) -> Int {
        var result = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            guard !overflow else { throw ShapeReason("size overflows: \(factors.map(String.init).joined(separator: " × "))") }
            result = next
        }
        return result
    }

    /// The output size of a dilated window with separate padding before and after (convolutions).
    private func dilatedWindowOutput(_ size: Int, kernel: Int, dilation: Int, stride: Int,
                                     before: Int, after: Int) throws(ShapeReason) -> Int {
        guard before <= Int.max / 4, after <= Int.max / 4, size <= Int.max / 4 else {
            throw ShapeReason("padding \(max(before, after)) overflows")
        }
        let extent = try product(kernel - 1, dilation) + 1
        let span = size + before + after - extent
        guard span >= 0 else {
            throw ShapeReason("window \(extent) is larger than the padded input \(size + before + after)")
        }
        return span / stride + 1
    }

    private func windowOutput(_ size: Int, kernel: Int, stride: Int, padding: Int, ceil: Bool) throws(ShapeReason) -> Int {
        guard padding <= (Int.max - size) / 2 else { throw ShapeReason("padding \(padding) overflows") }
        let span = size + 2 * padding - kernel
        guard span >= 0 else { throw ShapeReason("window \(kernel) is larger than the padded input \(size + 2 * padding)") }
        var out = span / stride + (ceil && span % stride != 0 ? 1 : 0) + 1
        // PyTorch drops a last window that would start inside the right padding.
        if ceil, (out - 1) * stride >= size + padding { out -= 1 }
        return out
    }
}

/// Why an operation rejects its inputs.
public struct ShapeReason: Error, Equatable, Sendable {
    public var text: String
    public init(_ text: String) { self.text = text }
}
