import SplitCost
import SplitPlanners
import SplitSession

/// What an operator action changed, for the session's `operator` event.
///
/// Typed, not strings: the action is the session's own ``OperatorAction`` word and the setting a
/// ``OperatorSetting``; `OperatorEvent(_:profile:)` turns it into the event, in one place.
public struct OperatorRecord: Hashable, Sendable {
    /// `pin`, `unpin`, `set_constraint`, `set_policy` or `set_batch`.
    public var action: OperatorAction
    /// The setting changed.
    public var setting: OperatorSetting
    public var old: OperatorValue
    public var new: OperatorValue

    public init(action: OperatorAction, setting: OperatorSetting, old: OperatorValue, new: OperatorValue) {
        self.action = action
        self.setting = setting
        self.old = old
        self.new = new
    }

    /// The session field name of the setting (`slo_ms`, `policy`, `partition`).
    public var field: String? { setting.sessionField }
}

/// The setting an operator action changes.
public enum OperatorSetting: Hashable, Sendable {
    case partition
    case policy
    case constraint(ConstraintKind)
    /// Samples per frame.
    case batch

    /// The name the session writes in an `operator` event's `field`.
    public var sessionField: String {
        switch self {
        case .partition: "partition"
        case .policy: "policy"
        case .constraint(let kind): kind.sessionField
        case .batch: "batch"
        }
    }

    /// The setting a session field names, nil for a field this build does not know.
    public init?(sessionField: String) {
        switch sessionField {
        case "partition": self = .partition
        case "policy": self = .policy
        case "batch": self = .batch
        default:
            guard let kind = ConstraintKind(sessionField: sessionField) else { return nil }
            self = .constraint(kind)
        }
    }
}

/// A value before or after an operator action.
public enum OperatorValue: Hashable, Sendable {
    case none
    case number(Double)
    case text(String)
    case partition(Partition)
}
