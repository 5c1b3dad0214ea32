/// A terminal colour: the terminal's default, one of the 16 ANSI colours, a 256-colour index, or 24-bit RGB.
///
/// Widgets and themes say what they mean in the richest form they have; a backend degrades the
/// colour to what the terminal can show with ``degraded(to:)`` (see ``ColorMode``).
///
/// ```swift
/// let warn = Color.rgb(0xe5, 0xc0, 0x7b)
/// warn.degraded(to: .indexed256)   // .indexed(186)
/// ```
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background (ncurses colour -1 after `use_default_colors`).
    case `default`
    /// One of the 16 standard ANSI colours, 0…15 (8…15 are the bright variants); larger values
    /// are taken modulo 16.
    case ansi(UInt8)
    /// An entry of the xterm 256-colour palette: 0…15 ANSI, 16…231 the 6×6×6 cube, 232…255 greys.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// Black (ANSI 0).
    public static let black = Color.ansi(0)
    /// Red (ANSI 1).
    public static let red = Color.ansi(1)
    /// Green (ANSI 2).
    public static let green = Color.ansi(2)
    /// Yellow (ANSI 3).
    public static let yellow = Color.ansi(3)
    /// Blue (ANSI 4).
    public static let blue = Color.ansi(4)
    /// Magenta (ANSI 5).
    public static let magenta = Color.ansi(5)
    /// Cyan (ANSI 6).
    public static let cyan = Color.ansi(6)
    /// White, the light grey of most palettes (ANSI 7).
    public static let white = Color.ansi(7)
    /// Bright black, a dark grey (ANSI 8).
    public static let brightBlack = Color.ansi(8)
    /// Bright white (ANSI 15).
    public static let brightWhite = Color.ansi(15)

    /// Creates an RGB colour from a 24-bit integer such as `0x61afef`.
    public init(hex: UInt32) {
        self = .rgb(UInt8((hex >> 16) & 0xff), UInt8((hex >> 8) & 0xff), UInt8(hex & 0xff))
    }

    /// The 256-colour palette index this colour names, if it is an ANSI or indexed colour.
    public var paletteIndex: Int? {
        switch self {
        case .default, .rgb: return nil
        case .ansi(let n): return Int(n % 16)
        case .indexed(let n): return Int(n)
        }
    }

    /// An RGB approximation using the xterm palette, or `nil` for ``default``.
    public var approximateRGB: (r: Int, g: Int, b: Int)? {
        switch self {
        case .default: return nil
        case .rgb(let r, let g, let b): return (Int(r), Int(g), Int(b))
        case .ansi, .indexed:
            guard let index = paletteIndex else { return nil }
            return XtermPalette.rgb(index: index)
        }
    }
}

extension Color: CustomStringConvertible {
    /// A short form used in snapshots and theme files: `default`, `ansi:9`, `idx:196`, `#ff0000`.
    public var description: String {
        switch self {
        case .default: return "default"
        case .ansi(let n): return "ansi:\(n % 16)"
        case .indexed(let n): return "idx:\(n)"
        case .rgb(let r, let g, let b): return "#" + hex2(r) + hex2(g) + hex2(b)
        }
    }

    private func hex2(_ value: UInt8) -> String {
        let digits = String(value, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
}
