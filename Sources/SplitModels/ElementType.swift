/// The numeric type of a tensor's elements, which sets how many bytes a split sends.
public enum ElementType: String, CaseIterable, Hashable, Sendable {
    case float32
    case float16
    case int8
    case uint8

    /// The raw input's element type unless a model or flag says otherwise: float32, 4 bytes per element.
    ///
    /// What a device sends when it runs no layer is the model's input tensor as the engine and the
    /// edge take it (float32, `[N, 3, H, W]`; the edge's ModelInfer reads FP32), not an 8-bit camera
    /// frame, so the cost model counts it at 4 bytes and agrees with `run --split 0`. A device
    /// that sends 8-bit frames (the edge normalising them) is planned with `--input-type uint8`.
    /// See docs/cost-model.md.
    public static let rawInput = ElementType.float32

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .float32: 4
        case .float16: 2
        case .int8, .uint8: 1
        }
    }
}
