/// Why the model zoo could not build a model.
public enum ZooError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No built-in model has this name; `known` lists the names that exist.
    case unknownModel(String, known: [String])
    /// An option is out of range (input side too small or too large, batch size not positive).
    case invalidOption(String)
    /// The architecture did not fit the requested input (a layer's shape error).
    case shape(ShapeError)

    public var description: String {
        switch self {
        case .unknownModel(let name, let known):
            "unknown model '\(name)'; known models: \(known.joined(separator: ", "))"
        case .invalidOption(let reason):
            "invalid option: \(reason)"
        case .shape(let error):
            "shape error: \(error)"
        }
    }
}
