/// How much of a split one part asks for; see ``Rect/splitHorizontally(_:spacing:)``.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (fewer only when the space runs out).
    case fixed(Int)
    /// This percentage of the whole length, rounded down.
    case percent(Int)
    /// At least this many cells, and a share of whatever is left over: `.min(0)` means "fill".
    case min(Int)
}
