import Dispatch
import SplitSession

/// The edge's bounded queue: a fixed number of workers compute, up to `capacity` requests wait,
/// and a request that finds the queue full is refused at once.
///
/// Waiting requests are served by weighted fair queueing (self-clocked: SCFQ). Each request
/// belongs to a flow (a device's id; "" for plain clients) with a share of the edge; it is tagged
/// with the virtual time it would finish at its share,
///
///     finish = max(the flow's last finish, the tag of the request last started) + cost / share,
///
/// and the waiting request with the smallest tag starts next (ties in arrival order). So a
/// saturated edge serves the flows' costs (their MACs) in proportion to their shares, and one flow
/// alone, or requests that all carry the same share, are served in arrival order.
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
    /// Requests waiting, each with its flow, finish tag and arrival number.
    private var waiting: [(flow: String, tag: Double, arrival: Int, resume: CheckedContinuation<Void, Never>)] = []
    /// The greatest tag of the requests started so far (SCFQ's virtual time). A flow's last
    /// finish tag is the greatest tag among its waiting requests, or at most this once none waits.
    private var virtualTime = 0.0
    private var arrivals = 0
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

    /// The least share a flow is served at (a share of 0 would never be served): ``DeviceShare/least``.
    public static let leastShare = DeviceShare.least

    /// Runs `body` on a worker once one is free; throws `EdgeRequestError.queueFull` at once
    /// when `capacity` requests already wait. `flow`, `share` and `cost` (any unit, the same for
    /// every request: the edge uses MACs) order the waiting requests (see above).
    public func run<T: Sendable>(flow: String = "", share: Double = 1, cost: Double = 1,
                                 _ body: @escaping @Sendable () throws -> T) async throws -> (T, Timing) {
        let arrived = clock.now
        let weight = share.isFinite ? min(1, max(Self.leastShare, share)) : 1
        let work = cost.isFinite ? max(0, cost) : 0
        let lastFinish = waiting.lazy.filter { $0.flow == flow }.map(\.tag).max() ?? virtualTime
        let tag = max(lastFinish, virtualTime) + work / weight
        if running < workers {
            running += 1
            virtualTime = tag
        } else {
            guard waiting.count < capacity else { throw EdgeRequestError.queueFull(capacity: capacity) }
            arrivals += 1
            let arrival = arrivals
            // leave() hands its worker slot straight to the waiter with the least tag, so `running` stays counted.
            await withCheckedContinuation { waiting.append((flow, tag, arrival, $0)) }
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
        guard let next = waiting.indices.min(by: { (waiting[$0].tag, waiting[$0].arrival) < (waiting[$1].tag, waiting[$1].arrival) }) else {
            running -= 1
            return
        }
        let chosen = waiting.remove(at: next)
        virtualTime = max(virtualTime, chosen.tag)
        chosen.resume.resume()
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
