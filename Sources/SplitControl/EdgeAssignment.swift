import SplitCost
import SplitPlanners

/// What an edge shared among several devices assigns this one: a model version and a split,
/// which the device runs unless the operator pinned, a constraint forbids it, its policy is
/// fixed, or the edge is unreachable (``FrameLoop/Input/edgeAssigned(_:)``).
public struct EdgeAssignment: Hashable, Sendable {
    /// The version's name (nil for a device that runs one model).
    public var version: String?
    /// Layers on the device.
    public var split: Int

    public init(version: String?, split: Int) {
        self.version = version
        self.split = split
    }
}

extension EdgeAssignment {
    /// An assignment a device would follow: the version's index (nil for one model), the partition
    /// and its cost as the device plans with it.
    public struct Admitted: Hashable, Sendable {
        public var versionIndex: Int?
        public var partition: Partition
        public var cost: CostBreakdown
    }

    /// The assignment as `controller` (the version in force's) and `versions` (nil for a device of
    /// one model) would follow it on `link`, or nil when the device keeps its own choice: the
    /// operator pinned, the policy is fixed (device-only, edge-only, a static split), the assigned
    /// version is unknown or one the device may not run under the accuracy floor
    /// (``PlanningConstraints/versionsMeetingFloor(_:)``: below it, unless no version meets it and
    /// this is the most accurate, the one the device falls back to and offers), the split is out of range, or the split
    /// breaks a constraint (``AdaptiveController/admittedCost(of:link:)``). The one rule the live
    /// frame loop and the dashboard's what-if share.
    public func admitted(by controller: AdaptiveController, versions: VersionedController?,
                         link: LinkConditions) -> Admitted? {
        guard controller.pinned == nil, EdgeAssignedPolicy.follows(controller.policyKind) else { return nil }
        var index: Int?
        if let versions {
            guard let name = version, let found = versions.versions.firstIndex(where: { $0.name == name }),
                  versions.constraints.versionsMeetingFloor(versions.versions).contains(found) else { return nil }
            index = found
        }
        let chosen = index.map { versions?.controllers[$0] ?? controller } ?? controller
        let n = chosen.costModel.layerCount
        guard (0...n).contains(split) else { return nil }
        let partition = Partition.prefix(split, layerCount: n)
        guard let cost = chosen.admittedCost(of: partition, link: link) else { return nil }
        return Admitted(versionIndex: index, partition: partition, cost: cost)
    }
}
