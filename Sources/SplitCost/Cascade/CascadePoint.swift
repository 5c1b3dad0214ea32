/// One point of a cascade's curve: how many inputs were appealed, how many answers were right,
/// and the mean latency and device energy per input.
public struct CascadePoint: Hashable, Sendable {
    /// Which configuration this point describes.
    public enum Kind: Hashable, Sendable {
        /// The device model answers everything.
        case deviceOnly
        /// Every input is sent to the edge model; the device computes nothing.
        case edgeOnly
        /// The device answers, appealing inputs whose confidence is below the threshold.
        case threshold(Double)
    }

    public var kind: Kind
    /// Inputs in the test.
    public var count: Int
    /// Inputs sent to the edge.
    public var appealed: Int
    /// Inputs whose final answer is right.
    public var correct: Int
    /// Mean end-to-end latency per input, in ms.
    public var meanLatencyMs: Double
    /// Mean device energy per input, in mJ.
    public var meanEnergyMJ: Double

    public init(kind: Kind, count: Int, appealed: Int, correct: Int, meanLatencyMs: Double, meanEnergyMJ: Double) {
        self.kind = kind
        self.count = count
        self.appealed = appealed
        self.correct = correct
        self.meanLatencyMs = meanLatencyMs
        self.meanEnergyMJ = meanEnergyMJ
    }

    /// The share of inputs appealed, in percent.
    public var appealRatePct: Double { count == 0 ? 0 : 100 * Double(appealed) / Double(count) }

    /// The share of right answers, in percent.
    public var accuracyPct: Double { count == 0 ? 0 : 100 * Double(correct) / Double(count) }

    /// The threshold, for a cascade point.
    public var threshold: Double? {
        if case .threshold(let t) = kind { return t }
        return nil
    }

    /// Device energy saved against `reference`, in percent of the reference's (negative when this spends more).
    public func energySavedPct(against reference: CascadePoint) -> Double {
        reference.meanEnergyMJ > 0 ? 100 * (1 - meanEnergyMJ / reference.meanEnergyMJ) : 0
    }
}
