/// A session file that cannot be read (or written) at all, with the file and line at fault.
///
/// Problems with single lines are not errors: the reader skips those lines and reports them
/// as ``SessionDiagnostic``s. An error means there is nothing to replay: the file cannot be
/// opened, or line 1 is not a header this build can read.
///
/// ```swift
/// // session.jsonl:1: schema version 2.0 is newer than this build reads (1.x); upgrade splitscope
/// ```
public struct SessionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as it was given.
    public var file: String
    /// The 1-based line at fault, or `nil` for the file as a whole.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` without a line.
    public var description: String {
        if let line {
            return "\(file):\(line): \(message)"
        }
        return "\(file): \(message)"
    }
}
