import SplitCost

/// A policy named on the command line or in a session: `neurosurgeon`, `dsc`, `gads`, `mincut`,
/// `device`, `edge` or `static:K`.
public enum PolicyKind: Hashable, Sendable, CustomStringConvertible {
    case neurosurgeon, dsc, gads, mincut, device, edge
    case staticSplit(Int)

    /// The policies that adapt to conditions, in the order tables list them.
    public static let adaptive: [PolicyKind] = [.neurosurgeon, .dsc, .gads, .mincut]

    /// Names accepted by `init(name:)`, for help texts.
    public static let namesHelp = "neurosurgeon|dsc|gads|mincut|device|edge|static:K"

    /// Parses a policy name; nil when unknown.
    public init?(name: String) {
        switch name.lowercased() {
        case "neurosurgeon": self = .neurosurgeon
        case "dsc": self = .dsc
        case "gads": self = .gads
        case "mincut", "dads": self = .mincut
        case "device", "device-only": self = .device
        case "edge", "edge-only": self = .edge
        default:
            let parts = name.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].lowercased() == "static", let k = Int(parts[1]), k >= 0 else { return nil }
            self = .staticSplit(k)
        }
    }

    public var description: String {
        switch self {
        case .neurosurgeon: "neurosurgeon"
        case .dsc: "dsc"
        case .gads: "gads"
        case .mincut: "mincut"
        case .device: "device"
        case .edge: "edge"
        case .staticSplit(let k): "static:\(k)"
        }
    }

    /// Prepares this policy for a model and a constraint set.
    public func make(costModel: CostModel, constraints: PlanningConstraints) -> any PlanningPolicy {
        switch self {
        case .neurosurgeon: NeurosurgeonPolicy(costModel: costModel, constraints: constraints)
        case .dsc: DynamicSplitPolicy(costModel: costModel, constraints: constraints)
        case .gads: NeighbourSearchPolicy(costModel: costModel, constraints: constraints)
        case .mincut: MinCutPolicy(costModel: costModel, constraints: constraints)
        case .device: DeviceOnlyPolicy(costModel: costModel, constraints: constraints)
        case .edge: EdgeOnlyPolicy(costModel: costModel, constraints: constraints)
        case .staticSplit(let k): StaticSplitPolicy(costModel: costModel, split: k, constraints: constraints)
        }
    }
}
