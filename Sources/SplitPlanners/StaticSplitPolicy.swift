import SplitCost

/// Always the same prefix split: `static:K` runs the first K layers on the device.
///
/// Device-only is `static:L`, edge-only `static:0`. When the split breaks the minimum-device-layers
/// or memory constraint it moves to the nearest split that meets them; an SLO miss is reported,
/// not corrected (the split is fixed by definition).
public struct StaticSplitPolicy: PlanningPolicy {
    public let name: String
    public let split: Int
    private let search: PrefixSearch

    public var constraints: PlanningConstraints { search.constraints }

    public init(costModel: CostModel, split: Int, constraints: PlanningConstraints = .none, name: String? = nil) {
        self.init(table: PrefixCostTable(costModel: costModel), power: costModel.power, split: split,
                  constraints: constraints, name: name)
    }

    public init(table: PrefixCostTable, power: DevicePowerModel, split: Int, constraints: PlanningConstraints = .none,
                name: String? = nil) {
        let split = min(max(split, 0), table.layerCount)
        self.split = split
        self.name = name ?? "static:\(split)"
        search = PrefixSearch(table: table, power: power, constraints: constraints, candidates: [split], nearest: split)
    }

    public func plan(_ request: PlanRequest) -> SplitPlan {
        let k = search.feasible.first ?? split
        var violated = search.staticViolations
        if !search.meetsSLO(k, request) { violated.append(.latencySLO) }
        let decision = PrefixDecision(split: k, value: search.value(of: k, request), objective: .latency,
                                      binding: search.staticBinding, violated: violated)
        return search.plan(policy: name, decision: decision, request: request)
    }
}

/// Everything on the device: nothing is sent.
public struct DeviceOnlyPolicy: PlanningPolicy {
    private let inner: StaticSplitPolicy
    public var name: String { inner.name }
    public var constraints: PlanningConstraints { inner.constraints }

    public init(costModel: CostModel, constraints: PlanningConstraints = .none) {
        inner = StaticSplitPolicy(costModel: costModel, split: costModel.layerCount, constraints: constraints, name: "device")
    }

    public func plan(_ request: PlanRequest) -> SplitPlan { inner.plan(request) }
}

/// Everything on the edge: the raw input is sent (unless constraints keep layers on the device).
public struct EdgeOnlyPolicy: PlanningPolicy {
    private let inner: StaticSplitPolicy
    public var name: String { inner.name }
    public var constraints: PlanningConstraints { inner.constraints }

    public init(costModel: CostModel, constraints: PlanningConstraints = .none) {
        inner = StaticSplitPolicy(costModel: costModel, split: 0, constraints: constraints, name: "edge")
    }

    public func plan(_ request: PlanRequest) -> SplitPlan { inner.plan(request) }
}
