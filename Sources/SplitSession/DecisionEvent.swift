/// The controller chose a partition: what it left, what it took, and why.
public struct DecisionEvent: Hashable, Sendable {
    /// The partition before, absent for the first decision of a session.
    public var from: SessionPartition?
    /// The partition chosen.
    public var to: SessionPartition
    /// The model version chosen, by its name in the header's `versions`: `to` is a partition of
    /// its layers. Nil for a session of one model, and in files before 1.5 (a reader then learns
    /// the version from the frames).
    public var version: String?
    /// What prompted the decision.
    public var reason: DecisionReason
    /// How long deciding took, in microseconds.
    public var decisionMicros: Double?
    /// The chosen partition's predicted latency, in ms.
    public var predictedMs: Double?
    /// The partitions weighed, best first; writers may keep only the first few.
    public var candidates: [DecisionCandidate]

    public init(from: SessionPartition?, to: SessionPartition, version: String? = nil, reason: DecisionReason,
                decisionMicros: Double? = nil, predictedMs: Double? = nil, candidates: [DecisionCandidate] = []) {
        self.from = from
        self.to = to
        self.version = version
        self.reason = reason
        self.decisionMicros = decisionMicros
        self.predictedMs = predictedMs
        self.candidates = candidates
    }
}
