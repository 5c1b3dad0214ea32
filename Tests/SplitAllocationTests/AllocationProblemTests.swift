import SplitAllocation
import SplitRandom
import Testing

@Suite struct AllocationProblemTests {
    /// One device alone sending 10 kB at 8 Mbit/s: 10 ms, u = 0.5·0.9 − 0.5·10/100 = 0.40, which
    /// beats running locally (0.5·0.8 − 0.5·50/100 = 0.15); it gets the whole uplink.
    @Test func oneDeviceTakesTheWholeUplink() throws {
        let problem = try AllocationProblem(devices: [AllocationFixtures.localOrSend("a", bytes: 10_000)], edge: AllocationFixtures.edge)
        let best = try ExactAllocator().solve(problem)
        #expect(best.choices == [1])
        #expect(abs(best.devices[0].bandwidthShare - 1) < 1e-12)
        #expect(abs(best.devices[0].latencyMs - 10) < 1e-9)
        #expect(abs(best.totalUtility - 0.40) < 1e-12)
    }

    /// Three devices that each could send 40 kB (40 ms alone, u = 0.45 − 0.2 = 0.25 > 0.15
    /// locally). Two senders share the uplink: 80 ms each, 0.05 each; so the best is one sender
    /// (0.25) and two local (0.15 + 0.15): 0.55. Greedy assumes a third of the uplink (120 ms,
    /// u = −0.15), so every device stays local: 0.45.
    @Test func onlyOneOfThreeShouldSend() throws {
        let devices = ["a", "b", "c"].map { AllocationFixtures.localOrSend($0, bytes: 40_000) }
        let problem = try AllocationProblem(devices: devices, edge: AllocationFixtures.edge)
        let exact = try ExactAllocator().solve(problem)
        #expect(abs(exact.totalUtility - 0.55) < 1e-12)
        #expect(exact.choices.filter { $0 == 1 }.count == 1)
        let sender = try #require(exact.devices.first { $0.option == 1 })
        #expect(abs(sender.bandwidthShare - 1) < 1e-12)
        #expect(abs(sender.latencyMs - 40) < 1e-9)
        #expect(exact.devices.filter { $0.option == 0 }.allSatisfy { $0.bandwidthShare == 0 && $0.latencyMs == 50 })
        let greedy = GreedyAllocator.solve(problem)
        #expect(greedy.choices == [0, 0, 0])
        #expect(abs(greedy.totalUtility - 0.45) < 1e-12)
        #expect(abs(FastAllocator().solve(problem).totalUtility - 0.55) < 1e-12)
    }

    /// Compute shares go as √(edge ms): 1 ms and 4 ms of edge work get 1/3 and 2/3 of the edge,
    /// so 3 ms and 6 ms (9 ms in all, against 2 + 8 = 10 ms at equal shares).
    @Test func computeSharesFollowTheSquareRootOfTheWork() throws {
        func device(_ name: String, macs: Double) -> AllocationDevice {
            AllocationDevice(name: name, accuracyWeight: 0, bandwidthMbps: 8, rttMs: 0, sloMs: 10, options: [
                AllocationOption(version: "v", accuracyPercent: 90, split: 0, deviceMs: 0, transferBytes: 0, edgeMacs: macs),
            ])
        }
        let problem = try AllocationProblem(devices: [device("a", macs: 1e6), device("b", macs: 4e6)], edge: AllocationFixtures.edge)
        let best = try ExactAllocator().solve(problem)
        #expect(abs(best.devices[0].computeShare - 1.0 / 3) < 1e-12)
        #expect(abs(best.devices[1].computeShare - 2.0 / 3) < 1e-12)
        #expect(abs(best.devices[0].latencyMs - 3) < 1e-9)
        #expect(abs(best.devices[1].latencyMs - 6) < 1e-9)
        #expect(abs(best.totalUtility - -0.9) < 1e-12)
        #expect(abs(GreedyAllocator.solve(problem).totalUtility - -1.0) < 1e-12)
    }

