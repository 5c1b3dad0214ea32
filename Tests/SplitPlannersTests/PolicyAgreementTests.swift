import SplitCost
import SplitModels
import SplitPlanners
import Testing

/// The fast policies against brute force, on many random models and conditions.
@Suite("Policies agree with exhaustive search")
struct PolicyAgreementTests {
    static let constraintSets: [PlanningConstraints] = [
        .none,
        PlanningConstraints(latencySLOMs: 60),
        PlanningConstraints(deviceMemoryMB: 2),
        PlanningConstraints(minDeviceLayers: 2),
        PlanningConstraints(bandwidthCapMbps: 3),
        PlanningConstraints(latencySLOMs: 80, batteryFloorPercent: 50),
        PlanningConstraints(latencySLOMs: 80, deviceMemoryMB: 3, minDeviceLayers: 1, bandwidthCapMbps: 20, batteryFloorPercent: 30),
    ]

    static func value(_ plan: SplitPlan) -> Double {
        plan.objective == .energy ? plan.cost.energyMJ : plan.cost.latencyMs
    }

    @Test func neurosurgeonAndGADSMatchExhaustiveOnChainsAndDAGs() {
        var rng = TestRNG(seed: 11)
        for round in 0..<150 {
            let profile = randomProfile(layers: 1 + Int(rng.next() % 30), skipProbability: round % 2 == 0 ? 0 : 0.3, rng: &rng)
            let model = CostModel(profile: profile)
            for constraints in Self.constraintSets {
                let exhaustive = ExhaustiveSplitSearch(costModel: model, constraints: constraints)
                let fast = NeurosurgeonPolicy(costModel: model, constraints: constraints)
                let gads = NeighbourSearchPolicy(costModel: model, constraints: constraints)
                var current: Partition?
                for _ in 0..<6 {
                    let request = PlanRequest(link: LinkConditions(bandwidthMbps: rng.uniform(0.2...100), rttMs: rng.uniform(0...50)),
                                              batteryPercent: rng.uniform(0...100), current: current)
                    let truth = exhaustive.plan(request)
                    let a = fast.plan(request)
                    let g = gads.plan(request)
                    #expect(a.objective == truth.objective)
                    #expect(abs(Self.value(a) - Self.value(truth)) <= 1e-9 * max(1, Self.value(truth)),
                            "neurosurgeon round \(round) \(constraints)")
                    #expect(Self.value(g) <= Self.value(truth) + 1e-9 * max(1, Self.value(truth)),
                            "gads round \(round) \(constraints)")
                    #expect(a.violated == truth.violated)
                    current = g.partition
                }
            }
        }
    }

    @Test func minCutIsTheExactOptimumOverAllClosedPartitions() {
        var rng = TestRNG(seed: 23)
        for round in 0..<250 {
            let n = 1 + Int(rng.next() % 10)
            let profile = randomProfile(layers: n, skipProbability: 0.5, rng: &rng)
            let model = CostModel(profile: profile)
            let policy = MinCutPolicy(costModel: model)
            let link = LinkConditions(bandwidthMbps: rng.uniform(0.2...200), rttMs: rng.uniform(0...60))
            let plan = policy.plan(PlanRequest(link: link))
            var best = Double.infinity
            for mask in 0..<(1 << n) {
                let partition = Partition(onDevice: (0..<n).map { mask & (1 << $0) != 0 })
                guard model.isClosed(partition) else { continue }
                best = min(best, model.evaluate(partition, link: link).latencyMs)
            }
            #expect(model.isClosed(plan.partition))
            #expect(abs(plan.cost.latencyMs - best) <= 1e-9 * max(1, best), "round \(round): \(plan.cost.latencyMs) vs \(best)")
        }
    }

    @Test func minCutEqualsExhaustiveOnChainsAndNeverLosesOnDAGs() {
        var rng = TestRNG(seed: 31)
        for round in 0..<120 {
            let profile = randomProfile(layers: 1 + Int(rng.next() % 25), skipProbability: round % 2 == 0 ? 0 : 0.4, rng: &rng)
            let model = CostModel(profile: profile)
            for constraints in Self.constraintSets {
                let exhaustive = ExhaustiveSplitSearch(costModel: model, constraints: constraints)
                let cut = MinCutPolicy(costModel: model, constraints: constraints)
                let request = PlanRequest(link: LinkConditions(bandwidthMbps: rng.uniform(0.2...100), rttMs: rng.uniform(0...50)),
                                          batteryPercent: rng.uniform(0...100))
                let truth = exhaustive.plan(request)
                let plan = cut.plan(request)
                #expect(model.isClosed(plan.partition))
                if truth.violated.isEmpty {
                    #expect(plan.violated.isEmpty, "round \(round) \(constraints)")
                    #expect(Self.value(plan) <= Self.value(truth) + 1e-9 * max(1, Self.value(truth)), "round \(round) \(constraints)")
                }
                if profile.isChain && constraints == .none {
                    #expect(abs(Self.value(plan) - Self.value(truth)) <= 1e-9 * max(1, Self.value(truth)))
                }
                if let k = constraints.minDeviceLayers as Int?, k > 0 {
                    #expect(plan.partition.onDevice.prefix(k).allSatisfy { $0 })
                }
            }
        }
    }

    @Test func dscOnlyPicksCompressiveBottlenecksOrTheTrivialSplits() {
        var rng = TestRNG(seed: 5)
        for _ in 0..<100 {
            let profile = randomProfile(layers: 2 + Int(rng.next() % 30), skipProbability: 0, rng: &rng)
            let model = CostModel(profile: profile)
            let policy = DynamicSplitPolicy(costModel: model)
            let marks = PrefixCostTable(costModel: model).bottlenecks(inputBytes: profile.inputBytes)
            for _ in 0..<5 {
                let plan = policy.plan(PlanRequest(link: LinkConditions(bandwidthMbps: rng.uniform(0.1...100), rttMs: 20)))
                guard let k = plan.split else { Issue.record("DSC returned a non-prefix plan"); continue }
                #expect(k == 0 || k == profile.layerCount || marks[k - 1] == .compressive)
            }
        }
    }

    @Test func zooModelsPlanEndToEnd() throws {
        for name in ModelZoo.names {
            let profile = RooflineEstimator().profile(of: try ModelZoo.model(named: name))
            let model = CostModel(profile: profile)
            let exhaustive = ExhaustiveSplitSearch(costModel: model)
            for bandwidth in [0.5, 5, 50, 500.0] {
                let request = PlanRequest(link: LinkConditions(bandwidthMbps: bandwidth, rttMs: 20))
                let truth = exhaustive.plan(request).cost.latencyMs
                for kind in PolicyKind.adaptive where kind != .dsc {
                    let plan = kind.make(costModel: model, constraints: .none).plan(request)
                    #expect(plan.cost.latencyMs <= truth + 1e-9 * truth, "\(name) \(kind) at \(bandwidth)")
                }
            }
        }
    }
}
