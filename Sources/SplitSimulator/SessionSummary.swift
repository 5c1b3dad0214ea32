import SplitSession

/// What a session (simulated or recorded) came to: latency percentiles, energy, switches, misses.
public struct SessionSummary: Hashable, Sendable {
    public var policy: String
    /// Frames the device processed.
    public var frames: Int
    /// Camera frames dropped because the device was still busy.
    public var dropped: Int
    /// Frames finished locally because the edge could not be reached in time.
    public var local: Int
    public var meanMs: Double
    public var p50Ms: Double
    public var p95Ms: Double
    /// Mean device energy per processed frame, mJ: the frames' own energy plus the probes'.
    public var energyPerFrameMJ: Double
    /// The probes' share of ``energyPerFrameMJ``, mJ per processed frame.
    public var probeEnergyPerFrameMJ: Double
    /// Probes sent.
    public var probes: Int
    /// Partition changes made by the policy or the operator; falling back to local when the edge
    /// does not answer, and returning from it, are counted in ``local``, not here.
    public var switches: Int
    /// Processed frames over the SLO in force when they ran (0 without an SLO).
    public var sloMisses: Int
    /// Battery level at the end, percent.
    public var batteryEndPercent: Double
    /// A cascade's appeal rate and accuracy (empty when the session is not a cascade).
    public var cascade = CascadeTally()

    /// Builds the summary from per-frame latencies and energies.
    public init(policy: String, latencies: [Double], energies: [Double], probeEnergyMJ: Double = 0, probes: Int = 0,
                dropped: Int, local: Int, switches: Int, sloMisses: Int, batteryEndPercent: Double) {
        self.policy = policy
        frames = latencies.count
        self.dropped = dropped
        self.local = local
        let sorted = latencies.sorted()
        meanMs = latencies.isEmpty ? 0 : latencies.reduce(0, +) / Double(latencies.count)
        p50Ms = Self.percentile(sorted, 0.50)
        p95Ms = Self.percentile(sorted, 0.95)
        let perFrame = { (total: Double) in energies.isEmpty ? 0 : total / Double(energies.count) }
        probeEnergyPerFrameMJ = perFrame(probeEnergyMJ)
        energyPerFrameMJ = perFrame(energies.reduce(0, +) + probeEnergyMJ)
        self.probes = probes
        self.switches = switches
        self.sloMisses = sloMisses
        self.batteryEndPercent = batteryEndPercent
    }

    /// Linear-interpolated percentile of sorted values (0 when empty).
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard let first = sorted.first else { return 0 }
        guard sorted.count > 1 else { return first }
        let position = q * Double(sorted.count - 1)
        let low = Int(position)
        let high = min(low + 1, sorted.count - 1)
        let fraction = position - Double(low)
        return sorted[low] + (sorted[high] - sorted[low]) * fraction
    }

    /// Relative gap of the mean latency to a reference (the oracle): 0.05 is 5 % slower.
    public func gap(to reference: SessionSummary) -> Double {
        reference.meanMs > 0 ? meanMs / reference.meanMs - 1 : 0
    }
}
