import SplitTerminal

/// Runs the Elm loop on a terminal backend: read a key or wait a tick, drain the inbox, reduce,
/// run effects through the feed, draw if changed.
///
/// All effects happen here, on the thread that owns the terminal: the feed answers load, seek
/// and step effects (and, for a live session, operator commands) with actions; other threads
/// push actions into ``inbox``; a quit signal the backend recorded (SIGINT, SIGTERM, …) becomes
/// ``DashboardAction/terminate(signal:)``; drawing goes through the backend, which writes only
/// the cells that changed.
public struct DashboardLoop<Feed: DashboardFeed> {
    public var state: DashboardState
    public let feed: Feed
    /// Where other threads and tasks send actions; drained every tick.
    public let inbox: DashboardInbox
    /// Milliseconds between ticks when no key arrives (10 Hz).
    public var tickMs = 100
    /// Stop after this many ticks (benchmarks, tests); nil runs until the user quits.
    public var maximumTicks: Int?
    /// The signal that ended the loop, when one did (the program should exit with 128 + it).
    public private(set) var quitSignal: Int32?
    /// Whether the loop ended by a quit (a key, a signal or an action), not by ``maximumTicks``.
    public private(set) var didQuit = false
    /// Called after the first frame is drawn (a hook for end-to-end tests).
    public var afterFirstFrame: (() -> Void)?

    public init(state: DashboardState, feed: Feed, inbox: DashboardInbox = DashboardInbox()) {
        self.state = state
        self.feed = feed
        self.inbox = inbox
    }

    /// Runs until the user quits (or ``maximumTicks``); returns the final state.
    public mutating func run(on backend: some TerminalBackend, initial effects: [DashboardEffect]) -> DashboardState {
        let clock = ContinuousClock()
        var last = clock.now
        state.size = backend.size
        var pending = effects.flatMap { feed.perform($0, shownDevice: state.shownDeviceID) }
        var drawn: DashboardState?
        var ticks = 0
        while maximumTicks.map({ ticks < $0 }) ?? true {
            ticks += 1
            if let signal = backend.takeQuitSignal() { pending.append(.terminate(signal: signal)) }
            pending.append(contentsOf: inbox.drain())
            for action in pending {
                if case .terminate(let signal) = action { quitSignal = signal }
                if dispatch(action) {
                    didQuit = true
                    return state
                }
            }
            pending.removeAll()
            if drawn != state {
                backend.present(DashboardView.render(state, size: state.size))
                if drawn == nil, let afterFirstFrame { afterFirstFrame() }
                drawn = state
            }
            let key = backend.readKey(timeoutMs: tickMs)
            let now = clock.now
            let elapsed = now - last
            last = now
            if let key {
                if key == .resize {
                    pending.append(.resize(backend.size))
                    backend.requestFullRedraw()
                } else {
                    pending.append(.key(key))
                }
            }
            pending.append(.tick(elapsed: elapsed / .seconds(1)))
        }
        return state
    }

    /// Reduces one action and everything its effects lead to; true when the dashboard quits.
    private mutating func dispatch(_ action: DashboardAction) -> Bool {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in state.reduce(next) {
                if effect == .quit { return true }
                queue.append(contentsOf: feed.perform(effect, shownDevice: state.shownDeviceID))
            }
        }
        return false
    }
}
