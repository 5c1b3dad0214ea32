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

        // The session ends: the loss is announced and retried.
        feed.keepConnected()
        port.server.close()
        port.publisher.closeAll()
        #expect(eventually {
            received += inbox.drain()
            return connections(received).contains { !$0.0 && $0.1.contains("lost") }
        })
        #expect(eventually {
            received += inbox.drain()
            return connections(received).contains { !$0.0 && $0.1.contains("cannot reach") && $0.1.contains("retrying") }
        })
        #expect(notices(feed.perform(.sendToController(.unpin))).first?.contains("not connected") == true)
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
