/// What one inference costs under a partition: time by stage, bytes sent, energy and device memory.
public struct CostBreakdown: Hashable, Sendable {
    /// Compute time of the device part.
    public var deviceMs: Double
    /// Time to send the tensors that cross the cut.
    public var transferMs: Double
    /// Round-trip time (0 when everything runs on the device).
    public var rttMs: Double
    /// Compute time of the edge part.
    public var edgeMs: Double
    /// Bytes sent over the uplink, each crossing tensor once.
    public var transferBytes: Int
    /// Device energy in millijoules.
    public var energyMJ: Double
    /// Device memory: parameters of the device part plus its peak live activations.
    public var deviceMemoryBytes: Int

    public init(deviceMs: Double, transferMs: Double, rttMs: Double, edgeMs: Double, transferBytes: Int,
                energyMJ: Double, deviceMemoryBytes: Int) {
        self.deviceMs = deviceMs
        self.transferMs = transferMs
        self.rttMs = rttMs
        self.edgeMs = edgeMs
        self.transferBytes = transferBytes
        self.energyMJ = energyMJ
        self.deviceMemoryBytes = deviceMemoryBytes
    }

    /// End-to-end latency: device + transfer + RTT + edge.
    public var latencyMs: Double {
        deviceMs + transferMs + rttMs + edgeMs
    }
}
