import SplitSession

/// Runs the dashboard's effects against a recorded session: the replay side of the one event stream.
///
/// This is where the file is read (through the replay index); `reduce` and `view` never touch it.
public struct ReplayFeed: Sendable {
    public let index: SessionIndex

    public init(index: SessionIndex) {
        self.index = index
    }

    /// The actions that answer an effect (none for `quit`).
    public func perform(_ effect: DashboardEffect) -> [DashboardAction] {
        switch effect {
        case .load(let from, let to):
            return [.loaded(events(from: from, to: to), upTo: to, reset: false)]
        case .reload(let at):
            let start = max(0, at - DashboardState.historySeconds)
            var events = events(from: start, to: at)
            // Keep the latest decision before the window so the current split is known.
            if !events.contains(where: { if case .frame = $0.event { true } else { false } }) {
                events = lastFrame(before: at).map { [$0] } ?? []
            }
            return [.loaded(events, upTo: at, reset: true)]
        case .step(let after):
            var i = index.firstEvent(atOrAfter: after + 1e-9)
            while i < index.eventCount {
                if let event = index.event(at: i), case .frame(let frame) = event.event, frame.outcome != .dropped {
                    return [.loaded(events(from: after + 1e-9, to: event.t + 1e-9), upTo: event.t, reset: false)]
                }
                i += 1
            }
            return []
        case .quit:
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
