import Foundation
import NIOCore
import SplitSession

/// Publishes a running session's event stream to every subscribed control-port client.
///
/// The session's thread calls ``publish(_:)`` for each event as it is recorded; the publisher
/// encodes it once and hands it to each subscriber's channel without waiting. Every subscriber
/// has a bounded queue (``capacity`` lines written to it but not yet taken by its socket): one
/// that falls that far behind — a stalled or very slow client — is dropped (its connection
/// closed), so no client can slow the session or make the port hold unbounded memory. A new
/// subscriber gets the header first, then every event from then on.
public final class SessionPublisher: @unchecked Sendable {
    /// Lines a subscriber may have outstanding before it is dropped.
    public let capacity: Int
    private let lock = NSLock()
    private var header: ByteBuffer?
    private var subscribers: [ObjectIdentifier: Subscriber] = [:]
    private var droppedCount = 0

    private final class Subscriber: @unchecked Sendable {
        let channel: any Channel
        /// Lines handed to the channel and not yet written to its socket (guarded by the publisher's lock).
        var pending = 0

        init(channel: any Channel) {
            self.channel = channel
        }
    }

    public init(capacity: Int = 4_096) {
        self.capacity = max(1, capacity)
    }

    /// Sets the header a subscriber gets first (the session's `session` line).
    public func setHeader(_ header: SessionHeader, device: String? = nil) {
        let line = SessionEventCodec.line(for: TimedEvent(t: 0, device: device, event: .session(header)))
        lock.lock()
        self.header = ByteBuffer(bytes: line)
        lock.unlock()
    }

    /// Sends one event to every subscriber; never blocks on a client.
    public func publish(_ event: TimedEvent) {
        publish(line: ByteBuffer(bytes: SessionEventCodec.line(for: event)))
    }

    /// How many clients are subscribed now.
    public var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    /// How many subscribers were dropped for falling behind.
    public var dropped: Int {
        lock.lock()
        defer { lock.unlock() }
        return droppedCount
    }

    /// Closes every subscriber's connection (the session is over); they see the stream end.
    public func closeAll() {
        lock.lock()
        let all = Array(subscribers.values)
        subscribers.removeAll()
        lock.unlock()
        for subscriber in all {
            subscriber.channel.close(promise: nil)
        }
    }

    /// Adds a client: it gets the header, then every event published from now on.
    func subscribe(_ channel: any Channel) {
        lock.lock()
        let id = ObjectIdentifier(channel)
        guard subscribers[id] == nil else {
            lock.unlock()
            return
        }
        let subscriber = Subscriber(channel: channel)
        subscribers[id] = subscriber
        let header = self.header
        if header != nil { subscriber.pending += 1 }
        lock.unlock()
        if let header { send(header, to: subscriber) }
    }

    /// Forgets a client (its connection closed).
    func unsubscribe(_ channel: any Channel) {
        lock.lock()
        subscribers[ObjectIdentifier(channel)] = nil
        lock.unlock()
    }

    private func publish(line: ByteBuffer) {
        var ready: [Subscriber] = []
        var behind: [Subscriber] = []
        lock.lock()
        for (id, subscriber) in subscribers {
            if subscriber.pending >= capacity {
                subscribers[id] = nil
                droppedCount += 1
                behind.append(subscriber)
            } else {
                subscriber.pending += 1
                ready.append(subscriber)
            }
        }
        lock.unlock()
        for subscriber in behind {
            subscriber.channel.close(promise: nil)
        }
        for subscriber in ready {
            send(line, to: subscriber)
        }
    }

    private func send(_ line: ByteBuffer, to subscriber: Subscriber) {
        subscriber.channel.writeAndFlush(line).whenComplete { [self] _ in
            lock.lock()
            subscriber.pending -= 1
            lock.unlock()
        }
    }
}
