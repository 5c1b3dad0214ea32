import SplitModels
import SplitPlanners

/// Which operator commands a session can carry out, and why it cannot carry out the others.
///
/// A live device that chooses among model versions keeps the batch size it started with, and one
/// that sends to a foreign server's model has its partition fixed by that model. The control port
/// answers a command such a session cannot carry out with an error naming the reason (never
/// `{"ok": true}` for a command that will change nothing), and the session records the attempt
/// as a note.
public enum OperatorAdmission: Hashable, Sendable {
    /// Every command applies.
    case everything
    /// The batch size is fixed (a device choosing among model versions).
    case batchFixed
    /// The partition is fixed by the named model on a foreign server.
    case partitionFixed(model: String)

    /// Why the session cannot carry out `command`, or nil when it can.
    public func refusal(of command: OperatorCommand) -> String? {
        switch (self, command) {
        case (.everything, _), (_, .setConstraint):
            return nil
        case (.batchFixed, .setBatch(let n)):
            return "batch \(n) cannot apply: a device choosing among model versions keeps the batch it started with"
        case (.batchFixed, _):
            return nil
        case (.partitionFixed(let model), _):
            return "\(Self.name(of: command)) cannot apply: the partition is fixed by the edge's model \(model)"
        }
    }

    /// What the operator should know about a command the session carries out, or nil: an
    /// accuracy floor that none of `versions` meets (``PlanningConstraints/unmetFloorNote(_:)``'s
    /// words; the session falls back to the most accurate version and records the same note).
    /// Only the floor matters, so the other constraints in force need not be known.
    public static func note(on command: OperatorCommand, versions: [ModelVersion]) -> String? {
        guard case .setConstraint(.accuracyFloor, let floor) = command else { return nil }
        return PlanningConstraints(accuracyFloorPercent: floor).unmetFloorNote(versions)
    }

    /// The command as the operator would say it, for messages.
    private static func name(of command: OperatorCommand) -> String {
        switch command {
        case .pin: "pin"
        case .unpin: "unpin"
        case .setPolicy(let kind): "policy \(kind)"
        case .setBatch(let n): "batch \(n)"
        case .setConstraint(let kind, _): "set \(kind)"
        }
    }
}
