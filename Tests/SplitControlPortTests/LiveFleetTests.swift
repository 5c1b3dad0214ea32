import SplitControlPort
import SplitDashboard
import SplitModels
import SplitSession
import Testing

/// Merging several live devices' sessions into one dashboard stream, without sockets.
@Suite("Live fleet merge")
struct LiveFleetTests {
    static func header(start: String = "2025-01-01T00:00:00Z", device: String? = "device", layers: Int? = nil) throws -> SessionHeader {
        var profile = try resnet18()
        if let layers { profile = ModelProfile(name: profile.name, inputBytes: profile.inputBytes, layers: Array(profile.layers.prefix(layers))) }
        return SessionHeader(startTime: start, source: .live, fps: 10, model: profile,
                             device: device.map { SessionDeviceInfo(name: $0) })
    }

    static func note(_ t: Double, device: String? = nil) -> TimedEvent {
        TimedEvent(t: t, device: device, event: .note(NoteEvent(text: "n")))
    }

    static func shares(_ split: Int) -> SharesEvent {
        SharesEvent(allocator: .fast, devices: [DeviceShare(device: "cam-1", split: split, computeShare: 0.5, bandwidthShare: 0.5)])
    }

    @Test func theHeaderIsTheFirstsWithADeviceListNamedByEventsElseHeaderNamesMadeUnique() throws {
        let fleet = try LiveFleet(sessions: [
            .init(address: "a:1", header: try Self.header(), eventDevice: "cam-1"),
            .init(address: "b:2", header: try Self.header(), eventDevice: nil),
            .init(address: "c:3", header: try Self.header(), eventDevice: nil),
            .init(address: "d:4", header: try Self.header(device: nil), eventDevice: nil),
        ])
        #expect(fleet.header.devices.map(\.device) == ["cam-1", "device", "device@c:3", "d:4"])
        #expect(fleet.ports.map(\.address) == ["a:1", "b:2", "c:3", "d:4"])
        #expect(fleet.header.model.name == "resnet18")
        #expect(fleet.port(for: "device@c:3") == 2)
        #expect(fleet.port(for: "cam-1") == 0)
        #expect(fleet.port(for: nil) == 0)
        #expect(fleet.port(for: "nobody") == nil)
    }

    @Test func sessionsOfAnotherModelAreRefusedNamingThePort() throws {
        let sessions: [LiveFleet.Session] = [.init(address: "a:1", header: try Self.header(), eventDevice: nil),
                                             .init(address: "b:2", header: try Self.header(layers: 5), eventDevice: nil)]
        #expect {
            try LiveFleet(sessions: sessions)
        } throws: { error in
            guard let error = error as? ControlRequestError else { return false }
            return error.message.contains("b:2") && error.message.contains("separately")
        }
        #expect(throws: ControlRequestError.self) { try LiveFleet(sessions: []) }
    }

    @Test func eventsAreTaggedWithTheirPortsDeviceAndPutOnTheEarliestStartsClock() throws {
        var fleet = try LiveFleet(sessions: [
            .init(address: "a:1", header: try Self.header(start: "2025-01-01T00:00:10Z"), eventDevice: "cam-1"),
            .init(address: "b:2", header: try Self.header(start: "2025-01-01T00:00:04Z", device: "cam-2"), eventDevice: nil),
        ])
        #expect(fleet.header.startTime == "2025-01-01T00:00:04Z")
        #expect(fleet.ports.map(\.offsetS) == [6, 0])
        let fromFirst = fleet.tag([Self.note(1, device: "cam-1"), Self.note(2)], fromPort: 0)
        #expect(fromFirst == [Self.note(7, device: "cam-1"), Self.note(8, device: "cam-1")])
        let fromSecond = fleet.tag([Self.note(1)], fromPort: 1)
        #expect(fromSecond == [Self.note(1, device: "cam-2")])
        // Another id a port's events carry is routed to that port.
        _ = fleet.tag([Self.note(3, device: "cam-9")], fromPort: 1)
        #expect(fleet.port(for: "cam-9") == 1)
    }

    @Test func theEdgesSharesComeOnceHoweverManyDevicesRecordThem() throws {
        var fleet = try LiveFleet(sessions: [.init(address: "a:1", header: try Self.header(device: "x"), eventDevice: nil),
                                             .init(address: "b:2", header: try Self.header(device: "y"), eventDevice: nil)])
        let first = fleet.tag([TimedEvent(t: 1, event: .shares(Self.shares(3)))], fromPort: 0)
        let again = fleet.tag([TimedEvent(t: 1.01, event: .shares(Self.shares(3)))], fromPort: 1)
        let changed = fleet.tag([TimedEvent(t: 2, event: .shares(Self.shares(4)))], fromPort: 1)
        #expect(first.count == 1 && first.first?.device == nil)
        #expect(again.isEmpty)
        #expect(changed.count == 1)
    }

    @Test func connectionNewsAndNoticesConcernTheirPortsDeviceOnly() throws {
        var fleet = try LiveFleet(sessions: [.init(address: "a:1", header: try Self.header(device: "x"), eventDevice: nil),
                                             .init(address: "b:2", header: try Self.header(device: "y"), eventDevice: nil)])
        let lost = fleet.forward(.connection(connected: false, message: "connection to b:2 lost"), fromPort: 1)
        guard case .deviceConnection(let device, let connected, let message)? = lost.first else {
            Issue.record("not a device's connection news: \(lost)")
            return
        }
        #expect(device == "y" && !connected && message == "y: connection to b:2 lost")
        guard case .notice(let text)? = fleet.forward(.notice("refused"), fromPort: 0).first else {
            Issue.record("not a notice")
            return
        }
        #expect(text == "x: refused")
        guard case .deviceEnded(let ended, let words)? = fleet.forward(.sessionEnded(message: "session at b:2 ended"), fromPort: 1).first else {
            Issue.record("an end is not a device's end")
            return
        }
        #expect(ended == "y" && words == "y: session at b:2 ended")
        guard case .loaded(let events, let upTo, false)? = fleet.forward(.loaded([Self.note(2)], upTo: 2, reset: false), fromPort: 1).first else {
            Issue.record("not loaded")
            return
        }
        #expect(events == [Self.note(2, device: "y")] && upTo == 2)
    }
}
