import SplitCost

/// A rule that picks a partition for each frame from the link, the battery and the constraints.
///
/// A policy is prepared once for a model and a constraint set (the controller prepares a new one
/// when the operator changes constraints) and then answers `plan` for every frame. Policies do
/// no I/O and keep no clock: the caller measures decision time.
public protocol PlanningPolicy: Sendable {
    /// The name used on the command line and in sessions (`neurosurgeon`, `static:4`).
    var name: String { get }
    /// The constraints this policy was prepared with.
    var constraints: PlanningConstraints { get }
    /// The partition for this frame.
    func plan(_ request: PlanRequest) -> SplitPlan
}

extension PrefixSearch {
    /// A plan for prefix split k, costed under the request's effective link.
    func plan(policy: String, decision: PrefixDecision, request: PlanRequest, foundNearCurrent: Bool? = nil) -> SplitPlan {
        let link = effectiveLink(request.link).link
        return SplitPlan(policy: policy, partition: .prefix(decision.split, layerCount: table.layerCount),
                         cost: table.breakdown(decision.split, link: link, power: power),
                         objective: decision.objective, binding: decision.binding, violated: decision.violated,
                         foundNearCurrent: foundNearCurrent)
    }
}
