/// One device's part of an edge's allocation, as a `shares` event lists it (since 1.3).
///
/// The split counts layers of the model version the device runs (`version`, when the edge's
/// devices run versions of a family). Shares are fractions of the edge's compute and uplink.
///
/// ```swift
/// DeviceShare(device: "cam-1", split: 0, computeShare: 0.42, bandwidthShare: 0.3, taskWeight: 0.95, version: "fashion-edge")
/// ```
public struct DeviceShare: Hashable, Sendable {
    /// The least share anything is served or costed at (0.1 %): a share of 0 would never be
    /// served, and would cost an infinite time. The edge's scheduler and the replay's what-if use it.
    public static let least = 1e-3

    /// The device's id, as its events' `device` carries it.
    public var device: String
    /// Layers the device runs (0: it sends its raw input; its version's layer count: it offloads nothing).
    public var split: Int
    /// The device's fraction of the edge's compute, 0 to 1.
    public var computeShare: Double
    /// The device's fraction of the edge's uplink, 0 to 1.
    public var bandwidthShare: Double
    /// How much the device's task values accuracy against latency, 0 to 1.
    public var taskWeight: Double?
    /// The model version the device runs, by its name in the versions manifest.
    public var version: String?
    /// The latency the allocator predicts for the device, in ms.
    public var predictedMs: Double?
    /// The device's utility in the allocation.
    public var utility: Double?

    public init(device: String, split: Int, computeShare: Double, bandwidthShare: Double, taskWeight: Double? = nil,
                version: String? = nil, predictedMs: Double? = nil, utility: Double? = nil) {
        self.device = device
        self.split = split
        self.computeShare = computeShare
        self.bandwidthShare = bandwidthShare
        self.taskWeight = taskWeight
        self.version = version
        self.predictedMs = predictedMs
        self.utility = utility
    }
}
