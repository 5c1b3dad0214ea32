import SplitCost
import SplitModels
import SplitPlanners
import SplitSession

/// Runs a policy every frame with the device's own estimates, adds hysteresis, and takes operator actions.
///
/// The controller is a value: the simulator and the live device own one each and call `decide`
/// once per frame. Operator actions (pin, unpin, constraints, policy) take effect from the next
/// `decide` and return an `OperatorRecord` for the session.
public struct AdaptiveController: Sendable {
    public private(set) var costModel: CostModel
    /// Samples per frame, which the cost model's profile describes (an operator's `setBatch`).
    public private(set) var batch: Int
    /// The profile at each batch size: measured, or scaled from the start's.
    public private(set) var profiles: BatchProfiles
    public private(set) var policyKind: PolicyKind
    public private(set) var constraints: PlanningConstraints
    public private(set) var pinned: Partition?
    /// The partition the edge's model fixes (``fix(_:giveUp:)``), if any: the controller then
    /// chooses only between it and running everything on the device.
    public private(set) var fixed: Partition?
    /// The frame loop's give-up rule, which decides when a fixed cut's link is too slow for it.
    private var fixedGiveUp = FrameLoop.Settings()
    public private(set) var current: Partition?
    public var hysteresis: Hysteresis
    private var policy: any PlanningPolicy
    private var pendingReason: DecisionReason?
    private var wasBelowFloor = false
    private var edgeWasReachable = true

    /// A controller for frames of `batch` samples, which `costModel`'s profile describes.
    public init(costModel: CostModel, policy: PolicyKind, constraints: PlanningConstraints = .none,
                hysteresis: Hysteresis = Hysteresis(), batch: Int = 1) {
        self.costModel = costModel
        self.batch = max(1, batch)
        profiles = BatchProfiles(base: costModel.profile, batch: batch)
        policyKind = policy
        self.constraints = constraints
        self.hysteresis = hysteresis
        self.policy = policy.make(costModel: costModel, constraints: constraints)
    }

    /// The partition for this frame, given the estimated link and the battery level.
    ///
    /// With `edgeReachable` false the device runs everything locally until the edge is back.
    public mutating func decide(link: LinkConditions, batteryPercent: Double, edgeReachable: Bool = true) -> ControllerDecision {
        let previous = current
        let belowFloor = constraints.batteryFloorPercent.map { batteryPercent < $0 } ?? false
        defer {
            wasBelowFloor = belowFloor
            edgeWasReachable = edgeReachable
        }
        let request = PlanRequest(link: link, batteryPercent: batteryPercent, current: current)
        if !edgeReachable {
            let local = Partition(onDevice: Array(repeating: true, count: costModel.layerCount))
            // Operator actions wait for the edge: keep them pending.
            return commit(local, plan: costed(local, link: link, objective: .latency), previous: previous,
                          reason: previous == nil ? .start : (previous == local ? nil : .fault), candidates: [], keepPending: true)
        }
        let recovered = !edgeWasReachable
        if let pinned {
            let reason = previous == pinned ? nil
                : (pendingReason ?? (recovered ? .fault : (previous == nil ? .start : .operatorPin)))
            return commit(pinned, plan: costed(pinned, link: link, objective: .latency), previous: previous,
                          reason: reason, candidates: [])
        }
        if let fixed {
            return decideFixed(fixed, link: link, previous: previous, recovered: recovered)
        }
        let plan = policy.plan(request)
        var candidates = [ControllerDecision.Candidate(partition: plan.partition, predictedMs: plan.cost.latencyMs)]
        guard let current = previous else {
            return commit(plan.partition, plan: plan, previous: nil, reason: .start, candidates: candidates)
        }
        if plan.partition == current {
            return commit(current, plan: plan, previous: previous, reason: nil, candidates: candidates)
        }
        let currentCost = costModel.evaluate(current, link: effective(link))
        candidates.append(.init(partition: current, predictedMs: currentCost.latencyMs))
        let value = { (cost: CostBreakdown) in plan.objective == .energy ? cost.energyMJ : cost.latencyMs }
        let forced = pendingReason != nil || recovered || belowFloor != wasBelowFloor || violatesHardConstraints(currentCost, current)
        if forced || hysteresis.shouldSwitch(current: value(currentCost), candidate: value(plan.cost)) {
            let reason = pendingReason ?? (recovered ? .fault : (belowFloor != wasBelowFloor ? .battery : .bandwidth))
            return commit(plan.partition, plan: plan, previous: previous, reason: reason, candidates: candidates)
        }
        // Keep the current partition: the gain is within the hysteresis band.
        var kept = plan
        kept.partition = current
        kept.split = current.prefixSplit
        kept.cost = currentCost
        return commit(current, plan: kept, previous: previous, reason: nil, candidates: candidates)
    }

