import SplitRandom
import Testing
import SplitPlanners

/// Whether no device layer reads an edge layer and every forced layer is on the device.
private func isClosed(_ problem: CutProblem, _ onDevice: [Bool]) -> Bool {
    for u in 0..<problem.layerCount {
        if problem.forcedDevice[u] && !onDevice[u] { return false }
        if !onDevice[u] && problem.consumers[u].contains(where: { onDevice[$0] }) { return false }
    }
    return true
}

/// Checks a large solution against what can be checked without brute force: validity, the best
/// prefix split (always a closed set in topological order), and every single-layer move.
private func checkLarge(_ problem: CutProblem, _ plan: CutSolution) {
    let n = problem.layerCount
    #expect(plan.onDevice.count == n)
    #expect(isClosed(problem, plan.onDevice))
    #expect(problem.cost(onDevice: plan.onDevice) == plan.cost)
    let slack = Double(n) * 1e-9 * plan.cost + MinCutPartitioner.quantisationBound(for: problem)

    var bestPrefix = Double.infinity
    for k in 0...n where !problem.forcedDevice[k..<n].contains(true) {
        let prefix = (0..<n).map { $0 < k }
        if let cost = problem.cost(onDevice: prefix) { bestPrefix = min(bestPrefix, cost) }
    }
    #expect(plan.cost <= bestPrefix + slack)

    var improvingMoves = 0
    var moved = plan.onDevice
    for v in 0..<n {
        moved[v].toggle()
        if let cost = problem.cost(onDevice: moved), cost < plan.cost - slack { improvingMoves += 1 }
        moved[v].toggle()
    }
    #expect(improvingMoves == 0)
}

@Test func solvesAResNetLikeDAGOf500Layers() {
    var rng = SplitMix64(seed: 500)
    let problem = RandomCutProblems.residualChain(layerCount: 500, using: &rng)
    let plan = MinCutPartitioner.solve(problem)
    checkLarge(problem, plan)
    // The costs make a real split: the first few layers on the device, the rest on the edge.
    #expect(plan.onDevice.first == true && plan.onDevice.last == false)
}

@Test func solvesAResNetLikeDAGOf2000LayersWithForcedLayers() {
    var rng = SplitMix64(seed: 2000)
    var problem = RandomCutProblems.residualChain(layerCount: 2000, using: &rng)
    problem.forcedDevice[700] = true
    let plan = MinCutPartitioner.solve(problem)
    checkLarge(problem, plan)
    #expect(plan.onDevice[0...700].allSatisfy { $0 })
}

@Test func solvesADeepChainWhoseFlowRunsItsWholeLength() {
    // 2,000 layers, free on the device except the last, and dear to send anywhere: the flow
    // must travel s → 0 → 1 → … → 1999 → t, a path a recursive search would follow call by call.
    let n = 2000
    var deviceCost = [Double](repeating: 0, count: n)
    deviceCost[n - 1] = 5
    let problem = CutProblem(
        layerCount: n, inputConsumers: [0], consumers: (0..<n).map { $0 + 1 < n ? [$0 + 1] : [] },
        deviceCost: deviceCost, edgeCost: [Double](repeating: 0.001, count: n),
        transferCost: [Double](repeating: 1e4, count: n), inputTransferCost: 1e4,
        forcedDevice: [Bool](repeating: false, count: n))
    let plan = MinCutPartitioner.solve(problem)
    #expect(plan.onDevice.allSatisfy { $0 })
    #expect(plan.cost == 5)
}

@Test func workspaceFollowsABandwidthSweepOn500Layers() {
    var rng = SplitMix64(seed: 7)
    let base = RandomCutProblems.residualChain(layerCount: 500, using: &rng)
    var workspace = MinCutWorkspace(structure: base)
    for step in 0..<8 {
        var problem = base
        let slowdown = Double(1 << step) / 8
        problem.transferCost = base.transferCost.map { $0 * slowdown }
        problem.inputTransferCost = base.inputTransferCost * slowdown
        let plan = workspace.solve(problem)
        #expect(plan == MinCutPartitioner.solve(problem))
        checkLarge(problem, plan)
    }
}
