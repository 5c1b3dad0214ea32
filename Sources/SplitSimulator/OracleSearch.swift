import SplitControl
import SplitCost
import SplitPlanners
import SplitTraces

/// The hindsight bound: for each frame, the partition that is fastest given the true trace.
///
/// Exact over prefix splits: each split's transfer is integrated over the trace from the moment
/// it would start. For DAG models it also weighs the min-cut partition at the bandwidth the best
/// prefix's transfer actually saw. It honours the static constraints (minimum device layers,
/// memory) but not the battery objective.
struct OracleSearch: Sendable {
    let costModel: CostModel
    let table: PrefixCostTable
    let feasible: [Int]
    let minCut: MinCutPolicy?

    init(costModel: CostModel, table: PrefixCostTable, constraints: PlanningConstraints) {
        self.costModel = costModel
        self.table = table
        var staticOnly = constraints
        staticOnly.latencySLOMs = nil
        staticOnly.batteryFloorPercent = nil
        feasible = NeurosurgeonPolicy(table: table, power: costModel.power, constraints: staticOnly).feasibleSplits
        minCut = costModel.profile.isChain ? nil : MinCutPolicy(costModel: costModel, constraints: staticOnly)
    }

    /// The fastest partition for a frame starting at `ts` with these compute-time factors.
    func best(at ts: Double, trace: BandwidthTrace, rttMs: Double, deviceFactor: Double, edgeFactor: Double,
              timeoutMs: Double) -> Partition {
        let n = table.layerCount
        var best: (split: Int, latency: Double, mbps: Double)?
        for k in feasible {
            let deviceMs = table.deviceMs[k] * deviceFactor
            var latency = deviceMs
            var mbps = 0.0
            if k < n {
                guard let seconds = trace.transferTime(bytes: table.transferBytes[k], startingAt: ts + deviceMs / 1000),
                      seconds * 1000 <= timeoutMs else { continue }
                latency += seconds * 1000 + rttMs + table.edgeMs[k] * edgeFactor
                mbps = seconds > 0 ? Double(table.transferBytes[k]) * 8 / seconds / 1e6 : 0
            }
            if best.map({ latency < $0.latency }) ?? true { best = (k, latency, mbps) }
        }
        let prefix = Partition.prefix(best?.split ?? feasible.last ?? n, layerCount: n)
        guard let minCut, let best, best.mbps > 0 else { return prefix }
        let cut = minCut.plan(PlanRequest(link: LinkConditions(bandwidthMbps: best.mbps, rttMs: rttMs))).partition
        guard cut != prefix else { return prefix }
        let cost = costModel.evaluate(cut, link: LinkConditions(bandwidthMbps: best.mbps, rttMs: rttMs))
        let deviceMs = cost.deviceMs * deviceFactor
        guard !cut.isDeviceOnly,
              let seconds = trace.transferTime(bytes: cost.transferBytes, startingAt: ts + deviceMs / 1000),
              seconds * 1000 <= timeoutMs else { return prefix }
        let latency = deviceMs + seconds * 1000 + rttMs + cost.edgeMs * edgeFactor
        return latency < best.latency ? cut : prefix
    }
}
