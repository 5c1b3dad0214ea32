import Dispatch
import Foundation
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

/// Weighted fair queueing: what a saturated edge serves each flow.
@Suite("EdgeScheduler fair queueing")
struct EdgeSchedulerFairnessTests {
    /// Holds the worker with one request, queues `perFlow` requests of each flow, releases the
    /// worker and returns the flows in the order their requests started.
    static func order(shares: [String: Double], costs: [String: Double] = [:], perFlow: Int) async throws -> [String] {
        let scheduler = EdgeScheduler(capacity: 1_000, workers: 1)
        let gate = DispatchSemaphore(value: 0)
        let blocker = Task { try await scheduler.run { gate.wait() } }
        while await scheduler.load().running == 0 { try await Task.sleep(for: .milliseconds(2)) }
        let log = StartLog()
        var tasks: [Task<Void, any Error>] = []
        var queued = 0
        for round in 0..<perFlow {
            for flow in shares.keys.sorted() {
                let share = shares[flow] ?? 1
                let cost = costs[flow] ?? 1
                tasks.append(Task { _ = try await scheduler.run(flow: flow, share: share, cost: cost) { log.add(flow) } })
                queued += 1
                // Queue them in this order: wait until each is waiting.
                while await scheduler.load().queueLength < queued { try await Task.sleep(for: .milliseconds(1)) }
                _ = round
            }
        }
        gate.signal()
        _ = try await blocker.value
        for task in tasks { try await task.value }
        return log.flows
    }

    final class StartLog: @unchecked Sendable {
        private let lock = NSLock()
        private var started: [String] = []
        func add(_ flow: String) { lock.withLock { started.append(flow) } }
        var flows: [String] { lock.withLock { started } }
    }

    @Test("a saturated edge serves flows in proportion to their shares")
    func proportional() async throws {
        let order = try await Self.order(shares: ["a": 0.5, "b": 0.3, "c": 0.2], perFlow: 40)
        // The first 40 served, while every flow still has requests waiting: 20, 12 and 8 expected.
        let first = order.prefix(40)
        let counts = ["a", "b", "c"].map { flow in Double(first.filter { $0 == flow }.count) }
        #expect(abs(counts[0] - 20) <= 2 && abs(counts[1] - 12) <= 2 && abs(counts[2] - 8) <= 2, "\(counts)")
        #expect(order.count == 120)
    }

    @Test("costs count: a flow whose requests cost twice as much is served half as often at the same share")
    func costs() async throws {
        let order = try await Self.order(shares: ["a": 0.5, "b": 0.5], costs: ["a": 2, "b": 1], perFlow: 30)
        let first = order.prefix(30)
        let a = first.filter { $0 == "a" }.count, b = first.filter { $0 == "b" }.count
        #expect(abs(Double(b) / Double(max(1, a)) - 2) < 0.5, "a \(a), b \(b)")
    }

    @Test("one flow, or requests of equal share and cost, are served in arrival order")
    func arrivalOrder() async throws {
        let order = try await Self.order(shares: ["": 1], perFlow: 5)
        #expect(order == Array(repeating: "", count: 5))
        let scheduler = EdgeScheduler(capacity: 10, workers: 1)
        let gate = DispatchSemaphore(value: 0)
        let blocker = Task { try await scheduler.run { gate.wait() } }
        while await scheduler.load().running == 0 { try await Task.sleep(for: .milliseconds(2)) }
        let log = StartLog()
        var tasks: [Task<Void, any Error>] = []
        for i in 0..<6 {
            tasks.append(Task { _ = try await scheduler.run { log.add("\(i)") } })
            while await scheduler.load().queueLength < i + 1 { try await Task.sleep(for: .milliseconds(1)) }
        }
        gate.signal()
        _ = try await blocker.value
        for task in tasks { try await task.value }
        #expect(log.flows == ["0", "1", "2", "3", "4", "5"])
    }

    @Test("the queue stays bounded: a full queue refuses whatever the share")
    func bounded() async throws {
        let scheduler = EdgeScheduler(capacity: 1, workers: 1)
        let gate = DispatchSemaphore(value: 0)
        let blocker = Task { try await scheduler.run { gate.wait() } }
        while await scheduler.load().running == 0 { try await Task.sleep(for: .milliseconds(2)) }
        let waiting = Task { try await scheduler.run(flow: "a", share: 0.1, cost: 1) { 1 } }
        while await scheduler.load().queueLength < 1 { try await Task.sleep(for: .milliseconds(1)) }
        await #expect(throws: EdgeRequestError.queueFull(capacity: 1)) {
            _ = try await scheduler.run(flow: "b", share: 0.9, cost: 1) { 2 }
        }
        gate.signal()
        _ = try await blocker.value
        #expect(try await waiting.value.0 == 1)
    }
}
