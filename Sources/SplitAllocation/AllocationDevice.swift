import SplitModels

/// One device sharing the edge: its task's weight, its link, its deadline and its options.
public struct AllocationDevice: Hashable, Sendable {
    /// A name for messages and tables ("device 3").
    public var name: String
    /// How much the task values accuracy against latency, from 0 (only latency counts) up to,
    /// not including, 1 (see ``AllocationProblem`` for the utility).
    public var accuracyWeight: Double
    /// The rate the device would reach with the whole shared uplink, in Mbit/s (its channel);
    /// 0 is an outage, in which only options that send nothing are feasible.
    public var bandwidthMbps: Double
    /// Round-trip time to the edge in ms, paid by options that use the edge.
    public var rttMs: Double
    /// The task's latency SLO in ms: latency is measured in SLOs in the utility.
    public var sloMs: Double
    /// The versions × splits the device can choose from.
    public var options: [AllocationOption]

    /// The allocator's weight for a task weight (``Quantity/taskWeight``, 0…1): the same, but
    /// below 1, since the utility needs some weight on latency (a weight of 1 would leave the
    /// shares undefined). The one conversion from what a device or a flag says to what the
    /// allocator computes with: the edge and `simulate --devices` both use it.
    public static func accuracyWeight(forTask taskWeight: Double) -> Double {
        min(Quantity.taskWeight.clamp(taskWeight), Quantity.fraction.highest)
    }

    public init(name: String, accuracyWeight: Double, bandwidthMbps: Double, rttMs: Double, sloMs: Double,
                options: [AllocationOption]) {
        self.name = name
        self.accuracyWeight = accuracyWeight
        self.bandwidthMbps = bandwidthMbps
        self.rttMs = rttMs
        self.sloMs = sloMs
        self.options = options
    }
}

/// The edge's capacity that its devices share.
public struct EdgeCapacity: Hashable, Sendable {
    /// Sustained compute, in GMAC/s, split among devices by compute shares.
    public var gmacsPerSecond: Double
    /// The uplink's total rate in Mbit/s: no device sends faster than this, whatever its channel.
    public var uplinkMbps: Double

    public init(gmacsPerSecond: Double, uplinkMbps: Double) {
        self.gmacsPerSecond = gmacsPerSecond
        self.uplinkMbps = uplinkMbps
    }
}
