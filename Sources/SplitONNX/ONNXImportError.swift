import SplitModels

/// Why an ONNX file could not become a splitscope model, and where in the file.
///
/// The description names the file, then the node (its name and op type) and the attribute, the
/// tensor or the value concerned, when there is one:
///
/// ```
/// model.onnx, node "/fc/Gemm" (Gemm), attribute transA: 1 is not supported (only 0)
/// model.onnx, tensor "conv1.weight": external data file "model.onnx.data" cannot be read
/// ```
public struct ONNXImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of failure, for callers and tests that act on it.
    public enum Kind: String, Equatable, Sendable {
        /// The file (or an external-data file) cannot be read.
        case unreadableFile
        /// The bytes are not an ONNX model: empty, truncated, or not protocol buffers.
        case notONNX
        /// An op (or op domain, or opset version) splitscope cannot run.
        case unsupportedOperator
        /// An attribute, or an attribute value, splitscope cannot run.
        case unsupportedAttribute
        /// A node input splitscope cannot run (a computed tensor where a constant is needed, say).
        case unsupportedInput
        /// A tensor's data is missing, of the wrong type, or does not match its shape.
        case badTensor
        /// External data that is missing, out of range or outside the model's folder.
        case externalData
        /// The graph itself is malformed: undefined values, several outputs, bad input shape.
        case badGraph
        /// Shapes that do not fit the operation (as `ShapeError`).
        case shape
    }

    public var kind: Kind
    /// The model file, as the caller named it.
    public var file: String
    /// The node's name as the file has it (empty names stay empty).
    public var node: String?
    /// The node's op type (`Conv`).
    public var opType: String?
    /// The attribute concerned (`transA`).
    public var attribute: String?
    /// The tensor or value concerned (an initializer or value name).
    public var tensor: String?
    /// What is wrong, in words.
    public var reason: String

    public init(_ kind: Kind, file: String, node: String? = nil, opType: String? = nil, attribute: String? = nil,
                tensor: String? = nil, reason: String) {
        self.kind = kind
        self.file = file
        self.node = node
        self.opType = opType
        self.attribute = attribute
        self.tensor = tensor
        self.reason = reason
    }

    public var description: String {
        var parts: [String] = [file]
        if let node {
            parts.append("node \(DisplayText.quoted(node))" + (opType.map { " (\(DisplayText.escaped($0)))" } ?? ""))
        }
        if let attribute { parts.append("attribute \(DisplayText.quoted(attribute))") }
        if let tensor { parts.append("tensor \(DisplayText.quoted(tensor))") }
        return parts.joined(separator: ", ") + ": " + reason
    }
}
