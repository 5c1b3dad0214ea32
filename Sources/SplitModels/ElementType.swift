/// The numeric type of a tensor's elements, which sets how many bytes a split sends.
public enum ElementType: String, CaseIterable, Hashable, Sendable {
    case float32
    case float16
    case int8
    case uint8

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .float32: 4
        case .float16: 2
        case .int8, .uint8: 1
        }
    }
}
