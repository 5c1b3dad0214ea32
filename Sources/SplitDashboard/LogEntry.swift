/// One line of the decision log.
public struct LogEntry: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case decision, whatIfDecision, operatorAction, fault, note
    }

    public var t: Double
    public var kind: Kind
    public var text: String

    public init(t: Double, kind: Kind, text: String) {
        self.t = t
        self.kind = kind
        self.text = text
    }
}
