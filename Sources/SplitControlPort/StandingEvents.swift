import SplitSession

/// The events of a running session that still stand: what a subscriber who arrives late needs,
/// after the header, to show the session as it is now rather than as it started.
///
/// Most of a session's state comes back by itself within a second (every frame names its
/// partition, version and battery; link samples come every second), but some is said once and
/// then holds until it changes:
/// - the edge's allocation among its devices (the last `shares` event), which a stable edge may
///   never repeat;
/// - what the operator set (`operator` events: policy, each constraint, the pin, the batch), which
///   the header does not show;
/// - a lost edge (an `edge_lost` or `edge_timeout` fault not yet followed by `edge_back`);
/// - the controller's last decision (its reason, and the log line that says where the split is);
/// - when that decision changed the model version, the last frame of the version before it: a
///   decision names only the version it chose, and without that frame a newcomer would read the
///   change (`p50 → full, split 0`) as the first version seen (`split 0 → 0`).
///
/// Each is kept per device (a stream of several devices keeps each one's), the latest of a kind
/// replacing the one before, so the set stays small however long the session runs. ``events``
/// gives them in the order they were published, with their own times.
///
/// ```swift
/// var standing = StandingEvents()
/// standing.keep(TimedEvent(t: 3, event: .shares(shares)))
/// standing.keep(TimedEvent(t: 4, event: .frame(frame)))     // a frame does not stand
/// standing.events                                          // [the shares event at t = 3]
/// ```
public struct StandingEvents: Equatable, Sendable {
    /// What a kept event stands for: one slot per device and kind, the latest event filling it.
    private struct Slot: Hashable, Sendable {
        var device: String?
        var kind: String
    }

    private var kept: [Slot: (order: Int, event: TimedEvent)] = [:]
    /// Each device's last frame that named its version, in case a decision changes the version.
    private var lastVersionedFrame: [String?: (order: Int, event: TimedEvent)] = [:]
    private var published = 0

    public init() {}

    public static func == (lhs: StandingEvents, rhs: StandingEvents) -> Bool {
        lhs.events == rhs.events
    }

    /// Takes one published event: keeps it when it stands, in place of the one it replaces.
    public mutating func keep(_ timed: TimedEvent) {
        published += 1
        if case .frame(let frame) = timed.event, frame.version != nil {
            lastVersionedFrame[timed.device] = (published, timed)
        }
        if case .decision(let decision) = timed.event {
            // The frame before a change of version stands with the decision; any other decision drops it.
            // A device alone on its edge tags nothing: its untagged frames are its own too.
            let before = [lastVersionedFrame[timed.device], lastVersionedFrame[nil]].compactMap { $0 }.max { $0.order < $1.order }
            let changed = before.map { Self.version(of: $0.event) != decision.version } ?? false
            kept[Self.frameBeforeDecision(timed.device)] = decision.version != nil && changed ? before : nil
        }
        guard let slot = Self.slot(of: timed) else { return }
        if case .fault(let fault) = timed.event, !fault.kind.leavesEdge {
            // The edge answering again is how a session starts: nothing to say to a newcomer.
            kept[slot] = nil
        } else {
            kept[slot] = (published, timed)
        }
    }

    /// Whether `timed` is the event standing in its slot now (a repeat of what was kept).
    public func holds(_ timed: TimedEvent) -> Bool {
        if case .frame = timed.event { return kept[Self.frameBeforeDecision(timed.device)]?.event == timed }
        return Self.slot(of: timed).flatMap { kept[$0]?.event } == timed
    }

    /// The slot of the frame that ran before a decision changed the version of `device`.
    private static func frameBeforeDecision(_ device: String?) -> Slot {
        Slot(device: device, kind: "frame before the decision")
    }

    /// The model version a frame names.
    private static func version(of timed: TimedEvent) -> String? {
        if case .frame(let frame) = timed.event { return frame.version }
        return nil
    }

    /// The slot an event fills, or nil when it does not stand.
    private static func slot(of timed: TimedEvent) -> Slot? {
        switch timed.event {
        case .shares:
            // One edge per stream: its allocation names every device, so it has one slot.
            Slot(device: nil, kind: "shares")
        case .operatorAction(let action):
            Slot(device: timed.device, kind: setting(of: action))
        case .fault:
            Slot(device: timed.device, kind: "edge")
        case .decision:
            Slot(device: timed.device, kind: "decision")
        case .session, .frame, .link, .battery, .note, .probe:
            nil
        }
    }

    /// The standing events, in the order they were published.
    public var events: [TimedEvent] {
        kept.values.sorted { $0.order < $1.order }.map(\.event)
    }

    /// The setting an operator event changes: a later event on the same setting replaces it
    /// (an unpin replaces the pin it released).
    private static func setting(of event: OperatorEvent) -> String {
        switch event.action {
        case .pin, .unpin: "operator pin"
        case .setConstraint: "operator constraint \(event.field ?? "")"
        case .setPolicy: "operator policy"
        case .setBatch: "operator batch"
        default: "operator \(event.action.rawValue) \(event.field ?? "")"
        }
    }
}
