/// Why an allocation problem cannot be set up or solved.
public struct AllocationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, naming the device and field where there is one.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
