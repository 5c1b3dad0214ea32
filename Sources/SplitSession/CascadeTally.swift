/// How an AppealNet cascade's frames were answered: on the device or appealed to the edge, and
/// how many of the labelled ones were right.
///
/// Folds `frame` events that carry `answered` (since 1.2); frames without it are not counted, so
/// a session that is not a cascade has an empty tally.
public struct CascadeTally: Hashable, Sendable {
    /// Frames the device model answered.
    public private(set) var answeredOnDevice = 0
    /// Frames appealed to, and answered by, the edge model.
    public private(set) var appealed = 0
    /// Frames whose `correct` was recorded, and how many of them were right.
    public private(set) var labelled = 0
    public private(set) var correct = 0
    /// The sum of the recorded confidences, and how many there were.
    public private(set) var confidenceSum = 0.0
    public private(set) var confidences = 0

    public init() {}

    /// Takes one frame.
    public mutating func add(_ frame: FrameEvent) {
        switch frame.answered {
        case FrameAnswerer.device?: answeredOnDevice += 1
        case FrameAnswerer.edge?: appealed += 1
        default: return
        }
        if let right = frame.correct {
            labelled += 1
            if right { correct += 1 }
        }
        if let confidence = frame.confidence {
            confidenceSum += confidence
            confidences += 1
        }
    }

    /// Frames answered by either model.
    public var answered: Int { answeredOnDevice + appealed }

    /// Whether any cascade frame was seen.
    public var isEmpty: Bool { answered == 0 }

    /// The share of answered frames that were appealed, in percent (nil without any).
    public var appealRatePct: Double? {
        answered == 0 ? nil : 100 * Double(appealed) / Double(answered)
    }

    /// The share of labelled frames answered right, in percent (nil without any).
    public var accuracyPct: Double? {
        labelled == 0 ? nil : 100 * Double(correct) / Double(labelled)
    }

    /// The mean recorded confidence (nil without any).
    public var meanConfidence: Double? {
        confidences == 0 ? nil : confidenceSum / Double(confidences)
    }
}
