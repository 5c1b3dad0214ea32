/// What an operator did from the dashboard.
public struct OperatorAction: SessionVocabulary {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Pinned the partition (`new` holds it).
    public static let pin: OperatorAction = "pin"
    /// Released the pin.
    public static let unpin: OperatorAction = "unpin"
    /// Changed one constraint (`field` names it).
    public static let setConstraint: OperatorAction = "set_constraint"
    /// Switched the policy.
    public static let setPolicy: OperatorAction = "set_policy"

    /// Changed the batch size (`field` is `batch`; since 1.2): frames carry that many samples
    /// from the next frame.
    public static let setBatch: OperatorAction = "set_batch"

    public static let known: [OperatorAction] = [.pin, .unpin, .setConstraint, .setPolicy, .setBatch]
}
