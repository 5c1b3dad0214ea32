import SplitModels
import SplitPlanners
import SplitSession
import SplitSimulator
import SplitTraces
import Testing

/// A step trace: `first` Mbit/s for 30 s, then `second` Mbit/s for 30 s, looping.
func stepTrace(_ first: Double, _ second: Double) throws -> BandwidthTrace {
    try BandwidthTrace(name: "step", steps: [(seconds: 30, mbps: first), (seconds: 30, mbps: second)])
}

func resnet18() throws -> ModelProfile {
    RooflineEstimatorFixture.profile(try ModelZoo.model(named: "resnet18"))
}

@Suite("Simulator")
struct SimulatorTests {
    func settings(duration: Double = 60, fps: Double = 10) -> SimulationSettings {
        var settings = SimulationSettings()
        settings.durationS = duration
        settings.fps = fps
        return settings
    }

    @Test func sameSeedSameSession() throws {
        let trace = try stepTrace(50, 0.5)
        let run = { try Simulator(profile: resnet18(), trace: trace, policy: .planner(.mincut), settings: self.settings()).run() }
        #expect(try run() == run())
    }

    @Test func adaptsWhenTheLinkCollapses() throws {
        // 200 Mbit/s: offloading ResNet-18 (its float32 input, 602 kB, in 24 ms) beats 49 ms on the
        // device; at 0.5 Mbit/s it does not.
        var events: [TimedEvent] = []
        let summary = try Simulator(profile: resnet18(), trace: stepTrace(200, 0.5), policy: .planner(.neurosurgeon),
                                    settings: settings()).run(emit: { events.append($0) }, progress: { _ in })
        let decisions = events.compactMap { timed -> (Double, DecisionEvent)? in
            if case .decision(let d) = timed.event { return (timed.t, d) }
            return nil
        }
        #expect(decisions.first?.1.reason == .start)
        #expect(decisions.first?.1.to == .split(0))
        let collapse = decisions.first { $0.0 >= 30 && $0.1.to == .split(resnet18LayerCount) }
        #expect(collapse != nil, "expected a switch to device-only after the link collapses at 30 s")
        #expect((collapse?.0 ?? 99) < 32, "the controller should notice within two seconds")
        #expect(collapse?.1.reason == .bandwidth || collapse?.1.reason == .fault)
        // Falling back to local is a fault, counted under local; a planned move is a switch.
        if collapse?.1.reason == .fault { #expect(summary.local >= 1) } else { #expect(summary.switches >= 1) }
        // Time never goes backwards in the stream.
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.t <= $1.t })
    }

    @Test func anAllZeroTraceFallsBackToLocalAndFinishes() throws {
        let outage = try BandwidthTrace(name: "outage", steps: [(seconds: 10, mbps: 0)])
        var frames: [FrameEvent] = []
        let summary = try Simulator(profile: resnet18(), trace: outage, policy: .planner(.edge), settings: settings(duration: 20))
            .run(emit: { if case .frame(let f) = $0.event { frames.append(f) } }, progress: { _ in })
        #expect(summary.frames > 0)
        // Nothing is ever delivered, so every processed frame ran on the device.
        #expect(frames.filter { $0.outcome != .dropped }.allSatisfy { $0.bytesSent == 0 })
    }

    @Test func theOracleIsABoundWhenNoFrameIsDropped() throws {
        // At 2 fps every frame finishes before the next, so each frame's choice is independent.
        let trace = try BandwidthTrace.load(path: sampleTrace("pensieve-norway_bus_1"))
        let profile = try resnet18()
        let oracle = Simulator(profile: profile, trace: trace, policy: .oracle, settings: settings(duration: 120, fps: 2)).run()
        #expect(oracle.dropped == 0)
        for kind in [PolicyKind.device, .edge, .neurosurgeon, .mincut, .staticSplit(20)] {
            let other = Simulator(profile: profile, trace: trace, policy: .planner(kind), settings: settings(duration: 120, fps: 2)).run()
            #expect(oracle.meanMs <= other.meanMs + 1e-9, "\(kind): \(other.meanMs) < oracle \(oracle.meanMs)")
        }
    }

    @Test func aRecordedSessionReadsBack() throws {
        let dir = FileManagerFixture.temporaryDirectory()
        let path = dir + "/s.jsonl"
        let profile = try resnet18()
        let header = SessionHeader(startTime: "2026-11-23T00:00:00Z", source: .simulator, fps: 10, policy: "mincut", model: profile)
        let writer = try SessionWriter(path: path, header: header)
        let summary = try Simulator(profile: profile, trace: stepTrace(50, 0.5), policy: .planner(.mincut), settings: settings())
            .run(emit: { try writer.append($0) }, progress: { _ in })
        try writer.close()
        let recording = try SessionReader.read(path: path)
        #expect(recording.diagnostics.isEmpty)
        // Shapes are not part of the profile format, so compare what the file carries.
        #expect(recording.header.model.json == profile.json)
        let frames = recording.events.compactMap { if case .frame(let f) = $0.event, f.outcome != .dropped { f } else { nil } }
        #expect(frames.count == summary.frames)
        // The recording read back sums up to exactly what the simulation reported.
        var tally = SessionTally(sloMs: recording.header.constraints.sloMs)
        for event in recording.events { tally.add(event) }
        #expect(tally.summary(policy: summary.policy) == summary)
    }

    @Test func summaryPercentiles() {
        var tally = SessionTally(sloMs: 35)
        for (i, ms) in [10.0, 20, 30, 40, 50].enumerated() {
            tally.add(TimedEvent(t: Double(i), event: .frame(FrameEvent(frame: i, partition: .split(1), totalMs: ms, energyMJ: 1))))
        }
        let summary = tally.summary(policy: "x")
        #expect(summary.meanMs == 30)
        #expect(summary.p50Ms == 30)
        #expect(abs(summary.p95Ms - 48) < 1e-9)
        #expect(summary.sloMisses == 2)
    }

    @Test func sloMissesCountAgainstTheSLOInForceAtEachFrame() {
        var tally = SessionTally(sloMs: 100)
        let frame = { (i: Int, ms: Double) in TimedEvent(t: Double(i), event: .frame(FrameEvent(frame: i, partition: .split(1), totalMs: ms))) }
        tally.add(frame(0, 90))     // under 100
        tally.add(frame(1, 110))    // over 100
        tally.add(TimedEvent(t: 1.5, event: .operatorAction(OperatorEvent(action: .setConstraint, field: "slo_ms", oldValue: 100, newValue: 80))))
        tally.add(frame(2, 90))     // over 80
        tally.add(TimedEvent(t: 2.5, event: .operatorAction(OperatorEvent(action: .setConstraint, field: "slo_ms", oldValue: 80, newValue: .null))))
        tally.add(frame(3, 500))    // no SLO
        tally.add(TimedEvent(t: 3.5, event: .operatorAction(OperatorEvent(action: .setConstraint, field: "memory_mb", oldValue: .null, newValue: 10))))
        tally.add(frame(4, 500))    // still no SLO: another constraint changed
        #expect(tally.summary(policy: "x").sloMisses == 2)
    }
}

