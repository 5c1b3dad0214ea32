import SplitCost
import Synchronization

/// DADS (Hu et al., INFOCOM 2019): the optimal partition of a DAG model by a minimum s–t cut.
///
/// Device layers sit on the source side; a layer costs its device time there and its edge time on
/// the sink side; a tensor crossing the cut costs its transfer time once; infinite reverse edges
/// keep the device set closed under predecessors. The RTT, paid whenever anything runs on the
/// edge, is handled by comparing the cut with device-only. On chains this equals exhaustive search.
///
/// Constraints: minimum device layers force layers onto the source side and the bandwidth cap
/// lowers the bandwidth, so the answer stays exact. Below the battery floor the same cut runs on
/// energy weights. When the memory budget or (in energy mode) the SLO rules the optimum out, the
/// policy searches Lagrangian-weighted cuts and the feasible prefix splits and keeps the best
/// feasible one, so it is never worse than exhaustive search over splits.
public struct MinCutPolicy: PlanningPolicy {
    public let name = "mincut"
    public let costModel: CostModel
    private let search: PrefixSearch
    private let forced: [Bool]
    /// Bytes of each layer's weights, the memory term of a Lagrangian cut.
    private let parameterBytes: [Double]
    /// The flow network, built once and re-solved with new capacities every decision.
    private let workspace: WorkspaceBox

    public var constraints: PlanningConstraints { search.constraints }

    public init(costModel: CostModel, constraints: PlanningConstraints = .none) {
        self.costModel = costModel
        let table = PrefixCostTable(costModel: costModel)
        search = PrefixSearch(table: table, power: costModel.power, constraints: constraints,
                              candidates: Array(0...table.layerCount))
        var forced = Array(repeating: false, count: costModel.layerCount)
        for k in 0..<min(search.minimumSplit, costModel.layerCount) { forced[k] = true }
        self.forced = forced
        parameterBytes = costModel.profile.layers.map { Double(($0.params ?? 0) * costModel.bytesPerParameter) }
        workspace = WorkspaceBox(MinCutWorkspace(structure: CutProblem(
            layerCount: costModel.layerCount, inputConsumers: costModel.inputConsumers, consumers: costModel.consumers,
            deviceCost: Array(repeating: 0, count: costModel.layerCount), edgeCost: Array(repeating: 0, count: costModel.layerCount),
            transferCost: Array(repeating: 0, count: costModel.layerCount), inputTransferCost: 0,
            forcedDevice: forced)))
    }

