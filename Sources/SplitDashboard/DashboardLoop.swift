import SplitDashboard
import SplitTerminal

/// Runs the Elm loop on a terminal backend: read a key or wait a tick, reduce, run effects, draw if changed.
///
/// All effects happen here: the feed answers load/seek/step effects with actions; drawing goes
/// through the backend, which writes only the cells that changed.
struct DashboardLoop {
    var state: DashboardState
    let feed: ReplayFeed
    /// Milliseconds between ticks when no key arrives (10 Hz).
    var tickMs = 100
    /// Stop after this many ticks (benchmarks); nil runs until the user quits.
    var maximumTicks: Int?

    /// Runs until the user quits; returns the final state.
    mutating func run(on backend: some TerminalBackend, initial effects: [DashboardEffect]) -> DashboardState {
        let clock = ContinuousClock()
        var last = clock.now
        state.size = backend.size
        var pending = effects.flatMap(feed.perform)
        var drawn: DashboardState?
        var ticks = 0
        while maximumTicks.map({ ticks < $0 }) ?? true {
            ticks += 1
            for action in pending {
                if dispatch(action) { return state }
            }
            pending.removeAll()
            if drawn != state {
                backend.present(DashboardView.render(state, size: state.size))
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

    /// Reduces one action and everything its effects lead to; true when the user quit.
    private mutating func dispatch(_ action: DashboardAction) -> Bool {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in state.reduce(next) {
                if effect == .quit { return true }
                queue.append(contentsOf: feed.perform(effect))
            }
        }
        return false
    }
}
