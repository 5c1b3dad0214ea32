import SplitControl
import SplitSession

/// Drives a ``FrameLoop`` through whole frames as a device would, with fixed times: the device
/// part as planned, `transferMs` on the link (1 ms unless told), 0.25 ms at the edge, a probe
/// answered in the link's time.
enum FrameDriver {
    /// Runs frame `index` (arriving at `index × spacingS` seconds) to its end, answering every
    /// action in turn (a probe beside a device part too), and returns its events. With `timeOut`
    /// every transfer times out after 100 ms, nothing delivered.
    static func frame(_ loop: inout FrameLoop, _ index: Int, spacingS: Double = 1, transferMs: Double = 1,
                      timeOut: Bool = false) -> [TimedEvent] {
        let at = spacingS * Double(index)
        var step = loop.handle(.frameArrived(frame: index, at: at))
        var events = step.events
        var pending = step.actions
        while !pending.isEmpty {
            let action = pending.removeFirst()
            switch action {
            case .runDevicePart(_, let ms): step = loop.handle(.deviceFinished(ms: ms))
            case .send:
                step = timeOut ? loop.handle(.transferTimedOut(ms: 100, deliveredBytes: 0)) : loop.handle(.transferFinished(ms: transferMs))
            case .awaitEdge: step = loop.handle(.edgeFinished(ms: 0.25))
            case .finishLocally(let ms): step = loop.handle(.localFinished(ms: ms))
            case .sendProbe: step = loop.handle(.probeFinished(at: at, result: .answered(airtimeMs: transferMs)))
            }
            events += step.events
            pending += step.actions
        }
        return events
    }
}
