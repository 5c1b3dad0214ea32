import Foundation

/// Operator messages waiting for the next frame: filled from any thread, drained by the frame loop's driver.
///
/// The control port's network threads ``push(_:)`` what clients send; the thread that drives the
/// ``FrameLoop`` calls ``drain()`` once before each frame and hands every message to the loop, so
/// a command takes effect from the next frame and is recorded at that frame's time. The simulator
/// at real-time pace and the live device drain it the same way.
///
/// ```swift
/// let queue = OperatorQueue()
/// queue.push(.command(.unpin))          // from a socket's thread
/// for message in queue.drain() { … }    // before the next frame
/// ```
public final class OperatorQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [OperatorMessage] = []

    public init() {}

    /// Queues a message for the next frame; safe from any thread.
    public func push(_ message: OperatorMessage) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    /// Everything queued since the last drain, oldest first.
    public func drain() -> [OperatorMessage] {
        lock.lock()
        defer { lock.unlock() }
        let taken = messages
        messages.removeAll()
        return taken
    }
}
