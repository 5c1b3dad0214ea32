/// The theme file format: flat `role = colour [attributes…]` lines, like btop's themes.
///
/// ```
/// # comment
/// title   = #61afef bold
/// muted   = bright-black
/// border  = 238
/// pin     = #c6d underline   # a comment may follow
/// ```
/// A colour is `#rrggbb`, `#rgb`, a palette index 0–255, or a name: `default`, `black`, `red`,
/// `green`, `yellow`, `blue`, `magenta`, `cyan`, `white`, `bright-black` … `bright-white`.
/// Attributes are `bold`, `dim`, `reverse`, `underline`, `italic`. Unknown keys and repeated
/// keys are warnings; a line that cannot be read is a ``ThemeError`` naming file and line;
/// roles the file leaves out come from the fallback theme.
public enum ThemeFile {
    /// A parsed theme with what was odd about the file.
    public struct ParseResult: Hashable, Sendable {
        /// The complete theme.
        public var theme: Theme
        /// Unknown and repeated keys.
        public var warnings: [ThemeWarning]
        /// Roles the file did not set, taken from the fallback.
        public var missingRoles: [ThemeRole]
    }

    /// The ANSI colour names, in palette order.
    public static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses a theme file.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - fileName: used in messages; the theme's name is this without folders and `.theme`.
    ///   - fallback: where missing roles come from (the built-in dark theme by default).
    /// - Throws: ``ThemeError`` for the first line that cannot be read.
    public static func parse(text: String, fileName: String, fallback: Theme = .dark) throws(ThemeError) -> ParseResult {
        var entries: [ThemeRole: Theme.Entry] = [:]
        var warnings: [ThemeWarning] = []
        var seenOnLine: [ThemeRole: Int] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ThemeError(file: fileName, line: number, message: "expected 'role = colour', found '\(line)'")
            }
            let key = line[..<equals].trimmingWhitespace()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            guard !key.isEmpty else {
                throw ThemeError(file: fileName, line: number, message: "missing role name before '='")
            }
            let entry: Theme.Entry
            do {
                entry = try parseValue(value)
            } catch {
                throw ThemeError(file: fileName, line: number, message: "\(key): \(error.message)")
            }
            guard let role = ThemeRole(key: key) else {
                warnings.append(ThemeWarning(file: fileName, line: number, message: "unknown key '\(key)' ignored"))
                continue
            }
            if let earlier = seenOnLine[role] {
                warnings.append(ThemeWarning(file: fileName, line: number,
                                             message: "'\(key)' repeats line \(earlier); the later value wins"))
            }
            seenOnLine[role] = number
            entries[role] = entry
        }
        let missing = ThemeRole.allCases.filter { entries[$0] == nil }
        let theme = Theme(name: themeName(fileName), entries: entries, fallback: fallback)
        return ParseResult(theme: theme, warnings: warnings, missingRoles: missing)
    }

    /// Why a value could not be read.
    struct ValueError: Error {
        var message: String
    }

    /// Parses `colour [attribute…] [# comment]`.
    static func parseValue(_ value: String) throws(ValueError) -> Theme.Entry {
        let tokens = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = tokens.first else { throw ValueError(message: "missing colour after '='") }
        guard let color = parseColor(first) else { throw ValueError(message: "'\(first)' is not a colour") }
        var attributes: Attributes = []
        for token in tokens.dropFirst() {
            if token.hasPrefix("#") { break }
            guard let attribute = Attributes(name: token) else {
                throw ValueError(message: "'\(token)' is not an attribute (bold, dim, reverse, underline, italic)")
            }
            attributes.insert(attribute)
        }
        return Theme.Entry(color, attributes)
    }

    /// A colour from `#rrggbb`, `#rgb`, `0`…`255` or a name; `nil` when it is none of these.
    ///
    /// ```swift
    /// ThemeFile.parseColor("#c6d")          // .rgb(0xcc, 0x66, 0xdd)
    /// ThemeFile.parseColor("bright-red")    // .ansi(9)
    /// ThemeFile.parseColor("244")           // .indexed(244)
    /// ```
    public static func parseColor(_ token: String) -> Color? {
        let lowered = token.lowercased()
        if lowered.hasPrefix("#") {
            let hex = lowered.dropFirst()
            guard hex.allSatisfy(\.isHexDigit), let value = UInt32(hex, radix: 16) else { return nil }
            switch hex.count {
            case 6:
                return Color(hex: value)
            case 3:
                let r = (value >> 8) & 0xf, g = (value >> 4) & 0xf, b = value & 0xf
                return .rgb(UInt8(r * 17), UInt8(g * 17), UInt8(b * 17))
            default:
                return nil
            }
        }
        if lowered.allSatisfy(\.isASCII), lowered.allSatisfy(\.isNumber) {
            guard lowered.count <= 3, let index = Int(lowered), index <= 255 else { return nil }
            return .indexed(UInt8(index))
        }
        if lowered == "default" { return .default }
        let normalised = lowered.replacingUnderscores()
        if let index = colorNames.firstIndex(of: normalised) { return .ansi(UInt8(index)) }
        if normalised.hasPrefix("bright-"), let index = colorNames.firstIndex(of: String(normalised.dropFirst(7))) {
            return .ansi(UInt8(index + 8))
        }
        return nil
    }

    /// Writes a theme in this format (every role, in ``ThemeRole`` order), e.g. to start a new file.
    public static func serialise(_ theme: Theme) -> String {
        let width = ThemeRole.allCases.map(\.rawValue.count).max() ?? 0
        var lines = ["# splitscope theme: \(theme.name)"]
        for role in ThemeRole.allCases {
            let entry = theme[role]
            let color: String
            switch entry.color {
            case .default: color = "default"
            case .ansi(let n): color = (n % 16 < 8 ? "" : "bright-") + colorNames[Int(n % 8)]
            case .indexed(let n): color = String(n)
            case .rgb: color = entry.color.description
            }
            let padded = role.rawValue + String(repeating: " ", count: width - role.rawValue.count)
            lines.append(([padded, "=", color] + entry.attributes.names).joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Themes/high-contrast.theme` → `high-contrast`.
    static func themeName(_ fileName: String) -> String {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        return base.hasSuffix(".theme") ? String(base.dropLast(6)) : base
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }

    /// The text with `_` turned into `-`.
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
