/// Greyscale images with one class label each, as a data set's split holds them.
///
/// Pixels are kept as the file stores them (bytes, `0...maxPixel`); `floatPixels` gives the
/// model input convention, value / `maxPixel` in [0, 1], row-major per image (NCHW with one
/// channel, which is also the engine's channels-last layout).
public struct LabelledImages: Equatable, Sendable {
    public var rows: Int
    public var columns: Int
    /// The largest pixel value the format allows (255 for IDX, 16 for UCI digits).
    public var maxPixel: Int
    /// `count × rows × columns` pixels, image after image.
    public var pixels: [UInt8]
    /// One class per image, `0..<classCount`.
    public var labels: [UInt8]
    /// How many classes the labels range over.
    public var classCount: Int

    public init(rows: Int, columns: Int, maxPixel: Int, pixels: [UInt8], labels: [UInt8], classCount: Int) {
        self.rows = rows
        self.columns = columns
        self.maxPixel = maxPixel
        self.pixels = pixels
        self.labels = labels
        self.classCount = classCount
    }

    /// The number of images.
    public var count: Int { labels.count }

    /// Pixels per image.
    public var imageSize: Int { rows * columns }

    /// The images at `indices`, in that order.
    public func subset(_ indices: some Sequence<Int>) -> LabelledImages {
        var copy = self
        copy.pixels = []
        copy.labels = []
        for i in indices {
            copy.pixels += pixels[(i * imageSize)..<((i + 1) * imageSize)]
            copy.labels.append(labels[i])
        }
        return copy
    }

    /// The first `n` images (all of them when there are fewer).
    public func prefix(_ n: Int) -> LabelledImages {
        subset(0..<min(max(n, 0), count))
    }

    /// Images `range` as model input: float32, value / `maxPixel`, image after image.
    public func floatPixels(_ range: Range<Int>) -> [Float] {
        // Divide, as `numpy.float32(x) / 255` does, rather than multiply by a rounded reciprocal.
        let scale = Float(maxPixel)
        return pixels[(range.lowerBound * imageSize)..<(range.upperBound * imageSize)].map { Float($0) / scale }
    }
}
