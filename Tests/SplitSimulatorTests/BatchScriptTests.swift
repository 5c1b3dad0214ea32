import SplitControl
import SplitCost
import SplitModels
import SplitSession
import SplitSimulator
import SplitTraces
import Testing

@Suite("Scripted batch changes")
struct BatchScriptTests {
    @Test func batchParsesThroughTheCatalogue() throws {
        #expect(try ScriptedOperator(parsing: "60:batch=4") == ScriptedOperator(at: 60, action: .batch(4)))
        #expect(try ScriptedOperator(parsing: "60:batch=4").command(layerCount: 10) == .setBatch(4))
        for bad in ["60:batch", "60:batch=x", "60:batch=0", "60:batch=2.5", "60:batch=1e9"] {
            #expect(throws: ScriptedOperatorError.self, "\(bad)") { try ScriptedOperator(parsing: bad) }
        }
        do {
            _ = try ScriptedOperator(parsing: "60:batch=0")
        } catch {
            #expect(error.message.contains("batch size"))
        }
    }

    @Test func framesAfterTheChangeCarryTheBatchAndTheSplitMoves() throws {
        var graph = try ModelZoo.model(named: "mobilenetv2")
        let device = ComputeSpec(name: "pi-zero-class", gmacsPerSecond: 1, memoryGBps: 2,
                                 layerOverheadMs: ComputeSpec.jetsonClass.layerOverheadMs)
        let estimator = RooflineEstimator(device: device)
        let profile = estimator.profile(of: graph)
        graph.batchSize = 1
        let n = profile.layerCount
        var settings = SimulationSettings()
        settings.durationS = 20
        settings.fps = 0.5
        settings.rttMs = 100
        settings.operatorScript = [ScriptedOperator(at: 10, action: .batch(4))]
        let trace = try BandwidthTrace(name: "flat", steps: [(seconds: 20, mbps: 3)])
        var simulator = Simulator(profile: profile, trace: trace, policy: .planner(.dsc), settings: settings)
        let base = graph
        simulator.profileAtBatch = { batch in
            var sized = base
            sized.batchSize = batch
            return estimator.profile(of: sized)
        }
        var events: [TimedEvent] = []
        _ = simulator.run(emit: { events.append($0) }, progress: { _ in })
        let frames = events.compactMap { timed -> (Double, FrameEvent)? in
            if case .frame(let frame) = timed.event { return (timed.t, frame) }
            return nil
        }
        let before = frames.filter { $0.0 < 10 }.map(\.1)
        let after = frames.filter { $0.0 >= 10 }.map(\.1)
        #expect(!before.isEmpty && !after.isEmpty)
        #expect(before.allSatisfy { $0.batch == nil && $0.partition == .split(n) })
        #expect(after.allSatisfy { $0.batch == 4 })
        let sent = after.filter { $0.outcome == .ok }
        #expect(!sent.isEmpty)
        #expect(sent.allSatisfy { $0.partition == .split(58) && $0.bytesSent == 4 * 50_176 })
        let operators = events.compactMap { timed -> OperatorEvent? in
            if case .operatorAction(let event) = timed.event { return event }
            return nil
        }
        #expect(operators == [OperatorEvent(action: .setBatch, field: "batch", oldValue: 1, newValue: 4)])
        let reasons = events.compactMap { timed -> DecisionReason? in
            if case .decision(let decision) = timed.event { return decision.reason }
            return nil
        }
        #expect(reasons.contains(.batch))
    }
}
