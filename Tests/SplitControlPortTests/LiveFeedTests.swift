import Foundation
import SplitControl
import SplitControlPort
import SplitCost
import SplitDashboard
import SplitModels
import SplitSession
import Testing

/// The dashboard's live feed against a real control port.
@Suite("Live feed")
struct LiveFeedTests {
    func loadedEvents(_ actions: [DashboardAction]) -> [TimedEvent] {
        actions.flatMap { action -> [TimedEvent] in
            if case .loaded(let events, _, let reset) = action, !reset { return events }
            return []
        }
    }

    func notices(_ actions: [DashboardAction]) -> [String] {
        actions.compactMap { if case .notice(let text) = $0 { text } else { nil } }
    }

    /// The connection news: lost (false) or back (true), with its message.
    func connections(_ actions: [DashboardAction]) -> [(Bool, String)] {
        actions.compactMap { if case .connection(let up, let message) = $0 { (up, message) } else { nil } }
    }

    @Test func followsTheStreamSendsKeysToTheControllerAndReportsALostConnection() throws {
        let profile = try resnet18()
        let n = profile.layerCount
        let header = SessionHeader(startTime: "2025-01-01T00:00:00Z", source: .simulator, fps: 10, model: profile)
        let port = try RunningPort(profile: profile, token: "tok", header: header)
        let inbox = DashboardInbox()
        let feed = LiveFeed(address: ControlAddress(host: "127.0.0.1", port: port.server.port), token: "tok", inbox: inbox)
        defer { feed.stop() }
        let got = try feed.connect(timeoutS: 10)
        #expect(got.model.layerCount == n)
        #expect(eventually { port.publisher.subscriberCount == 1 })

        // Events become loaded actions in the inbox, in order.
        let sent = (0..<5).map { TimedEvent(t: Double($0) * 0.1, event: .note(NoteEvent(text: "e\($0)"))) }
        for event in sent { port.publisher.publish(event) }
        var received: [DashboardAction] = []
        #expect(eventually {
            received += inbox.drain()
            return loadedEvents(received).count == sent.count
        })
        #expect(loadedEvents(received) == sent)

        // Operator keys go to the controller, not to a what-if.
        #expect(feed.perform(.sendToController(.pin(4))).isEmpty)
        #expect(feed.perform(.sendToController(.constraint(.latencySLO, 90))).isEmpty)
        #expect(feed.perform(.sendToController(.policy(.dsc))).isEmpty)
        #expect(feed.perform(.sendToController(.unpin)).isEmpty)
        var queued: [OperatorMessage] = []
        #expect(eventually {
            queued += port.operators.drain()
            return queued.count == 4
        })
        #expect(queued == [.command(.pin(.prefix(4, layerCount: n))), .command(.setConstraint(.latencySLO, 90)),
                           .command(.setPolicy(.dsc)), .command(.unpin)])
        // Seeking has nothing to answer with: only what arrived is shown.
        #expect(feed.perform(.reload(at: 0)).isEmpty)

        // The session is lost (its connection closes with no end line): the loss is said once,
        // and retried quietly.
        feed.keepConnected()
        port.server.close()
        port.publisher.closeAll(sayingEnd: false)
        #expect(eventually {
            received += inbox.drain()
            return connections(received).contains { !$0.0 && $0.1.contains("lost") && $0.1.contains("retrying") }
        })
        #expect(eventually(20) { feed.failedReconnects >= 2 })
        received += inbox.drain()
        #expect(connections(received).count == 1, "\(connections(received))")
        #expect(!feed.sessionEnded)
        #expect(notices(feed.perform(.sendToController(.unpin))).first?.contains("not connected") == true)
    }

    /// A session that ends normally says so on the port: the feed passes on every event before
    /// the end, says the session ended, and does not reconnect.
    @Test func aSessionThatEndsIsSaidToEndAndNotRetried() throws {
        let profile = try resnet18()
        let header = SessionHeader(startTime: "2025-01-01T00:00:00Z", source: .simulator, fps: 10, model: profile)
        let port = try RunningPort(profile: profile, token: nil, header: header)
        let inbox = DashboardInbox()
        let feed = LiveFeed(address: ControlAddress(host: "127.0.0.1", port: port.server.port), token: nil, inbox: inbox)
        defer { feed.stop() }
        _ = try feed.connect(timeoutS: 10)
        #expect(eventually { port.publisher.subscriberCount == 1 })
        feed.keepConnected()
        let last = TimedEvent(t: 3, event: .note(NoteEvent(text: "last words")))
        port.publisher.publish(last)
        port.publisher.closeAll()
        port.server.close()
        var received: [DashboardAction] = []
        func ends(_ actions: [DashboardAction]) -> [String] {
            actions.compactMap { if case .sessionEnded(let message) = $0 { message } else { nil } }
        }
        #expect(eventually {
            received += inbox.drain()
            return !ends(received).isEmpty
        })
        #expect(feed.sessionEnded)
        #expect(loadedEvents(received).contains(last))
        #expect(ends(received) == ["session at 127.0.0.1:\(port.server.port) ended"])
        #expect(connections(received).isEmpty, "an end is not a lost connection: \(connections(received))")
        // The dashboard's header says ENDED, not DISCONNECTED.
        var state = DashboardState(context: SessionContext(header: header), duration: 0, mode: .live)
        for action in received { _ = state.reduce(action) }
        let top = DashboardView.render(state, size: state.size).lines.first ?? ""
        #expect(top.contains("ENDED") && !top.contains("DISC"), "\(top)")
        // Nothing is retried: the port is closed, and no attempt is made to reach it.
        #expect(feed.failedReconnects == 0)
        #expect(!connections(inbox.drain()).contains { $0.1.contains("retrying") || $0.1.contains("reconnected") })
    }

    @Test func aWrongTokenIsReportedWhenConnecting() throws {
        let profile = try resnet18()
        let header = SessionHeader(startTime: "2025-01-01T00:00:00Z", source: .simulator, model: profile)
        let port = try RunningPort(profile: profile, token: "right", header: header)
        defer { port.server.close() }
        let feed = LiveFeed(address: ControlAddress(host: "127.0.0.1", port: port.server.port), token: "wrong", inbox: DashboardInbox())
        defer { feed.stop() }
        do {
            _ = try feed.connect(timeoutS: 2)
            Issue.record("connected with a wrong token")
        } catch {
            #expect(error.message.contains("wrong token"), "\(error)")
        }
    }
}
