/// One thing that happened in a session, without its time.
///
/// The same events flow from a live device/edge pair, from the simulator, and from a
/// recording, so a dashboard consumes them without knowing which. Each case is one `"type"`
/// in the file (see `docs/session-format.md`); ``TimedEvent`` adds the time and device id.
public enum SessionEvent: Hashable, Sendable {
    /// `"session"`: the header, always the first line.
    case session(SessionHeader)
    /// `"frame"`: one inference.
    case frame(FrameEvent)
    /// `"link"`: a bandwidth/RTT sample.
    case link(LinkEvent)
    /// `"battery"`: a battery sample.
    case battery(BatteryEvent)
    /// `"decision"`: the controller chose a partition.
    case decision(DecisionEvent)
    /// `"operator"`: an operator acted from the dashboard.
    case operatorAction(OperatorEvent)
    /// `"fault"`: the edge was lost or came back.
    case fault(FaultEvent)
    /// `"note"`: free text.
    case note(NoteEvent)
    /// `"probe"`: a link probe ended (since 1.1).
    case probe(ProbeEvent)
    /// `"shares"`: an edge divided its compute and uplink among its devices (since 1.3).
    case shares(SharesEvent)

    /// The `"type"` written for this event.
    public var typeName: String {
        switch self {
        case .session: "session"
        case .frame: "frame"
        case .link: "link"
        case .battery: "battery"
        case .decision: "decision"
        case .operatorAction: "operator"
        case .fault: "fault"
        case .note: "note"
        case .probe: "probe"
        case .shares: "shares"
        }
    }
}
