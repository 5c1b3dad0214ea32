import SplitJSON

/// An operator changed something from the dashboard.
///
/// The old and new values are JSON as the field holds it (a number of milliseconds, a
/// partition object, a policy name), and `null` when there was none: unpinning has no new
/// partition, and a constraint set for the first time has no old value.
public struct OperatorEvent: Hashable, Sendable {
    public var action: OperatorAction
    /// The setting changed, for example `"slo_ms"` or `"partition"`.
    public var field: String?
    /// The value before.
    public var oldValue: JSONValue
    /// The value after.
    public var newValue: JSONValue

    public init(action: OperatorAction, field: String? = nil, oldValue: JSONValue = .null, newValue: JSONValue = .null) {
        self.action = action
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
    }
}
