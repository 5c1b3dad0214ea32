/// An event with its time and the device it concerns: one line of a session.
///
/// ```swift
/// let line = TimedEvent(t: 12.4, event: .link(LinkEvent(bandwidthMbps: 8.5, rttMs: 31, source: .trace)))
/// ```
public struct TimedEvent: Hashable, Sendable {
    /// Seconds since the session started (the header's `start_time`); never negative.
    public var t: Double
    /// Which device the event concerns, when an edge serves several; `nil` for the only one.
    public var device: String?
    public var event: SessionEvent

    public init(t: Double, device: String? = nil, event: SessionEvent) {
        self.t = t
        self.device = device
        self.event = event
    }
}
