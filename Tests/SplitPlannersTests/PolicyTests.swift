import SplitCost
import SplitModels
import SplitPlanners
import Testing

@Suite("Policies on hand-worked cases")
struct PolicyTests {
    let model = CostModel(profile: handChain())

    @Test func neurosurgeonPicksTheBestSplitForTheBandwidth() {
        let policy = NeurosurgeonPolicy(costModel: model)
        let slow = policy.plan(PlanRequest(link: slowLink))
        #expect(slow.split == 2)
        #expect(abs(slow.cost.latencyMs - 45.5) < 1e-9)
        let fast = policy.plan(PlanRequest(link: fastLink))
        #expect(fast.split == 0)
        #expect(abs(fast.cost.latencyMs - 14.5) < 1e-9)
        #expect(fast.binding.isEmpty && fast.violated.isEmpty)
    }

    @Test func staticPoliciesStayPut() {
        #expect(DeviceOnlyPolicy(costModel: model).plan(PlanRequest(link: fastLink)).split == 3)
        #expect(EdgeOnlyPolicy(costModel: model).plan(PlanRequest(link: slowLink)).split == 0)
        let fixed = StaticSplitPolicy(costModel: model, split: 1)
        #expect(fixed.plan(PlanRequest(link: slowLink)).split == 1)
        #expect(abs(fixed.plan(PlanRequest(link: slowLink)).cost.latencyMs - 222.5) < 1e-9)
    }

    @Test func memoryBudgetExcludesSplits() {
        // 5,000 bytes: splits 0 (1,000 B) and 1 (3,400 B) fit; 2 (7,400 B) and 3 (7,440 B) do not.
        let constraints = PlanningConstraints(deviceMemoryMB: 0.005)
        let plan = NeurosurgeonPolicy(costModel: model, constraints: constraints).plan(PlanRequest(link: slowLink))
        #expect(plan.split == 0)
        #expect(plan.binding == [.deviceMemory])
        #expect(plan.violated.isEmpty)
        // Device-only cannot fit: it moves to the nearest split that does.
        let local = DeviceOnlyPolicy(costModel: model, constraints: constraints).plan(PlanRequest(link: slowLink))
        #expect(local.split == 1)
        #expect(local.binding == [.deviceMemory])
    }

    @Test func minimumDeviceLayersNeverSendsTheRawInput() {
        let constraints = PlanningConstraints(minDeviceLayers: 1)
        let plan = NeurosurgeonPolicy(costModel: model, constraints: constraints).plan(PlanRequest(link: fastLink))
        #expect(plan.split == 1)
        #expect(abs(plan.cost.latencyMs - 24.5) < 1e-9)
        #expect(plan.binding == [.minDeviceLayers])
        #expect(EdgeOnlyPolicy(costModel: model, constraints: constraints).plan(PlanRequest(link: fastLink)).split == 1)
    }

    @Test func bandwidthCapLowersTheBandwidthUsed() {
        let constraints = PlanningConstraints(bandwidthCapMbps: 0.08)
        let plan = NeurosurgeonPolicy(costModel: model, constraints: constraints).plan(PlanRequest(link: fastLink))
        #expect(plan.split == 2)
        #expect(abs(plan.cost.latencyMs - 45.5) < 1e-9)
        #expect(plan.binding == [.bandwidthCap])
    }

    @Test func sloMissIsReportedWithTheLeastViolatingPlan() {
        let constraints = PlanningConstraints(latencySLOMs: 40)
        let plan = NeurosurgeonPolicy(costModel: model, constraints: constraints).plan(PlanRequest(link: slowLink))
        #expect(plan.split == 2)
        #expect(plan.violated == [.latencySLO])
    }

    @Test func belowTheBatteryFloorEnergyIsMinimisedWithinTheSLO() {
        // Energies at the slow link: 156.75, 356.25, 162.75, 400 mJ; latencies 113.5, 222.5, 45.5, 80 ms.
        let saver = PlanningConstraints(latencySLOMs: 200, batteryFloorPercent: 20)
        let policy = NeurosurgeonPolicy(costModel: model, constraints: saver)
        let low = policy.plan(PlanRequest(link: slowLink, batteryPercent: 10))
        #expect(low.objective == .energy)
        #expect(low.split == 0)
        #expect(low.binding.contains(.batteryFloor))
        let tight = NeurosurgeonPolicy(costModel: model, constraints: PlanningConstraints(latencySLOMs: 50, batteryFloorPercent: 20))
        #expect(tight.plan(PlanRequest(link: slowLink, batteryPercent: 10)).split == 2)
        // Above the floor the objective is latency again.
        let high = policy.plan(PlanRequest(link: slowLink, batteryPercent: 90))
        #expect(high.objective == .latency && high.split == 2)
    }

    @Test func conflictingConstraintsFallBackAndSaySo() {
        // At least two device layers need 7,400 B; the budget is 5,000 B.
        let constraints = PlanningConstraints(deviceMemoryMB: 0.005, minDeviceLayers: 2)
        let plan = NeurosurgeonPolicy(costModel: model, constraints: constraints).plan(PlanRequest(link: fastLink))
        #expect(plan.split == 2)
        #expect(plan.violated.contains(.deviceMemory))
    }

    @Test func dscChoosesAmongCompressiveBottlenecksAndTheTrivialSplits() {
        let policy = DynamicSplitPolicy(costModel: model)
        #expect(policy.candidates == [0, 2, 3])
        #expect(policy.plan(PlanRequest(link: slowLink)).split == 2)
        #expect(policy.plan(PlanRequest(link: fastLink)).split == 0)
        // Split 1 (not a bottleneck) is never taken, even when it is the best allowed split.
        let private1 = DynamicSplitPolicy(costModel: model, constraints: PlanningConstraints(minDeviceLayers: 1))
        #expect(private1.plan(PlanRequest(link: fastLink)).split == 2)
        let veryFast = policy.plan(PlanRequest(link: LinkConditions(bandwidthMbps: 0.001, rttMs: 10)))
        #expect(veryFast.split == 3)
    }

    @Test func gadsStartsNearTheCurrentSplit() {
        let policy = NeighbourSearchPolicy(costModel: model)
        let near = policy.plan(PlanRequest(link: slowLink, current: .prefix(3, layerCount: 3)))
        #expect(near.split == 2)
        #expect(near.foundNearCurrent == true)
        let cold = policy.plan(PlanRequest(link: slowLink))
        #expect(cold.split == 2 && cold.foundNearCurrent == false)
    }

    @Test func policyNamesParse() {
        #expect(PolicyKind(name: "static:4") == .staticSplit(4))
        #expect(PolicyKind(name: "MinCut") == .mincut)
        #expect(PolicyKind(name: "static:-1") == nil)
        #expect(PolicyKind(name: "static:") == nil)
        #expect(PolicyKind(name: "oracle-ish") == nil)
    }
}
