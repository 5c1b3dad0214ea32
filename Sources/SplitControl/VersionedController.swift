import SplitCost
import SplitModels
import SplitPlanners
import SplitSession

/// The adaptive controller over a family of model versions: every frame it chooses the version
/// and the partition together, the same way ``VersionPlanner`` does for one request.
///
/// Each version keeps its own ``AdaptiveController`` (its partition in force, its hysteresis, GADS's
/// neighbour-first search on its own layers); every frame each proposes its plan and
/// ``VersionPlanner/choose(among:)`` picks among them: the best objective among the versions that
/// meet the accuracy floor, or the most accurate when none does. A switch of version also passes
/// through the hysteresis, unless it is forced (the floor or another constraint changed, or the
/// version in force no longer meets the floor). Operator commands go to every version's
/// controller; a pin holds the version in force. A value, like ``AdaptiveController``.
public struct VersionedController: Sendable {
    /// The versions, in the set's order.
    public let versions: [ModelVersion]
    /// One controller per version (same order).
    public private(set) var controllers: [AdaptiveController]
    /// The index of the version in force (nil before the first frame).
    public private(set) var currentVersion: Int?
    public var hysteresis: Hysteresis
    /// The operator's last change not yet acted on (it forces a switch of version past the hysteresis).
    private var pendingReason: DecisionReason?
    /// The partition the last frame ran (of the version then in force): a decision's `previous`,
    /// whichever version's controller makes it.
    public private(set) var ran: Partition?
    /// What the last frame saw, to name why the version changed when the chosen version's own
    /// controller does not (its partition is the one it last chose, or it decides for the first time).
    private var edgeWasReachable = true
    private var wasBelowFloor = false
    /// The cause of a change of version this frame that the chosen controller's reason does not
    /// give: the edge lost or back, the battery floor crossed, else the link.
    private var conditionsReason: DecisionReason = .bandwidth

    public init(versions: [(ModelVersion, CostModel)], policy: PolicyKind, constraints: PlanningConstraints = .none,
                hysteresis: Hysteresis = Hysteresis()) {
        self.versions = versions.map(\.0)
        controllers = versions.map { AdaptiveController(costModel: $0.1, policy: policy, constraints: constraints, hysteresis: hysteresis) }
        self.hysteresis = hysteresis
    }

    /// The constraints in force (the same in every version's controller).
    public var constraints: PlanningConstraints { controllers[0].constraints }

    /// This frame's version and its controller's decision.
    public mutating func decide(link: LinkConditions, batteryPercent: Double, edgeReachable: Bool = true) -> VersionedDecision {
        let belowFloor = constraints.batteryFloorPercent.map { batteryPercent < $0 } ?? false
        conditionsReason = edgeReachable != edgeWasReachable ? .fault : (belowFloor != wasBelowFloor ? .battery : .bandwidth)
        edgeWasReachable = edgeReachable
        wasBelowFloor = belowFloor
        // A pin holds the version in force: only its controller decides.
        if let current = currentVersion, controllers[current].pinned != nil {
            let decision = controllers[current].decide(link: link, batteryPercent: batteryPercent, edgeReachable: edgeReachable)
            return commit(current, decision: decision, choiceReason: .pinned)
        }
        var decisions: [ControllerDecision] = []
        for i in controllers.indices {
            decisions.append(controllers[i].decide(link: link, batteryPercent: batteryPercent, edgeReachable: edgeReachable))
        }
        let constraints = constraints
        let options = decisions.indices.map {
            VersionChoice.Option(version: versions[$0], plan: decisions[$0].plan, meetsFloor: constraints.admits(versions[$0]))
        }
        let choice = VersionPlanner.choose(among: options)
        var chosen = choice.index
        if let current = currentVersion, current != chosen, pendingReason == nil, options[current].meetsFloor || !options[chosen].meetsFloor,
           options[current].plan.isFeasible || !choice.plan.isFeasible,
           !hysteresis.shouldSwitch(current: options[current].objectiveValue, candidate: options[chosen].objectiveValue) {
            // The gain from switching version is within the hysteresis band: keep the version in force.
            chosen = current
        }
        return commit(chosen, decision: decisions[chosen], choiceReason: chosen == choice.index ? choice.reason : .best)
    }

    /// Applies an operator command to every version's controller; returns the record of the
    /// version in force (or the first), which is the same for every version except a pin's partition.
    public mutating func apply(_ command: OperatorCommand) -> OperatorRecord {
        let target = currentVersion ?? 0
        if case .pin = command {
            // A partition belongs to one version's layers: pin the version in force.
            return controllers[target].apply(command)
        }
        var records: [OperatorRecord] = []
        for i in controllers.indices { records.append(controllers[i].apply(command)) }
        switch command {
        case .setConstraint: pendingReason = .constraint
        case .setPolicy: pendingReason = .policy
        case .unpin: pendingReason = .operatorUnpin
        case .setBatch: pendingReason = .batch
        case .pin: break
        }
        return records[target]
    }

    /// Makes version `index` with `partition` the one in force although no controller chose it
    /// (an edge's assignment); the version's controller records the partition as its own.
    public mutating func adopt(version index: Int, partition: Partition) {
        guard controllers.indices.contains(index) else { return }
        currentVersion = index
        controllers[index].adopt(partition)
        ran = partition
    }

    private mutating func commit(_ index: Int, decision: ControllerDecision, choiceReason: VersionChoice.Reason) -> VersionedDecision {
        let previous = currentVersion
        currentVersion = index
        var decision = decision
        if let previous, previous != index {
            // The chosen version's controller knows only its own last partition; the frame before
            // ran the previous version's.
            decision.previous = ran
            // The partition may be unchanged in its own version, but the model changed: a switch,
            // for the operator's change if there was one, else for the conditions.
            // (A version's controller deciding for the first time says start; the session did not.)
            if decision.reason == nil || decision.reason == .start { decision.reason = pendingReason ?? conditionsReason }
        }
        pendingReason = nil
        ran = decision.partition
        return VersionedDecision(versionIndex: index, version: versions[index], previousVersion: previous.map { versions[$0] },
                                 decision: decision, choiceReason: choiceReason)
    }
}
