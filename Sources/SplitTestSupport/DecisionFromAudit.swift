import SplitSession

/// What a stream of session events says about its decisions' `from`, `to` and `version`: every
/// decision after a frame must name the partition that frame ran (a dropped frame ran nothing),
/// also when the version changes between them, and the next frame must run the partition and
/// the version the decision names (since 1.5 a decision of a session of versions names its
/// version). Each device of a stream of several is audited on its own.
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
    /// One line for every decision whose next frame ran another partition or version than it names.
    public private(set) var toMismatches: [String] = []
    /// Decisions that name a model version.
    public private(set) var decisionsNamingVersion = 0

    public init(_ events: [TimedEvent]) {
        var last: [String?: (version: String?, partition: SessionPartition)] = [:]
        var pending: [String?: (t: Double, decision: DecisionEvent)] = [:]
        for event in events {
            let device = event.device
            switch event.event {
            case .decision(let decision):
                decisions += 1
                if decision.version != nil { decisionsNamingVersion += 1 }
                pending[device] = (event.t, decision)
                guard let last = last[device] else { continue }
                checked += 1
                if decision.from != last.partition {
                    mismatches.append("at \(event.t): from \(String(describing: decision.from)), the last frame ran \(last.partition)")
                }
            case .frame(let frame):
                if let (t, decision) = pending.removeValue(forKey: device),
                   decision.to != frame.partition || decision.version != frame.version {
                    toMismatches.append("at \(t): to \(decision.to) of version \(decision.version ?? "-"), "
                        + "the next frame ran \(frame.partition) of version \(frame.version ?? "-")")
                }
                guard frame.outcome != .dropped else { continue }
                if let before = last[device], before.version != frame.version { versionChanges += 1 }
                last[device] = (frame.version, frame.partition)
            default:
                break
            }
        }
    }
}
