import Foundation

/// Holds a simulation to the wall clock: session time `t` is reached `t / pace` seconds after the start.
///
/// At pace 1 a 300 s session takes 300 s, so people and programs can watch and steer it as it
/// runs (`simulate --pace realtime --control …`); at pace 4 it runs four times faster. The first
/// call to ``wait(until:)`` starts the clock.
public final class SimulationPacer: @unchecked Sendable {
    /// Multiples of real time.
    public let pace: Double
    private var start: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    public init(pace: Double) {
        self.pace = pace
    }

    /// Blocks until session time `t` is due on the wall clock.
    public func wait(until t: Double) {
        let now = clock.now
        let origin = start ?? now
        start = origin
        let due = origin + .seconds(t / pace)
        if due > now {
            Thread.sleep(forTimeInterval: (due - now) / .seconds(1))
        }
    }
}
