/// One terminal cell: a grapheme cluster with its colours and attributes.
///
/// A wide character (CJK, emoji) occupies two cells: the first holds the grapheme and the
/// second is a *continuation* cell whose ``symbol`` is empty; backends skip continuation cells.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown in this cell: usually one character, `""` for a continuation cell.
    public var symbol: String {
        didSet { (symbolKey, symbolWidth) = Self.measure(symbol) }
    }
    /// Foreground colour.
    public var fg: Color
    /// Background colour.
    public var bg: Color
    /// Text attributes.
    public var attributes: Attributes
    /// The symbol's UTF-8 bytes packed with their count (bytes in the low seven bytes, the count
    /// in the top one), or `UInt64.max` for a symbol longer than seven bytes: what cells are
    /// compared by, since a frame compares every cell with the last one.
    private var symbolKey: UInt64
    /// The symbol's columns, measured once when it is set.
    private var symbolWidth: UInt8

    /// Creates a cell.
    public init(_ symbol: String = " ", fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.symbol = symbol
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
        (symbolKey, symbolWidth) = Self.measure(symbol)
    }

    /// The packed key and the width of a symbol.
    static func measure(_ symbol: String) -> (key: UInt64, width: UInt8) {
        var key: UInt64 = 0
        var count: UInt64 = 0
        for byte in symbol.utf8 {
            if count == 7 {
                key = .max
                break
            }
            key |= UInt64(byte) << (8 * count)
            count += 1
        }
        if key != .max { key |= count << 56 }
        let width = TerminalWidth.fastColumns(ofUTF8: symbol.utf8) ?? TerminalWidth.columns(of: symbol)
        return (key, UInt8(clamping: width))
    }

    /// A space in the terminal's default colours.
    public static let blank = Cell()

    /// Whether this is the second half of a wide character.
    public var isContinuation: Bool { symbolKey == 0 }

    /// How many columns the symbol occupies (0 for a continuation cell).
    public var width: Int { Int(symbolWidth) }

    /// Equal when the symbols have the same bytes and the colours and attributes agree.
    ///
    /// Byte equality, not `String`'s canonical equivalence: cells are compared for every
    /// position on every frame, and a screen's symbols are what the code wrote, never
    /// differently normalised forms of one character.
    public static func == (a: Cell, b: Cell) -> Bool {
        guard a.symbolKey == b.symbolKey, a.attributes == b.attributes, a.fg == b.fg, a.bg == b.bg else { return false }
        return a.symbolKey != .max || a.symbol.utf8.elementsEqual(b.symbol.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fg)
        hasher.combine(bg)
        hasher.combine(attributes)
        if symbolKey == .max {
            for byte in symbol.utf8 { hasher.combine(byte) }
        } else {
            hasher.combine(symbolKey)
        }
    }

    /// Whether the symbol is known to take exactly one column: the cells a diff can skip quickly.
    @inline(__always)
    var isKnownSingleColumn: Bool { symbolWidth == 1 }

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
