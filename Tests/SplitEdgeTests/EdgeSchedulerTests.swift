import Dispatch
import Testing
@testable import SplitEdge

@Suite("EdgeScheduler")
struct EdgeSchedulerTests {
    @Test("with no waiting room, a second request while one computes is refused at once")
    func zeroCapacity() async throws {
        let scheduler = EdgeScheduler(capacity: 0, workers: 1)
        let gate = DispatchSemaphore(value: 0)
        let running = Task { try await scheduler.run { gate.wait(); return 7 } }
        var seen = false
        for _ in 0..<2000 where !seen {
            seen = await scheduler.load().running == 1
            if !seen { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(seen)
        await #expect(throws: EdgeRequestError.queueFull(capacity: 0)) {
            _ = try await scheduler.run { 8 }
        }
        gate.signal()
        #expect(try await running.value.0 == 7)
        let load = await scheduler.load()
        #expect(load.running == 0 && load.queueLength == 0)
        #expect(load.busyFraction > 0 && load.busyFraction <= 1)
    }

    @Test("an error thrown by the work reaches the caller and frees the worker")
    func errorsPropagate() async throws {
        let scheduler = EdgeScheduler(capacity: 0, workers: 1)
        await #expect(throws: EdgeRequestError.computeFailed("boom")) {
            _ = try await scheduler.run { () throws -> Int in throw EdgeRequestError.computeFailed("boom") }
        }
        #expect(try await scheduler.run { 1 }.0 == 1)
    }
}
