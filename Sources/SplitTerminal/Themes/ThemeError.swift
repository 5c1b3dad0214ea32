/// A theme file that cannot be used, with the file and line to fix.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (path or name) the problem is in.
    public var file: String
    /// The 1-based line, or 0 when the problem is the file as a whole.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, as compilers print it.
    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
