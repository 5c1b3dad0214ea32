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
        let audit = DecisionFromAudit(events)
        #expect(audit.mismatches.isEmpty, "\(audit.mismatches)")
        #expect(audit.versionChanges == 1)
        #expect(audit.decisions >= 2)
        // Every decision names the version its frame ran (format 1.5), not left to the frame.
        #expect(audit.toMismatches.isEmpty, "\(audit.toMismatches)")
        #expect(audit.decisionsNamingVersion == audit.decisions)
    }
}
