import Foundation

/// The clock a session is recorded by: when it started, and how long each decision took.
///
/// A live device and an interactive `simulate` use ``WallClock``; the sample sessions and golden
/// files use ``FixedClock``, so regenerating them gives byte-identical files.
public protocol SessionClock: Sendable {
    /// When the session started, ISO-8601 UTC (`"2025-03-14T09:26:53Z"`), for the header.
    var startTime: String { get }
    /// Runs `body` and returns its result with the time it took in µs, or nil when this clock
    /// does not measure time (the decision then records no `decision_us`).
    func measure<T>(_ body: () -> T) -> (result: T, micros: Double?)
}

/// Real time: the start is now, and decisions are timed by the monotonic clock.
public struct WallClock: SessionClock {
    public let startTime: String

    public init() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        startTime = formatter.string(from: Date())
    }

    public func measure<T>(_ body: () -> T) -> (result: T, micros: Double?) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = body()
        return (result, (clock.now - start) / .microseconds(1))
    }
}

/// A clock that does not move: a fixed start and no decision times, for reproducible files.
public struct FixedClock: SessionClock {
    public let startTime: String

    /// The default start is the Unix epoch, which no real session has.
    public init(startTime: String = "1970-01-01T00:00:00Z") {
        self.startTime = startTime
    }

    public func measure<T>(_ body: () -> T) -> (result: T, micros: Double?) {
        (body(), nil)
    }
}
