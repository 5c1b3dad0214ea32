/// Something odd but harmless in a theme file, such as a key that names no role.
public struct ThemeWarning: Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// What is odd.
    public var message: String

    /// Creates a warning.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: warning: message`.
    public var description: String { "\(file):\(line): warning: \(message)" }
}
