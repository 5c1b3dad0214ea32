import SplitCost
import SplitModels

/// The search over prefix splits that the chain policies share, prepared for one constraint set.
///
/// Static constraints (minimum device layers, memory budget) fix the feasible splits once; per
/// request only bandwidth, RTT and battery change, so a latency decision is one envelope query.
struct PrefixSearch: Sendable {
    let table: PrefixCostTable
    let power: DevicePowerModel
    let constraints: PlanningConstraints
    /// Splits the policy prefers, ascending.
    let candidates: [Int]
    /// Splits that meet the static constraints (or the least-violating fallback), ascending.
    let feasible: [Int]
    /// `isFeasible[k]` for k = 0…L.
    let isFeasible: [Bool]
    /// Static constraints that moved the answer off the policy's candidates.
    let staticBinding: [ConstraintKind]
    /// Static constraints nothing could meet.
    let staticViolations: [ConstraintKind]
    private let envelope: LowerEnvelope
    private let unconstrainedEnvelope: LowerEnvelope
    private let deviceOnlyFeasible: Bool
    /// True when the static constraints rule out some of the policy's candidates.
    private let restrictsCandidates: Bool
    private let deviceOnlyCandidate: Bool

    /// The smallest split allowed by the minimum-device-layers constraint.
    let minimumSplit: Int

    /// Prepares the search. With `nearest`, a fixed-split policy that is infeasible moves to the
    /// feasible split closest to it instead of the best one.
    init(table: PrefixCostTable, power: DevicePowerModel, constraints: PlanningConstraints,
         candidates: [Int], nearest: Int? = nil) {
        self.table = table
        self.power = power
        self.constraints = constraints
        let n = table.layerCount
        let candidates = Array(Set(candidates.filter { (0...n).contains($0) })).sorted()
        self.candidates = candidates
        let required = min(max(constraints.minDeviceLayers, 0), n)
        let minimumSplit = required >= 1 ? max(required, table.firstSplitKeepingInput) : 0
        self.minimumSplit = minimumSplit
        let budget = constraints.deviceMemoryBytes
        func fitsMemory(_ k: Int) -> Bool { budget.map { table.deviceMemoryBytes[k] <= $0 } ?? true }
        func meetsStatic(_ k: Int) -> Bool { k >= minimumSplit && fitsMemory(k) }

        var binding: [ConstraintKind] = []
        var violations: [ConstraintKind] = []
        var feasible = candidates.filter(meetsStatic)
        if feasible.isEmpty {
            // The policy's own splits are all excluded: say which constraint did it.
            if candidates.contains(where: { $0 < minimumSplit }) { binding.append(.minDeviceLayers) }
            if candidates.contains(where: { !fitsMemory($0) }) { binding.append(.deviceMemory) }
            let allFeasible = (0...n).filter(meetsStatic)
            if let nearest {
                if let closest = allFeasible.min(by: { abs($0 - nearest) < abs($1 - nearest) }) { feasible = [closest] }
            } else {
                feasible = allFeasible
            }
            if feasible.isEmpty {
                // Nothing fits in memory with the required layers: keep privacy, use the least memory.
                let allowed = Array(minimumSplit...n)
                if let leastMemory = allowed.min(by: { table.deviceMemoryBytes[$0] < table.deviceMemoryBytes[$1] }) {
                    feasible = [leastMemory]
                }
                violations.append(.deviceMemory)
            }
        }
        self.feasible = feasible
        var mask = Array(repeating: false, count: n + 1)
        for k in feasible { mask[k] = true }
        isFeasible = mask
        self.staticBinding = binding
        self.staticViolations = violations
        envelope = LowerEnvelope(lines: feasible.filter { $0 < n }.map {
            (id: $0, intercept: table.computeMs($0), slope: Double(table.transferBytes[$0]))
        })
        unconstrainedEnvelope = LowerEnvelope(lines: candidates.filter { $0 < n }.map {
            (id: $0, intercept: table.computeMs($0), slope: Double(table.transferBytes[$0]))
        })
        deviceOnlyFeasible = feasible.contains(n)
        restrictsCandidates = feasible != candidates
        deviceOnlyCandidate = candidates.contains(n)
    }

    /// The link after the bandwidth cap, and whether the cap lowered it.
    ///
    /// Bandwidth, RTT and cap are saturated into their quantities' ranges first
    /// (``LinkConditions/saturated``), so a decision is total: any Double gives a plan with finite costs.
    func effectiveLink(_ link: LinkConditions) -> (link: LinkConditions, capped: Bool) {
        let link = link.saturated
        guard let cap = constraints.bandwidthCapMbps.map(Quantity.bandwidthMbps.clamp), cap < link.bandwidthMbps else {
            return (link, false)
        }
        return (LinkConditions(bandwidthMbps: cap, rttMs: link.rttMs), true)
    }

