import Foundation
import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession
import SplitSimulator
import SplitTraces
import Testing

/// Energy that obeys the cost model, frames whose parts add up, and reproducible files.
@Suite("Simulator energy and accounting")
struct EnergyTests {
    func settings(duration: Double = 60) -> SimulationSettings {
        var settings = SimulationSettings()
        settings.durationS = duration
        return settings
    }

    func constant(_ mbps: Double) throws -> BandwidthTrace {
        try BandwidthTrace(name: "constant \(mbps)", steps: [(seconds: 10, mbps: mbps)])
    }

    func events(_ simulator: Simulator) -> (SessionSummary, [TimedEvent]) {
        var events: [TimedEvent] = []
        let summary = simulator.run(emit: { events.append($0) }, progress: { _ in })
        return (summary, events)
    }

    @Test func aDeviceThatNeverOffloadsSpendsTheSameEnergyWhateverTheLink() throws {
        for model in ["mobilenetv2", "smallcnn"] {
            let profile = RooflineEstimatorFixture.profile(try ModelZoo.model(named: model))
            var perFrame: [Double] = []
            for mbps in [0.1, 1, 100] {
                let (summary, events) = events(Simulator(profile: profile, trace: try constant(mbps), policy: .planner(.device),
                                                         settings: settings()))
                // Device-only energy per frame = compute energy + probe energy, and it never probes.
                let deviceMs = events.compactMap { if case .frame(let f) = $0.event { f.deviceMs } else { nil } }
                let compute = deviceMs.reduce(0, +) * SimulationSettings().power.computeWatts / Double(deviceMs.count)
                #expect(summary.probes == 0 && summary.probeEnergyPerFrameMJ == 0, "\(model) at \(mbps) Mbit/s probed")
                #expect(abs(summary.energyPerFrameMJ - compute) < 1e-9 * compute, "\(model) at \(mbps) Mbit/s")
                perFrame.append(summary.energyPerFrameMJ)
            }
            #expect(perFrame.allSatisfy { $0 == perFrame[0] }, "\(model): \(perFrame)")
        }
    }

    @Test(arguments: [(0.1, FrameLoop.ProbeResult.timedOut(afterMs: 1_000)), (0.2, .answered(airtimeMs: 800))])
    func probesAreOneAtATimeAndCostTheirAirtime(mbps: Double, each: FrameLoop.ProbeResult) throws {
        // smallcnn over a slow link: offloading never pays, so the adaptive policy runs locally and
        // keeps probing. A 20 kB probe needs 1.6 s at 0.1 Mbit/s, so it is given up after the
        // 1 s timeout (and charged 1 s of radio); at 0.2 Mbit/s it is answered after 0.8 s.
        let profile = RooflineEstimatorFixture.profile(try ModelZoo.model(named: "smallcnn"))
        let settings = settings()
        let (summary, events) = events(Simulator(profile: profile, trace: try constant(mbps), policy: .planner(.neurosurgeon),
                                                 settings: settings))
        let probes = events.compactMap { if case .probe(let p) = $0.event { p } else { nil } }
        let airtime = each.airtimeMs
        #expect(!probes.isEmpty)
        #expect(probes.allSatisfy { abs($0.airtimeMs - airtime) < 1e-6 }, "\(probes.prefix(3))")
        #expect(probes.allSatisfy { $0.outcome == (airtime < 1_000 ? .answered : .timedOut) })
        // One at a time, the next no sooner than the interval after the last ended.
        #expect(Double(probes.count) <= settings.durationS / (airtime / 1000 + settings.probeIntervalS) + 1)
        let frames = events.compactMap { if case .frame(let f) = $0.event, f.outcome != .dropped { f } else { nil } }
        #expect(frames.allSatisfy { $0.partition == .split(profile.layerCount) })
        // Energy per frame = compute energy + probes × airtime × radio W.
        let compute = frames.compactMap(\.deviceMs).reduce(0, +) * settings.power.computeWatts
        let probeEnergy = Double(probes.count) * airtime * settings.power.radioWatts
        #expect(abs(summary.energyPerFrameMJ - (compute + probeEnergy) / Double(frames.count)) < 1e-6 * summary.energyPerFrameMJ)
        #expect(abs(summary.probeEnergyPerFrameMJ - probeEnergy / Double(frames.count)) < 1e-6 * summary.probeEnergyPerFrameMJ)
        checkAccounting(events, power: settings.power, label: "smallcnn \(mbps) Mbit/s")
    }

