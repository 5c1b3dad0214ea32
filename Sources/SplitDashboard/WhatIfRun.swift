import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession

/// A what-if re-simulation: the controller re-decides each recorded frame under the operator's overrides.
///
/// It sees what the recorded device saw (its bandwidth estimate and battery level) and its
/// partitions are costed at the bandwidth the recording measured, so the audience sees what
/// would have happened. Compute times come from the profile, not the recording's jitter.
///
/// It decides the way the recorded device did: over the recording's model versions, version ×
/// split under the accuracy floor (``VersionedController``), and, for a device that followed its
/// edge's assignment, that assignment while no override forbids it (the rule of the live frame
/// loop, ``EdgeAssignment/admitted(by:versions:link:)``), its own controller otherwise.
public struct WhatIfRun: Sendable {
    /// The controller of the version in force (with versions: kept in step with ``versioned``).
    public private(set) var controller: AdaptiveController
    /// The controller over the recording's model versions, when it lists several.
    public private(set) var versioned: VersionedController?
    /// Whether the recorded device followed its edge's assignment when it had one.
    public let followsEdge: Bool
    /// The recorded policy, whose name the header keeps while the operator has not changed the policy.
    public let recordedPolicy: RecordedPolicy
    /// Overrides applied so far, for the header.
    public private(set) var overrides: [String]
    public private(set) var partition: Partition?
    public private(set) var latencyMs: Double?
    /// The cost of the last re-decided frame at the recorded bandwidth: energy, bytes sent, transfer time.
    public private(set) var cost: CostBreakdown?
    /// Why the last frame's version was chosen (nil for one model).
    public private(set) var choiceReason: VersionChoice.Reason?
    /// Whether the last frame ran the edge's assignment.
    public private(set) var followedEdge = false
    /// The edge share a fleet's device started the what-if with: its controllers plan with edge
    /// times at this compute share (nil: the profiles' own edge times).
    public let plannedShare: RecordedShare?
    private var policyChanged = false

    /// A run of one model (`versions` empty) or of a family of versions, starting from the
    /// recorded `current` partition of the version named `currentVersion`.
    public init(costModel: CostModel, policy: PolicyKind, constraints: PlanningConstraints, current: Partition?,
                versions: [(ModelVersion, CostModel)] = [], currentVersion: String? = nil, followsEdge: Bool = false,
                recordedPolicy: RecordedPolicy? = nil, share: RecordedShare? = nil) {
        self.followsEdge = followsEdge
        plannedShare = share
        let costModel = share.map { Self.costModel(costModel, at: $0) } ?? costModel
        let versions = share.map { share in versions.map { ($0.0, Self.costModel($0.1, at: share)) } } ?? versions
        self.recordedPolicy = recordedPolicy ?? RecordedPolicy(name: policy.description)
        overrides = []
        guard versions.count > 1 else {
            controller = AdaptiveController(costModel: versions.first?.1 ?? costModel, policy: policy, constraints: constraints)
            if let current, current.onDevice.count == controller.costModel.layerCount { controller.adopt(current) }
            partition = current
            return
        }
        var family = VersionedController(versions: versions, policy: policy, constraints: constraints)
        let index = currentVersion.flatMap { name in versions.firstIndex { $0.0.name == name } }
        if let index, let current, current.onDevice.count == versions[index].1.layerCount {
            family.adopt(version: index, partition: current)
            partition = current
        }
        versioned = family
        controller = family.controllers[index ?? 0]
    }

    /// The name of the version in force, nil for one model.
    public var versionName: String? {
        versioned.map { $0.versions[$0.currentVersion ?? 0].name }
    }

    /// The policy's name for the header: the recorded one (an edge's allocator, the device's
    /// policy, or its own under an edge's assignments) until the operator changes the policy; then
    /// the new one's, and a device that follows its edge under the new one still says so.
    public var policyName: String {
        guard policyChanged else { return recordedPolicy.name }
        let kind = controller.policyKind
        guard followsEdge, EdgeAssignedPolicy.follows(kind) else { return kind.description }
        if recordedPolicy.followsEdge { return EdgeAssignedPolicy.name(own: kind) }
        // A fleet's device goes on following its allocator.
        return recordedPolicy.own == nil ? recordedPolicy.name : kind.description
    }

