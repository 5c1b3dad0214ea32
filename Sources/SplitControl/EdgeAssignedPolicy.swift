import SplitPlanners

/// How a session names the policy of a device that follows its edge's assignment: the edge
/// chooses its version and split while it shares the edge with other devices, and the device's
/// own policy decides when it is alone (`edge-assigned (mincut when alone)`).
///
/// One name, written by the live device's header and read by the dashboard and `summarize`, so
/// a device whose edge chose for it does not show as if its own policy had.
public enum EdgeAssignedPolicy {
    /// The name of a following device whose own policy is `own`.
    public static func name(own: PolicyKind) -> String {
        "\(prefix)\(own.description)\(suffix)"
    }

    /// Whether a device of policy `kind` follows an edge's assignment: adaptive policies do; a
    /// fixed one (device-only, edge-only, a static split) never does.
    public static func follows(_ kind: PolicyKind) -> Bool {
        switch kind {
        case .device, .edge, .staticSplit: false
        default: true
        }
    }

    /// The name a live device gives its policy, in its recording and in its closing table alike:
    /// ``name(own:)`` when it follows a splitscope edge (an adaptive policy and no cut fixed by
    /// a foreign server's model), else the policy's own name.
    public static func recordedName(of kind: PolicyKind, foreignCut: Bool) -> String {
        !foreignCut && follows(kind) ? name(own: kind) : kind.description
    }

    /// The device's own policy in a recorded name: `gads` in `edge-assigned (gads when alone)`,
    /// the policy itself in a plain name, nil when this build knows neither.
    public static func ownPolicy(named name: String) -> PolicyKind? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count >= prefix.count + suffix.count else {
            return PolicyKind(name: name)
        }
        return PolicyKind(name: String(name.dropFirst(prefix.count).dropLast(suffix.count)))
    }

    /// Whether `name` is a following device's policy name.
    public static func isEdgeAssigned(_ name: String) -> Bool {
        name.hasPrefix(prefix) && name.hasSuffix(suffix)
    }

    private static let prefix = "edge-assigned ("
    private static let suffix = " when alone)"
}
