import SplitTraces

/// The emulated uplink: how long the sender holds a payload so that it crosses a loopback
/// connection as it would cross the link a bandwidth trace describes.
///
/// The device and the edge talk over loopback, which is far faster than any radio link. With a
/// trace, the sender holds each payload for the time the trace needs to deliver its bytes,
/// integrated over that transfer's own time from the moment it starts (``BandwidthTrace/transferTime(bytes:startingAt:)``,
/// the same integral the simulator uses), then hands it to the socket. A transfer the trace
/// cannot finish within the device's timeout is given up after the timeout, with the bytes the
/// trace would have delivered by then. Without a trace nothing is held: the payload goes at
/// loopback's real speed and its measured time is what the controller sees.
///
/// The RTT is paid once per request, on top, by the sender (``rttMs``).
///
/// ```swift
/// let shaper = UplinkShaper(trace: trace, rttMs: 20)
/// switch shaper.plan(bytes: 50_176, startingAt: 12.5, timeoutMs: 300) {
/// case .deliver(let holdMs): …                       // sleep holdMs, then send
/// case .giveUp(let afterMs, let deliveredBytes): …   // sleep afterMs, then finish locally
/// }
/// ```
public struct UplinkShaper: Sendable {
    /// The trace the uplink follows, or nil for loopback at its own speed.
    public let trace: BandwidthTrace?
    /// Round-trip time added to every request, in ms.
    public let rttMs: Double

    public init(trace: BandwidthTrace?, rttMs: Double) {
        self.trace = trace
        self.rttMs = rttMs.isFinite ? max(0, rttMs) : 0
    }

    /// What the sender does with one payload, the link capped at `capMbps` when given (the
    /// device's share of an edge's shared uplink): the payload takes the longer of the trace's
    /// time and its time at the cap.
    public enum Plan: Hashable, Sendable {
        /// Hold the payload this long (ms), then send it.
        case deliver(holdMs: Double)
        /// The link cannot deliver it in time: give up after `afterMs`, with `deliveredBytes` through.
        case giveUp(afterMs: Double, deliveredBytes: Int)
    }

    /// How a payload of `bytes` that starts at session time `t` (s) crosses the link, given up
    /// after `timeoutMs`.
    public func plan(bytes: Int, startingAt t: Double, timeoutMs: Double, capMbps: Double? = nil) -> Plan {
        let cap = capMbps.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        let capMs = cap.map { Double(max(0, bytes)) * 8 / ($0 * 1000) } ?? 0
        let timeout = timeoutMs.isFinite ? max(0, timeoutMs) : 0
        guard let trace else {
            if capMs <= timeout { return .deliver(holdMs: capMs) }
            return .giveUp(afterMs: timeout, deliveredBytes: Int(Double(max(0, bytes)) * timeout / capMs))
        }
        if let seconds = trace.transferTime(bytes: bytes, startingAt: t), max(seconds * 1000, capMs) <= timeout {
            return .deliver(holdMs: max(seconds * 1000, capMs))
        }
        var delivered = trace.bytesDelivered(from: t, to: t + timeout / 1000)
        if let cap { delivered = min(delivered, cap * 1000 * timeout / 8) }
        return .giveUp(afterMs: timeout, deliveredBytes: Int(min(max(0, delivered), Double(max(0, bytes)))))
    }

    /// The rate the trace gives at session time `t` in Mbit/s, or nil without a trace.
    public func rateMbps(at t: Double) -> Double? {
        trace?.rate(at: t)
    }
}
