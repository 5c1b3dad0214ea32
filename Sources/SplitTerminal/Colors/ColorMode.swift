/// How many colours the output can show; colours are degraded to this before drawing.
public enum ColorMode: String, Hashable, Sendable, CaseIterable {
    /// 24-bit colour, passed through unchanged.
    case trueColor
    /// The xterm 256-colour palette.
    case indexed256
    /// The 16 ANSI colours.
    case ansi16
    /// No colour at all: meaning must be carried by attributes (bold, reverse, underline).
    case monochrome

    /// Chooses the mode from the environment and the terminal's capabilities.
    ///
    /// In order:
    /// - `NO_COLOR` present, whatever its value (even empty) → ``monochrome``
    ///   (<https://no-color.org> asks for a non-empty value; we are stricter so that any
    ///   attempt to opt out is honoured).
    /// - `COLORTERM` is `truecolor` or `24bit` and `colors` ≥ 256 → ``trueColor`` only when
    ///   `allowsTrueColor` is true. ncurses cannot emit 24-bit escapes, so the ncurses backend
    ///   passes `false` and gets ``indexed256``: the mode names what is really drawn.
    /// - `colors` ≥ 256 → ``indexed256``; `colors` ≥ 8 → ``ansi16``; otherwise ``monochrome``.
    ///
    /// - Parameters:
    ///   - environment: the process environment (pass `ProcessInfo.processInfo.environment`).
    ///   - colors: the terminal's colour count (ncurses `COLORS`, 0 when `has_colors()` is false).
    ///   - canChangeColor: whether the palette can be redefined (`can_change_color()`); recorded
    ///     for callers, it does not change the result today.
    ///   - allowsTrueColor: whether the output path can write 24-bit colour.
    public static func detect(
        environment: [String: String],
        colors: Int,
        canChangeColor: Bool = false,
        allowsTrueColor: Bool = false
    ) -> ColorMode {
        if environment["NO_COLOR"] != nil { return .monochrome }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colors >= 256 {
            if allowsTrueColor && (colorTerm == "truecolor" || colorTerm == "24bit") { return .trueColor }
            return .indexed256
        }
        if colors >= 8 { return .ansi16 }
        return .monochrome
    }
}
