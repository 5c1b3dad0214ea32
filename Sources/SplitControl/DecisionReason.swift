/// Why the controller changed the partition.
public enum DecisionReason: String, Hashable, Sendable, CaseIterable {
    /// The first decision of a session.
    case start
    /// The bandwidth estimate moved enough to make another partition better.
    case bandwidth
    /// The battery crossed the floor, so the objective changed.
    case battery
    /// The operator changed a constraint.
    case constraint
    /// The operator pinned a partition.
    case operatorPin = "operator_pin"
    /// The operator released a pin.
    case operatorUnpin = "operator_unpin"
    /// The operator changed the policy.
    case policy
    /// The edge became unreachable, or came back.
    case fault
}
