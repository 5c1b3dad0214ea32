import Foundation
import SplitControl
import SplitControlPort
import SplitDashboard
import SplitModels
import SplitSession
import Testing

/// `attach A,B`: several devices' real control ports on loopback, shown in one dashboard.
@Suite("Live fleet feed")
struct LiveFleetFeedTests {
    static func header(_ profile: ModelProfile, start: String) -> SessionHeader {
        SessionHeader(startTime: start, source: .live, fps: 10, model: profile, device: SessionDeviceInfo(name: "device"))
    }

    /// Drains `inbox` into `state` until `condition` holds (or 10 s pass).
    static func reduce(_ inbox: DashboardInbox, into state: inout DashboardState, until condition: (DashboardState) -> Bool) -> Bool {
        eventually {
            for action in inbox.drain() { _ = state.reduce(action) }
            return condition(state)
        }
    }

    @Test func eventsFromTwoPortsAppearUnderTheirDevicesAndAPinReachesTheShownDevicesPortOnly() throws {
        let profile = try resnet18()
        let n = profile.layerCount
        let one = try RunningPort(profile: profile, header: Self.header(profile, start: "2025-01-01T00:00:00Z"))
        let two = try RunningPort(profile: profile, header: Self.header(profile, start: "2025-01-01T00:00:00Z"))
        // Device 1 names itself in its header line (`device --device-id cam-1`); device 2 does not,
        // so its header's device name names it.
        one.publisher.setHeader(Self.header(profile, start: "2025-01-01T00:00:00Z"), device: "cam-1")
        let inbox = DashboardInbox()
        let feed = LiveFleetFeed(addresses: [ControlAddress(host: "127.0.0.1", port: one.server.port),
                                             ControlAddress(host: "127.0.0.1", port: two.server.port)],
                                 token: nil, inbox: inbox)
        defer { feed.stop() }
        let header = try feed.connect(timeoutS: 10, graceS: 0.2)
        let secondID = "device"
        #expect(header.devices.map(\.device) == ["cam-1", secondID])
        #expect(eventually { one.publisher.subscriberCount == 1 && two.publisher.subscriberCount == 1 })

        one.publisher.publish(TimedEvent(t: 0.1, event: .note(NoteEvent(text: "from one"))))

        two.publisher.publish(TimedEvent(t: 0.2, event: .note(NoteEvent(text: "from two"))))
        let shares = SharesEvent(allocator: .fast, devices: [DeviceShare(device: "cam-1", split: 3, computeShare: 0.6, bandwidthShare: 0.4),
                                                             DeviceShare(device: secondID, split: 5, computeShare: 0.4, bandwidthShare: 0.6)])
        one.publisher.publish(TimedEvent(t: 0.3, event: .shares(shares)))
        two.publisher.publish(TimedEvent(t: 0.3, event: .shares(shares)))

        var state = DashboardState(context: SessionContext(header: header), duration: 0, mode: .live)
        #expect(state.fleet?.devices == ["cam-1", secondID])
        #expect(Self.reduce(inbox, into: &state) { state in
            state.log.contains { $0.text == "from one" } && state.sharesHistory.count == 1
        })
        #expect(!state.log.contains { $0.text == "from two" })
        _ = state.reduce(.key(.character("d")))
        #expect(state.shownDeviceID == secondID)
        #expect(Self.reduce(inbox, into: &state) { $0.log.contains { $0.text == "from two" } })
        #expect(!state.log.contains { $0.text == "from one" })
        #expect(state.sharesHistory.count == 1)

        // A pin while device 2 is shown goes to port 2's controller, and not to port 1's.
        state.cursor = 4
        let effects = state.reduce(.key(.enter))
        #expect(effects == [.sendToController(.pin(4))])
        for effect in effects { #expect(feed.perform(effect, shownDevice: state.shownDeviceID).isEmpty) }
        var queued: [OperatorMessage] = []
        #expect(eventually {
            queued += two.operators.drain()
            return !queued.isEmpty
        })
        #expect(queued == [.command(.pin(.prefix(4, layerCount: n)))])
        #expect(one.operators.drain().isEmpty)

        // Port 1 goes away: shown for cam-1 only, the other device goes on.
        feed.keepConnected()
        one.server.close()
        one.publisher.closeAll(sayingEnd: false)
        #expect(Self.reduce(inbox, into: &state) { $0.disconnectedDevices == ["cam-1"] })
        #expect(state.liveConnected)
        two.publisher.publish(TimedEvent(t: 0.5, event: .note(NoteEvent(text: "two goes on"))))
        #expect(Self.reduce(inbox, into: &state) { $0.log.contains { $0.text == "two goes on" } })
        _ = state.reduce(.key(.character("d")))
        #expect(state.shownDeviceID == "cam-1")
        #expect(state.log.contains { $0.kind == .fault && $0.text.hasPrefix("cam-1: ") && $0.text.contains("lost") })
    }

    /// A device whose session ends (its port sends the end line) shows ENDED while shown, as the
    /// single-port attach does, never DISCONNECTED; a device lost at the same time shows
    /// DISCONNECTED; the header of one that goes on shows neither.
    @Test func aDeviceWhoseSessionEndedShowsEndedNotDisconnected() throws {
        let profile = try resnet18()
        let ports = try (0..<3).map { _ in try RunningPort(profile: profile, header: Self.header(profile, start: "2025-01-01T00:00:00Z")) }
        for (i, port) in ports.enumerated() {
            port.publisher.setHeader(Self.header(profile, start: "2025-01-01T00:00:00Z"), device: "cam-\(i + 1)")
        }
        let inbox = DashboardInbox()
        let feed = LiveFleetFeed(addresses: ports.map { ControlAddress(host: "127.0.0.1", port: $0.server.port) }, token: nil, inbox: inbox)
        defer { feed.stop() }
        let header = try feed.connect(timeoutS: 10, graceS: 0.2)
        #expect(header.devices.map(\.device) == ["cam-1", "cam-2", "cam-3"])
        #expect(eventually { ports.allSatisfy { $0.publisher.subscriberCount == 1 } })
        var state = DashboardState(context: SessionContext(header: header), duration: 0, mode: .live)
        feed.keepConnected()
        // cam-1's session ends (the end line); cam-2's connection is lost (no end line); cam-3 goes on.
        ports[0].publisher.closeAll()
        ports[0].server.close()
        ports[1].server.close()
        ports[1].publisher.closeAll(sayingEnd: false)
        #expect(Self.reduce(inbox, into: &state) { $0.endedDevices == ["cam-1"] && $0.disconnectedDevices == ["cam-2"] })
        #expect(state.liveConnected && !state.liveEnded, "the others go on")
        func top(_ state: DashboardState) -> String { DashboardView.render(state, size: state.size).lines.first ?? "" }

        #expect(state.shownDeviceID == "cam-1")
        #expect(top(state).contains("ENDED") && !top(state).contains("DISC"), "\(top(state))")
        #expect(state.log.contains { $0.kind == .note && $0.text == "cam-1: session at 127.0.0.1:\(ports[0].server.port) ended" },
                "\(state.log.map(\.text))")
        _ = state.reduce(.key(.character("d")))
        #expect(state.shownDeviceID == "cam-2")
        #expect(top(state).contains("DISC") && !top(state).contains("ENDED"), "\(top(state))")
        _ = state.reduce(.key(.character("d")))
        #expect(state.shownDeviceID == "cam-3")
        #expect(!top(state).contains("DISC") && !top(state).contains("ENDED"), "\(top(state))")
        // Nothing is retried for the device that ended.
        #expect(feed.feeds[0].sessionEnded && feed.feeds[0].failedReconnects == 0)
    }

    @Test func aPortThatIsNotThereIsNamedAndNothingStaysConnected() throws {
        let profile = try resnet18()
        let one = try RunningPort(profile: profile, header: Self.header(profile, start: "2025-01-01T00:00:00Z"))
        let feed = LiveFleetFeed(addresses: [ControlAddress(host: "127.0.0.1", port: one.server.port),
                                             ControlAddress(host: "127.0.0.1", port: 1)],
                                 token: nil, inbox: DashboardInbox())
        #expect {
            _ = try feed.connect(timeoutS: 2)
        } throws: { error in
            "\(error)".contains("127.0.0.1:1")
        }
        // The port that answered is let go (closing is asynchronous: wait for the port to see it).
        #expect(eventually { !feed.feeds[0].isConnected && one.publisher.subscriberCount == 0 })
    }
}
