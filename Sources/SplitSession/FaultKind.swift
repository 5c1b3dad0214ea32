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

    public static let known: [FaultKind] = [.edgeLost, .edgeBack]
}
