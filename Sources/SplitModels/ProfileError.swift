/// A profile that cannot be used, with the field at fault (`layers[3].device_ms`).
public struct ProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A path to the field, as in the JSON: `layers[3].inputs[0]`; empty for the whole document.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }
}
