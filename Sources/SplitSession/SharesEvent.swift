/// An edge divided its compute and uplink among its devices (format 1.3).
///
/// Written whenever the allocation changes, and once at the start. The same event comes from
/// the simulator (`simulate --devices N --out`) and from a live edge serving several devices,
/// so a reader need not know which. Each device appears once, and neither column of shares
/// sums to more than the whole edge (1, give or take ``sumTolerance``).
///
/// ```swift
/// SharesEvent(allocator: .exact, edge: SharedEdgeCapacity(gmacsPerSecond: 10, uplinkMbps: 20), devices: [
///     DeviceShare(device: "cam-1", split: 0, computeShare: 0.42, bandwidthShare: 0.3),
///     DeviceShare(device: "cam-2", split: 5, computeShare: 0.58, bandwidthShare: 0.7),
/// ])
/// ```
public struct SharesEvent: Hashable, Sendable {
    /// How far a column of shares may sum past 1 and still be read (rounding in the writer).
    public static let sumTolerance = 1e-6

    /// The allocator that chose the shares.
    public var allocator: ShareAllocator
    /// The capacity that was shared, when the writer knows it.
    public var edge: SharedEdgeCapacity?
    /// Every device the edge serves, in the writer's order (at least one).
    public var devices: [DeviceShare]

    public init(allocator: ShareAllocator, edge: SharedEdgeCapacity? = nil, devices: [DeviceShare]) {
        self.allocator = allocator
        self.edge = edge
        self.devices = devices
    }

    /// The share of the device with id `device`, or nil when the event does not list it.
    public func share(of device: String) -> DeviceShare? {
        devices.first { $0.device == device }
    }
}
