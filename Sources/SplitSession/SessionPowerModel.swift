/// The device's power draw while it computes, transmits and waits, in watts.
///
/// Written as `"power_w": {"compute": 5, "radio": 1.5, "idle": 0.5}`; energy per frame in mJ is
/// watts × ms of each phase.
public struct SessionPowerModel: Hashable, Sendable {
    public var computeWatts: Double
    public var radioWatts: Double
    public var idleWatts: Double

    public init(computeWatts: Double, radioWatts: Double, idleWatts: Double) {
        self.computeWatts = computeWatts
        self.radioWatts = radioWatts
        self.idleWatts = idleWatts
    }
}
