import SplitCost
import SplitModels

/// Chooses a model version and its partition together: among the versions whose measured
/// accuracy meets the accuracy floor, the (version, partition) that minimises the policy's
/// objective.
///
/// Each version is planned by the policy on its own cost model (with `mincut`, the exact
/// optimum for that version), so with an exact policy the choice over versions × partitions is
/// exact too: the best of each version's optimum. Plans that meet every other constraint come
/// before plans that break one; equal objectives go to the more accurate version, then to the
/// manifest's order. When no version meets the floor the planner says so
/// (``VersionChoice/Reason/noVersionMeetsFloor``) and falls back to the most accurate version.
/// Pure: no I/O, no clock.
///
/// ```swift
/// let planner = VersionPlanner(versions: [(full, fullCost), (p50, p50Cost)], policy: .mincut,
///                              constraints: PlanningConstraints(accuracyFloorPercent: 89))
/// let choice = planner.plan(PlanRequest(link: LinkConditions(bandwidthMbps: 8, rttMs: 20)))
/// choice.version.name   // "p50" when it is faster and at least 89 % accurate
/// ```
public struct VersionPlanner: Sendable {
    /// The versions in the manifest's order, each with its cost model and prepared policy.
    public let versions: [ModelVersion]
    /// Each version's cost model (same order as ``versions``).
    public let costModels: [CostModel]
    /// The policy every version is planned with.
    public let policyKind: PolicyKind
    /// The constraints, the accuracy floor among them.
    public let constraints: PlanningConstraints
    private let policies: [any PlanningPolicy]

    /// Prepares the policy for each version. `versions` must not be empty (a ``ModelVersionSet`` never is).
    public init(versions: [(ModelVersion, CostModel)], policy: PolicyKind, constraints: PlanningConstraints) {
        self.versions = versions.map(\.0)
        costModels = versions.map(\.1)
        policyKind = policy
        self.constraints = constraints
        policies = versions.map { policy.make(costModel: $0.1, constraints: constraints) }
    }

    /// Every version's plan and the choice among them.
    ///
    /// `current` is each version's partition in force, for policies that search near it (GADS);
    /// missing entries mean none.
    public func plan(_ request: PlanRequest, current: [Int: Partition] = [:]) -> VersionChoice {
        let options = policies.indices.map { i in
            var own = request
            own.current = current[i]
            let plan = policies[i].plan(own)
            return VersionChoice.Option(version: versions[i], plan: plan, meetsFloor: constraints.admits(versions[i]))
        }
        return Self.choose(among: options)
    }

    /// The choice among already planned options (each version's best plan): pure, and the one
    /// rule the planner and the adaptive controller share.
    public static func choose(among options: [VersionChoice.Option]) -> VersionChoice {
        let all = Array(options.indices)
        let eligible = all.filter { options[$0].meetsFloor }
        let unconstrained = best(of: all, in: options)
        guard let chosen = best(of: eligible, in: options) else {
            // Nobody meets the floor: the most accurate version (the first of equals), flagged;
            // the one rule ``PlanningConstraints/versionsMeetingFloor(_:)`` falls back by too.
            let fallback = PlanningConstraints.mostAccurate(options.map(\.version)) ?? 0
            var plan = options[fallback].plan
            plan.violated.append(.accuracyFloor)
            return VersionChoice(index: fallback, plan: plan, options: options, reason: .noVersionMeetsFloor)
        }
        var plan = options[chosen].plan
        let floorMoved = chosen != unconstrained
        if floorMoved { plan.binding.append(.accuracyFloor) }
        return VersionChoice(index: chosen, plan: plan, options: options, reason: floorMoved ? .floorExcludedFaster : .best)
    }

    /// The index of the best option: feasible before infeasible, then the lower objective, then
    /// the more accurate version, then the earlier one; nil for no options.
    static func best(of indices: [Int], in options: [VersionChoice.Option]) -> Int? {
        indices.min { a, b in
            let x = options[a], y = options[b]
            if x.plan.isFeasible != y.plan.isFeasible { return x.plan.isFeasible }
            if x.objectiveValue != y.objectiveValue { return x.objectiveValue < y.objectiveValue }
            if x.version.accuracyPercent != y.version.accuracyPercent { return x.version.accuracyPercent > y.version.accuracyPercent }
            return a < b
        }
    }
}

extension PlanningConstraints {
    /// Whether a version's measured accuracy meets the accuracy floor (every version does when
    /// there is none): the one test ``VersionPlanner`` and the versioned controller share.
    public func admits(_ version: ModelVersion) -> Bool {
        accuracyFloorPercent.map { version.accuracyPercent >= $0 } ?? true
    }

    /// What to tell the operator when no version meets the floor (nil when one does, or there
    /// is none): the reason `plan` gives, with the floor and the version fallen back to.
    public func unmetFloorNote(_ versions: [ModelVersion]) -> String? {
        guard let floor = accuracyFloorPercent, !versions.contains(where: admits),
              let fallback = versionsMeetingFloor(versions).first else { return nil }
        let chosen = versions[fallback]
        return "\(VersionChoice.Reason.noVersionMeetsFloor.words) (floor \(Quantity.percentText(floor)) %; "
            + "\(chosen.name) is \(Quantity.percentText(chosen.accuracyPercent)) %)"
    }

    /// The indices of the versions a device may run under the floor: those that meet it, in
    /// order; when none does, only the most accurate (the first of equals), the version
    /// ``VersionPlanner/choose(among:)`` falls back to. Empty only for no versions.
    ///
    /// ```swift
    /// PlanningConstraints(accuracyFloorPercent: 95).versionsMeetingFloor([full90, p50]) // [0]
    /// ```
    public func versionsMeetingFloor(_ versions: [ModelVersion]) -> [Int] {
        let meeting = versions.indices.filter { admits(versions[$0]) }
        guard meeting.isEmpty, let fallback = Self.mostAccurate(versions) else { return meeting }
        return [fallback]
    }

    /// The index of the most accurate version (the first of equals), the fallback when no
    /// version meets the floor; nil for no versions. The one rule ``versionsMeetingFloor(_:)``
    /// and ``VersionPlanner/choose(among:)`` share, so the two cannot disagree.
    public static func mostAccurate(_ versions: [ModelVersion]) -> Int? {
        guard let first = versions.indices.first else { return nil }
        return versions.indices.dropFirst().reduce(first) { versions[$1].accuracyPercent > versions[$0].accuracyPercent ? $1 : $0 }
    }
}
