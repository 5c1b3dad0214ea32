import Foundation

/// Finds and reads themes by name or path, falling back to the built-in ones.
///
/// ```swift
/// let outcome = ThemeLoader.loadOrDefault(nameOrPath: "light", themesDirectories: ThemeLoader.defaultDirectories())
/// if let error = outcome.error { status = error }   // e.g. "my.theme:3: accent: 'blu' is not a colour"
/// let theme = outcome.theme
/// ```
public enum ThemeLoader {
    /// A theme for the dashboard whatever happened, with what to tell the user.
    public struct Outcome: Hashable, Sendable {
        /// The loaded theme, or the built-in dark theme when loading failed.
        public var theme: Theme
        /// Warnings from the file (unknown or repeated keys).
        public var warnings: [String]
        /// Why the requested theme could not be used, if it could not.
        public var error: String?
    }

    /// Loads a theme by name or by path.
    ///
    /// `nameOrPath` is a path when it contains `/` or ends in `.theme`; the file is read and
    /// parsed. Otherwise it is a name: the first `<directory>/<name>.theme` that exists wins,
    /// so a `Themes/` folder can override the built-ins, and then the built-in of that name.
    ///
    /// - Throws: ``ThemeError`` for an unreadable or broken file, or an unknown name.
    public static func load(nameOrPath: String, themesDirectories: [String]) throws(ThemeError) -> ThemeFile.ParseResult {
        if isPath(nameOrPath) {
            return try loadFile(nameOrPath)
        }
        for directory in themesDirectories {
            let path = (directory as NSString).appendingPathComponent(nameOrPath + ".theme")
            if FileManager.default.isReadableFile(atPath: path) {
                return try loadFile(path)
            }
        }
        if let builtin = BuiltinThemeFiles.all.first(where: { $0.name == nameOrPath }) {
            return try ThemeFile.parse(text: builtin.text, fileName: builtin.name + ".theme")
        }
        let searched = themesDirectories.isEmpty ? "no theme folders" : themesDirectories.joined(separator: ", ")
        let builtins = BuiltinThemeFiles.all.map(\.name).joined(separator: ", ")
        throw ThemeError(file: nameOrPath, line: 0,
                         message: "no such theme (looked in \(searched); built in: \(builtins))")
    }

    /// Loads a theme by name or path, looking for names in one folder (or only the built-ins).
    public static func load(nameOrPath: String, themesDirectory: String?) throws(ThemeError) -> ThemeFile.ParseResult {
        try load(nameOrPath: nameOrPath, themesDirectories: themesDirectory.map { [$0] } ?? [])
    }

    /// Like ``load(nameOrPath:themesDirectories:)``, but never fails: on error the caller gets
    /// the built-in dark theme and the error's message to show.
    public static func loadOrDefault(nameOrPath: String, themesDirectories: [String]) -> Outcome {
        do {
            let result = try load(nameOrPath: nameOrPath, themesDirectories: themesDirectories)
            return Outcome(theme: result.theme, warnings: result.warnings.map(\.description), error: nil)
        } catch {
            return Outcome(theme: .dark, warnings: [], error: error.description)
        }
    }

    /// Theme names available: built-ins and every `*.theme` in the folders, sorted, without repeats.
    public static func availableThemes(themesDirectories: [String]) -> [String] {
        var names = Set(BuiltinThemeFiles.all.map(\.name))
        for directory in themesDirectories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".theme") { names.insert(String(file.dropLast(6))) }
        }
        return names.sorted()
    }

    /// The theme folders that exist, in search order (see ``candidateDirectories(environment:executablePath:currentDirectory:)``).
    public static func defaultDirectories(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = BundledFile.executablePath,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> [String] {
        candidateDirectories(environment: environment, executablePath: executablePath, currentDirectory: currentDirectory)
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            }
    }

    /// Where theme folders may be, in search order, whether or not they exist: `$SPLITSCOPE_THEMES`,
    /// then `Themes` where ``BundledFile`` looks for every bundled file:
    ///
    /// 1. `./Themes` in the working directory (a checkout);
    /// 2. `Themes` beside the executable, then `../share/splitscope/themes` (an install);
    /// 3. `../../Themes` and `../../../Themes` from the executable's folder, the package root
    ///    seen from `.build/debug/` and `.build/<triple>/debug/`.
    public static func candidateDirectories(
        environment: [String: String], executablePath: String?, currentDirectory: String
    ) -> [String] {
        var candidates: [String] = []
        if let custom = environment["SPLITSCOPE_THEMES"], !custom.isEmpty {
            candidates.append(absolute(custom, from: currentDirectory))
        }
        candidates += BundledFile.candidates("Themes", installed: "themes", executablePath: executablePath,
                                             currentDirectory: currentDirectory)
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted }
    }

    // MARK: Private

    private static func isPath(_ nameOrPath: String) -> Bool {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme")
    }

    private static func loadFile(_ path: String) throws(ThemeError) -> ThemeFile.ParseResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ThemeError(file: path, line: 0, message: "cannot read the theme file: no such file")
        }
        guard !isDirectory.boolValue else {
            throw ThemeError(file: path, line: 0, message: "cannot read the theme file: it is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let denied = !FileManager.default.isReadableFile(atPath: path)
            throw ThemeError(file: path, line: 0, message: "cannot read the theme file\(denied ? ": permission denied" : "")")
        }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, line: 0, message: "the theme file is not UTF-8 text (binary data?)")
        }
        return try ThemeFile.parse(text: text, fileName: path)
    }

    /// `path` made absolute against `base` and standardised (`..` and `.` removed).
    private static func absolute(_ path: String, from base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}
