/// Why a JSON text could not be parsed, and where.
///
/// `line` and `column` are 1-based; the column counts UTF-8 bytes from the start of the
/// line, and lines are separated by `\n` (so `\r\n` files report the same lines).
///
/// ```swift
/// do { _ = try JSONValue.parse("{\"a\": 1,}") } catch {
///     print(error)   // line 1, column 8: trailing comma in object
/// }
/// ```
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong, e.g. "expected ',' or '}' in object".
    public var message: String
    /// The 1-based line of the offending byte.
    public var line: Int
    /// The 1-based column of the offending byte, in UTF-8 bytes.
    public var column: Int
    /// The 0-based byte offset of the offending byte (the input length at end of input).
    public var offset: Int

    /// Creates an error at an already-known position.
    public init(message: String, line: Int, column: Int, offset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// "line 3, column 14: expected ..."
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
