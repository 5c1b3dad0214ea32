/// A partition the controller weighed, with its predicted latency.
public struct DecisionCandidate: Hashable, Sendable {
    public var partition: SessionPartition
    /// Predicted end-to-end latency, in ms.
    public var predictedMs: Double

    public init(partition: SessionPartition, predictedMs: Double) {
        self.partition = partition
        self.predictedMs = predictedMs
    }
}
