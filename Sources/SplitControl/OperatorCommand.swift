import SplitCost
import SplitPlanners

/// An operator's command to the controller: from a dashboard key, a scripted demo, or (later)
/// the network.
public enum OperatorCommand: Hashable, Sendable {
    /// Run this partition from the next frame until unpinned.
    case pin(Partition)
    /// Let the policy decide again.
    case unpin
    /// Set a constraint, or clear it with nil.
    case setConstraint(ConstraintKind, Double?)
    /// Switch the policy.
    case setPolicy(PolicyKind)
    /// Send frames of this many samples as one batch from the next frame.
    case setBatch(Int)
}

extension AdaptiveController {
    /// Applies an operator command and returns what it changed.
    public mutating func apply(_ command: OperatorCommand) -> OperatorRecord {
        switch command {
        case .pin(let partition): pin(partition)
        case .unpin: unpin()
        case .setConstraint(let kind, let value): setConstraint(kind, to: value)
        case .setPolicy(let kind): setPolicy(kind)
        case .setBatch(let n): setBatch(n)
        }
    }
}
