/// A dense float32 tensor: a shape and its elements in row-major order.
///
/// Weights keep the layout their source gives (PyTorch and ONNX: convolution `[O, I/groups, kH, kW]`,
/// linear `[out, in]`); the engine converts to its own layout once, when it builds a layer.
public struct FloatTensor: Hashable, Sendable {
    public var shape: [Int]
    public var elements: [Float]

    /// A tensor, if the element count matches the shape.
    public init?(shape: [Int], elements: [Float]) {
        guard shape.allSatisfy({ $0 >= 0 }), Self.count(of: shape) == elements.count else { return nil }
        self.shape = shape
        self.elements = elements
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) {
        self.shape = shape
        elements = [Float](repeating: 0, count: Self.count(of: shape) ?? 0)
    }

    /// The number of elements a shape holds, nil on overflow.
    public static func count(of shape: [Int]) -> Int? {
        var n = 1
        for d in shape {
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow || d < 0 { return nil }
            n = product
        }
        return n
    }
}
