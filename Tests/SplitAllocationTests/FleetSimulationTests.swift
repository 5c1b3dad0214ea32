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

    /// The observer sees every second with the inference's parts, which add up to the latencies
    /// the summary counts; observing changes nothing.
    @Test func theObserverSeesEachSecondInParts() throws {
        let flaky = try BandwidthTrace(name: "flaky", steps: [(seconds: 2, mbps: 0), (seconds: 2, mbps: 8)])
        let fleet = FleetSimulation(devices: [Self.device("a", trace: flaky)], edge: AllocationFixtures.edge, durationS: 4)
        var seconds: [FleetSecond] = []
        let summary = try fleet.run(.fast, clock: { 0 }) { seconds.append($0) }
        #expect(summary == (try fleet.run(.fast, clock: { 0 })))
        #expect(seconds.map(\.second) == [0, 1, 2, 3])
        #expect(seconds.map(\.estimatedMbps) == [[8], [0], [0], [8]])
        let totals = seconds.map { $0.inferences[0].totalMs }
        #expect(abs(totals.reduce(0, +) / 4 - summary.meanLatencyMs) < 1e-9)
        for second in seconds {
            let inference = second.inferences[0]
            #expect(inference.finished)
            if inference.option.usesEdge {
                #expect(inference.rttMs == Self.device("a", trace: flaky).rttMs && inference.transferMs > 0)
            } else {
                #expect(inference.transferMs == 0 && inference.rttMs == 0 && inference.edgeMs == 0)
            }
        }
        // At 0 s it sent into the outage: the transfer waited out the 2 s.
        #expect(seconds[0].inferences[0].transferMs >= 2000)
    }
    /// Two devices whose changes have different causes: b's channel drops out at 1 s and comes
    /// back at 3 s (its own bandwidth moves it), and a, whose channel barely moves, sends only
    /// while b cannot (the allocator's division of the uplink moves it). a alone at 1.5 Mbit/s
    /// would still send (0.45 − 0.267 > 0.15), so its change is the edge's, not its channel's.
    static func reassignmentFleet() throws -> FleetSimulation {
        let a = try BandwidthTrace(name: "a", steps: [(seconds: 2, mbps: 1.6), (seconds: 2, mbps: 1.5)])
        let b = try BandwidthTrace(name: "b", steps: [(seconds: 2, mbps: 0), (seconds: 2, mbps: 8)])
        return FleetSimulation(devices: [Self.device("a", trace: a), Self.device("b", trace: b)], edge: AllocationFixtures.edge,
                               durationS: 4)
    }

    @Test(arguments: [AllocatorKind.exact, .fast])
    func aReassignmentNamesItsCause(kind: AllocatorKind) throws {
        var seconds: [FleetSecond] = []
        _ = try Self.reassignmentFleet().run(kind, clock: { 0 }) { seconds.append($0) }
        // b sends at 0 s and 3 s, a in between.
        #expect(seconds.map { $0.inferences.map(\.option.usesEdge) } == [[false, true], [true, false], [true, false], [false, true]])
        #expect(seconds.map(\.reassigned) == [[nil, nil], [.edgeShares, .bandwidth], [nil, nil], [.edgeShares, .bandwidth]])
    }

    /// One device alone: every change is its own channel's.
    @Test func aDeviceAloneIsMovedOnlyByItsBandwidth() throws {
        let flaky = try BandwidthTrace(name: "flaky", steps: [(seconds: 2, mbps: 0), (seconds: 2, mbps: 8)])
        var seconds: [FleetSecond] = []
        _ = try FleetSimulation(devices: [Self.device("a", trace: flaky)], edge: AllocationFixtures.edge, durationS: 4)
            .run(.fast, clock: { 0 }) { seconds.append($0) }
        #expect(seconds.map(\.reassigned) == [[nil], [.bandwidth], [nil], [.bandwidth]])
    }
}
