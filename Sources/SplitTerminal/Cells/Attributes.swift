/// Text attributes of a cell: the part of a style that survives on a monochrome terminal.
public struct Attributes: OptionSet, Hashable, Sendable {
    /// The bits of the set.
    public let rawValue: UInt8

    /// Creates a set from its raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (or bright, on some terminals).
    public static let bold = Attributes(rawValue: 1 << 0)
    /// Dim (half-bright).
    public static let dim = Attributes(rawValue: 1 << 1)
    /// Reverse video: foreground and background swapped.
    public static let reverse = Attributes(rawValue: 1 << 2)
    /// Underlined.
    public static let underline = Attributes(rawValue: 1 << 3)
    /// Italic, where the terminal has it.
    public static let italic = Attributes(rawValue: 1 << 4)

    /// Every attribute with its lowercase name, in a fixed order (used by snapshots and theme files).
    public static let named: [(name: String, attribute: Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline), ("italic", .italic),
    ]

    /// The attribute called `name` (`bold`, `dim`, `reverse`, `underline`, `italic`), if any.
    public init?(name: String) {
        guard let match = Attributes.named.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = match.attribute
    }

    /// The names of the attributes in this set, in ``named`` order.
    public var names: [String] {
        Attributes.named.filter { contains($0.attribute) }.map(\.name)
    }
}
