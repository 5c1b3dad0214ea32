/// What went wrong (or right again) between the device and the edge.
public struct FaultKind: SessionVocabulary {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The edge stopped answering.
    public static let edgeLost: FaultKind = "edge_lost"
    /// The edge answers again.
    public static let edgeBack: FaultKind = "edge_back"
    /// The edge, its connection up, answered nothing before the request's deadline (a loaded edge),
    /// since 1.5; the device treats it as it treats a lost edge (it finishes the frame itself and
    /// probes until the edge answers again, `edge_back`).
    public static let edgeTimeout: FaultKind = "edge_timeout"

    public static let known: [FaultKind] = [.edgeLost, .edgeBack, .edgeTimeout]

    /// Whether the device stops offloading on this fault until `edge_back`: a lost edge or one
    /// that answered nothing in time.
    public var leavesEdge: Bool {
        self == .edgeLost || self == .edgeTimeout
    }
}
