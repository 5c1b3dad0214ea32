import Foundation
import SplitControl
import SplitControlPort
import SplitDashboard
import SplitJSON
import SplitModels
import SplitSession
import Testing

/// A subscriber who arrives after the edge allocated (or the operator changed something) sees
/// the present at once: the stream after the header stands on its own.
@Suite("Late subscriber")
struct LateSubscriberTests {
    static let shares = SharesEvent(allocator: .fast, edge: SharedEdgeCapacity(gmacsPerSecond: 40, uplinkMbps: 30), devices: [
        DeviceShare(device: "cam-1", split: 3, computeShare: 0.6, bandwidthShare: 0.4, version: "full"),
        DeviceShare(device: "cam-2", split: 7, computeShare: 0.4, bandwidthShare: 0.6, version: "p75"),
    ])

    static func header(_ profile: ModelProfile) -> SessionHeader {
        SessionHeader(startTime: "2025-01-01T00:00:00Z", source: .live, fps: 10, model: profile)
    }

    static func frame(_ n: Int, split: Int) -> FrameEvent {
        FrameEvent(frame: n, partition: .split(split), predictedMs: 20, deviceMs: 5, bytesSent: 1000, transferMs: 5, edgeMs: 5,
                   totalMs: 20, energyMJ: 1, batteryPct: 90, bandwidthEstimateMbps: 20, outcome: .ok)
    }

    /// What the session published before anyone subscribed: two allocations, operator settings, a
    /// lost edge, a decision, frames and notes between them.
    static func history(layerCount: Int) -> [TimedEvent] {
        let older = SharesEvent(allocator: .fast, devices: [DeviceShare(device: "cam-1", split: 1, computeShare: 1, bandwidthShare: 1)])
        return [
            TimedEvent(t: 0.5, event: .shares(older)),
            TimedEvent(t: 0.6, device: "cam-1", event: .frame(frame(6, split: 1))),
            TimedEvent(t: 1, device: "cam-1", event: .operatorAction(OperatorEvent(action: .setConstraint, field: "slo_ms",
                                                                                     oldValue: .null, newValue: .number(90)))),
            TimedEvent(t: 1.5, device: "cam-1", event: .operatorAction(OperatorEvent(action: .pin, field: "partition",
                                                                                       newValue: .object(["split": .number(4)])))),
            TimedEvent(t: 2, device: "cam-1", event: .note(NoteEvent(text: "said once, not state"))),
            TimedEvent(t: 2.5, event: .shares(shares)),
            TimedEvent(t: 3, device: "cam-1", event: .fault(FaultEvent(kind: .edgeLost, action: "run locally"))),
            TimedEvent(t: 3.5, device: "cam-1", event: .decision(DecisionEvent(from: .split(1), to: .split(3), reason: .bandwidth))),
            TimedEvent(t: 4, device: "cam-1", event: .frame(frame(40, split: 3))),
        ]
    }

