import Foundation
import NIOCore
import NIOPosix
import SplitControl
import SplitCost
import SplitDashboard
import SplitJSON
import SplitModels
import SplitSession

/// The dashboard's feed for a running session: it follows the control port's event stream and
/// sends the operator's overrides to the session's controller.
///
/// Network code runs on SwiftNIO's threads and never touches the terminal: each batch of
/// received events becomes a ``DashboardAction/loaded(_:upTo:reset:)`` sent into the loop's
/// ``DashboardInbox``, and so do connection news and refused commands (as notices). The loop
/// hands it ``DashboardEffect/sendToController(_:)`` for pin, unpin, constraint and policy keys;
/// it writes them to the port as control commands. A lost connection is announced and retried
/// with backoff (0.5 s doubling to 8 s); seeking is limited to the live edge (the dashboard keeps
/// what it received); the loss is said once, not at every attempt. A session that ends says so on
/// the port (its end line): the feed then says "session … ended" and stops. The port repeats what still stands after each header (``StandingEvents``);
/// after a reconnect, what repeats an event already passed on is not passed on again.
///
/// ```swift
/// let feed = LiveFeed(address: address, token: nil, inbox: inbox)
/// let header = try feed.connect(timeoutS: 5)   // the session's header, for the dashboard's context
/// feed.keepConnected()                          // reconnect with backoff from now on
/// ```
public final class LiveFeed: DashboardFeed, @unchecked Sendable {
    public let address: ControlAddress
    private let token: String?
    private let inbox: DashboardInbox
    private let lock = NSLock()
    private var channel: (any Channel)?
    private var header: SessionHeader?
    private var headerDevice: String?
    private var refusal: String?
    private var stopped = false
    /// Whether the port said the session is over (its end line): the connection's close is then
    /// an end, not a loss, and is not retried.
    private var ended = false
    /// Reconnection attempts that failed since the connection was last lost.
    private var failedAttempts = 0
    /// The standing events passed on to the dashboard: a new connection repeats them after its
    /// header, and a repeat is not passed on twice (the log would show it twice).
    private var passed = StandingEvents()
    private let headerArrived = DispatchSemaphore(value: 0)

    public init(address: ControlAddress, token: String?, inbox: DashboardInbox) {
        self.address = address
        self.token = token
        self.inbox = inbox
    }

    /// Connects, subscribes and waits for the session's header.
    public func connect(timeoutS: Double) throws(ControlRequestError) -> SessionHeader {
        do {
            try open()
        } catch {
            throw ControlRequestError("cannot connect to \(address): \(error)")
        }
        if headerArrived.wait(timeout: .now() + timeoutS) == .success, let header = currentHeader {
            return header
        }
        let why = lock.withLock { refusal }
        // The refusal is the peer's words: escaped and bounded before they reach the terminal.
        throw ControlRequestError("no session from \(address) within \(Int(timeoutS)) s" + (why.map { ": \(DisplayText.escaped($0, limit: 200))" } ?? ""))
    }

    /// From now on, reconnects with backoff whenever the connection is lost, until ``stop()``.
    public func keepConnected() {
        let thread = Thread { [self] in reconnectLoop() }
        thread.name = "splitscope live feed"
        thread.start()
    }

    /// Closes the connection and stops reconnecting.
    public func stop() {
        let current: (any Channel)? = lock.withLock {
            stopped = true
            return channel
        }
        current?.close(promise: nil)
    }

    /// Whether a connection is open now.
    public var isConnected: Bool {
        lock.withLock { channel?.isActive ?? false }
    }

    public func perform(_ effect: DashboardEffect) -> [DashboardAction] {
        switch effect {
        case .sendToController(let override):
            guard let header = currentHeader else { return [.notice("not connected: the command was not sent")] }
            let request = ControlRequest.operatorMessage(.command(Self.command(override, layerCount: header.model.layerCount)))
            guard let channel = lock.withLock({ channel }), channel.isActive else {
                return [.notice("not connected to \(address): the command was not sent")]
            }
            channel.writeAndFlush(ByteBuffer(bytes: request.line(profile: header.model)), promise: nil)
            return []
        case .load, .reload, .step, .quit:
            // Live: events arrive by themselves, and only what arrived can be shown.
            return []
        }
    }

    /// The controller command an operator key gives (the dashboard's override on the live controller).
    public static func command(_ override: WhatIfOverride, layerCount: Int) -> OperatorCommand {
        switch override {
        case .pin(let k): .pin(.prefix(min(max(k, 0), layerCount), layerCount: layerCount))
        case .unpin: .unpin
        case .constraint(let kind, let value): .setConstraint(kind, value)
        case .policy(let kind): .setPolicy(kind)
        case .batch(let n): .setBatch(n)
        }
    }

    private var currentHeader: SessionHeader? { lock.withLock { header } }

    /// The `device` the session's header line carried (`device --device-id`), once it arrived.
    public var sessionDevice: String? { lock.withLock { headerDevice } }

