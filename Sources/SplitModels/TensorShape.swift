/// The shape of one sample's tensor, without the batch dimension.
///
/// Images are `[channels, height, width]`; flattened features are `[features]`.
/// Squeeze-and-excitation scales are `[channels, 1, 1]`.
public struct TensorShape: Hashable, Sendable, CustomStringConvertible {
    /// The dimensions, outermost first.
    public var dims: [Int]

    /// Creates a shape from its dimensions.
    public init(_ dims: [Int]) {
        self.dims = dims
    }

    /// Number of elements in one sample.
    public var elementCount: Int {
        dims.reduce(1, *)
    }

    /// Channels of an image tensor (the first dimension).
    public var channels: Int {
        dims.first ?? 0
    }

    /// `3×224×224`.
    public var description: String {
        dims.map(String.init).joined(separator: "×")
    }
}
