import SplitModels

/// Why a tensor in an OIP request cannot be read; every case names the tensor.
public enum OIPTensorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The datatype string is not one splitscope carries.
    case unsupportedDatatype(tensor: String, datatype: String)
    /// A dimension is negative, or the element count overflows.
    case invalidShape(tensor: String, shape: [Int64])
    /// The raw bytes are not the count the shape and datatype imply.
    case byteCount(tensor: String, expected: Int, got: Int)
    /// The request has a different number of raw contents than inputs.
    case rawContentsCount(inputs: Int, raw: Int)
    /// The tensor has neither raw contents nor typed contents of its datatype.
    case missingContents(tensor: String)
    /// The element count of typed contents does not match the shape.
    case elementCount(tensor: String, expected: Int, got: Int)
    /// An INT8 tensor's scale or zero point is missing or out of range, or an FP32 tensor has them.
    case quantisation(tensor: String, reason: String)

    public var description: String {
        switch self {
        case .unsupportedDatatype(let tensor, let datatype):
            "tensor \(DisplayText.quoted(tensor)): datatype \(DisplayText.quoted(datatype)) is not supported (use "
                + OIPDatatype.allCases.map(\.rawValue).joined(separator: " or ") + ")"
        case .invalidShape(let tensor, let shape):
            "tensor \(DisplayText.quoted(tensor)): shape \(shape) is not a valid shape (every dimension must be 0 or more)"
        case .byteCount(let tensor, let expected, let got):
            "tensor \(DisplayText.quoted(tensor)): raw contents hold \(got) bytes, its shape and datatype need \(expected)"
        case .rawContentsCount(let inputs, let raw):
            "the request has \(inputs) inputs but \(raw) raw_input_contents: give one per input or none"
        case .missingContents(let tensor):
            "tensor \(DisplayText.quoted(tensor)): no data (neither raw_input_contents nor contents)"
        case .elementCount(let tensor, let expected, let got):
            "tensor \(DisplayText.quoted(tensor)): contents hold \(got) elements, its shape needs \(expected)"
        case .quantisation(let tensor, let reason):
            "tensor \(DisplayText.quoted(tensor)): \(reason)"
        }
    }
}
