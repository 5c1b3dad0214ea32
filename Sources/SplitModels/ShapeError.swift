/// A layer whose inputs do not fit its operation.
public struct ShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The layer that failed.
    public var layer: String
    /// What did not fit.
    public var reason: String

    public init(layer: String, reason: String) {
        self.layer = layer
        self.reason = reason
    }

    public var description: String { "layer \(layer): \(reason)" }
}
