import SplitAllocation
import SplitTestSupport
import SplitTraces
import Testing

@Suite struct FleetSimulationTests {
    static func device(_ name: String, trace: BandwidthTrace) -> FleetDevice {
        let plain = AllocationFixtures.localOrSend(name, bytes: 10_000)
        return FleetDevice(name: name, accuracyWeight: plain.accuracyWeight, sloMs: plain.sloMs, rttMs: plain.rttMs,
                           options: plain.options, trace: trace)
    }

    /// On a constant link the estimate is the truth, so the realised utility is the planned one.
    @Test func aSteadyLinkRealisesThePlan() throws {
        let steady = try BandwidthTrace(name: "steady", steps: [(seconds: 10, mbps: 8)])
        let fleet = FleetSimulation(devices: [Self.device("a", trace: steady), Self.device("b", trace: steady)],
                                    edge: AllocationFixtures.edge, durationS: 5)
        for kind in AllocatorKind.allCases {
            let summary = try fleet.run(kind, clock: { 0 })
            #expect(summary.inferences == 10)
            #expect(abs(summary.meanUtility - summary.meanPlannedUtility) < 1e-9, "\(kind)")
        }
        // Both send (0.7, hand-worked in AllocationProblemTests' terms): 20 ms each.
        let exact = try fleet.run(.exact, clock: { 0 })
        #expect(abs(exact.meanUtility - 0.7) < 1e-9)
        #expect(abs(exact.meanLatencyMs - 20) < 1e-9)
        #expect(exact.offloaded == 10 && exact.sloMisses == 0)
    }

    /// A decision on last second's bandwidth pays for an outage it did not see coming: at 0 s the
    /// device sends (the second before, looped, had 8 Mbit/s) into a 2-s outage and misses its
    /// SLO; at 1 and 2 s it saw the outage and stays local; at 3 s it sends again.
    @Test func aStaleEstimateMissesTheSLOInAnOutage() throws {
        let flaky = try BandwidthTrace(name: "flaky", steps: [(seconds: 2, mbps: 0), (seconds: 2, mbps: 8)])
        let fleet = FleetSimulation(devices: [Self.device("a", trace: flaky)], edge: AllocationFixtures.edge, durationS: 4)
        let summary = try fleet.run(.fast, clock: { 0 })
        #expect(summary.offloaded == 2)
        #expect(summary.sloMisses == 1)
        // 2 s of outage then 10 ms, 50 ms twice locally, 10 ms: mean (2010 + 50 + 50 + 10) / 4.
        #expect(abs(summary.meanLatencyMs - 530) < 1e-6)
    }
}
