/// The device that runs the first part of the model.
public struct SessionDeviceInfo: Hashable, Sendable {
    /// A human name, such as `"jetson-nano-lab-2"`.
    public var name: String
    /// The compute spec in words, such as `"jetson-class: 40 GMAC/s, 25.6 GB/s"`.
    public var compute: String?
    /// Power draw per phase.
    public var power: SessionPowerModel?
    /// Battery capacity in mWh; absent for a mains-powered device.
    public var batteryMWh: Double?

    public init(name: String, compute: String? = nil, power: SessionPowerModel? = nil, batteryMWh: Double? = nil) {
        self.name = name
        self.compute = compute
        self.power = power
        self.batteryMWh = batteryMWh
    }
}
