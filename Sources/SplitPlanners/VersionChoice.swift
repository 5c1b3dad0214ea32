import SplitModels

/// A version planner's answer: the chosen version and partition, every version's best plan, and why.
public struct VersionChoice: Hashable, Sendable {
    /// One version's best plan under the policy.
    public struct Option: Hashable, Sendable {
        public var version: ModelVersion
        public var plan: SplitPlan
        /// Whether the version's accuracy meets the floor.
        public var meetsFloor: Bool

        public init(version: ModelVersion, plan: SplitPlan, meetsFloor: Bool) {
            self.version = version
            self.plan = plan
            self.meetsFloor = meetsFloor
        }

        /// What the plan minimised: its latency in ms, or its device energy in mJ below the battery floor.
        public var objectiveValue: Double {
            plan.objective == .energy ? plan.cost.energyMJ : plan.cost.latencyMs
        }
    }

    /// Why this version.
    public enum Reason: String, Hashable, Sendable {
        /// The best of all versions (the floor, if any, excluded nothing better).
        case best = "best"
        /// A faster (or cheaper) version is below the accuracy floor; this is the best that meets it.
        case floorExcludedFaster = "floor_excluded_faster"
        /// No version meets the accuracy floor: the most accurate version, as a fallback.
        case noVersionMeetsFloor = "no_version_meets_floor"
        /// The operator pinned a partition of the version in force (the controller only).
        case pinned = "pinned"

        /// In words, for tables.
        public var words: String {
            switch self {
            case .best: "the best of all versions"
            case .floorExcludedFaster: "the best version meeting the accuracy floor (a faster one is below it)"
            case .noVersionMeetsFloor: "no version meets the accuracy floor: falling back to the most accurate"
            case .pinned: "the operator pinned a partition of this version"
            }
        }
    }

    /// The chosen version's index in the set.
    public var index: Int
    /// The chosen version's plan (with `accuracy_floor` in `binding` or `violated` when the floor shaped it).
    public var plan: SplitPlan
    /// Every version's best plan, in the set's order.
    public var options: [Option]
    public var reason: Reason

    /// The chosen version.
    public var version: ModelVersion { options[index].version }
}