    @Test func overTCPALateSubscriberGetsTheHeaderThenWhatStandsThenWhatFollows() throws {
        let profile = try resnet18()
        let port = try RunningPort(profile: profile, header: Self.header(profile))
        defer { port.server.close() }
        let history = Self.history(layerCount: profile.layerCount)
        for event in history { port.publisher.publish(event) }

        let client = try port.client()
        #expect(client.request(#"{"cmd":"subscribe"}"#) == ControlServerTests.ok)
        // Nothing more is published: what stands must arrive by itself.
        let lines = client.readLines(seconds: 10) { $0.contains(#""type":"decision""#) }
        let events = lines.compactMap { line -> TimedEvent? in
            guard case .event(let timed)? = try? SessionEventCodec.decode(line: Array(line.utf8)) else { return nil }
            return timed
        }
        guard case .session? = events.first?.event else {
            Issue.record("the header comes first: \(lines.first ?? "nothing")")
            return
        }
        #expect(Array(events.dropFirst()) == [history[2], history[3], history[5], history[6], history[7]],
                "the operator's settings, the latest allocation, the lost edge and the last decision, in the order published:\n\(lines.joined(separator: "\n"))")

        // Then the stream goes on as before.
        #expect(eventually { port.publisher.subscriberCount == 1 })
        port.publisher.publish(TimedEvent(t: 5, event: .note(NoteEvent(text: "next"))))
        #expect(client.readLine() == #"{"type":"note","t":5,"text":"next"}"#)
    }

    @Test func aDashboardAttachingAfterTheLastAllocationShowsTheSharesAtOnce() throws {
        let profile = try resnet18()
        let port = try RunningPort(profile: profile, header: Self.header(profile))
        defer { port.server.close() }
        port.publisher.setHeader(Self.header(profile), device: "cam-1")
        for event in Self.history(layerCount: profile.layerCount) { port.publisher.publish(event) }

        let inbox = DashboardInbox()
        let feed = LiveFeed(address: ControlAddress(host: "127.0.0.1", port: port.server.port), token: nil, inbox: inbox)
        defer { feed.stop() }
        let header = try feed.connect(timeoutS: 10)
        var state = DashboardState(context: SessionContext(header: header), duration: 0, mode: .live)
        #expect(eventually {
            for action in inbox.drain() { _ = state.reduce(action) }
            return state.sharesInForce != nil && state.lastDecisionReason != nil
        }, "the allocation and the last decision arrive without any new event")
        #expect(state.sharesInForce?.shares == Self.shares)
        #expect(state.recorded.constraints.latencySLOMs == 90, "the operator's SLO, not the header's")
        #expect(state.pinnedSplit == 4)
        #expect(state.edgeReachable == false, "the edge was lost and has not come back")
        _ = state.reduce(.key(.character("e")))
        let screen = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
        #expect(screen.contains("cam-2") && screen.contains("p75"), "the shares panel lists the devices:\n\(screen)")
    }

    @Test func aReconnectedDashboardDoesNotShowWhatStandsTwice() throws {
        let profile = try resnet18()
        let header = Self.header(profile)
        let first = try RunningPort(profile: profile, header: header)
        let history = Self.history(layerCount: profile.layerCount)
        for event in history { first.publisher.publish(event) }
        let inbox = DashboardInbox()
        let feed = LiveFeed(address: ControlAddress(host: "127.0.0.1", port: first.server.port), token: nil, inbox: inbox)
        defer { feed.stop() }
        var state = DashboardState(context: SessionContext(header: try feed.connect(timeoutS: 10)), duration: 0, mode: .live)
        func reduce(until condition: (DashboardState) -> Bool) -> Bool {
            eventually {
                for action in inbox.drain() { _ = state.reduce(action) }
                return condition(state)
            }
        }
        #expect(reduce { $0.lastDecisionReason != nil })
        let shown = state.log
        #expect(shown.count == 5, "two operator lines, cam-1's share, the fault, the decision: \(shown.map(\.text))")

        // The port goes away and comes back on the same port, from the same session (its publisher).
        feed.keepConnected()
        first.server.close()
        first.publisher.closeAll(sayingEnd: false)
        #expect(reduce { !$0.liveConnected })
        let again = try ControlServer.start(ControlServer.Configuration(address: ControlAddress(host: "127.0.0.1", port: first.server.port)),
                                            profile: profile, operators: OperatorQueue(), publisher: first.publisher)
        defer { again.close() }
        #expect(reduce { $0.liveConnected }, "reconnected")
        #expect(eventually { first.publisher.subscriberCount == 1 })
        first.publisher.publish(TimedEvent(t: 6, event: .note(NoteEvent(text: "after the reconnect"))))
        #expect(reduce { $0.log.contains { $0.text == "after the reconnect" } })
        let texts = state.log.map(\.text)
        for entry in shown { #expect(texts.filter { $0 == entry.text }.count == 1, "shown once: \(entry.text)\n\(texts)") }
        #expect(state.sharesHistory.count == 1)
    }

    @Test func severalPortsAttachedLateEachShowTheEdgesShares() throws {
        let profile = try resnet18()
        let one = try RunningPort(profile: profile, header: Self.header(profile))
        let two = try RunningPort(profile: profile, header: Self.header(profile))
        one.publisher.setHeader(Self.header(profile), device: "cam-1")
        two.publisher.setHeader(Self.header(profile), device: "cam-2")
        // Both devices recorded the one edge's allocation long before anyone attached.
        for port in [one, two] { port.publisher.publish(TimedEvent(t: 2.5, event: .shares(Self.shares))) }
        let inbox = DashboardInbox()
        let feed = LiveFleetFeed(addresses: [ControlAddress(host: "127.0.0.1", port: one.server.port),
                                             ControlAddress(host: "127.0.0.1", port: two.server.port)], token: nil, inbox: inbox)
        defer { feed.stop() }
        let header = try feed.connect(timeoutS: 10, graceS: 0.2)
        var state = DashboardState(context: SessionContext(header: header), duration: 0, mode: .live)
        #expect(eventually {
            for action in inbox.drain() { _ = state.reduce(action) }
            return state.sharesInForce != nil
        })
        #expect(state.sharesHistory.count == 1, "the edge's one allocation, once")
        _ = state.reduce(.key(.character("d")))
        #expect(state.shownDeviceID == "cam-2")
        #expect(state.sharesInForce?.shares.share(of: "cam-2")?.split == 7)
    }
}

