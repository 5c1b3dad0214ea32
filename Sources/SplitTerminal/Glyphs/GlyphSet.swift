/// The characters widgets draw with: Unicode box drawing, blocks and braille, or plain ASCII.
///
/// Choose with ``detect(environment:)`` (the ncurses backend also checks
/// `nl_langinfo(CODESET)` after `setlocale`); pass the result to the widgets that draw lines,
/// bars and graphs, so the same code serves a UTF-8 terminal and a `LANG=C` one.
public struct GlyphSet: Hashable, Sendable {
    /// Whether this set uses non-ASCII characters (braille graphs need it).
    public var isUnicode: Bool

    /// Horizontal line: `─` or `-`.
    public var horizontal: String
    /// Vertical line: `│` or `|`.
    public var vertical: String
    /// Top-left corner: `┌` or `+`.
    public var topLeft: String
    /// Top-right corner: `┐` or `+`.
    public var topRight: String
    /// Bottom-left corner: `└` or `+`.
    public var bottomLeft: String
    /// Bottom-right corner: `┘` or `+`.
    public var bottomRight: String
    /// Tee with a line going right, on a left border: `├` or `+`.
    public var teeRight: String
    /// Tee with a line going left, on a right border: `┤` or `+`.
    public var teeLeft: String

    /// Vertical fill levels from empty to full, one row: `" ▁▂▃▄▅▆▇█"` (8 steps) or `" .:-=+*#"` (7 steps).
    public var verticalRamp: [String]
    /// Horizontal fill levels from empty to full, one column: `" ▏▎▍▌▋▊▉█"` (8 steps) or `" .:=#"` (4 steps).
    public var horizontalRamp: [String]
    /// The character of a fully filled cell: `█` or `#`.
    public var fullBlock: String

    /// Marker for the current or selected item: `▶` or `>`.
    public var pointer: String
    /// A filled dot, e.g. a live device: `●` or `*`.
    public var dot: String
    /// An empty dot, e.g. an idle device: `○` or `o`.
    public var hollowDot: String
    /// Success: `✓` or `+`.
    public var check: String
    /// Failure: `✗` or `x`.
    public var cross: String
    /// Paused: `⏸` or `||`.
    public var pause: String
    /// Arrow pointing up (e.g. a rising value): `↑` or `^`.
    public var arrowUp: String
    /// Arrow pointing down: `↓` or `v`.
    public var arrowDown: String
    /// Arrow pointing right (a transfer): `→` or `->`.
    public var arrowRight: String
    /// Marks text cut short: `…` or `~`.
    public var ellipsis: String
    /// Separator between items: `│` or `|`.
    public var separator: String
    /// Dotted horizontal line for reference lines in ASCII graphs and gauges' empty track: `┄` or `-`.
    public var dashed: String

    /// Unicode box drawing, eighth blocks, braille and symbols.
    public static let unicode = GlyphSet(
        isUnicode: true,
        horizontal: "─", vertical: "│",
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", teeLeft: "┤",
        verticalRamp: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        horizontalRamp: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        fullBlock: "█",
        pointer: "▶", dot: "●", hollowDot: "○", check: "✓", cross: "✗", pause: "⏸",
        arrowUp: "↑", arrowDown: "↓", arrowRight: "→", ellipsis: "…", separator: "│", dashed: "┄"
    )

    /// Seven-bit ASCII only, for terminals whose locale is not UTF-8.
    public static let ascii = GlyphSet(
        isUnicode: false,
        horizontal: "-", vertical: "|",
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeRight: "+", teeLeft: "+",
        verticalRamp: [" ", ".", ":", "-", "=", "+", "*", "#"],
        horizontalRamp: [" ", ".", ":", "=", "#"],
        fullBlock: "#",
        pointer: ">", dot: "*", hollowDot: "o", check: "+", cross: "x", pause: "||",
        arrowUp: "^", arrowDown: "v", arrowRight: "->", ellipsis: "~", separator: "|", dashed: "-"
    )

    /// ``unicode`` when the locale's character set is UTF-8, else ``ascii``.
    ///
    /// The locale is the first non-empty of `LC_ALL`, `LC_CTYPE`, `LANG` (POSIX precedence);
    /// it is UTF-8 when it contains `UTF-8` or `utf8` in any case.
    ///
    /// ```swift
    /// GlyphSet.detect(environment: ["LANG": "en_GB.UTF-8"])  // .unicode
    /// GlyphSet.detect(environment: ["LANG": "C"])            // .ascii
    /// ```
    public static func detect(environment: [String: String]) -> GlyphSet {
        isUTF8(environment: environment) ? .unicode : .ascii
    }

    /// Whether the locale named by the environment uses UTF-8 (see ``detect(environment:)``).
    public static func isUTF8(environment: [String: String]) -> Bool {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .lazy
            .compactMap { environment[$0] }
            .first { !$0.isEmpty } ?? ""
        return isUTF8(codeset: locale)
    }

    /// Whether a locale or codeset name (`en_US.UTF-8`, `C.utf8`, `UTF-8`) means UTF-8.
    public static func isUTF8(codeset: String) -> Bool {
        let lowered = codeset.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }

    /// The ramp level (0 … `ramp.count - 1`) for a fraction 0…1 of a cell, rounded to nearest.
    public static func level(_ fraction: Double, steps: Int) -> Int {
        guard fraction.isFinite, steps > 0 else { return 0 }
        return Swift.min(steps, Swift.max(0, Int((fraction * Double(steps)).rounded())))
    }
}
