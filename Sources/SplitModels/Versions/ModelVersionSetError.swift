/// A model-versions manifest that cannot be used, with the field at fault (`versions[1].accuracy_pct`).
public struct ModelVersionSetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A path to the field, as in the JSON: `versions[2].name`; empty for the whole document.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }
}
