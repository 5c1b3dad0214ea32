extension Theme {
    /// The default theme, for dark backgrounds (`Themes/dark.theme`).
    public static let dark = builtin(BuiltinThemeFiles.dark, name: "dark", fallback: nil)
    /// For light backgrounds (`Themes/light.theme`).
    public static let light = builtin(BuiltinThemeFiles.light, name: "light", fallback: dark)
    /// Bright ANSI colours with attributes doubling every status (`Themes/high-contrast.theme`).
    public static let highContrast = builtin(BuiltinThemeFiles.highContrast, name: "high-contrast", fallback: dark)
    /// No colours, only attributes (`Themes/mono.theme`); the one to use in ``ColorMode/monochrome``.
    public static let mono = builtin(BuiltinThemeFiles.mono, name: "mono", fallback: dark)

    /// The built-in themes, default first.
    public static let builtins: [Theme] = [dark, light, highContrast, mono]

    /// The built-in theme called `name`, if there is one.
    public static func builtin(named name: String) -> Theme? {
        builtins.first { $0.name == name }
    }

    /// Parses an embedded theme file. They are tested to parse cleanly, so the plain fallback
    /// (default colours, no attributes) is only a guard against a broken build.
    private static func builtin(_ text: String, name: String, fallback: Theme?) -> Theme {
        let plain = Theme(name: name, entries: [:])
        guard let parsed = try? ThemeFile.parse(text: text, fileName: name + ".theme", fallback: fallback ?? plain) else {
            return plain
        }
        return parsed.theme
    }
}
