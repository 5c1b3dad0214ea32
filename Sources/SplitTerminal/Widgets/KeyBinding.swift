/// One key and what it does: a row of the table that drives both the key-hint bar and the help overlay.
///
/// Keep one `[KeyBinding]` per screen, so the hint bar, the `?` overlay and the key handling
/// cannot drift apart.
///
/// ```swift
/// let bindings = [
///     KeyBinding(key: "q", description: "Quit", section: "General", hintPriority: 10),
///     KeyBinding(key: "?", description: "Help", section: "General", hintPriority: 9),
///     KeyBinding(key: "p", description: "Pin split", section: "Split"),
///     KeyBinding(key: "w", description: "What-if", section: "Split", showInHintBar: false),
/// ]
/// ```
public struct KeyBinding: Hashable, Sendable {
    /// The key as shown to the user: `q`, `?`, `↑/k`, `F5`, `Esc`.
    public var key: String
    /// What it does, short: `Quit`, `Pin split`.
    public var description: String
    /// The help-overlay section it is listed under.
    public var section: String
    /// Whether the key-hint bar shows it.
    public var showInHintBar: Bool
    /// When the hint bar is too narrow, hints with lower priority are dropped first.
    public var hintPriority: Int
    /// A shorter description for a hint bar too narrow for the full ones (`speed` for
    /// `faster / slower (0.25×–64×)`); nil keeps the description.
    public var shortDescription: String?

    /// Creates a binding.
    public init(key: String, description: String, section: String = "", showInHintBar: Bool = true,
                hintPriority: Int = 0, shortDescription: String? = nil) {
        self.key = key
        self.description = description
        self.section = section
        self.showInHintBar = showInHintBar
        self.hintPriority = hintPriority
        self.shortDescription = shortDescription
    }
}
