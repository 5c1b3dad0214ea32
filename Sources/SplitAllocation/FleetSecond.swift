/// One second of a fleet session: what the allocator saw, what it chose, and what each device's
/// inference then took on its trace.
///
/// ``FleetSimulation/run(_:clock:observe:)`` hands one to its observer per second, so a caller
/// can record the session (`simulate --devices N --out`) without the simulation doing I/O.
public struct FleetSecond: Sendable {
    /// The second, from 0: the time of the decision and of the inferences' start.
    public var second: Int
    /// Per device, the bandwidth the allocator planned with: the trace's mean rate over the second before, in Mbit/s.
    public var estimatedMbps: [Double]
    /// The allocator's choice, per device in the fleet's order.
    public var allocation: Allocation
    /// Per device, the inference it ran.
    public var inferences: [FleetInference]
    /// Per device, why the allocator gave it another option (version or split) than the second
    /// before; nil when it kept its option, and at 0 s.
    public var reassigned: [FleetReassignment?]

    public init(second: Int, estimatedMbps: [Double], allocation: Allocation, inferences: [FleetInference],
                reassigned: [FleetReassignment?]) {
        self.second = second
        self.estimatedMbps = estimatedMbps
        self.allocation = allocation
        self.inferences = inferences
        self.reassigned = reassigned
    }
}

/// Why a device of a fleet runs another option (version or split) than the second before.
///
/// The allocator chooses every device's option at once, from every device's bandwidth, so a
/// device may move because of its own channel or because the edge was divided anew for the others.
public enum FleetReassignment: Hashable, Sendable {
    /// Its own channel: its new bandwidth estimate alone, the other devices' held as they were,
    /// moves it.
    case bandwidth
    /// The edge's division among the devices: its own estimate alone would have left it where it
    /// was; the other devices' changes moved it.
    case edgeShares
}

/// One device's inference in one second of a fleet session, as realised on its trace.
public struct FleetInference: Hashable, Sendable {
    /// The version and split it ran.
    public var option: AllocationOption
    /// Device compute, in ms.
    public var deviceMs: Double
    /// Time to put the boundary tensor through at the device's share of the uplink, in ms (0 when nothing is sent).
    public var transferMs: Double
    /// Round-trip time paid (0 when the edge is not used), in ms.
    public var rttMs: Double
    /// Edge compute at the device's share, in ms (0 when the edge is not used).
    public var edgeMs: Double
    /// The device's utility for this inference.
    public var utility: Double

    public init(option: AllocationOption, deviceMs: Double, transferMs: Double, rttMs: Double, edgeMs: Double, utility: Double) {
        self.option = option
        self.deviceMs = deviceMs
        self.transferMs = transferMs
        self.rttMs = rttMs
        self.edgeMs = edgeMs
        self.utility = utility
    }

    /// End to end, in ms; infinite when the transfer never finishes (an outage to the trace's end, or no share).
    public var totalMs: Double { deviceMs + transferMs + rttMs + edgeMs }
    /// Whether the inference finished.
    public var finished: Bool { totalMs.isFinite }
}
