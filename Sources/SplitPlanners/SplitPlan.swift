import SplitCost

/// A policy's answer: the partition, what it costs, and which constraints shaped it.
public struct SplitPlan: Hashable, Sendable {
    /// The policy that made it (`mincut`, `static:3`, …).
    public var policy: String
    public var partition: Partition
    /// The split index when the device part is a prefix of the topological order.
    public var split: Int?
    /// Costs under the request's link after any bandwidth cap.
    public var cost: CostBreakdown
    /// What the policy minimised.
    public var objective: PlanningObjective
    /// Constraints that moved the answer away from the unconstrained optimum.
    public var binding: [ConstraintKind]
    /// Constraints the plan still breaks because nothing satisfied them (least-violating fallback).
    public var violated: [ConstraintKind]
    /// True when a neighbour search found the answer without the global search improving it (GADS).
    public var foundNearCurrent: Bool?

    public init(policy: String, partition: Partition, cost: CostBreakdown, objective: PlanningObjective,
                binding: [ConstraintKind] = [], violated: [ConstraintKind] = [], foundNearCurrent: Bool? = nil) {
        self.policy = policy
        self.partition = partition
        self.split = partition.prefixSplit
        self.cost = cost
        self.objective = objective
        self.binding = binding
        self.violated = violated
        self.foundNearCurrent = foundNearCurrent
    }

    /// True when the plan meets every constraint.
    public var isFeasible: Bool { violated.isEmpty }
}

/// What a plan minimises.
public enum PlanningObjective: String, Hashable, Sendable {
    /// End-to-end latency.
    case latency
    /// Device energy subject to the latency SLO (below the battery floor).
    case energy
}
