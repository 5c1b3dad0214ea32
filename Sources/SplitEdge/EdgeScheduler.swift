import Dispatch

/// The edge's bounded queue: a fixed number of workers compute, up to `capacity` requests wait
/// in arrival order, and a request that finds the queue full is refused at once.
///
/// Work runs on dispatch queues, off Swift's cooperative pool, so a long computation never
/// starves the gRPC transport of threads.
public actor EdgeScheduler {
    /// Most requests that may wait.
    public let capacity: Int
    /// Requests computed at once.
    public let workers: Int
    /// The span over which the busy fraction is measured.
    public let window: Duration

    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Finished and running compute spans within the window (end nil while running).
    private var spans: [(start: ContinuousClock.Instant, end: ContinuousClock.Instant?)] = []
    private let clock = ContinuousClock()
    private let queue = DispatchQueue(label: "splitscope.edge.compute", attributes: .concurrent)

    public init(capacity: Int, workers: Int = 1, window: Duration = .seconds(5)) {
        self.capacity = max(0, capacity)
        self.workers = max(1, workers)
        self.window = window
    }

    /// Timings of one scheduled computation.
    public struct Timing: Sendable {
        public var queueMilliseconds: Double
        public var computeMilliseconds: Double
    }

    /// Runs `body` on a worker once one is free; throws `EdgeRequestError.queueFull` at once
    /// when `capacity` requests already wait.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> (T, Timing) {
        let arrived = clock.now
        if running < workers {
            running += 1
        } else {
            guard waiting.count < capacity else { throw EdgeRequestError.queueFull(capacity: capacity) }
            // leave() hands its worker slot straight to the first waiter, so `running` stays counted.
            await withCheckedContinuation { waiting.append($0) }
        }
        let started = clock.now
        spans.append((started, nil))
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { try body() }) }
        }
        let ended = clock.now
        finish(spanStartingAt: started, end: ended)
        leave()
        let timing = Timing(queueMilliseconds: Self.milliseconds(started - arrived),
                            computeMilliseconds: Self.milliseconds(ended - started))
        return (try result.get(), timing)
    }

    /// The load now.
    public func load() -> EdgeLoad {
        let now = clock.now
        prune(now)
        let from = now - window
        var busy = Duration.zero
        for span in spans {
            let end = span.end ?? now
            busy += end - max(span.start, from)
        }
        let fraction = Double(busy / window) / Double(workers)
        return EdgeLoad(queueLength: waiting.count, running: running, busyFraction: min(1, max(0, fraction)))
    }

    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    private func finish(spanStartingAt start: ContinuousClock.Instant, end: ContinuousClock.Instant) {
        if let index = spans.firstIndex(where: { $0.start == start && $0.end == nil }) {
            spans[index].end = end
        }
        prune(end)
    }

    private func prune(_ now: ContinuousClock.Instant) {
        let from = now - window
        spans.removeAll { span in
            if let end = span.end { return end < from }
            return false
        }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}
