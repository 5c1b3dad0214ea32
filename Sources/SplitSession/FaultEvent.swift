/// The device lost (or regained) the edge, and what it did about it.
public struct FaultEvent: Hashable, Sendable {
    public var kind: FaultKind
    /// What the device did, in words: "run locally", "resume split 7".
    public var action: String?

    public init(kind: FaultKind, action: String? = nil) {
        self.kind = kind
        self.action = action
    }
}
