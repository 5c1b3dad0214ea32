import Foundation
import SplitSession

/// Runs the dashboard's effects against a recorded session: the replay side of the one event stream.
///
/// This is where the file is read (through the replay index); `reduce` and `view` never touch it.
/// A seek rebuilds the last two minutes of history from the file, and before them the
/// recording's operator events, so what the operator set is in force after the seek. They are
/// found by decoding the file up to the furthest seek so far, once (a replay that only plays
/// forward never scans). Operator overrides sent to it stay what-if: it answers
/// ``DashboardEffect/sendToController(_:)`` with nothing.
public struct ReplayFeed: DashboardFeed, Sendable {
    public let index: SessionIndex
    private let scan: OperatorScan

    public init(index: SessionIndex) {
        self.index = index
        scan = OperatorScan()
    }

    /// The recording's operator events before time `t`, in time order.
    public func operatorEvents(before t: Double) -> [TimedEvent] {
        scan.events(before: t, in: index)
    }

    /// Lines of the file that were skipped as unreadable.
    public var skippedLines: Int {
        index.diagnostics.filter { $0.kind == .skippedLine }.count
    }

    /// The actions that answer an effect (none for `quit`).
    public func perform(_ effect: DashboardEffect) -> [DashboardAction] {
        switch effect {
        case .load(let from, let to):
            return [.loaded(events(from: from, to: to), upTo: to, reset: false)]
        case .reload(let at):
            let start = max(0, at - DashboardState.historySeconds)
            var events = events(from: start, to: at)
            var operatorsBefore = start
            // Keep the latest frame before the window so the current split is known.
            if !events.contains(where: { if case .frame = $0.event { true } else { false } }) {
                events = lastFrame(before: at).map { [$0] } ?? []
                operatorsBefore = at
            }
            // What the operator set before the window is still in force.
            return [.loaded(operatorEvents(before: operatorsBefore) + events, upTo: at, reset: true)]
        case .step(let after):
            var i = index.firstEvent(atOrAfter: after + 1e-9)
            while i < index.eventCount {
                if let event = index.event(at: i), case .frame(let frame) = event.event, frame.outcome != .dropped {
                    return [.loaded(events(from: after + 1e-9, to: event.t + 1e-9), upTo: event.t, reset: false)]
                }
                i += 1
            }
            return []
        case .sendToController, .quit:
            return []
        }
    }

    /// Events with from ≤ t < to, without the header.
    private func events(from: Double, to: Double) -> [TimedEvent] {
        guard to > from else { return [] }
        return index.events(from: from, to: to).filter { if case .session = $0.event { false } else { true } }
    }

    private func lastFrame(before t: Double) -> TimedEvent? {
        var i = index.firstEvent(atOrAfter: t) - 1
        while i >= 0 {
            if let event = index.event(at: i), case .frame = event.event { return event }
            i -= 1
        }
        return nil
    }
}

/// The operator events of a recording, found by decoding it as far as seeks have needed.
private final class OperatorScan: @unchecked Sendable {
    private let lock = NSLock()
    /// The next event index to decode (0 is the header).
    private var next = 1
    private var found: [TimedEvent] = []

    func events(before t: Double, in index: SessionIndex) -> [TimedEvent] {
        lock.lock()
        defer { lock.unlock() }
        let end = index.firstEvent(atOrAfter: t)
        while next < end {
            let upper = min(end, next + 4096)
            for event in index.events(in: next..<upper) {
                if case .operatorAction = event.event { found.append(event) }
            }
            next = upper
        }
        return Array(found.prefix { $0.t < t })
    }
}
