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
    private var forwarding: (target: DashboardInbox, transform: @Sendable (DashboardAction) -> [DashboardAction])?

    public init() {}

    /// Queues an action for the loop's next tick; safe from any thread.
    public func send(_ action: DashboardAction) {
        lock.lock()
        guard let forwarding else {
            actions.append(action)
            lock.unlock()
            return
        }
        // Transformed under this inbox's lock, so one sender's actions keep their order.
        for forwarded in forwarding.transform(action) { forwarding.target.send(forwarded) }
        lock.unlock()
    }

    /// From now on, passes every action through `transform` into `target` instead of keeping it,
    /// starting with those queued here now, in order.
    ///
    /// A feed of several sessions gives each its own inbox and forwards it into the loop's once it
    /// knows how to tag that session's actions.
    public func forward(to target: DashboardInbox, transform: @escaping @Sendable (DashboardAction) -> [DashboardAction]) {
        lock.lock()
        defer { lock.unlock() }
        for action in actions {
            for forwarded in transform(action) { target.send(forwarded) }
        }
        actions.removeAll()
        forwarding = (target, transform)
    }

    /// The actions queued now, left in place (to look at them before forwarding).
    public func peek() -> [DashboardAction] {
        lock.lock()
        defer { lock.unlock() }
        return actions
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
