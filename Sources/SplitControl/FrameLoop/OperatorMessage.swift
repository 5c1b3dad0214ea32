/// What an operator sends a running session: a command for the controller, or a note for the record.
///
/// The control port and any other live source turn what they receive into these; the driver of a
/// ``FrameLoop`` hands each to the loop as an input (``input(at:)``) before the next frame.
public enum OperatorMessage: Hashable, Sendable {
    /// A command the controller applies from the next frame, recorded as an `operator` event.
    case command(OperatorCommand)
    /// Free text, recorded as a `note` event.
    case note(String)

    /// The frame loop input that carries this message at session time `t`.
    public func input(at t: Double) -> FrameLoop.Input {
        switch self {
        case .command(let command): .operatorCommand(command, at: t)
        case .note(let text): .note(text, at: t)
        }
    }
}
