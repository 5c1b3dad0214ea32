/// A run of text in one style: the unit of styled text in ``TextWidget``.
public struct Span: Hashable, Sendable {
    /// The text.
    public var text: String
    /// Its style.
    public var style: Style

    /// Creates a span.
    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Columns the text occupies.
    public var width: Int { TerminalWidth.columns(of: text) }
}