    /// Whether the controller can send anything to the edge under its pin and policy: a
    /// device-only pin or policy never does, so its device need not probe the link.
    public var mayOffload: Bool {
        if let pinned { return !pinned.isDeviceOnly }
        if let fixed { return !fixed.isDeviceOnly }
        switch policyKind {
        case .device: return false
        case .staticSplit(let k): return k < costModel.layerCount
        default: return true
        }
    }

    /// Records that `partition` runs now although this controller did not choose it (the hindsight oracle).
    public mutating func adopt(_ partition: Partition) {
        current = partition
    }

    /// Pins a partition: it runs from the next frame until `unpin`.
    public mutating func pin(_ partition: Partition) -> OperatorRecord {
        let old = pinned
        pinned = partition
        pendingReason = .operatorPin
        return OperatorRecord(action: .pin, setting: .partition, old: old.map(OperatorValue.partition) ?? .none, new: .partition(partition))
    }

    /// Fixes a partition from the start, as no operator chose it: the device's edge serves only
    /// this cut (`device --edge-model`).
    ///
    /// The cut holds while its link can carry it: when the estimated link would take longer to
    /// send the cut's tensors than the frame loop waits before finishing a frame itself
    /// (`giveUp`'s ``FrameLoop/Settings/transferTimeoutMs(restMs:)``), the device runs everything
    /// itself instead, probing, and returns to the cut only once the transfer is predicted to take
    /// at most ``fixedReturnShare`` of that wait. So a bad link does not make frames go to the cut,
    /// time out, fall back and come back at the next answered probe, frame after frame. A lost
    /// edge sends frames to the device as always. The first decision's reason is `start`.
    public mutating func fix(_ partition: Partition, giveUp: FrameLoop.Settings = FrameLoop.Settings()) {
        fixed = partition
        fixedGiveUp = giveUp
    }

    /// The share of the give-up wait under which a fixed cut's predicted transfer must fall before
    /// the device returns to the cut: the band that keeps a wavering link from flapping.
    public static let fixedReturnShare = 0.8

    /// The fixed cut, or the device alone while the link is too slow for the cut.
    private mutating func decideFixed(_ fixed: Partition, link: LinkConditions, previous: Partition?,
                                      recovered: Bool) -> ControllerDecision {
        let local = Partition(onDevice: Array(repeating: true, count: costModel.layerCount))
        let cut = costed(fixed, link: link, objective: .latency)
        let alone = costed(local, link: link, objective: .latency)
        let candidates = [ControllerDecision.Candidate(partition: fixed, predictedMs: cut.cost.latencyMs),
                          ControllerDecision.Candidate(partition: local, predictedMs: alone.cost.latencyMs)]
        let wait = fixedGiveUp.transferTimeoutMs(restMs: max(0, alone.cost.deviceMs - cut.cost.deviceMs))
        let onCut = previous != local || fixed == local
        let tooSlow = cut.cost.transferMs > (onCut ? wait : Self.fixedReturnShare * wait)
        let chosen = tooSlow ? alone : cut
        let reason: DecisionReason? = previous == nil ? .start
            : (chosen.partition == previous ? nil : (pendingReason ?? (recovered ? .fault : .bandwidth)))
        return commit(chosen.partition, plan: chosen, previous: previous, reason: reason, candidates: candidates)
    }

    /// Releases the pin; the policy decides again from the next frame.
    public mutating func unpin() -> OperatorRecord {
        let old = pinned
        pinned = nil
        pendingReason = .operatorUnpin
        return OperatorRecord(action: .unpin, setting: .partition, old: old.map(OperatorValue.partition) ?? .none, new: .none)
    }