    @Test func everyFrameAddsUpForEveryPolicyAndTrace() throws {
        let profile = RooflineEstimatorFixture.profile(try ModelZoo.model(named: "resnet18"))
        let traces: [BandwidthTrace] = [
            try stepTrace(50, 0.5),
            try BandwidthTrace(name: "outage", steps: [(seconds: 5, mbps: 8), (seconds: 5, mbps: 0)]),
            try BandwidthTrace.load(path: sampleTrace("pensieve-norway_bus_1")),
            try BandwidthTrace.load(path: sampleTrace("mahimahi-ATT-LTE-driving-2016.up")),
        ]
        var settings = settings(duration: 40)
        settings.batteryMWh = 50
        settings.constraints.batteryFloorPercent = 60
        settings.operatorScript = [ScriptedOperator(at: 10, action: .pin(20)), ScriptedOperator(at: 15, action: .unpin),
                                   ScriptedOperator(at: 20, action: .constraint(.latencySLO, 60))]
        for trace in traces {
            for policy in PolicyComparison.policies + [.planner(.staticSplit(20))] {
                let (summary, events) = events(Simulator(profile: profile, trace: trace, policy: policy, settings: settings))
                let checked = checkAccounting(events, power: settings.power, label: "\(policy) over \(trace.name)")
                #expect(checked == summary.frames && checked > 0)
            }
        }
    }

    @Test func staticPoliciesMakeNoSwitchesEvenWhenTheyFallBack() throws {
        let profile = RooflineEstimatorFixture.profile(try ModelZoo.model(named: "resnet18"))
        let trace = try BandwidthTrace(name: "outage", steps: [(seconds: 5, mbps: 8), (seconds: 5, mbps: 0)])
        for policy in [PolicyKind.edge, .staticSplit(20), .device] {
            let summary = Simulator(profile: profile, trace: trace, policy: .planner(policy), settings: settings()).run()
            #expect(summary.switches == 0, "\(policy)")
            if policy != .device { #expect(summary.local > 0, "\(policy) should have fallen back during the outages") }
        }
    }

    @Test func aFixedClockGivesByteIdenticalFiles() throws {
        let dir = FileManagerFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let profile = try resnet18()
        var settings = settings(duration: 20)
        settings.operatorScript = [ScriptedOperator(at: 5, action: .policy(.dsc))]
        func record(_ name: String, clock: any SessionClock) throws -> Data {
            let path = dir + "/\(name).jsonl"
            let header = SessionHeader(startTime: clock.startTime, source: .simulator, fps: 10, policy: "mincut", model: profile)
            let writer = try SessionWriter(path: path, header: header)
            _ = try Simulator(profile: profile, trace: stepTrace(50, 0.5), policy: .planner(.mincut), settings: settings, clock: clock)
                .run(emit: { try writer.append($0) }, progress: { _ in })
            try writer.close()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let first = try record("a", clock: FixedClock())
        let second = try record("b", clock: FixedClock())
        #expect(!first.isEmpty && first == second)
        #expect(!String(decoding: first, as: UTF8.self).contains("decision_us"))
        // The wall clock times each decision.
        _ = try record("c", clock: WallClock())
        let wall = try SessionReader.read(path: dir + "/c.jsonl")
        let timed = wall.events.compactMap { if case .decision(let d) = $0.event { d.decisionMicros } else { nil } }
        #expect(!timed.isEmpty)
    }
}
