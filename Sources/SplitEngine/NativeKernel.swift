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
}
