/// One terminal cell: a grapheme cluster with its colours and attributes.
///
/// A wide character (CJK, emoji) occupies two cells: the first holds the grapheme and the
/// second is a *continuation* cell whose ``symbol`` is empty; backends skip continuation cells.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown in this cell: usually one character, `""` for a continuation cell.
    public var symbol: String
    /// Foreground colour.
    public var fg: Color
    /// Background colour.
    public var bg: Color
    /// Text attributes.
    public var attributes: Attributes

    /// Creates a cell.
    public init(_ symbol: String = " ", fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.symbol = symbol
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    /// A space in the terminal's default colours.
    public static let blank = Cell()

    /// Whether this is the second half of a wide character.
    public var isContinuation: Bool { symbol.isEmpty }

    /// How many columns the symbol occupies (0 for a continuation cell).
    public var width: Int {
        // Fast paths for what screens are made of: one printable ASCII byte, or one box-drawing,
        // block, arrow or braille scalar (three UTF-8 bytes, one column).
        let utf8 = symbol.utf8
        if utf8.count == 1, let byte = utf8.first { return byte >= 0x20 && byte < 0x7f ? 1 : 0 }
        if utf8.count == 3, let first = utf8.first, first == 0xE2 {
            let scalars = symbol.unicodeScalars
            if let scalar = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
                let value = scalar.value
                if (0x2190...0x21ff).contains(value) || (0x2500...0x25ff).contains(value) || (0x2800...0x28ff).contains(value) {
                    return 1
                }
            }
        }
        return TerminalWidth.columns(of: symbol)
    }

    /// The cell's colours and attributes as a fully-specified style.
    public var style: Style {
        get { Style(fg: fg, bg: bg, attributes: attributes) }
        set {
            fg = newValue.fg ?? .default
            bg = newValue.bg ?? .default
            attributes = newValue.attributes
        }
    }

    /// Lays `style` over this cell: its colours where set, its attributes added.
    public mutating func apply(_ style: Style) {
        if let fg = style.fg { self.fg = fg }
        if let bg = style.bg { self.bg = bg }
        attributes.formUnion(style.attributes)
    }
}
