/// Turns ``Color``s into ncurses colour numbers for a terminal with a given colour count.
///
/// Colours are first degraded to the ``ColorMode``; then `.default` is -1 (meaningful after
/// `use_default_colors`), palette colours are their index, and on 8-colour terminals the
/// bright ANSI colours 8…15 become 0…7 drawn bold, the old convention for "bright".
public struct CursesColorMapper: Hashable, Sendable {
    /// The mode colours are degraded to.
    public var mode: ColorMode
    /// The terminal's colour count (`COLORS`).
    public var colors: Int

    /// Creates a mapper.
    public init(mode: ColorMode, colors: Int) {
        self.mode = mode
        self.colors = colors
    }

    /// The ncurses colour number for `color`, and whether bold must stand in for brightness.
    public func number(for color: Color) -> (number: Int, needsBold: Bool) {
        guard mode != .monochrome, colors > 0 else { return (-1, false) }
        var degraded = color.degraded(to: mode == .trueColor ? .indexed256 : mode)
        if let index = degraded.paletteIndex, index >= colors {
            degraded = degraded.degraded(to: .ansi16)
        }
        switch degraded {
        case .default, .rgb:
            return (-1, false)
        case .ansi, .indexed:
            let index = degraded.paletteIndex ?? -1
            if index >= 8 && colors < 16 && index < 16 { return (index - 8, true) }
            return (index, false)
        }
    }
}