let resnet18LayerCount = 69

@Suite("Scripted operator actions")
struct ScriptedOperatorTests {
    @Test func parsesEveryActionAndRejectsBrokenOnes() throws {
        #expect(try ScriptedOperator(parsing: "30:pin=12") == ScriptedOperator(at: 30, action: .pin(12)))
        #expect(try ScriptedOperator(parsing: "45.5:unpin") == ScriptedOperator(at: 45.5, action: .unpin))
        #expect(try ScriptedOperator(parsing: "60:slo=150") == ScriptedOperator(at: 60, action: .constraint(.latencySLO, 150)))
        #expect(try ScriptedOperator(parsing: "60:cap=none") == ScriptedOperator(at: 60, action: .constraint(.bandwidthCap, nil)))
        #expect(try ScriptedOperator(parsing: "90:policy=dsc") == ScriptedOperator(at: 90, action: .policy(.dsc)))
        for broken in ["pin=3", "-1:pin=3", "x:unpin", "10:pin", "10:pin=-2", "10:slo", "10:slo=fast", "10:policy=magic", "10:frob"] {
            #expect(throws: ScriptedOperatorError.self, "\(broken)") { try ScriptedOperator(parsing: broken) }
        }
    }

    @Test func actionsAreRecordedAndTakeEffectFromTheNextFrame() throws {
        var settings = SimulationSettings()
        settings.durationS = 30
        settings.operatorScript = [ScriptedOperator(at: 10, action: .pin(20)), ScriptedOperator(at: 20, action: .unpin)]
        var events: [TimedEvent] = []
        // A fast link, so the pinned split's transfers never time out.
        _ = try Simulator(profile: resnet18(), trace: stepTrace(500, 400), policy: .planner(.mincut), settings: settings)
            .run(emit: { events.append($0) }, progress: { _ in })
        let operators = events.compactMap { if case .operatorAction(let o) = $0.event { ($0.t, o) } else { nil } }
        #expect(operators.map(\.1.action) == [.pin, .unpin])
        #expect(operators.first.map { $0.0 >= 10 && $0.0 < 10.2 } == true)
        #expect(operators.first?.1.newValue == ["split": 20])
        let decisions = events.compactMap { if case .decision(let d) = $0.event { ($0.t, d) } else { nil } }
        let pinned = decisions.first { $0.1.reason == .operatorPin }
        #expect(pinned?.1.to == .split(20))
        #expect(pinned?.0 == operators.first?.0, "the pin takes effect from the frame it was applied at")
        #expect(decisions.contains { $0.1.reason == .operatorUnpin && $0.0 >= 20 })
        // Frames between the pin and the unpin run the pinned split.
        let framesWhilePinned = events.compactMap { e -> FrameEvent? in
            if case .frame(let f) = e.event, e.t > 10.5, e.t < 19.5, f.outcome == .ok { f } else { nil }
        }
        #expect(!framesWhilePinned.isEmpty && framesWhilePinned.allSatisfy { $0.partition == .split(20) })
    }
}

