import SplitRandom
import Testing
import SplitPlanners

@Test func matchesBruteForceOnRandomSmallDAGs() {
    var rng = SplitMix64(seed: 0x5EED_CAFE)
    var checked = 0
    for round in 0..<640 {
        let n = 1 + round % 12
        let style = RandomCutProblems.CostStyle.allCases[(round / 12) % 4]
        let density = [0.15, 0.35, 0.6, 0.9][(round / 48) % 4]
        let forcedChance = round % 5 == 0 ? 0.15 : 0
        let problem = RandomCutProblems.make(
            layerCount: n, style: style, density: density, forcedChance: forcedChance, using: &rng)
        let mismatch = bruteForceMismatch(problem, MinCutPartitioner.solve(problem))
        #expect(mismatch == nil, "round \(round), \(style): \(mismatch ?? "")")
        checked += 1
    }
    #expect(checked == 640)
}

@Test func trickyFloatsStayOptimal() {
    var rng = SplitMix64(seed: 0x0_1_0_2)
    for round in 0..<120 {
        let n = 4 + round % 9
        let problem = RandomCutProblems.make(
            layerCount: n, style: .trickyFloats, density: [0.2, 0.5][round % 2],
            forcedChance: round % 3 == 0 ? 0.1 : 0, using: &rng)
        let mismatch = bruteForceMismatch(problem, MinCutPartitioner.solve(problem))
        #expect(mismatch == nil, "round \(round): \(mismatch ?? "")")
    }
}

@Test func pointOnePlusPointTwoIsNotPointThree() {
    // Device: 0.1 + 0.2 = 0.30000000000000004; edge: 0.3 exactly. The edge is cheaper by one ulp.
    let problem = CutProblem(
        layerCount: 2, inputConsumers: [0], consumers: [[1], []],
        deviceCost: [0.1, 0.2], edgeCost: [0.15, 0.15], transferCost: [1, 1],
        inputTransferCost: 0, forcedDevice: [false, false])
    let plan = MinCutPartitioner.solve(problem)
    #expect(plan.onDevice == [false, false])
    #expect(plan.cost == 0.3)
}

@Test func tinyCostBesideHugeOnesIsWithinTheBound() {
    // 1e-12 of difference beside 1e6: the solver may miss it only by the documented bound.
    let problem = CutProblem(
        layerCount: 2, inputConsumers: [0], consumers: [[1], []],
        deviceCost: [1e6, 1e-12], edgeCost: [1e6, 2e-12], transferCost: [1e6, 0],
        inputTransferCost: 1e6, forcedDevice: [false, true])
    let plan = MinCutPartitioner.solve(problem)
    let best = 1e6 + 1e-12
    #expect(plan.onDevice == [true, true])
    #expect(plan.cost <= best + MinCutPartitioner.quantisationBound(for: problem))
    #expect(MinCutPartitioner.quantisationBound(for: problem) < 1e-9)
}

@Test func workspaceResolvesWithNewCosts() {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<10 {
        let n = 10
        let structure = RandomCutProblems.make(
            layerCount: n, style: .spread, density: 0.3, forcedChance: 0, using: &rng)
        var workspace = MinCutWorkspace(structure: structure)
        for frame in 0..<30 {
            let fresh = RandomCutProblems.make(
                layerCount: n, style: RandomCutProblems.CostStyle.allCases[frame % 4],
                density: 0.3, forcedChance: frame % 4 == 0 ? 0.2 : 0, using: &rng)
            var problem = structure
            problem.deviceCost = fresh.deviceCost
            problem.edgeCost = fresh.edgeCost
            problem.transferCost = fresh.transferCost
            problem.inputTransferCost = fresh.inputTransferCost
            problem.forcedDevice = fresh.forcedDevice
            let reused = workspace.solve(problem)
            #expect(reused == MinCutPartitioner.solve(problem))
            #expect(bruteForceMismatch(problem, reused) == nil)
        }
    }
}
