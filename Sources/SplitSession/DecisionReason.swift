/// Why the controller moved (or first chose) the split.
public struct DecisionReason: SessionVocabulary {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The first choice of the session.
    public static let start: DecisionReason = "start"
    /// The bandwidth estimate changed.
    public static let bandwidth: DecisionReason = "bandwidth"
    /// The battery level crossed a threshold.
    public static let battery: DecisionReason = "battery"
    /// A constraint (SLO, memory, floor) changed or stopped being met.
    public static let constraint: DecisionReason = "constraint"
    /// An operator pinned the partition.
    public static let operatorPin: DecisionReason = "operator_pin"
    /// An operator released a pin.
    public static let operatorUnpin: DecisionReason = "operator_unpin"
    /// The policy itself changed.
    public static let policy: DecisionReason = "policy"
    /// A fault (the edge was lost or came back).
    public static let fault: DecisionReason = "fault"
    /// The edge server reported load.
    public static let edgeLoad: DecisionReason = "edge_load"

    /// The batch size changed (an operator's `set_batch`, or its profile measured at the new size).
    public static let batch: DecisionReason = "batch"

    /// The edge, shared among several devices, assigned this device a version and split.
    public static let edgeShares: DecisionReason = "edge_shares"

    public static let known: [DecisionReason] = [
        .start, .bandwidth, .battery, .constraint, .operatorPin, .operatorUnpin, .policy, .fault, .edgeLoad, .batch, .edgeShares,
    ]
}