@Suite("Scripted operator values against their quantities")
struct ScriptedOperatorRangeTests {
    @Test func valuesAFlagWouldRefuseAreRefusedInTheSameWords() throws {
        let cases: [(String, String)] = [
            ("10:pin=9999", "\"10:pin=9999\": split must be a whole number from 0 to 175, got 9999"),
            ("2:memory=1e13", "\"2:memory=1e13\": memory budget must be from 1e-6 to 1e9 MB, got 10000000000000"),
            ("1:cap=1e-310", "\"1:cap=1e-310\": bandwidth must be from 1e-6 to 1000000 Mbit/s, got 1e-310"),
            ("1:min-layers=2.5", "\"1:min-layers=2.5\": layer count must be a whole number from 0 to 175, got 2.5"),
            ("1:floor=101", "\"1:floor=101\": battery level must be from 0 to 100 %, got 101"),
            ("1:slo=0", "\"1:slo=0\": latency SLO must be > 0 (from 0.001 to 86400000 ms), got 0"),
            ("400:unpin", "\"400:unpin\": time must be from 0 to 300 s, got 400"),
            ("1:policy=static:176", "\"1:policy=static:176\": split must be a whole number from 0 to 175, got 176"),
        ]
        for (text, message) in cases {
            #expect(throws: ScriptedOperatorError(message)) {
                try ScriptedOperator(parsing: text, layerCount: 175, sessionLength: 300)
            }
        }
        #expect(try ScriptedOperator(parsing: "300:pin=175", layerCount: 175, sessionLength: 300)
            == ScriptedOperator(at: 300, action: .pin(175)))
        #expect(try ScriptedOperator(parsing: "1:memory=1e9", layerCount: 175) == ScriptedOperator(at: 1, action: .constraint(.deviceMemory, 1e9)))
    }
}
