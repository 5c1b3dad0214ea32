/// A solution: each device's option and shares, with the latency and utility they give.
public struct Allocation: Hashable, Sendable {
    /// Per device, in the problem's order.
    public var devices: [DeviceAllocation]

    public init(devices: [DeviceAllocation]) {
        self.devices = devices
    }

    /// The sum of the devices' utilities.
    public var totalUtility: Double { devices.reduce(0) { $0 + $1.utility } }

    /// The chosen option of each device.
    public var choices: [Int] { devices.map(\.option) }

    /// The compute shares handed out (at most 1 in a valid allocation).
    public var computeShareSum: Double { devices.reduce(0) { $0 + $1.computeShare } }

    /// The bandwidth shares handed out (at most 1 in a valid allocation).
    public var bandwidthShareSum: Double { devices.reduce(0) { $0 + $1.bandwidthShare } }
}

/// One device's part of an allocation.
public struct DeviceAllocation: Hashable, Sendable {
    /// The index of the chosen option in the device's options.
    public var option: Int
    /// The device's fraction of the edge's compute.
    public var computeShare: Double
    /// The device's fraction of the uplink.
    public var bandwidthShare: Double
    /// The latency these give, in ms.
    public var latencyMs: Double
    /// The device's utility.
    public var utility: Double

    public init(option: Int, computeShare: Double, bandwidthShare: Double, latencyMs: Double, utility: Double) {
        self.option = option
        self.computeShare = computeShare
        self.bandwidthShare = bandwidthShare
        self.latencyMs = latencyMs
        self.utility = utility
    }
}
