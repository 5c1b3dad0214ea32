/// What an operator action changed, for the session's `operator` event.
public struct OperatorRecord: Hashable, Sendable {
    /// `pin`, `unpin`, `set_constraint` or `set_policy`.
    public var action: String
    /// The constraint or setting changed (`slo_ms`, `policy`, `partition`).
    public var field: String?
    public var old: OperatorValue
    public var new: OperatorValue

    public init(action: String, field: String?, old: OperatorValue, new: OperatorValue) {
        self.action = action
        self.field = field
        self.old = old
        self.new = new
    }
}

/// A value before or after an operator action.
public enum OperatorValue: Hashable, Sendable {
    case none
    case number(Double)
    case text(String)
}