    public func plan(_ request: PlanRequest) -> SplitPlan {
        let (link, capped) = search.effectiveLink(request.link)
        let energyMode = search.savesEnergy(request)
        let objective: PlanningObjective = energyMode ? .energy : .latency
        let budget = constraints.deviceMemoryBytes
        let slo = constraints.latencySLOMs

        func value(_ cost: CostBreakdown) -> Double { energyMode ? cost.energyMJ : cost.latencyMs }
        func fits(_ cost: CostBreakdown) -> Bool { budget.map { cost.deviceMemoryBytes <= $0 } ?? true }
        func meets(_ cost: CostBreakdown) -> Bool { !energyMode || (slo.map { cost.latencyMs <= $0 } ?? true) }

        // The exact optimum under the objective, with privacy and the cap already built in.
        var best = solve(link: link, latencyWeight: energyMode ? 0 : 1, energyWeight: energyMode ? 1 : 0,
                         memoryWeight: 0, forced: forced)
        var bestCost = costModel.evaluate(best, link: link)
        var binding: [ConstraintKind] = energyMode ? [.batteryFloor] : []

        if !(fits(bestCost) && meets(bestCost)) {
            if !fits(bestCost) { binding.append(.deviceMemory) }
            if !meets(bestCost) { binding.append(.latencySLO) }
            // Feasible candidates with their costs: the prefix split the shared search finds, then
            // Lagrangian-weighted cuts.
            let prefix = search.decide(request)
            let prefixPartition = Partition.prefix(prefix.split, layerCount: costModel.layerCount)
            let prefixCost = costModel.evaluate(prefixPartition, link: link)
            var feasible: [(Partition, CostBreakdown)] = fits(prefixCost) && meets(prefixCost) ? [(prefixPartition, prefixCost)] : []
            // Penalise parameters (memory) or latency (SLO) until the cut becomes feasible.
            let needsMemory = !fits(bestCost)
            let needsSpeed = !meets(bestCost)
            var low = 0.0
            var high = 1.0
            for _ in 0..<40 {
                let weight = (low + high) / 2
                let partition = solve(link: link, latencyWeight: energyMode ? (needsSpeed ? weight * 1e3 : 0) : 1,
                                      energyWeight: energyMode ? 1 : 0,
                                      memoryWeight: needsMemory ? weight : 0, forced: forced)
                let cost = costModel.evaluate(partition, link: link)
                if fits(cost) && meets(cost) {
                    feasible.append((partition, cost))
                    high = weight
                } else {
                    low = weight
                }
            }
            if let winner = feasible.min(by: { value($0.1) < value($1.1) }) {
                best = winner.0
                bestCost = winner.1
            } else {
                // Least violating: the shared search's fallback split.
                best = prefixPartition
                bestCost = prefixCost
            }
        }

        var violated: [ConstraintKind] = []
        if !fits(bestCost) { violated.append(.deviceMemory) }
        if let slo, bestCost.latencyMs > slo { violated.append(.latencySLO) }
        if !energyMode, constraints != .none {
            let free = solve(link: request.link.saturated, latencyWeight: 1, energyWeight: 0, memoryWeight: 0,
                             forced: Array(repeating: false, count: costModel.layerCount))
            let freeCost = costModel.evaluate(free, link: request.link.saturated)
            if freeCost.latencyMs < bestCost.latencyMs - 1e-9 * max(1, bestCost.latencyMs) {
                if zip(free.onDevice, forced).contains(where: { $1 && !$0 }) { binding.append(.minDeviceLayers) }
                if capped { binding.append(.bandwidthCap) }
            }
        }
        var seen = Set<ConstraintKind>()
        return SplitPlan(policy: name, partition: best, cost: bestCost, objective: objective,
                         binding: binding.filter { seen.insert($0).inserted }, violated: violated)
    }

    /// The minimum cut for a weighted sum of latency, energy and parameter bytes, compared with device-only.
    private func solve(link: LinkConditions, latencyWeight: Double, energyWeight: Double, memoryWeight: Double,
                       forced: [Bool]) -> Partition {
        let profile = costModel.profile
        let power = costModel.power
        let msPerByte = link.msPerByte
        let n = profile.layerCount
        let deviceCost = (0..<n).map { i in
            latencyWeight * profile.layers[i].deviceMs + energyWeight * power.computeWatts * profile.layers[i].deviceMs
                + memoryWeight * parameterBytes[i]
        }
        let edgeCost = profile.layers.map { latencyWeight * $0.edgeMs + energyWeight * power.idleWatts * $0.edgeMs }
        let perByte = (latencyWeight + energyWeight * power.radioWatts) * msPerByte
        let problem = CutProblem(layerCount: n, inputConsumers: costModel.inputConsumers, consumers: costModel.consumers,
                                 deviceCost: deviceCost, edgeCost: edgeCost,
                                 transferCost: profile.layers.map { Double($0.outputBytes) * perByte },
                                 inputTransferCost: Double(profile.inputBytes) * perByte, forcedDevice: forced)
        let cut = workspace.mutex.withLock { $0.solve(problem) }
        let deviceOnly = Array(repeating: true, count: n)
        guard cut.onDevice != deviceOnly, let deviceOnlyCost = problem.cost(onDevice: deviceOnly) else {
            return Partition(onDevice: cut.onDevice)
        }
        // Anything on the edge also pays the round trip (as waiting time in energy mode).
        let rtt = (latencyWeight + energyWeight * power.idleWatts) * link.rttMs
        return Partition(onDevice: cut.cost + rtt < deviceOnlyCost ? cut.onDevice : deviceOnly)
    }
}

/// Shares one reusable flow network between copies of a policy; decisions take turns.
private final class WorkspaceBox: Sendable {
    let mutex: Mutex<MinCutWorkspace>
    init(_ workspace: MinCutWorkspace) { mutex = Mutex(workspace) }
}
