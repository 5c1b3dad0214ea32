import Foundation
import NIOCore
import SplitSession

/// Publishes a running session's event stream to every subscribed control-port client.
///
/// The session's thread calls ``publish(_:)`` for each event as it is recorded; the publisher
/// encodes it once and hands it to each subscriber's channel without waiting. Every subscriber
/// has a bounded queue (``capacity`` lines written to it but not yet taken by its socket): one
/// that falls that far behind — a stalled or very slow client — is dropped (its connection
/// closed), so no client can slow the session or make the port hold unbounded memory.
///
/// A new subscriber's stream stands on its own: the header first, then the events that still
/// stand (``StandingEvents``: the edge's last allocation, the operator's settings, a lost edge, the
/// last decision), then every event from then on. A dashboard that attaches to a session whose
/// edge allocated long ago shows the allocation at once, not after the next one.
///
/// Lines reach each subscriber in the order they were published: every write is queued on the
/// subscriber's event loop while the publisher's lock is held, and a loop runs its tasks in order.
public final class SessionPublisher: @unchecked Sendable {
    /// Lines a subscriber may have outstanding before it is dropped.
    public let capacity: Int
    private let lock = NSLock()
    private var header: ByteBuffer?
    private var standing = StandingEvents()
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

    /// Sends one event to every subscriber, and keeps it for later ones when it stands; never blocks on a client.
    public func publish(_ event: TimedEvent) {
        let line = ByteBuffer(bytes: SessionEventCodec.line(for: event))
        var behind: [Subscriber] = []
        lock.lock()
        standing.keep(event)
        for (id, subscriber) in subscribers {
            if subscriber.pending >= capacity {
                subscribers[id] = nil
                droppedCount += 1
                behind.append(subscriber)
            } else {
                send(line, to: subscriber)
            }
        }
        lock.unlock()
        for subscriber in behind {
            subscriber.channel.close(promise: nil)
        }
    }

    /// The events a subscriber arriving now gets after the header.
    public var standingEvents: [TimedEvent] {
        lock.lock()
        defer { lock.unlock() }
        return standing.events
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

    /// The line that tells a subscriber the session is over (docs/control-protocol.md): after it
    /// the port closes the connection, and a client need not reconnect.
    public static let endLine = "{\"end\":\"session\"}\n"

    /// Closes every subscriber's connection (the session is over); they see the stream end.
    ///
    /// With `sayingEnd` (the default) each subscriber first gets ``endLine``, after every event
    /// already queued for it, and its connection closes once that is written: a dashboard tells a
    /// session that ended from one that was lost. Without, the connections just close.
    public func closeAll(sayingEnd: Bool = true) {
        lock.lock()
        let all = Array(subscribers.values)
        subscribers.removeAll()
        lock.unlock()
        for subscriber in all {
            let channel = subscriber.channel
            guard sayingEnd else {
                channel.close(promise: nil)
                continue
            }
            // Queued on the channel's loop like every line, so it follows them.
            channel.eventLoop.execute {
                channel.writeAndFlush(ByteBuffer(string: Self.endLine)).whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }

    /// Adds a client: it gets the header, the standing events, then every event published from now on.
    func subscribe(_ channel: any Channel) {
        lock.lock()
        defer { lock.unlock() }
        let id = ObjectIdentifier(channel)
        guard subscribers[id] == nil else { return }
        let subscriber = Subscriber(channel: channel)
        subscribers[id] = subscriber
        // One write: the present state arrives in one piece, before any event published after it.
        var present = header ?? ByteBuffer()
        for event in standing.events { present.writeBytes(SessionEventCodec.line(for: event)) }
        if present.readableBytes > 0 { send(present, to: subscriber) }
    }

    /// Forgets a client (its connection closed).
    func unsubscribe(_ channel: any Channel) {
        lock.lock()
        subscribers[ObjectIdentifier(channel)] = nil
        lock.unlock()
    }

    /// Queues `line` for `subscriber`; called with the lock held, so lines keep the order they
    /// were published in. The write runs on the channel's loop later (never inline: its completion
    /// takes the lock).
    private func send(_ line: ByteBuffer, to subscriber: Subscriber) {
        subscriber.pending += 1
        let channel = subscriber.channel
        channel.eventLoop.execute { [self] in
            channel.writeAndFlush(line).whenComplete { [self] _ in
                lock.lock()
                subscriber.pending -= 1
                lock.unlock()
            }
        }
    }
}
