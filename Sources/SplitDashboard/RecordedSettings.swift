import SplitControl
import SplitJSON
import SplitModels
import SplitPlanners
import SplitSession

/// What the recorded controller ran under at the replay clock: its policy, constraints and pin.
///
/// It starts from the session header and follows the recording's `operator` events, so the
/// gauges, the header, the pin marker and the prompts' hints show what was in force at each
/// moment. A seek rebuilds it from the header and the operator events before the new time.
public struct RecordedSettings: Hashable, Sendable {
    /// The policy as the recording names it, read once (`oracle` too, which no controller here can run).
    public var recordedPolicy: RecordedPolicy
    public var constraints: PlanningConstraints
    /// The split the operator pinned, when the recording had one pinned.
    public var pinned: SessionPartition?
    /// Samples per frame the operator set (`set_batch`); 1 until one did.
    public var batch = 1

    public init(recordedPolicy: RecordedPolicy, constraints: PlanningConstraints, pinned: SessionPartition? = nil) {
        self.recordedPolicy = recordedPolicy
        self.constraints = constraints
        self.pinned = pinned
    }

    /// The settings a session starts with, from its header.
    public init(context: SessionContext) {
        self.init(recordedPolicy: context.recordedPolicy, constraints: context.constraints)
    }

    /// The policy's name as the recording gives it.
    public var policyName: String { recordedPolicy.name }

    /// The policy a what-if starts from: the recorded one, or min-cut when this build cannot run it.
    public var policy: PolicyKind { recordedPolicy.own ?? .mincut }

    /// Applies one recorded operator action; returns false when it names something this build does not know.
    @discardableResult
    public mutating func apply(_ event: OperatorEvent, layerCount: Int) -> Bool {
        switch event.action {
        case .setPolicy:
            guard case .string(let name) = event.newValue else { return false }
            // A device that followed its edge goes on following it under another adaptive policy.
            recordedPolicy = recordedPolicy.setting(name)
        case .setConstraint:
            guard let field = event.field, let kind = ConstraintKind(sessionField: field) else { return false }
            let value: Double?
            switch event.newValue {
            case .null: value = nil
            case .number(let x):
                // A recorded value outside the accepted range is not applied: the gauges would lie.
                guard kind.quantity(layerCount: layerCount).accepts(x) else { return false }
                value = x
            default: return false
            }
            constraints.set(kind, to: value)
        case .pin:
            guard let partition = try? SessionEventCodec.decodePartition(event.newValue) else { return false }
            // A split beyond the model is not understood (shown so in the log), never clamped.
            if case .split(let k) = partition, !(0...layerCount).contains(k) { return false }
            pinned = partition
        case .unpin:
            pinned = nil
        case .setBatch:
            // A recorded size outside the catalogue's range is not applied, like a constraint.
            guard case .number(let x) = event.newValue, Quantity.batch.accepts(x) else { return false }
            batch = Int(x)
        default:
            return false
        }
        return true
    }
}
