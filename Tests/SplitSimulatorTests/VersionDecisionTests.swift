import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession
import SplitSimulator
import SplitTestSupport
import SplitTraces
import Testing

/// A simulated session of model versions records, at every decision, the partition the frame
/// before ran as `from`, also when the floor changes the version.
@Suite("Decisions of a simulated session of versions")
struct VersionDecisionTests {
    @Test func everyDecisionStartsFromWhatTheLastFrameRan() throws {
        // A version so fast on the device that it runs everything there; the full one splits at 2 on this link.
        let tiny = HandModels.tinyChain()
        let versions = [(ModelVersion(name: "full", source: .zooModel("a"), accuracyPercent: 90.21), HandModels.chain()),
                        (ModelVersion(name: "tiny", source: .zooModel("b"), accuracyPercent: 80), tiny)]
        var settings = SimulationSettings()
        settings.durationS = 10
        settings.fps = 2
        settings.rttMs = 10
        settings.operatorScript = [try ScriptedOperator(parsing: "5:accuracy=90")]
        let trace = try BandwidthTrace(name: "flat", steps: [(seconds: 10, mbps: 0.08)])
        let simulator = Simulator(profile: HandModels.chain(), trace: trace, policy: .planner(.mincut), settings: settings,
                                  versions: versions)
        var events: [TimedEvent] = []
        _ = simulator.run(emit: { events.append($0) }, progress: { _ in })
        var last: (version: String?, partition: SessionPartition)?
        var versionChanges = 0
        var decisions = 0
        for event in events {
            switch event.event {
            case .decision(let decision):
                if let last {
                    #expect(decision.from == last.partition, "at \(event.t): from \(String(describing: decision.from)), ran \(last.partition)")
                }
                decisions += 1
            case .frame(let frame) where frame.outcome != .dropped:
                if let last, last.version != frame.version { versionChanges += 1 }
                last = (frame.version, frame.partition)
            default: break
            }
        }
        #expect(versionChanges == 1)
        #expect(decisions >= 2)
    }
}
