/// The controller chose a partition: what it left, what it took, and why.
public struct DecisionEvent: Hashable, Sendable {
    /// The partition before, absent for the first decision of a session.
    public var from: SessionPartition?
    /// The partition chosen.
    public var to: SessionPartition
    /// What prompted the decision.
    public var reason: DecisionReason
    /// How long deciding took, in microseconds.
    public var decisionMicros: Double?
    /// The chosen partition's predicted latency, in ms.
    public var predictedMs: Double?
    /// The partitions weighed, best first; writers may keep only the first few.
    public var candidates: [DecisionCandidate]

    public init(from: SessionPartition?, to: SessionPartition, reason: DecisionReason, decisionMicros: Double? = nil,
                predictedMs: Double? = nil, candidates: [DecisionCandidate] = []) {
        self.from = from
        self.to = to
        self.reason = reason
        self.decisionMicros = decisionMicros
        self.predictedMs = predictedMs
        self.candidates = candidates
    }
}
