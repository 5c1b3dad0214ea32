import SplitCost
import SplitPlanners
import SplitSession

/// One frame's decision: the partition to run and, when it changed, why.
public struct ControllerDecision: Hashable, Sendable {
    /// The partition to run this frame.
    public var partition: Partition
    /// The policy's plan behind it (for a pin, the pinned partition's predicted cost).
    public var plan: SplitPlan
    /// The partition in force before this frame (nil on the first frame).
    public var previous: Partition?
    /// Set when the partition changed.
    public var reason: DecisionReason?
    /// Predicted latency in ms of the partitions the controller weighed (chosen first).
    public var candidates: [Candidate]

    /// True when this frame runs a different partition from the last.
    public var changed: Bool { reason != nil }

    public init(partition: Partition, plan: SplitPlan, previous: Partition?, reason: DecisionReason?, candidates: [Candidate]) {
        self.partition = partition
        self.plan = plan
        self.previous = previous
        self.reason = reason
        self.candidates = candidates
    }

    /// A partition the controller considered, with its predicted latency.
    public struct Candidate: Hashable, Sendable {
        public var partition: Partition
        public var predictedMs: Double
        public init(partition: Partition, predictedMs: Double) {
            self.partition = partition
            self.predictedMs = predictedMs
        }
    }
}
