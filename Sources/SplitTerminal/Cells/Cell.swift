#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        // block, arrow or braille scalar (three UTF-8 bytes, one column), read from the bytes.
        if let fast = TerminalWidth.fastColumns(ofUTF8: symbol.utf8) { return fast }
        return TerminalWidth.columns(of: symbol)
    }

    /// Equal when the symbols have the same bytes and the colours and attributes agree.
    ///
    /// Byte equality, not `String`'s canonical equivalence: cells are compared for every
    /// position on every frame, and a screen's symbols are what the code wrote, never
    /// differently normalised forms of one character.
    public static func == (a: Cell, b: Cell) -> Bool {
        a.attributes == b.attributes && a.fg == b.fg && a.bg == b.bg && sameBytes(a.symbol, b.symbol)
    }

    /// Whether two symbols have the same UTF-8 bytes (one `memcmp` of at most a few bytes).
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return pa.count == pb.count }
                return memcmp(x, y, pa.count) == 0
            }
        }
    }

    /// Whether the symbol is known to take exactly one column without a table look-up
    /// (ASCII, arrows, box drawing, blocks, braille): the cells a diff can skip quickly.
    @inline(__always)
    var isKnownSingleColumn: Bool { TerminalWidth.fastColumns(ofUTF8: symbol.utf8) == 1 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fg)
        hasher.combine(bg)
        hasher.combine(attributes)
        for byte in symbol.utf8 { hasher.combine(byte) }
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
