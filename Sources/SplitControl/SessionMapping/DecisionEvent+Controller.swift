import SplitModels
import SplitSession

extension DecisionEvent {
    /// The session event for a controller decision that changed the partition; `micros` is the
    /// time deciding took by the session's clock (nil when that clock does not measure it).
    /// `fromProfile` is the profile the previous partition belongs to when it differs (a change of
    /// model version); by default `profile`. `version` names the model version `profile` is (nil
    /// for a session of one model).
    public init(_ decision: ControllerDecision, profile: ModelProfile, fromProfile: ModelProfile? = nil, version: String? = nil,
                micros: Double?, keepCandidates: Int = 4) {
        let before = fromProfile ?? profile
        self.init(from: decision.previous.map { SessionPartition($0, of: before) },
                  to: SessionPartition(decision.partition, of: profile), version: version,
                  reason: decision.reason ?? .start, decisionMicros: micros, predictedMs: decision.plan.cost.latencyMs,
                  candidates: decision.candidates.prefix(keepCandidates).map {
                      DecisionCandidate(partition: SessionPartition($0.partition, of: profile), predictedMs: $0.predictedMs)
                  })
    }
}
