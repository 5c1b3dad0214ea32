import SplitCost

/// Dynamic Split Computing (Bakhtiarnia et al., 2022): switch among compressive bottlenecks.
///
/// A natural bottleneck is a split that sends fewer bytes than the raw input; a compressive one
/// also sends fewer than every earlier split. The candidates are the compressive bottlenecks plus
/// the two trivial splits the paper compares against, local computing (device-only) and full
/// offloading (send the raw input); the policy picks the best of them for the current data rate. Batch size enters
/// through the profile (bytes and compute for the whole batch), so a new batch size means a new
/// profile and a newly prepared policy.
public struct DynamicSplitPolicy: PlanningPolicy {
    public let name = "dsc"
    /// The candidate splits: full offloading (0), the compressive bottlenecks, device-only (L).
    public let candidates: [Int]
    private let search: PrefixSearch

    public var constraints: PlanningConstraints { search.constraints }

    public init(costModel: CostModel, constraints: PlanningConstraints = .none) {
        self.init(table: PrefixCostTable(costModel: costModel), inputBytes: costModel.profile.inputBytes,
                  power: costModel.power, constraints: constraints)
    }

    public init(table: PrefixCostTable, inputBytes: Int, power: DevicePowerModel, constraints: PlanningConstraints = .none) {
        let marks = table.bottlenecks(inputBytes: inputBytes)
        let bottlenecks = marks.indices.filter { marks[$0] == .compressive }.map { $0 + 1 }
        candidates = [0] + bottlenecks + [table.layerCount]
        search = PrefixSearch(table: table, power: power, constraints: constraints, candidates: candidates)
    }

    public func plan(_ request: PlanRequest) -> SplitPlan {
        search.plan(policy: name, decision: search.decide(request), request: request)
    }
}
