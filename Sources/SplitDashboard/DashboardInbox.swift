import Foundation

/// Actions pushed into the dashboard loop from other threads or tasks (bubbletea's `Program.Send`).
///
/// A live feed's network code, a timer or a signal watcher calls ``send(_:)`` from wherever it
/// runs; the loop, on the one thread that owns the terminal, takes everything with ``drain()``
/// once per tick and reduces it in order. Nothing but the loop ever draws.
///
/// ```swift
/// let inbox = loop.inbox
/// Thread { inbox.send(.notice("edge connected")) }.start()
/// ```
public final class DashboardInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [DashboardAction] = []

    public init() {}

    /// Queues an action for the loop's next tick; safe from any thread.
    public func send(_ action: DashboardAction) {
        lock.lock()
        actions.append(action)
        lock.unlock()
    }

    /// Everything queued since the last drain, oldest first.
    public func drain() -> [DashboardAction] {
        lock.lock()
        defer { lock.unlock() }
        let taken = actions
        actions.removeAll()
        return taken
    }
}
