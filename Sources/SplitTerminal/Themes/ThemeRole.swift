/// A named use of colour in the dashboard; a ``Theme`` gives each role a colour and attributes.
///
/// The raw value is the key used in theme files (`what_if = #d19a66 underline`).
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    /// Screen background (drawn as a background colour).
    case background
    /// Ordinary text.
    case foreground
    /// Secondary text: units, timestamps, disabled items.
    case muted
    /// Panel borders.
    case border
    /// Panel titles.
    case title
    /// Table headers.
    case header
    /// Emphasis that is not a status: the focused panel, links.
    case accent
    /// Work done on the device (the mobile side of a split).
    case device
    /// Work done on the edge server.
    case edge
    /// Data on the link between them.
    case transfer
    /// The current split point.
    case split
    /// A split pinned by the user.
    case pin
    /// A what-if (hypothetical) plan shown beside the real one.
    case whatIf = "what_if"
    /// Healthy status.
    case ok
    /// Degraded status.
    case warn
    /// Failed status.
    case error
    /// The selected row (drawn as a background colour).
    case selection
    /// Graph of measured values.
    case graphMeasured = "graph_measured"
    /// Graph of the cost model's estimates.
    case graphEstimate = "graph_estimate"
    /// Graph of end-to-end latency.
    case graphLatency = "graph_latency"
    /// The service-level objective line across a latency graph.
    case graphSLO = "graph_slo"
    /// Graph of device battery or energy.
    case graphBattery = "graph_battery"
    /// Keys in the hint bar and help overlay.
    case hintKey = "hint_key"
    /// Descriptions in the hint bar.
    case hintText = "hint_text"

    /// Whether the role's colour is meant as a background (``background``, ``selection``).
    public var isBackground: Bool { self == .background || self == .selection }

    /// The role a theme-file key names: case, `_` and `-` are ignored, so `what_if`,
    /// `what-if` and `whatIf` all name ``whatIf``.
    public init?(key: String) {
        let wanted = ThemeRole.normalise(key)
        guard let role = ThemeRole.allCases.first(where: { ThemeRole.normalise($0.rawValue) == wanted }) else {
            return nil
        }
        self = role
    }

    private static func normalise(_ key: String) -> String {
        String(key.lowercased().filter { $0 != "_" && $0 != "-" })
    }
}
