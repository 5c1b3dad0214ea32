import SplitAllocation
import SplitRandom
import Testing

@Suite struct AllocatorTests {
    /// On random small problems the exact search finds the brute-force optimum; the fast search
    /// never beats it and never does worse than greedy; every allocation respects the capacity.
    @Test func exactMatchesBruteForceAndBoundsTheOthers() throws {
        var rng = SplitMix64(seed: 42)
        var gaps: [Double] = []
        for trial in 0..<300 {
            let problem = AllocationFixtures.random(devices: 1 + trial % 6, maxOptions: 5, rng: &rng)
            let exact = try ExactAllocator().solve(problem)
            let fast = FastAllocator().solve(problem)
            let greedy = GreedyAllocator.solve(problem)
            let brute = AllocationFixtures.bruteForce(problem)
            #expect(abs(exact.totalUtility - brute.utility) <= 1e-9 * max(1, abs(brute.utility)), "trial \(trial)")
            #expect(fast.totalUtility <= exact.totalUtility + 1e-9, "trial \(trial)")
            #expect(greedy.totalUtility <= fast.totalUtility + 1e-9, "trial \(trial)")
            for allocation in [exact, fast, greedy] {
                #expect(allocation.computeShareSum <= 1 + 1e-9)
                #expect(allocation.bandwidthShareSum <= 1 + 1e-9)
                #expect(allocation.devices.allSatisfy { $0.computeShare >= 0 && $0.bandwidthShare >= 0 && $0.latencyMs.isFinite })
            }
            // The utility the closed form promises is the sum of the devices' own utilities.
            #expect(abs(exact.totalUtility - problem.utility(of: exact.choices)) <= 1e-9 * max(1, abs(exact.totalUtility)))
            gaps.append(exact.totalUtility - fast.totalUtility)
        }
        // Local search is not exact on every instance, but it is on most of these.
        #expect(gaps.filter { $0 > 1e-9 }.count < gaps.count / 4)
    }

    /// An exact search too large for its budget is an error, not a hang or a crash.
    @Test func anExhaustedBudgetIsAnError() {
        var rng = SplitMix64(seed: 3)
        let problem = AllocationFixtures.random(devices: 12, maxOptions: 8, rng: &rng)
        let error = #expect(throws: AllocationError.self) { try ExactAllocator(nodeBudget: 10).solve(problem) }
        #expect(error?.message.contains("more than 10 steps") == true)
    }

    /// The fast allocator handles a hundred devices and keeps within the edge's capacity.
    @Test func fastScalesToAHundredDevices() {
        var rng = SplitMix64(seed: 11)
        let problem = AllocationFixtures.random(devices: 100, maxOptions: 20, rng: &rng)
        let fast = FastAllocator().solve(problem)
        let greedy = GreedyAllocator.solve(problem)
        #expect(fast.devices.count == 100)
        #expect(fast.computeShareSum <= 1 + 1e-9 && fast.bandwidthShareSum <= 1 + 1e-9)
        #expect(fast.totalUtility >= greedy.totalUtility - 1e-9)
    }
}
