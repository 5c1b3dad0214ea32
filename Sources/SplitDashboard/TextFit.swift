import SplitTerminal

/// Fitting text into a width without cutting a number in half.
///
/// Texts that may not fit come in stages, most detailed first ("65.7 / 150 ms", "65.7/150 ms",
/// "65.7/150"); the first stage that fits is drawn. When none does, whole words are kept and
/// `…` marks what was cut, so a reader never sees "150…" standing for "1500".
enum TextFit {
    /// The first variant that fits `width` columns, else the last one cut at a word boundary.
    static func first(_ variants: [String], width: Int, ellipsis: String) -> String {
        for variant in variants where TerminalWidth.columns(of: variant) <= width { return variant }
        return words(variants.last ?? "", width: width, ellipsis: ellipsis)
    }

    /// As many whole words of `text` as fit with an ellipsis after them (see ``TerminalWidth/truncateWords(_:to:ellipsis:)``).
    static func words(_ text: String, width: Int, ellipsis: String) -> String {
        TerminalWidth.truncateWords(text, to: width, ellipsis: ellipsis)
    }
}