/// Which published events stand for a late subscriber, and which replace which.
@Suite("Standing events")
struct StandingEventsTests {
    func op(_ action: OperatorAction, _ field: String?, _ value: JSONValue, t: Double, device: String? = nil) -> TimedEvent {
        TimedEvent(t: t, device: device, event: .operatorAction(OperatorEvent(action: action, field: field, newValue: value)))
    }

    @Test func theLatestOfEachKindStandsPerDevice() {
        var standing = StandingEvents()
        let slo = op(.setConstraint, "slo_ms", .number(90), t: 1)
        let memory = op(.setConstraint, "memory_mb", .number(512), t: 2)
        let slo2 = op(.setConstraint, "slo_ms", .number(120), t: 3)
        let pin = op(.pin, "partition", .object(["split": .number(2)]), t: 4)
        let unpin = op(.unpin, "partition", .null, t: 5)
        let policy = op(.setPolicy, "policy", .string("dsc"), t: 6)
        let otherDevice = op(.setPolicy, "policy", .string("gads"), t: 7, device: "cam-2")
        let batch = op(.setBatch, "batch", .number(4), t: 8)
        for event in [slo, memory, slo2, pin, unpin, policy, otherDevice, batch] { standing.keep(event) }
        #expect(standing.events == [memory, slo2, unpin, policy, otherDevice, batch])
    }

    @Test func anEdgeBackClearsTheLostEdgeAndPassingEventsDoNotStand() {
        var standing = StandingEvents()
        let lost = TimedEvent(t: 1, event: .fault(FaultEvent(kind: .edgeLost)))
        standing.keep(lost)
        #expect(standing.events == [lost])
        standing.keep(TimedEvent(t: 2, event: .fault(FaultEvent(kind: .edgeBack))))
        #expect(standing.events.isEmpty)
        for event in [TimedEvent(t: 3, event: .link(LinkEvent(bandwidthMbps: 5, source: .measured))),
                      TimedEvent(t: 3, event: .battery(BatteryEvent(levelPct: 50))),
                      TimedEvent(t: 3, event: .note(NoteEvent(text: "n"))),
                      TimedEvent(t: 3, event: .frame(LateSubscriberTests.frame(30, split: 2)))] {
            standing.keep(event)
        }
        #expect(standing.events.isEmpty)
        let first = TimedEvent(t: 4, event: .shares(LateSubscriberTests.shares))
        var moved = LateSubscriberTests.shares
        moved.devices[0].split = 5
        let second = TimedEvent(t: 9, device: "cam-1", event: .shares(moved))
        standing.keep(first)
        standing.keep(second)
        #expect(standing.events == [second], "one edge, one allocation in force, whoever's stream carried it")
        #expect(standing.holds(second) && !standing.holds(first))
        #expect(!standing.holds(TimedEvent(t: 3, event: .note(NoteEvent(text: "n")))), "a passing event is never held")
    }
}
