import SplitControl
import SplitSession

/// Drives a ``FrameLoop`` through whole frames as a device would, with fixed times: the device
/// part as planned, 1 ms on the link, 0.25 ms at the edge, a probe answered in 1 ms.
enum FrameDriver {
    /// Runs frame `index` (arriving at `index` seconds) to its end, answering every action in
    /// turn (a probe beside a device part too), and returns its events.
    static func frame(_ loop: inout FrameLoop, _ index: Int) -> [TimedEvent] {
        var step = loop.handle(.frameArrived(frame: index, at: Double(index)))
        var events = step.events
        var pending = step.actions
        while !pending.isEmpty {
            let action = pending.removeFirst()
            switch action {
            case .runDevicePart(_, let ms): step = loop.handle(.deviceFinished(ms: ms))
            case .send: step = loop.handle(.transferFinished(ms: 1))
            case .awaitEdge: step = loop.handle(.edgeFinished(ms: 0.25))
            case .finishLocally(let ms): step = loop.handle(.localFinished(ms: ms))
            case .sendProbe: step = loop.handle(.probeFinished(at: Double(index), result: .answered(airtimeMs: 1)))
            }
            events += step.events
            pending += step.actions
        }
        return events
    }
}
