/// One input as an AppealNet cascade sees it: the device model's confidence, whether each model
/// answers it correctly, and what each model's compute cost on it.
///
/// The device model answers every input; the cascade appeals the input to the edge model when the
/// confidence is below its threshold, and the edge's answer is then final.
public struct CascadeSample: Hashable, Sendable {
    /// How sure the device model is of its answer, from 0 to 1 (max softmax probability, or a trained head).
    public var confidence: Double
    /// Whether the device model's answer is right.
    public var deviceCorrect: Bool
    /// Whether the edge model's answer is right.
    public var edgeCorrect: Bool
    /// The device model's compute on this input, in ms.
    public var deviceMs: Double
    /// The edge model's compute on this input, in ms.
    public var edgeMs: Double

    public init(confidence: Double, deviceCorrect: Bool, edgeCorrect: Bool, deviceMs: Double, edgeMs: Double) {
        self.confidence = confidence
        self.deviceCorrect = deviceCorrect
        self.edgeCorrect = edgeCorrect
        self.deviceMs = deviceMs
        self.edgeMs = edgeMs
    }

    /// Whether a cascade with `threshold` appeals this input: its confidence is below the threshold.
    public func isAppealed(at threshold: Double) -> Bool {
        confidence < threshold
    }
}
