/// Why one event's JSON does not describe a valid event, with the field at fault.
///
/// ```swift
/// SessionFieldError(field: "partition.split", reason: "expected a whole number ≥ 0").description
/// // "partition.split: expected a whole number ≥ 0"
/// ```
public struct SessionFieldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A path to the field as in the JSON (`candidates[2].predicted_ms`); empty for the whole line.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String {
        field.isEmpty ? reason : "\(field): \(reason)"
    }
}