    private func open() throws {
        let handler = LiveFeedHandler(feed: self)
        let channel = try ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(3))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ControlLineDecoder(maximumLength: 64 << 20)))
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: address.host, port: address.port).wait()
        lock.withLock { self.channel = channel }
        var hello: [UInt8] = []
        if let token { hello += ControlRequest.auth(token: token).line(profile: ModelProfile.emptyForRequests) }
        hello += ControlRequest.subscribe.line(profile: ModelProfile.emptyForRequests)
        try channel.writeAndFlush(ByteBuffer(bytes: hello)).wait()
    }

    /// Whether the session said it ended (its port's end line), so the feed no longer reconnects.
    public var sessionEnded: Bool {
        lock.withLock { ended }
    }

    /// Reconnection attempts that failed since the connection was last lost (0 while connected).
    public var failedReconnects: Int {
        lock.withLock { failedAttempts }
    }

    /// Waits on the connection; when it closes after the session's end line, says the session
    /// ended and stops; when it is lost, says so once and retries with backoff (0.5 s doubling to
    /// 8 s) quietly until it connects again, which is said too.
    private func reconnectLoop() {
        var delay = 0.5
        while true {
            let current: (any Channel)? = lock.withLock { stopped ? nil : channel }
            if let current {
                try? current.closeFuture.wait()
                if lock.withLock({ stopped }) { return }
                if lock.withLock({ ended }) {
                    inbox.send(.sessionEnded(message: "session at \(address) ended"))
                    return
                }
                delay = 0.5
                lock.withLock { failedAttempts = 0 }
                inbox.send(.connection(connected: false, message: "connection to \(address) lost — retrying "
                    + "(\(Self.seconds(0.5)), doubling to \(Self.seconds(8))) until it answers"))
            }
            if lock.withLock({ stopped }) { return }
            Thread.sleep(forTimeInterval: delay)
            if lock.withLock({ stopped }) { return }
            do {
                lock.withLock { channel = nil }
                try open()
                lock.withLock { failedAttempts = 0 }
                inbox.send(.connection(connected: true, message: "reconnected to \(address)"))
            } catch {
                lock.withLock {
                    channel = nil
                    failedAttempts += 1
                }
                delay = min(delay * 2, 8)
            }
        }
    }

    private static func seconds(_ s: Double) -> String {
        s < 1 ? "\(Int(s * 1000)) ms" : "\(Int(s)) s"
    }

    // MARK: From the network threads

    fileprivate func received(header: SessionHeader, device: String?) {
        let first: Bool = lock.withLock {
            let first = self.header == nil
            if first {
                self.header = header
                headerDevice = device
            }
            return first
        }
        if first {
            headerArrived.signal()
        } else if let known = currentHeader, known.model.name != header.model.name || known.model.layerCount != header.model.layerCount {
            // Another session took the port: its partitions would not fit this dashboard's model.
            inbox.send(.notice("the port now serves another session (\(header.model.name)); its events are shown against \(known.model.name) — restart attach"))
        }
    }

    fileprivate func received(events: [TimedEvent]) {
        let fresh: [TimedEvent] = lock.withLock {
            let fresh = events.filter { !passed.holds($0) }
            for event in fresh { passed.keep(event) }
            return fresh
        }
        guard let last = fresh.map(\.t).max() else { return }
        inbox.send(.loaded(fresh, upTo: last, reset: false))
    }

    fileprivate func receivedEnd() {
        lock.withLock { ended = true }
    }

    fileprivate func refused(_ message: String) {
        // The first refusal says why (a wrong token refuses the subscribe after it too).
        lock.withLock { refusal = refusal ?? message }
        inbox.send(.notice("the session refused: \(message)"))
    }
}

extension ModelProfile {
    /// A model for encoding requests that carry no partition (auth, subscribe).
    fileprivate static var emptyForRequests: ModelProfile {
        ModelProfile(name: "", inputBytes: 0, layers: [])
    }
}

/// Turns the port's lines into events for the feed: the header, events in batches, refusals.
private final class LiveFeedHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ControlLine

    private let feed: LiveFeed
    private var batch: [TimedEvent] = []

    init(feed: LiveFeed) {
        self.feed = feed
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let bytes) = unwrapInboundIn(data), !bytes.isEmpty else { return }
        guard case .object(let object)? = try? JSONValue.parse(bytes: bytes) else { return }
        if object["end"] != nil {
            // The session is over; the port closes the connection next.
            if !batch.isEmpty {
                feed.received(events: batch)
                batch.removeAll()
            }
            feed.receivedEnd()
            return
        }
        if let ok = object["ok"] {
            if ok.boolValue == false { feed.refused(object["error"]?.stringValue ?? "unknown error") }
            return
        }
        guard case .event(let timed)? = try? SessionEventCodec.decode(.object(object)) else { return }
        if case .session(let header) = timed.event {
            feed.received(header: header, device: timed.device)
        } else {
            batch.append(timed)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !batch.isEmpty {
            feed.received(events: batch)
            batch.removeAll()
        }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
