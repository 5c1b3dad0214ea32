/// Why bytes are not a `.npy` file splitscope can read; the message says what was found.
public struct NumPyError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
