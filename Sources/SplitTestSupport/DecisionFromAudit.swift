import SplitSession

/// What a stream of session events says about its decisions' `from`: every decision after a
/// frame must name the partition that frame ran (a dropped frame ran nothing), also when the
/// version changes between them.
///
/// ```swift
/// let audit = DecisionFromAudit(events)
/// #expect(audit.mismatches.isEmpty, "\(audit.mismatches)")
/// #expect(audit.versionChanges == 1)
/// ```
public struct DecisionFromAudit: Sendable {
    /// One line for every decision whose `from` is not the last frame's partition.
    public private(set) var mismatches: [String] = []
    /// Decisions that came after a frame, and so were checked.
    public private(set) var checked = 0
    /// Every decision in the stream.
    public private(set) var decisions = 0
    /// Frames that ran another version than the frame before.
    public private(set) var versionChanges = 0

    public init(_ events: [TimedEvent]) {
        var last: (version: String?, partition: SessionPartition)?
        for event in events {
            switch event.event {
            case .decision(let decision):
                decisions += 1
                guard let last else { continue }
                checked += 1
                if decision.from != last.partition {
                    mismatches.append("at \(event.t): from \(String(describing: decision.from)), the last frame ran \(last.partition)")
                }
            case .frame(let frame) where frame.outcome != .dropped:
                if let last, last.version != frame.version { versionChanges += 1 }
                last = (frame.version, frame.partition)
            default:
                break
            }
        }
    }
}
