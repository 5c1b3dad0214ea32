import SplitCost

/// Neurosurgeon (Kang et al., ASPLOS 2017): the best layer split for the current bandwidth.
///
/// Every split's latency is a line in ms-per-byte, so the search over all L+1 splits is
/// precomputed as a lower envelope and each decision is a binary search. `ExhaustiveSplitSearch`
/// evaluates every split and is the baseline `bench planner` compares against.
public struct NeurosurgeonPolicy: PlanningPolicy {
    public let name = "neurosurgeon"
    private let search: PrefixSearch

    public var constraints: PlanningConstraints { search.constraints }

    public init(costModel: CostModel, constraints: PlanningConstraints = .none) {
        self.init(table: PrefixCostTable(costModel: costModel), power: costModel.power, constraints: constraints)
    }

    public init(table: PrefixCostTable, power: DevicePowerModel, constraints: PlanningConstraints = .none) {
        search = PrefixSearch(table: table, power: power, constraints: constraints, candidates: Array(0...table.layerCount))
    }

    public func plan(_ request: PlanRequest) -> SplitPlan {
        search.plan(policy: name, decision: search.decide(request), request: request)
    }

    /// The splits that meet the static constraints (minimum device layers, memory), ascending.
    public var feasibleSplits: [Int] { search.feasible }
}

/// Evaluates every split one by one: the slow, obviously correct baseline.
public struct ExhaustiveSplitSearch: PlanningPolicy {
    public let name = "exhaustive"
    public let constraints: PlanningConstraints
    private let table: PrefixCostTable
    private let power: DevicePowerModel
    private let search: PrefixSearch

    public init(costModel: CostModel, constraints: PlanningConstraints = .none) {
        self.init(table: PrefixCostTable(costModel: costModel), power: costModel.power, constraints: constraints)
    }

    public init(table: PrefixCostTable, power: DevicePowerModel, constraints: PlanningConstraints = .none) {
        self.table = table
        self.power = power
        self.constraints = constraints
        search = PrefixSearch(table: table, power: power, constraints: constraints, candidates: Array(0...table.layerCount))
    }

    public func plan(_ request: PlanRequest) -> SplitPlan {
        let link = search.effectiveLink(request.link).link
        let energy = search.savesEnergy(request)
        var fastest: (split: Int, latency: Double)?
        var frugal: (split: Int, energy: Double)?
        for k in search.feasible {
            let latency = table.latencyMs(k, link: link)
            if fastest.map({ latency < $0.latency }) ?? true { fastest = (k, latency) }
            if energy, constraints.latencySLOMs.map({ latency <= $0 }) ?? true {
                let mj = table.energyMJ(k, link: link, power: power)
                if frugal.map({ mj < $0.energy }) ?? true { frugal = (k, mj) }
            }
        }
        let k = frugal?.split ?? fastest?.split ?? table.layerCount
        var violated = search.staticViolations
        if !search.meetsSLO(k, request) { violated.append(.latencySLO) }
        let decision = PrefixDecision(split: k, value: search.value(of: k, request), objective: energy ? .energy : .latency,
                                      binding: search.staticBinding + (energy ? [.batteryFloor] : []), violated: violated)
        return search.plan(policy: name, decision: decision, request: request)
    }
}
