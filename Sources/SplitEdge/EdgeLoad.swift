/// How loaded the edge is, as it reports in every response and on /metrics.
public struct EdgeLoad: Hashable, Sendable {
    /// Requests waiting for a worker, not counting those being computed.
    public var queueLength: Int
    /// Requests being computed.
    public var running: Int
    /// Share of the recent window the workers spent computing, 0…1.
    public var busyFraction: Double

    public init(queueLength: Int, running: Int, busyFraction: Double) {
        self.queueLength = queueLength
        self.running = running
        self.busyFraction = busyFraction
    }
}
