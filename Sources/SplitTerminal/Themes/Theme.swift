/// Colours and attributes for every ``ThemeRole``: what the dashboard draws with.
///
/// A theme is always complete; the ones read from files fill missing roles from ``dark``.
/// Colours are given richly (RGB) and degraded by the backend; attributes carry meaning
/// on monochrome terminals, which is why ``mono`` uses only them.
///
/// ```swift
/// let theme = Theme.dark
/// BlockWidget(title: "Link", borderStyle: theme.style(.border), titleStyle: theme.style(.title))
/// TableWidget(columns: cols, rows: rows, selectedStyle: theme.style(.selection))
/// ```
public struct Theme: Hashable, Sendable {
    /// One role's colour and attributes.
    public struct Entry: Hashable, Sendable {
        /// The colour.
        public var color: Color
        /// Attributes drawn with it.
        public var attributes: Attributes

        /// Creates an entry.
        public init(_ color: Color, _ attributes: Attributes = []) {
            self.color = color
            self.attributes = attributes
        }
    }

    /// The theme's name (a file's name without `.theme`).
    public var name: String
    /// Every role's entry.
    public private(set) var entries: [ThemeRole: Entry]

    /// Creates a theme; roles missing from `entries` come from `fallback`, or are plain
    /// default-coloured text when there is none.
    public init(name: String, entries: [ThemeRole: Entry], fallback: Theme? = nil) {
        self.name = name
        var complete = entries
        for role in ThemeRole.allCases where complete[role] == nil {
            complete[role] = fallback?.entries[role] ?? Entry(.default)
        }
        self.entries = complete
    }

    /// The entry for `role`.
    public subscript(role: ThemeRole) -> Entry {
        get { entries[role] ?? Entry(.default) }
        set { entries[role] = newValue }
    }

    /// The style for `role`: its colour as foreground (as background for ``ThemeRole/background``
    /// and ``ThemeRole/selection``) plus its attributes.
    public func style(_ role: ThemeRole) -> Style {
        let entry = self[role]
        return role.isBackground
            ? Style(bg: entry.color, attributes: entry.attributes)
            : Style(fg: entry.color, attributes: entry.attributes)
    }

    /// The screen's base style: foreground on background.
    public var baseStyle: Style {
        Style(fg: self[.foreground].color, bg: self[.background].color,
              attributes: self[.foreground].attributes.union(self[.background].attributes))
    }
}