    /// Sets (or clears, with nil) one constraint.
    public mutating func setConstraint(_ kind: ConstraintKind, to value: Double?) -> OperatorRecord {
        let old = constraints.value(of: kind)
        constraints.set(kind, to: value)
        policy = policyKind.make(costModel: costModel, constraints: constraints)
        pendingReason = .constraint
        return OperatorRecord(action: .setConstraint, setting: .constraint(kind), old: old.map(OperatorValue.number) ?? .none,
                              new: constraints.value(of: kind).map(OperatorValue.number) ?? .none)
    }

    /// Changes the batch size: from the next frame the controller plans with the profile at
    /// `n` (measured if it was, otherwise scaled from the start's), and re-decides.
    public mutating func setBatch(_ n: Int) -> OperatorRecord {
        let old = batch
        batch = max(1, n)
        rebuild()
        pendingReason = .batch
        return OperatorRecord(action: .setBatch, setting: .batch, old: .number(Double(old)), new: .number(Double(batch)))
    }

    /// Keeps a profile measured at batch size `n`; when that is the batch in force, the
    /// controller plans with it from the next frame (and re-decides, for the reason `batch`).
    public mutating func learn(_ profile: ModelProfile, batch n: Int) {
        guard profile.layerCount == costModel.layerCount else { return }
        profiles.learn(profile, batch: n)
        if n == batch {
            rebuild()
            pendingReason = pendingReason ?? .batch
        }
    }

    private mutating func rebuild() {
        costModel = CostModel(profile: profiles.profile(batch: batch), power: costModel.power,
                              bytesPerParameter: costModel.bytesPerParameter)
        policy = policyKind.make(costModel: costModel, constraints: constraints)
    }

    /// Switches to another policy.
    public mutating func setPolicy(_ kind: PolicyKind) -> OperatorRecord {
        let old = policyKind
        policyKind = kind
        policy = kind.make(costModel: costModel, constraints: constraints)
        pendingReason = .policy
        return OperatorRecord(action: .setPolicy, setting: .policy, old: .text(old.description), new: .text(kind.description))
    }


    private mutating func commit(_ partition: Partition, plan: SplitPlan, previous: Partition?, reason: DecisionReason?,
                                 candidates: [ControllerDecision.Candidate], keepPending: Bool = false) -> ControllerDecision {
        current = partition
        if !keepPending { pendingReason = nil }
        return ControllerDecision(partition: partition, plan: plan, previous: previous, reason: reason, candidates: candidates)
    }

    /// The link after the bandwidth cap, saturated as the planners see it.
    private func effective(_ link: LinkConditions) -> LinkConditions {
        let link = link.saturated
        guard let cap = constraints.bandwidthCapMbps.map(Quantity.bandwidthMbps.clamp), cap < link.bandwidthMbps else { return link }
        return LinkConditions(bandwidthMbps: cap, rttMs: link.rttMs)
    }

    private func costed(_ partition: Partition, link: LinkConditions, objective: PlanningObjective) -> SplitPlan {
        SplitPlan(policy: pinned == nil ? policyKind.description : "pinned", partition: partition,
                  cost: costModel.evaluate(partition, link: effective(link)), objective: objective)
    }

    /// The cost of `partition` as this controller plans with it (on the link after the operator's
    /// bandwidth cap), or nil when a constraint rules it out: the device memory budget, the layers
    /// kept on the device, or the latency SLO by that cost. For a partition the controller did not
    /// choose (an edge's assignment), judged as its own would be.
    public func admittedCost(of partition: Partition, link: LinkConditions) -> CostBreakdown? {
        let cost = costModel.evaluate(partition, link: effective(link))
        if violatesHardConstraints(cost, partition) { return nil }
        if let slo = constraints.latencySLOMs, cost.latencyMs > slo { return nil }
        return cost
    }

    private func violatesHardConstraints(_ cost: CostBreakdown, _ partition: Partition) -> Bool {
        if let budget = constraints.deviceMemoryBytes, cost.deviceMemoryBytes > budget { return true }
        let required = min(max(constraints.minDeviceLayers, 0), costModel.layerCount)
        return !partition.onDevice.prefix(required).allSatisfy { $0 }
    }
}
