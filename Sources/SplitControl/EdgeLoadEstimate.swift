/// What the device believes an offloaded frame waits at the edge beyond the profile's compute:
/// an EWMA of the queue wait and compute slowdown the edge reports in its answers.
///
/// Every answer from a live edge carries its queue wait, its queue length and its compute time;
/// ``observe(_:)`` folds one report in. ``waitMs`` is the expected extra time an offloaded frame
/// spends at the edge: the smoothed queue wait, plus one smoothed compute time per request still
/// queued behind the reporter (they will be ahead of the next frame). The frame loop adds it to
/// the round trip of every partition that sends anything, so a loaded edge makes every split
/// dearer and device-only (which pays none of it) relatively cheaper.
///
/// ```swift
/// var load = EdgeLoadEstimate()
/// load.observe(EdgeLoadReport(queueMs: 40, queueLength: 2, computeMs: 10))
/// load.waitMs   // 0.8 × (40 + 2 × 10) = 48
/// ```
public struct EdgeLoadEstimate: Hashable, Sendable {
    /// Weight of the newest report (the same α as the bandwidth estimate).
    public var alpha: Double
    /// The smoothed wait, in ms; 0 before any report.
    public private(set) var waitMs: Double = 0

    public init(alpha: Double = 0.8) {
        self.alpha = min(max(alpha, 0), 1)
    }

    /// Folds in one report; a report with a non-finite or negative figure counts that figure as 0.
    public mutating func observe(_ report: EdgeLoadReport) {
        func clean(_ x: Double) -> Double { x.isFinite && x > 0 ? x : 0 }
        let sample = clean(report.queueMs) + Double(max(0, report.queueLength)) * clean(report.computeMs)
        waitMs = alpha * clean(sample) + (1 - alpha) * waitMs
    }
}

/// One edge answer's account of its load: how long the request queued, how many wait behind it,
/// and how long computing it took.
public struct EdgeLoadReport: Hashable, Sendable {
    /// Milliseconds the request waited in the edge's queue.
    public var queueMs: Double
    /// Requests still waiting when it finished.
    public var queueLength: Int
    /// Milliseconds the edge computed it.
    public var computeMs: Double

    public init(queueMs: Double, queueLength: Int, computeMs: Double) {
        self.queueMs = queueMs
        self.queueLength = queueLength
        self.computeMs = computeMs
    }
}
