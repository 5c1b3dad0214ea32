/// The few layers XNNPACK has no operator for here, computed in Swift on the engine's buffers.
enum NativeKernel {
    /// `y = clamp(x · scale[c] + shift[c])` per channel of a channels-last tensor (a standalone batch norm).
    case channelAffine(input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
                       scale: [Float], shift: [Float], pixels: Int, low: Float, high: Float)
    /// Flattening `C×H×W` to PyTorch's channel-major order: channels-last to channels-first.
    case flattenChannelsFirst(input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
                              channels: Int, plane: Int, batch: Int)
    /// PyTorch's adaptive average pooling, windows `floor(i·H/out) ..< ceil((i+1)·H/out)`.
    case adaptiveAverage(input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
                         channels: Int, inHeight: Int, inWidth: Int, outHeight: Int, outWidth: Int, batch: Int)
    /// Every `stride`-th pixel of each row and column, from the top left (a 1×1 pooling window).
    case subsample(input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
                   channels: Int, inHeight: Int, inWidth: Int, outHeight: Int, outWidth: Int, stride: Int, batch: Int)
    /// `min(max(x / 6 + 1/2, 0), 1)` elementwise (PyTorch's hard sigmoid, ONNX's with its defaults
    /// as torch exports them).
    case hardSigmoid(input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int)
    /// `min(max(x, low), high)` elementwise, for the bounds XNNPACK's clamp refuses (`low == high`).
    case clip(input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int, low: Float, high: Float)
    /// The same elements in another per-sample shape, as a reshape defines it on channels-first
    /// order, between channels-last tensors (an image shape is `[C, H, W]`, any other is flat).
    case reorder(input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>, from: [Int], to: [Int], batch: Int)

    func run() {
        switch self {
        case let .channelAffine(input, output, scale, shift, pixels, low, high):
            let channels = scale.count
            scale.withUnsafeBufferPointer { s in
                shift.withUnsafeBufferPointer { t in
                    for p in 0..<pixels {
                        let base = p * channels
                        for c in 0..<channels {
                            output[base + c] = min(max(input[base + c] * s[c] + t[c], low), high)
                        }
                    }
                }
            }
        case let .flattenChannelsFirst(input, output, channels, plane, batch):
            for n in 0..<batch {
                let base = n * channels * plane
                for p in 0..<plane {
                    for c in 0..<channels {
                        output[base + c * plane + p] = input[base + p * channels + c]
                    }
                }
            }
        case let .subsample(input, output, channels, inH, inW, outH, outW, stride, batch):
            for n in 0..<batch {
                let inBase = n * inH * inW * channels
                let outBase = n * outH * outW * channels
                for oy in 0..<outH {
                    for ox in 0..<outW {
                        let i = inBase + (oy * stride * inW + ox * stride) * channels
                        let o = outBase + (oy * outW + ox) * channels
                        for c in 0..<channels { output[o + c] = input[i + c] }
                    }
                }
            }
        case let .hardSigmoid(input, output, count):
            for i in 0..<count { output[i] = min(max(input[i] * (1 / 6 as Float) + 0.5, 0), 1) }
        case let .clip(input, output, count, low, high):
            for i in 0..<count { output[i] = min(max(input[i], low), high) }
        case let .reorder(input, output, from, to, batch):
            let elements = from.reduce(1, *)
            for n in 0..<batch {
                let base = n * elements
                for k in 0..<elements {
                    output[base + Self.channelsLastIndex(ofCanonical: k, shape: to)] =
                        input[base + Self.channelsLastIndex(ofCanonical: k, shape: from)]
                }
            }
        case let .adaptiveAverage(input, output, channels, inH, inW, outH, outW, batch):
            for n in 0..<batch {
                let inBase = n * inH * inW * channels
                let outBase = n * outH * outW * channels
                for oy in 0..<outH {
                    let y0 = oy * inH / outH, y1 = ((oy + 1) * inH + outH - 1) / outH
                    for ox in 0..<outW {
                        let x0 = ox * inW / outW, x1 = ((ox + 1) * inW + outW - 1) / outW
                        let scale = 1 / Float((y1 - y0) * (x1 - x0))
                        let o = outBase + (oy * outW + ox) * channels
                        for c in 0..<channels { output[o + c] = 0 }
                        for y in y0..<y1 {
                            for x in x0..<x1 {
                                let i = inBase + (y * inW + x) * channels
                                for c in 0..<channels { output[o + c] += input[i + c] }
                            }
                        }
                        for c in 0..<channels { output[o + c] *= scale }
                    }
                }
            }
        }
    }

    /// Where the element at channels-first offset `k` of a sample lives in channels-last order.
    static func channelsLastIndex(ofCanonical k: Int, shape: [Int]) -> Int {
        guard shape.count == 3 else { return k }
        let plane = shape[1] * shape[2]
        let (c, pixel) = (k / plane, k % plane)
        return pixel * shape[0] + c
    }
}
