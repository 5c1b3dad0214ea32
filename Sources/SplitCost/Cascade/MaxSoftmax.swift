import Foundation

/// A classifier's answer and its max-softmax confidence: AppealNet's documented baseline for
/// deciding whether the device's answer can be trusted.
public struct MaxSoftmax: Hashable, Sendable {
    /// The class with the largest logit (the first on a tie, as numpy's argmax).
    public var predictedClass: Int
    /// Its softmax probability, from 1/classes to 1.
    public var confidence: Double

    /// The answer in `logits`, or `nil` when there are none or one is not finite.
    ///
    /// Computed in Double after subtracting the largest logit, so large logits cannot overflow:
    /// `confidence = 1 / Σ exp(l − max)`.
    ///
    /// ```swift
    /// MaxSoftmax(logits: [0, 0])?.confidence   // 0.5
    /// ```
    public init?(logits: some Collection<Float>) {
        guard !logits.isEmpty, logits.allSatisfy(\.isFinite) else { return nil }
        var best = 0
        var largest = -Float.infinity
        for (i, value) in logits.enumerated() where value > largest {
            best = i
            largest = value
        }
        let total = logits.reduce(0.0) { $0 + Foundation.exp(Double($1) - Double(largest)) }
        predictedClass = best
        confidence = 1 / total
    }
}
