import SplitPlanners

/// The policy a session's header names, read once into what it says: the device's own policy,
/// when this build runs it, and whether the device followed its edge's assignments.
///
/// A header keeps one string (`mincut`; `edge-assigned (gads when alone)`, ``EdgeAssignedPolicy``;
/// a fleet's `fast allocator`). The dashboard reads it here, at the edge, and passes this value
/// on, so no later step matches the words of the name again to learn what they mean.
///
/// ```swift
/// let recorded = RecordedPolicy(name: "edge-assigned (gads when alone)")
/// recorded.own           // .gads
/// recorded.followsEdge   // true
/// ```
public struct RecordedPolicy: Hashable, Sendable {
    /// The name as recorded.
    public let name: String
    /// The device's own policy (inside an edge-assigned name, the one it runs alone); nil when
    /// this build runs no policy of that name (a fleet's allocator, `oracle`).
    public let own: PolicyKind?
    /// Whether the device followed its edge's assignments while the edge was shared.
    public let followsEdge: Bool

    /// The policy a recorded `name` stands for.
    public init(name: String) {
        self.name = name
        own = EdgeAssignedPolicy.ownPolicy(named: name)
        followsEdge = EdgeAssignedPolicy.isEdgeAssigned(name)
    }

    /// The policy after the operator set the one named `newName`: a device that followed its
    /// edge goes on following it under another adaptive policy; otherwise the new name as given.
    public func setting(_ newName: String) -> RecordedPolicy {
        if followsEdge, let kind = PolicyKind(name: newName), EdgeAssignedPolicy.follows(kind) {
            return RecordedPolicy(name: EdgeAssignedPolicy.name(own: kind))
        }
        return RecordedPolicy(name: newName)
    }
}