    /// True when the battery is below the floor, so energy is minimised instead of latency.
    func savesEnergy(_ request: PlanRequest) -> Bool {
        constraints.batteryFloorPercent.map { request.batteryPercent < $0 } ?? false
    }

    /// The best feasible split under the request, with the constraints that shaped it.
    func decide(_ request: PlanRequest) -> PrefixDecision {
        let (link, capped) = effectiveLink(request.link)
        var decision = savesEnergy(request) ? bestEnergy(link: link) : bestLatency(link: link, among: envelope, deviceOnly: deviceOnlyFeasible)
        decision.binding = staticBinding + decision.binding
        decision.violated = staticViolations + decision.violated
        // Which constraints kept the unconstrained optimum out of reach? Only worth a second
        // query when a constraint removed candidates or lowered the bandwidth.
        if decision.objective == .latency, restrictsCandidates || capped {
            let free = bestLatency(link: request.link.saturated, among: unconstrainedEnvelope, deviceOnly: deviceOnlyCandidate)
            if free.value < decision.value - 1e-9 * max(1, decision.value) {
                if free.split < minimumSplit { decision.binding.append(.minDeviceLayers) }
                if let budget = constraints.deviceMemoryBytes, table.deviceMemoryBytes[free.split] > budget {
                    decision.binding.append(.deviceMemory)
                }
                if capped { decision.binding.append(.bandwidthCap) }
            }
        }
        decision.binding = unique(decision.binding)
        decision.violated = unique(decision.violated)
        return decision
    }

    /// Latency or energy of split k, whichever the request optimises.
    func value(of k: Int, _ request: PlanRequest) -> Double {
        let link = effectiveLink(request.link).link
        return savesEnergy(request) ? table.energyMJ(k, link: link, power: power) : table.latencyMs(k, link: link)
    }

    /// Whether split k meets the SLO under the request.
    func meetsSLO(_ k: Int, _ request: PlanRequest) -> Bool {
        guard let slo = constraints.latencySLOMs else { return true }
        return table.latencyMs(k, link: effectiveLink(request.link).link) <= slo
    }

    private func bestLatency(link: LinkConditions, among envelope: LowerEnvelope, deviceOnly: Bool) -> PrefixDecision {
        let n = table.layerCount
        var best: (split: Int, value: Double)?
        if let hit = envelope.minimum(at: link.msPerByte) { best = (hit.id, hit.value + link.rttMs) }
        if deviceOnly, best.map({ table.deviceMs[n] <= $0.value }) ?? true { best = (n, table.deviceMs[n]) }
        let chosen = best ?? (feasible.first ?? n, table.latencyMs(feasible.first ?? n, link: link))
        var violated: [ConstraintKind] = []
        if let slo = constraints.latencySLOMs, chosen.value > slo { violated.append(.latencySLO) }
        return PrefixDecision(split: chosen.split, value: chosen.value, objective: .latency, binding: [], violated: violated)
    }

    private func bestEnergy(link: LinkConditions) -> PrefixDecision {
        var best: (split: Int, energy: Double)?
        var fastest: (split: Int, latency: Double)?
        for k in feasible {
            let latency = table.latencyMs(k, link: link)
            if fastest.map({ latency < $0.latency }) ?? true { fastest = (k, latency) }
            if let slo = constraints.latencySLOMs, latency > slo { continue }
            let energy = table.energyMJ(k, link: link, power: power)
            if best.map({ energy < $0.energy }) ?? true { best = (k, energy) }
        }
        if let best {
            return PrefixDecision(split: best.split, value: best.energy, objective: .energy, binding: [.batteryFloor], violated: [])
        }
        // Nothing meets the SLO: the least-violating plan is the fastest one.
        let k = fastest?.split ?? table.layerCount
        return PrefixDecision(split: k, value: table.energyMJ(k, link: link, power: power), objective: .energy,
                              binding: [.batteryFloor], violated: [.latencySLO])
    }

    private func unique(_ kinds: [ConstraintKind]) -> [ConstraintKind] {
        var seen = Set<ConstraintKind>()
        return kinds.filter { seen.insert($0).inserted }
    }
}

/// A prefix split chosen by `PrefixSearch`, with its objective value.
struct PrefixDecision: Sendable {
    var split: Int
    /// Latency in ms or energy in mJ, per `objective`.
    var value: Double
    var objective: PlanningObjective
    var binding: [ConstraintKind]
    var violated: [ConstraintKind]
}
