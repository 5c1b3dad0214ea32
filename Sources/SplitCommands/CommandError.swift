/// A failure the user can fix: bad input, an unknown name, a file that cannot be read.
///
/// `splitscope` prints the message and exits with status 2 (usage) or 1 (a runtime failure).
public struct CommandError: Error, CustomStringConvertible {
    public var message: String
    public var isUsage: Bool

    public init(_ message: String, isUsage: Bool = true) {
        self.message = message
        self.isUsage = isUsage
    }

    public var description: String { message }
}