    /// The closed-form shares are optimal: moving any bit of share between two devices lowers
    /// the total utility, on random problems.
    @Test func noShareShiftImprovesTheClosedForm() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<50 {
            let problem = AllocationFixtures.random(devices: 4, maxOptions: 4, rng: &rng)
            let best = FastAllocator().solve(problem)
            var compute = best.devices.map(\.computeShare), bandwidth = best.devices.map(\.bandwidthShare)
            for i in compute.indices {
                for j in compute.indices where i != j && compute[i] > 0.02 && bandwidth[i] > 0.02 && compute[j] > 0 && bandwidth[j] > 0 {
                    compute[i] -= 0.01; compute[j] += 0.01; bandwidth[i] -= 0.01; bandwidth[j] += 0.01
                    let moved = problem.allocation(choosing: best.choices, computeShares: compute, bandwidthShares: bandwidth)
                    #expect(moved.totalUtility <= best.totalUtility + 1e-12)
                    compute[i] += 0.01; compute[j] -= 0.01; bandwidth[i] += 0.01; bandwidth[j] -= 0.01
                }
            }
        }
    }

    /// A device in an outage runs locally; one with nothing local to run is a clear error.
    @Test func anOutageLeavesOnlyLocalOptions() throws {
        var device = AllocationFixtures.localOrSend("phone", bytes: 1_000)
        device.bandwidthMbps = 0
        let problem = try AllocationProblem(devices: [device], edge: AllocationFixtures.edge)
        #expect(try ExactAllocator().solve(problem).choices == [0])
        #expect(FastAllocator().solve(problem).choices == [0])
        #expect(GreedyAllocator.solve(problem).choices == [0])
        device.options.removeFirst()
        let error = #expect(throws: AllocationError.self) { try AllocationProblem(devices: [device], edge: AllocationFixtures.edge) }
        #expect(error?.message.contains("phone: no feasible option") == true)
    }

    /// Degenerate and out-of-range input gives an error naming the device and field, never a crash.
    @Test func badInputIsAClearError() {
        typealias Spoil = (inout [AllocationDevice], inout EdgeCapacity) -> Void
        let cases: [(String, Spoil, String)] = [
            ("no devices", { d, _ in d = [] }, "no devices"),
            ("no options", { d, _ in d[1].options = [] }, "b: no options"),
            ("weight 1", { d, _ in d[0].accuracyWeight = 1 }, "a: accuracy weight"),
            ("weight NaN", { d, _ in d[0].accuracyWeight = .nan }, "a: accuracy weight"),
            ("negative bandwidth", { d, _ in d[1].bandwidthMbps = -1 }, "b: bandwidth"),
            ("SLO 0", { d, _ in d[0].sloMs = 0 }, "a: latency SLO"),
            ("accuracy 101", { d, _ in d[0].options[1].accuracyPercent = 101 }, "a: option 1 (big split 0): accuracy"),
            ("negative bytes", { d, _ in d[1].options[1].transferBytes = -5 }, "b: option 1 (big split 0): bytes sent"),
            ("infinite device ms", { d, _ in d[0].options[0].deviceMs = .infinity }, "a: option 0 (small split 3): device time"),
            ("zero edge compute", { _, e in e.gmacsPerSecond = 0 }, "edge compute"),
            ("zero edge uplink", { _, e in e.uplinkMbps = 0 }, "edge uplink"),
        ]
        for (label, spoil, expected) in cases {
            var devices = [AllocationFixtures.localOrSend("a", bytes: 1_000), AllocationFixtures.localOrSend("b", bytes: 1_000)]
            var edge = AllocationFixtures.edge
            spoil(&devices, &edge)
            let error = #expect(throws: AllocationError.self, "\(label)") { try AllocationProblem(devices: devices, edge: edge) }
            #expect(error?.message.hasPrefix(expected) == true, "\(label): \(error?.message ?? "")")
        }
    }
}
