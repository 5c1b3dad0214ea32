import SplitCost

/// GADS-style re-adaptation: look at the partitions next to the current one first.
///
/// When conditions drift the best split usually moves by a layer or two, so the policy scores
/// the splits within `radius` of the current one and keeps the best that meets the constraints.
/// It then checks that answer against the global search (one envelope query) and takes the
/// global answer if that is better, so it is never worse than exhaustive search under the same
/// constraints. `SplitPlan.foundNearCurrent` says which search produced the answer.
public struct NeighbourSearchPolicy: PlanningPolicy {
    public let name = "gads"
    public let radius: Int
    private let search: PrefixSearch

    public var constraints: PlanningConstraints { search.constraints }

    public init(costModel: CostModel, constraints: PlanningConstraints = .none, radius: Int = 2) {
        self.init(table: PrefixCostTable(costModel: costModel), power: costModel.power, constraints: constraints, radius: radius)
    }

    public init(table: PrefixCostTable, power: DevicePowerModel, constraints: PlanningConstraints = .none, radius: Int = 2) {
        self.radius = max(1, radius)
        search = PrefixSearch(table: table, power: power, constraints: constraints, candidates: Array(0...table.layerCount))
    }

    public func plan(_ request: PlanRequest) -> SplitPlan {
        let global = search.decide(request)
        guard let given = request.current?.prefixSplit else {
            return search.plan(policy: name, decision: global, request: request, foundNearCurrent: false)
        }
        // A partition of another model (or a radius beyond the model) must not make an empty range.
        let n = search.table.layerCount
        let current = min(max(given, 0), n)
        var near: (split: Int, value: Double)?
        for k in max(0, current - radius)...min(n, current + min(radius, n))
        where search.isFeasible[k] && search.meetsSLO(k, request) {
            let value = search.value(of: k, request)
            if near.map({ value < $0.value }) ?? true { near = (k, value) }
        }
        if let near, near.value <= global.value + 1e-9 * max(1, abs(global.value)) {
            var decision = global
            decision.split = near.split
            decision.value = near.value
            return search.plan(policy: name, decision: decision, request: request, foundNearCurrent: true)
        }
        return search.plan(policy: name, decision: global, request: request, foundNearCurrent: false)
    }
}
