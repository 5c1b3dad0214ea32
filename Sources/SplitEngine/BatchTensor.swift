import SplitModels

/// A batch of activations as the engine holds them: image tensors channels-last (NHWC).
///
/// `sampleShape` is PyTorch's per-sample shape (`[C, H, W]` or `[features]`); `elements` hold
/// `batch × sampleShape.elementCount` floats, with `C` innermost for images. This is the form a
/// device part hands an edge part, so no layout conversion happens at a split; `FloatTensor`
/// (NCHW, PyTorch order) is the form for files and other tools.
public struct BatchTensor: Hashable, Sendable {
    public var sampleShape: TensorShape
    public var batch: Int
    public var elements: [Float]

    /// A tensor in the engine's layout, if the element count matches.
    public init?(sampleShape: TensorShape, batch: Int, elements: [Float]) {
        guard batch > 0, sampleShape.dims.allSatisfy({ $0 > 0 }),
              elements.count == batch * sampleShape.elementCount else { return nil }
        self.sampleShape = sampleShape
        self.batch = batch
        self.elements = elements
    }

    /// Converts a PyTorch-order tensor (`[N, C, H, W]` or `[N, features]`) to the engine's layout.
    public init?(channelsFirst tensor: FloatTensor) {
        guard tensor.shape.count >= 2 else { return nil }
        let sample = TensorShape(Array(tensor.shape.dropFirst()))
        self.init(sampleShape: sample, batch: tensor.shape[0],
                  elements: Self.permute(tensor.elements, sample: sample, batch: tensor.shape[0], toChannelsLast: true))
    }

    /// The tensor in PyTorch order, `[N] + sampleShape`.
    public var channelsFirst: FloatTensor {
        let nchw = Self.permute(elements, sample: sampleShape, batch: batch, toChannelsLast: false)
        return FloatTensor(shape: [batch] + sampleShape.dims, elements: nchw) ?? FloatTensor(zeros: [batch] + sampleShape.dims)
    }

    /// The largest absolute element (0 for an empty tensor).
    public var largestMagnitude: Float {
        elements.reduce(0) { max($0, abs($1)) }
    }

    /// Moves channels between first and last in each sample; only rank-3 samples change.
    static func permute(_ source: [Float], sample: TensorShape, batch: Int, toChannelsLast: Bool) -> [Float] {
        guard sample.dims.count == 3, sample.dims[0] > 1, sample.dims[1] * sample.dims[2] > 1 else { return source }
        let (c, plane) = (sample.dims[0], sample.dims[1] * sample.dims[2])
        var result = [Float](repeating: 0, count: source.count)
        source.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { dst in
                for n in 0..<batch {
                    let base = n * c * plane
                    for ch in 0..<c {
                        for p in 0..<plane {
                            if toChannelsLast {
                                dst[base + p * c + ch] = src[base + ch * plane + p]
                            } else {
                                dst[base + ch * plane + p] = src[base + p * c + ch]
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
