/// Colours and attributes to apply to cells; `nil` colours leave what is underneath.
///
/// Styles compose with ``patch(_:)``: a later style's colours win where they are set, and its
/// attributes are added.
///
/// ```swift
/// let base = Style(fg: .white, bg: .black)
/// let title = base.patch(Style(fg: .cyan, attributes: .bold))  // cyan on black, bold
/// ```
public struct Style: Hashable, Sendable {
    /// Foreground colour, or `nil` to keep the cell's.
    public var fg: Color?
    /// Background colour, or `nil` to keep the cell's.
    public var bg: Color?
    /// Attributes added to the cell's.
    public var attributes: Attributes

    /// Creates a style.
    public init(fg: Color? = nil, bg: Color? = nil, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    /// The style that changes nothing.
    public static let plain = Style()

    /// This style with `other` laid over it: `other`'s colours where set, attributes united.
    public func patch(_ other: Style) -> Style {
        Style(fg: other.fg ?? fg, bg: other.bg ?? bg, attributes: attributes.union(other.attributes))
    }

    /// This style with `attributes` added.
    public func adding(_ attributes: Attributes) -> Style {
        Style(fg: fg, bg: bg, attributes: self.attributes.union(attributes))
    }
}
