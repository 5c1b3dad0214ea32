import Foundation
import SplitDashboard
import SplitSession

/// The dashboard's feed for several live devices at once (`attach A,B,…`): one ``LiveFeed`` per
/// control port, merged by a ``LiveFleet`` into the one stream a fleet's recording would be.
///
/// Each port's feed sends into its own inbox; once every header is in (and each port had a moment
/// to say which device its events carry), those inboxes forward into the loop's, through the
/// fleet's tagging. An operator key goes to the port of the device shown, and only to it. Each
/// port loses, announces and retries its connection on its own; the others go on.
///
/// ```swift
/// let feed = LiveFleetFeed(addresses: [a, b], token: nil, inbox: inbox)
/// let header = try feed.connect(timeoutS: 5)   // merged: a `devices` list of both
/// feed.keepConnected()
/// ```
public final class LiveFleetFeed: DashboardFeed, @unchecked Sendable {
    /// One feed per port, in the order given.
    public let feeds: [LiveFeed]
    private let portInboxes: [DashboardInbox]
    private let inbox: DashboardInbox
    private let lock = NSLock()
    private var fleet: LiveFleet?

    public init(addresses: [ControlAddress], token: String?, inbox: DashboardInbox) {
        let inboxes = addresses.map { _ in DashboardInbox() }
        portInboxes = inboxes
        feeds = zip(addresses, inboxes).map { LiveFeed(address: $0, token: token, inbox: $1) }
        self.inbox = inbox
    }

    /// The merge, once ``connect(timeoutS:graceS:)`` has made it.
    public var merged: LiveFleet? { lock.withLock { fleet } }

    /// Connects to every port, waits for each header, then up to `graceS` for each port whose
    /// header line names no device for its first event that does; returns the merged header.
    ///
    /// Throws when any port cannot be reached or sends no header in time (naming it), or when the
    /// sessions run different models.
    public func connect(timeoutS: Double, graceS: Double = 1) throws(ControlRequestError) -> SessionHeader {
        var headers: [SessionHeader] = []
        for feed in feeds {
            do {
                headers.append(try feed.connect(timeoutS: timeoutS))
            } catch {
                stop()
                throw error
            }
        }
        // A device started with --device-id names itself in its header line; another names
        // itself in its events once it shares the edge.
        let deadline = Date().addingTimeInterval(graceS)
        var devices = feeds.indices.map { feeds[$0].sessionDevice ?? Self.firstDevice(in: portInboxes[$0]) }
        while devices.contains(nil), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            devices = feeds.indices.map { devices[$0] ?? Self.firstDevice(in: portInboxes[$0]) }
        }
        let sessions = feeds.indices.map {
            LiveFleet.Session(address: "\(feeds[$0].address)", header: headers[$0], eventDevice: devices[$0])
        }
        let merged: LiveFleet
        do {
            merged = try LiveFleet(sessions: sessions)
        } catch {
            stop()
            throw error
        }
        lock.withLock { fleet = merged }
        for (index, portInbox) in portInboxes.enumerated() {
            portInbox.forward(to: inbox) { [self] action in
                lock.withLock { fleet?.forward(action, fromPort: index) } ?? [action]
            }
        }
        return merged.header
    }

    /// From now on, each port reconnects with backoff whenever its connection is lost.
    public func keepConnected() {
        for feed in feeds { feed.keepConnected() }
    }

    /// Closes every connection and stops reconnecting.
    public func stop() {
        for feed in feeds { feed.stop() }
    }

    public func perform(_ effect: DashboardEffect) -> [DashboardAction] {
        perform(effect, shownDevice: nil)
    }

    public func perform(_ effect: DashboardEffect, shownDevice: String?) -> [DashboardAction] {
        guard case .sendToController = effect else { return [] }
        guard let index = lock.withLock({ fleet?.port(for: shownDevice) }), feeds.indices.contains(index) else {
            return [.notice("no attached port serves \(shownDevice ?? "this device"): the command was not sent")]
        }
        return feeds[index].perform(effect)
    }

    /// The `device` of the first event queued in `inbox` that carries one (an edge's shares aside).
    private static func firstDevice(in inbox: DashboardInbox) -> String? {
        for case .loaded(let events, _, _) in inbox.peek() {
            for event in events {
                if case .shares = event.event { continue }
                if let device = event.device { return device }
            }
        }
        return nil
    }
}
