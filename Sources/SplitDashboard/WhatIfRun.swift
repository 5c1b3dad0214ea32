import SplitControl
import SplitCost
import SplitModels
import SplitPlanners

/// A what-if re-simulation: the controller re-decides each recorded frame under the operator's overrides.
///
/// It sees what the recorded device saw (its bandwidth estimate and battery level) and its
/// partitions are costed at the bandwidth the recording measured, so the audience sees what
/// would have happened. Compute times come from the profile, not the recording's jitter.
public struct WhatIfRun: Sendable {
    public private(set) var controller: AdaptiveController
    /// Overrides applied so far, for the header.
    public private(set) var overrides: [String]
    public private(set) var partition: Partition?
    public private(set) var latencyMs: Double?
    /// The cost of the last re-decided frame at the recorded bandwidth: energy, bytes sent, transfer time.
    public private(set) var cost: CostBreakdown?

    public init(costModel: CostModel, policy: PolicyKind, constraints: PlanningConstraints, current: Partition?) {
        controller = AdaptiveController(costModel: costModel, policy: policy, constraints: constraints)
        if let current { controller.adopt(current) }
        partition = current
        overrides = []
    }

    /// Re-decides one recorded frame; returns the decision when the partition changed.
    public mutating func step(estimateMbps: Double, actualMbps: Double, rttMs: Double, batteryPercent: Double,
                              edgeReachable: Bool) -> ControllerDecision? {
        let decision = controller.decide(link: LinkConditions(bandwidthMbps: max(estimateMbps, 0.001), rttMs: rttMs),
                                         batteryPercent: batteryPercent, edgeReachable: edgeReachable)
        partition = decision.partition
        let actual = LinkConditions(bandwidthMbps: max(actualMbps, 0.001), rttMs: rttMs)
        let cost = controller.costModel.evaluate(decision.partition, link: actual)
        self.cost = cost
        latencyMs = cost.latencyMs
        return decision.changed ? decision : nil
    }

    /// Carries over a pin the recording's operator had set, without listing it as an override.
    public mutating func adoptPin(_ partition: Partition) {
        _ = controller.pin(partition)
    }

    /// Carries over the batch size the recording's operator had set, without listing it as an override.
    public mutating func adoptBatch(_ n: Int) {
        _ = controller.setBatch(n)
    }

    /// Applies an operator action to the re-simulation and remembers it for the header.
    public mutating func apply(_ action: WhatIfOverride) -> OperatorRecord {
        let record: OperatorRecord
        switch action {
        case .pin(let split):
            record = controller.pin(.prefix(split, layerCount: controller.costModel.layerCount))
            overrides.removeAll { $0.hasPrefix("pin") }
            overrides.append("pin \(split)")
        case .unpin:
            record = controller.unpin()
            overrides.removeAll { $0.hasPrefix("pin") }
        case .constraint(let kind, let value):
            record = controller.setConstraint(kind, to: value)
            let name = kind.sessionField
            overrides.removeAll { $0.hasPrefix(name) }
            overrides.append(value.map { "\(name) \(Self.short($0))" } ?? "\(name) cleared")
        case .policy(let kind):
            record = controller.setPolicy(kind)
            overrides.removeAll { $0.hasPrefix("policy") }
            overrides.append("policy \(kind)")
        case .batch(let n):
            // The recording's profile scaled linearly to n samples a frame.
            record = controller.setBatch(n)
            overrides.removeAll { $0.hasPrefix("batch") }
            overrides.append("batch \(n)")
        }
        return record
    }

    static func short(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}

extension WhatIfRun: Equatable {
    /// Two runs are equal when they would show the same: overrides, partition, latency, pin and constraints.
    public static func == (a: WhatIfRun, b: WhatIfRun) -> Bool {
        a.overrides == b.overrides && a.partition == b.partition && a.latencyMs == b.latencyMs
            && a.controller.pinned == b.controller.pinned && a.controller.constraints == b.controller.constraints
            && a.controller.policyKind == b.controller.policyKind && a.controller.batch == b.controller.batch
    }
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
