import Foundation

/// A value handed from a task to a waiting command thread, once: the first `put` wins.
final class Mailbox<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    /// Stores the value (unless one is there already) and wakes the taker.
    func put(_ new: Value) {
        condition.lock()
        if value == nil { value = new }
        condition.signal()
        condition.unlock()
    }

    /// Waits for the value.
    func take() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value { return value }
            condition.wait()
        }
    }

    /// Runs async work to its end from a synchronous command, returning its value or rethrowing its error.
    static func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T
        where Value == Result<T, any Error> {
        let box = Mailbox<Result<T, any Error>>()
        Task {
            do {
                box.put(.success(try await body()))
            } catch {
                box.put(.failure(error))
            }
        }
        return try box.take().get()
    }
}
