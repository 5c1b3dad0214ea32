/// What one allocator achieved over a fleet session.
public struct FleetSummary: Hashable, Sendable {
    public var allocator: AllocatorKind
    public var devices: Int
    public var seconds: Int
    /// Inferences run (devices × seconds).
    public private(set) var inferences = 0
    /// Inferences over their device's SLO (an inference that never finishes counts here too).
    public private(set) var sloMisses = 0
    /// Inferences that used the edge.
    public private(set) var offloaded = 0
    private var utilitySum = 0.0
    private var plannedUtilitySum = 0.0
    private var latencySum = 0.0
    private var finished = 0
    private var accuracySum = 0.0
    private var solveMsSum = 0.0
    /// The slowest solve, in ms.
    public private(set) var maxSolveMs = 0.0

    public init(allocator: AllocatorKind, devices: Int, seconds: Int) {
        self.allocator = allocator
        self.devices = devices
        self.seconds = seconds
    }

    /// Mean total utility per second, as realised on the traces.
    public var meanUtility: Double { seconds == 0 ? 0 : utilitySum / Double(seconds) }
    /// Mean total utility per second the allocator expected from its bandwidth estimate.
    public var meanPlannedUtility: Double { seconds == 0 ? 0 : plannedUtilitySum / Double(seconds) }
    /// Mean latency of the inferences that finished, in ms.
    public var meanLatencyMs: Double { finished == 0 ? 0 : latencySum / Double(finished) }
    /// Mean accuracy of the versions run, in percent.
    public var meanAccuracyPercent: Double { inferences == 0 ? 0 : accuracySum / Double(inferences) }
    /// Mean time per solve, in ms.
    public var meanSolveMs: Double { seconds == 0 ? 0 : solveMsSum / Double(seconds) }

    mutating func addSolve(ms: Double) {
        solveMsSum += ms
        maxSolveMs = max(maxSolveMs, ms)
    }

    mutating func addInference(latencyMs: Double, sloMs: Double, accuracyPercent: Double, offloaded usedEdge: Bool) {
        inferences += 1
        accuracySum += accuracyPercent
        if usedEdge { offloaded += 1 }
        if latencyMs > sloMs { sloMisses += 1 }
        if latencyMs.isFinite {
            latencySum += latencyMs
            finished += 1
        }
    }

    mutating func addSecond(utility: Double, planned: Double) {
        utilitySum += utility.isFinite ? utility : 0
        plannedUtilitySum += planned
    }
}
