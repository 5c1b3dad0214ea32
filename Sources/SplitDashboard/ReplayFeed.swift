import SplitSession

/// Runs the dashboard's effects against a recorded session: the replay side of the one event stream.
///
/// This is where the file is read (through the replay index); `reduce` and `view` never touch it.
/// A seek rebuilds the last two minutes of history from the file, and before them the
/// recording's operator events (found once, when the feed is made), so what the operator had
/// set is in force after the seek. Operator overrides sent to it stay what-if: it answers
/// ``DashboardEffect/sendToController(_:)`` with nothing.
public struct ReplayFeed: DashboardFeed, Sendable {
    public let index: SessionIndex
    /// The recording's operator events, in time order.
    public let operatorEvents: [TimedEvent]

    public init(index: SessionIndex) {
        self.index = index
        var found: [TimedEvent] = []
        let chunk = 4096
        var start = 1
        while start < index.eventCount {
            for event in index.events(in: start..<min(index.eventCount, start + chunk)) {
                if case .operatorAction = event.event { found.append(event) }
            }
            start += chunk
        }
        operatorEvents = found
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
            let earlier = operatorEvents.prefix { $0.t < operatorsBefore }
            return [.loaded(Array(earlier) + events, upTo: at, reset: true)]
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
