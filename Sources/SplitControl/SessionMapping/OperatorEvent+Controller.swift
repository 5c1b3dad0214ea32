import SplitCost
import SplitJSON
import SplitModels
import SplitPlanners
import SplitSession

extension OperatorEvent {
    /// The session event for what an operator action changed; a partition is written as the
    /// session writes partitions (`{"split": k}` or `{"device_layers": [...]}`).
    public init(_ record: OperatorRecord, profile: ModelProfile) {
        func json(_ value: OperatorValue) -> JSONValue {
            switch value {
            case .none: .null
            case .number(let x): .number(x)
            case .text(let s): .string(s)
            case .partition(let p): SessionEventCodec.encode(SessionPartition(p, of: profile))
            }
        }
        self.init(action: record.action, field: record.field, oldValue: json(record.old), newValue: json(record.new))
    }

    /// The controller command that repeats this action (what a live controller or a replay
    /// applies), nil when the event names an action, field or value this build does not know.
    public func command(profile: ModelProfile) -> OperatorCommand? {
        switch action {
        case .pin:
            guard let session = try? SessionEventCodec.decodePartition(newValue, field: "new") else { return nil }
            return .pin(Partition(session, of: profile))
        case .unpin:
            return .unpin
        case .setConstraint:
            guard let field, let kind = ConstraintKind(sessionField: field) else { return nil }
            switch newValue {
            case .null: return .setConstraint(kind, nil)
            case .number(let x): return .setConstraint(kind, x)
            default: return nil
            }
        case .setPolicy:
            guard case .string(let name) = newValue, let kind = PolicyKind(name: name) else { return nil }
            return .setPolicy(kind)
        case .setBatch:
            guard case .number(let x) = newValue, let n = try? Quantity.batch.check(x) else { return nil }
            return .setBatch(Int(n))
        default:
            return nil
        }
    }
}
