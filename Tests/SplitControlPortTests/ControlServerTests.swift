import Foundation
import SplitControl
import SplitControlPort
import SplitCost
import SplitJSON
import SplitModels
import SplitPlanners
import SplitSession
import SplitSimulator
import SplitTraces
import Testing

/// The control port over real TCP on loopback.
@Suite("Control port")
struct ControlServerTests {
    static let ok = #"{"ok":true}"#

    func errorText(_ reply: String?) -> String? {
        guard let reply, case .object(let object)? = try? JSONValue.parse(reply), object["ok"] == .bool(false) else { return nil }
        return object["error"]?.stringValue
    }

    @Test func everyCommandIsAnsweredAndQueuedForTheNextFrame() throws {
        let profile = try resnet18()
        let n = profile.layerCount
        let port = try RunningPort(profile: profile)
        defer { port.server.close() }
        let client = try port.client()
        #expect(client.request(#"{"cmd":"pin","split":5}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"pin","device_layers":["\#(profile.layers[0].name)"]}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"unpin"}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"set","constraint":"slo_ms","value":120}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"set","constraint":"memory_mb","value":null}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"set","constraint":"battery_floor_pct","value":30}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"set","constraint":"bandwidth_cap_mbps","value":5}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"set","constraint":"min_device_layers","value":2}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"policy","name":"dsc"}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"note","text":"watch this"}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"auth","token":"unneeded"}"#) == Self.ok, "auth without a token configured is harmless")
        #expect(port.operators.drain() == [
            .command(.pin(.prefix(5, layerCount: n))),
            .command(.pin(Partition(onDevice: profile.layers.indices.map { $0 == 0 }))),
            .command(.unpin),
            .command(.setConstraint(.latencySLO, 120)), .command(.setConstraint(.deviceMemory, nil)),
            .command(.setConstraint(.batteryFloor, 30)), .command(.setConstraint(.bandwidthCap, 5)),
            .command(.setConstraint(.minDeviceLayers, 2)),
            .command(.setPolicy(.dsc)), .note("watch this"),
        ])
    }

    /// A session that cannot carry out a command answers it with the reason, never `ok`, and the
    /// command still reaches the session so that the attempt is recorded; the rest are answered ok.
    @Test func aCommandTheSessionCannotCarryOutIsAnsweredWithTheReason() throws {
        let profile = try resnet18()
        let versioned = try RunningPort(profile: profile, admission: .batchFixed)
        defer { versioned.server.close() }
        let client = try versioned.client()
        #expect(errorText(client.request(#"{"cmd":"batch","n":4}"#))?.contains("keeps the batch it started with") == true)
        #expect(client.request(#"{"cmd":"pin","split":5}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"set","constraint":"slo_ms","value":120}"#) == Self.ok)
        #expect(versioned.operators.drain().count == 3)

        let foreign = try RunningPort(profile: profile, admission: .partitionFixed(model: "resnet18-edge"))
        defer { foreign.server.close() }
        let other = try foreign.client()
        for line in [#"{"cmd":"pin","split":5}"#, #"{"cmd":"unpin"}"#, #"{"cmd":"policy","name":"dsc"}"#, #"{"cmd":"batch","n":2}"#] {
            #expect(errorText(other.request(line))?.contains("fixed by the edge's model resnet18-edge") == true, "\(line)")
        }
        #expect(other.request(#"{"cmd":"set","constraint":"memory_mb","value":512}"#) == Self.ok)
        #expect(other.request(#"{"cmd":"note","text":"still here"}"#) == Self.ok)
        #expect(foreign.operators.drain().count == 6)
    }

    /// A floor no version meets is carried out (the session falls back to the most accurate
    /// version) and answered ok with a note in ``PlanningConstraints/unmetFloorNote(_:)``'s words;
    /// a floor one meets, a cleared floor, another constraint, and a port of one model get plain ok.
    @Test func aFloorNoVersionMeetsIsAnsweredWithANote() throws {
        let profile = try resnet18()
        let versions = [ModelVersion(name: "p50", source: .file("p50.onnx"), accuracyPercent: 83.02),
                        ModelVersion(name: "full", source: .file("full.onnx"), accuracyPercent: 90.21)]
        let port = try RunningPort(profile: profile, admission: .batchFixed, versions: versions)
        defer { port.server.close() }
        let client = try port.client()
        let reply = client.request(#"{"cmd":"set","constraint":"accuracy_floor_pct","value":99}"#)
        guard let reply, case .object(let object)? = try? JSONValue.parse(reply) else {
            Issue.record("no JSON reply: \(String(describing: reply))")
            return
        }
        #expect(object["ok"] == .bool(true))
        #expect(object["note"]?.stringValue
            == "no version meets the accuracy floor: falling back to the most accurate (floor 99 %; full is 90.21 %)")
        #expect(object["note"]?.stringValue == PlanningConstraints(accuracyFloorPercent: 99).unmetFloorNote(versions))
        #expect(client.request(#"{"cmd":"set","constraint":"accuracy_floor_pct","value":90}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"set","constraint":"accuracy_floor_pct","value":null}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"set","constraint":"slo_ms","value":120}"#) == Self.ok)
        #expect(port.operators.drain() == [.command(.setConstraint(.accuracyFloor, 99)), .command(.setConstraint(.accuracyFloor, 90)),
                                           .command(.setConstraint(.accuracyFloor, nil)), .command(.setConstraint(.latencySLO, 120))])

        let single = try RunningPort(profile: profile)
        defer { single.server.close() }
        #expect(try single.client().request(#"{"cmd":"set","constraint":"accuracy_floor_pct","value":99}"#) == Self.ok,
                "one model has no accuracy to judge")
    }

    @Test func badLinesGetAnErrorAndTheConnectionGoesOn() throws {
        let profile = try resnet18()
        let port = try RunningPort(profile: profile, maximumLineBytes: 1_024)
        defer { port.server.close() }
        let client = try port.client()
        let oversized = #"{"cmd":"note","text":""# + String(repeating: "x", count: 5_000) + #""}"#
        #expect(errorText(client.request(oversized))?.contains("line longer than 1024 bytes") == true)
        #expect(errorText(client.request("{\"cmd\": pin}"))?.hasPrefix("malformed JSON") == true)
        #expect(errorText(client.request(#"{"cmd":"reboot"}"#))?.contains("unknown command \"reboot\"") == true)
        #expect(errorText(client.request(#"{"cmd":"pin","split":\#(profile.layerCount + 1)}"#))?.contains("split must be") == true)
        #expect(errorText(client.request(#"{"cmd":"set","constraint":"slo_ms","value":0}"#))?.contains("latency SLO") == true)
        #expect(errorText(client.request(#"{"cmd":"set","constraint":"battery_floor_pct","value":101}"#))?.contains("battery") == true)
        // None of them reached the controller; the connection still works.
        #expect(port.operators.drain().isEmpty)
        #expect(client.request(#"{"cmd":"unpin"}"#) == Self.ok)
        #expect(port.operators.drain() == [.command(.unpin)])
        // A second client is served as well.
        #expect(try port.client().request(#"{"cmd":"unpin"}"#) == Self.ok)
    }

    @Test func aTokenMustBePresentedFirst() throws {
        let profile = try resnet18()
        let port = try RunningPort(profile: profile, token: "s3cret")
        defer { port.server.close() }
        let client = try port.client()
        #expect(errorText(client.request(#"{"cmd":"unpin"}"#))?.contains("authentication required") == true)
        #expect(errorText(client.request(#"{"cmd":"subscribe"}"#))?.contains("authentication required") == true)
        #expect(errorText(client.request(#"{"cmd":"auth","token":"s3cre"}"#)) == "wrong token")
        #expect(errorText(client.request(#"{"cmd":"auth","token":"s3cretx"}"#)) == "wrong token")
        #expect(errorText(client.request(#"{"cmd":"unpin"}"#))?.contains("authentication required") == true)
        #expect(port.operators.drain().isEmpty, "nothing before authentication reaches the controller")
        #expect(client.request(#"{"cmd":"auth","token":"s3cret"}"#) == Self.ok)
        #expect(client.request(#"{"cmd":"unpin"}"#) == Self.ok)
        #expect(port.operators.drain() == [.command(.unpin)])
        // Each connection authenticates on its own.
        #expect(errorText(try port.client().request(#"{"cmd":"unpin"}"#))?.contains("authentication required") == true)
    }

    @Test func offLoopbackItRefusesToStartWithoutAToken() throws {
        let profile = try resnet18()
        for host in ["0.0.0.0", "::", "192.0.2.1"] {
            do {
                let server = try ControlServer.start(ControlServer.Configuration(address: ControlAddress(host: host, port: 0)),
                                                     profile: profile, operators: OperatorQueue(), publisher: SessionPublisher())
                server.close()
                Issue.record("\(host) without a token was accepted")
            } catch {
                #expect(error.message.contains("without --token"), "\(error)")
            }
            // An empty token is no token.
            #expect(throws: ControlServerError.self) {
                try ControlServer.start(ControlServer.Configuration(address: ControlAddress(host: host, port: 0), token: ""),
                                        profile: profile, operators: OperatorQueue(), publisher: SessionPublisher())
            }
        }
    }

    @Test func aSubscriberGetsTheHeaderThenEveryEvent() throws {
        let profile = try resnet18()
        let header = SessionHeader(startTime: "2025-01-01T00:00:00Z", source: .simulator, fps: 10, model: profile)
        let port = try RunningPort(profile: profile, header: header)
        defer { port.server.close() }
        let client = try port.client()
        #expect(client.request(#"{"cmd":"subscribe"}"#) == Self.ok)
        let first = try #require(client.readLine())
        guard case .event(let timed) = try SessionEventCodec.decode(line: Array(first.utf8)), case .session(let got) = timed.event else {
            Issue.record("the first line is not the header: \(first.prefix(80))")
            return
        }
        #expect(got.model.layerCount == profile.layerCount)
        #expect(eventually { port.publisher.subscriberCount == 1 })
        for i in 0..<3 { port.publisher.publish(TimedEvent(t: Double(i), event: .note(NoteEvent(text: "n\(i)")))) }
        for i in 0..<3 {
            #expect(client.readLine() == #"{"type":"note","t":\#(i),"text":"n\#(i)"}"#)
        }
    }

    @Test func aCommandAppliesFromTheNextFrameAndIsRecorded() throws {
        let profile = try resnet18()
        // A fast link, so the pinned split's tensor always gets through (no fallback to local).
        let trace = try BandwidthTrace(name: "flat", steps: [(seconds: 60, mbps: 1_000)])
        var settings = SimulationSettings()
        settings.durationS = 3
        let simulator = Simulator(profile: profile, trace: trace, policy: .planner(.neurosurgeon), settings: settings)
        let port = try RunningPort(profile: profile)
        defer { port.server.close() }
        let client = try port.client()
        let path = NSTemporaryDirectory() + "control-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SessionWriter(path: path, header: SessionHeader(startTime: "2025-01-01T00:00:00Z", source: .simulator,
                                                                         fps: settings.fps, model: profile))
        var reply: String?
        // Once frame 10 is recorded, the operator pins split 3 over the port (answered before the session goes on).
        _ = try simulator.run(emit: { event in
            try writer.append(event)
            if case .frame(let frame) = event.event, frame.frame == 10 { reply = client.request(#"{"cmd":"pin","split":3}"#) }
        }, progress: { _ in }, pacer: nil, operators: port.operators)
        try writer.close()
        #expect(reply == Self.ok)
        let events = try SessionReader.read(path: path).events
        let pinAt = events.firstIndex {
            if case .operatorAction(let op) = $0.event { return op.action == .pin }
            return false
        }
        let pin = try #require(pinAt.map { events[$0] })
        #expect(pin.t == 1.1, "recorded at the next frame's time (frame 11 at 10 fps)")
        if case .operatorAction(let op) = pin.event {
            #expect(op.newValue == SessionEventCodec.encode(SessionPartition.split(3)))
        }
        let frames = events.compactMap { timed -> FrameEvent? in
            if case .frame(let frame) = timed.event, frame.outcome != .dropped { return frame }
            return nil
        }
        #expect(frames.first { $0.frame == 10 }?.partition != .split(3), "frame 10 ran before the command")
        #expect(frames.first { $0.frame >= 11 }?.frame == 11 && frames.first { $0.frame >= 11 }?.partition == .split(3),
                "the next frame uses the pin: \(frames.filter { $0.frame >= 10 }.prefix(3).map { "\($0.frame): \($0.partition)" })")
        #expect(frames.filter { $0.frame >= 11 }.allSatisfy { $0.partition == .split(3) }, "every frame from 11 on uses the pin")
        #expect(frames.contains { $0.frame >= 11 })
    }

    @Test func aStalledSubscriberIsDroppedAndTheSessionDoesNotWait() throws {
        let profile = try resnet18()
        let trace = try BandwidthTrace(name: "flat", steps: [(seconds: 60, mbps: 20)])
        var settings = SimulationSettings()
        settings.durationS = 60
        let simulator = Simulator(profile: profile, trace: trace, policy: .planner(.neurosurgeon), settings: settings)
        let baseline = simulator.run()
        // 256 queued events (about 8 MB of padding below) give the healthy reader slack on a loaded
        // machine, and are still far fewer than the 19 MB the stalled client is sent.
        let port = try RunningPort(profile: profile, capacity: 256,
                                   header: SessionHeader(startTime: "2025-01-01T00:00:00Z", source: .simulator, model: profile))
        defer { port.server.close() }
        // The stalled client subscribes with a tiny receive buffer and never reads again.
        let stalled = try ControlPortClient(port: port.server.port, receiveBuffer: 4_096)
        #expect(stalled.request(#"{"cmd":"subscribe"}"#) == Self.ok)
        // The healthy one reads everything on its own thread.
        let healthy = try port.client()
        #expect(healthy.request(#"{"cmd":"subscribe"}"#) == Self.ok)
        #expect(eventually { port.publisher.subscriberCount == 2 })
        let counter = FrameCounter()
        let reader = Thread {
            while let line = healthy.readLine() {
                if line.hasPrefix(#"{"type":"frame""#) { counter.add() }
            }
        }
        reader.start()
        // Each frame also carries 32 kB of notes, more than the stalled socket and its queue can hold.
        let padding = String(repeating: "p", count: 32_768)
        var framesSent = 0
        // At 10× real time the healthy reader keeps up; the stalled socket fills after a few MB.
        let summary = simulator.run(emit: { event in
            port.publisher.publish(event)
            if case .frame = event.event {
                framesSent += 1
                port.publisher.publish(TimedEvent(t: event.t, event: .note(NoteEvent(text: padding))))
            }
        }, progress: { _ in }, pacer: SimulationPacer(pace: 10), operators: port.operators)
        #expect(summary == baseline, "the session ran to its end as it does with nobody watching")
        #expect(port.publisher.dropped == 1, "the stalled subscriber was dropped")
        #expect(eventually(30) { counter.count == framesSent }, "the healthy subscriber got every frame: \(counter.count) of \(framesSent)")
        #expect(port.publisher.subscriberCount == 1)
    }
}

/// A count shared with a reader thread.
final class FrameCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}