    /// Re-decides one recorded frame, following `assignment` (the edge's, when the recorded device
    /// had one) when it may; returns what changed, or nil.
    ///
    /// A fleet's device with its recorded `share` plans on its share of the channel and is costed
    /// at the rate its recorded frame's transfer achieved (`sentMbps`, when it sent anything; else
    /// its share of `actualMbps`), its edge layers at its compute share, as the fleet simulator ran it.
    public mutating func step(estimateMbps: Double, actualMbps: Double, rttMs: Double, batteryPercent: Double,
                              edgeReachable: Bool, assignment: EdgeAssignment? = nil, share: RecordedShare? = nil,
                              sentMbps: Double? = nil) -> WhatIfChange? {
        let planned = share?.linkMbps(channelMbps: estimateMbps) ?? estimateMbps
        let link = LinkConditions(bandwidthMbps: max(planned, 0.001), rttMs: rttMs)
        let before = (version: versionName, partition: partition)
        let decided = VersionedController.decide(controller: &controller, versions: &versioned, link: link,
                                                 batteryPercent: batteryPercent, edgeReachable: edgeReachable)
        var decision = decided.decision
        choiceReason = decided.choiceReason
        followedEdge = false
        if followsEdge, edgeReachable, let assignment,
           let admitted = assignment.admitted(by: controller, versions: versioned, link: link) {
            VersionedController.adopt(admitted, controller: &controller, versions: &versioned)
            decision.partition = admitted.partition
            decision.plan = SplitPlan(policy: "edge_shares", partition: admitted.partition, cost: admitted.cost, objective: .latency)
            decision.reason = .edgeShares
            followedEdge = true
        }
        partition = decision.partition
        let realised = share.map { share in sentMbps ?? share.linkMbps(channelMbps: actualMbps) } ?? actualMbps
        let actual = LinkConditions(bandwidthMbps: max(realised, 0.001), rttMs: rttMs)
        let costing = share.map { Self.costModel(controller.costModel, at: $0, from: plannedShare) } ?? controller.costModel
        let cost = costing.evaluate(decision.partition, link: actual)
        self.cost = cost
        latencyMs = cost.latencyMs
        guard before.version != versionName || before.partition != decision.partition else { return nil }
        return WhatIfChange(fromVersion: before.version, toVersion: versionName, from: before.partition,
                            to: decision.partition, reason: decision.reason, predictedMs: decision.plan.cost.latencyMs)
    }

    /// Carries over a pin the recording's operator had set, without listing it as an override.
    public mutating func adoptPin(_ partition: Partition) {
        _ = command(.pin(partition))
    }

    /// Carries over the batch size the recording's operator had set, without listing it as an override.
    public mutating func adoptBatch(_ n: Int) {
        _ = command(.setBatch(n))
    }

    /// Applies an operator action to the re-simulation and remembers it for the header.
    public mutating func apply(_ action: WhatIfOverride) -> OperatorRecord {
        let record: OperatorRecord
        switch action {
        case .pin(let split):
            record = command(.pin(.prefix(split, layerCount: controller.costModel.layerCount)))
            overrides.removeAll { $0.hasPrefix("pin") }
            overrides.append("pin \(split)")
        case .unpin:
            record = command(.unpin)
            overrides.removeAll { $0.hasPrefix("pin") }
        case .constraint(let kind, let value):
            record = command(.setConstraint(kind, value))
            let name = kind.sessionField
            overrides.removeAll { $0.hasPrefix(name) }
            overrides.append(value.map { "\(name) \(Self.short($0))" } ?? "\(name) cleared")
        case .policy(let kind):
            record = command(.setPolicy(kind))
            policyChanged = true
            overrides.removeAll { $0.hasPrefix("policy") }
            overrides.append("policy \(kind)")
        case .batch(let n):
            // The recording's profile scaled linearly to n samples a frame.
            record = command(.setBatch(n))
            overrides.removeAll { $0.hasPrefix("batch") }
            overrides.append("batch \(n)")
        }
        return record
    }

    /// Hands an operator command to the versions' controller (every version; a pin to the version
    /// in force) or to the one model's.
    private mutating func command(_ command: OperatorCommand) -> OperatorRecord {
        guard var family = versioned else { return controller.apply(command) }
        let record = family.apply(command)
        versioned = family
        controller = family.controllers[family.currentVersion ?? 0]
        return record
    }

    /// `model` with its edge times at `share` (its times already at `previous`, when given).
    static func costModel(_ model: CostModel, at share: RecordedShare, from previous: RecordedShare? = nil) -> CostModel {
        guard share != previous else { return model }
        return CostModel(profile: share.edgeTimes(of: model.profile, from: previous), power: model.power,
                         bytesPerParameter: model.bytesPerParameter)
    }

    static func short(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}

extension WhatIfRun: Equatable {
    /// Two runs are equal when they would show the same: overrides, version, partition, latency, pin and constraints.
    public static func == (a: WhatIfRun, b: WhatIfRun) -> Bool {
        a.overrides == b.overrides && a.partition == b.partition && a.latencyMs == b.latencyMs
            && a.versionName == b.versionName && a.policyName == b.policyName
            && a.controller.pinned == b.controller.pinned && a.controller.constraints == b.controller.constraints
            && a.controller.policyKind == b.controller.policyKind && a.controller.batch == b.controller.batch
    }
}

/// What one re-decided frame changed: the version, the partition or both.
public struct WhatIfChange: Hashable, Sendable {
    /// The version before and after (nil for one model).
    public var fromVersion: String?
    public var toVersion: String?
    /// The partition before (of the version before) and after.
    public var from: Partition?
    public var to: Partition
    public var reason: DecisionReason?
    /// The chosen partition's predicted latency in ms.
    public var predictedMs: Double

    /// True when the version changed.
    public var versionChanged: Bool { fromVersion != nil && fromVersion != toVersion }
}

/// An operator action that starts or changes a what-if.
public enum WhatIfOverride: Hashable, Sendable {
    case pin(Int)
    case unpin
    case constraint(ConstraintKind, Double?)
    case policy(PolicyKind)
    /// Frames of this many samples.
    case batch(Int)
}
