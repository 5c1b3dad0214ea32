/// How much power the device draws while it computes, transmits and waits.
///
/// Energy per inference in millijoules is watts × milliseconds:
/// `computeWatts·device_ms + radioWatts·transfer_ms + idleWatts·(rtt_ms + edge_ms)`.
/// The defaults describe a Jetson-class board on LTE: about 5 W under GPU load (Jetson Nano's
/// 5 W mode, TX2's 7.5 W mode), 1.5 W for the LTE modem while sending (Huang et al., MobiSys 2012,
/// measured 1.2–2.5 W uplink), and 0.5 W waiting with the radio in its tail state.
public struct DevicePowerModel: Hashable, Sendable {
    public var computeWatts: Double
    public var radioWatts: Double
    public var idleWatts: Double

    public init(computeWatts: Double = 5.0, radioWatts: Double = 1.5, idleWatts: Double = 0.5) {
        self.computeWatts = computeWatts
        self.radioWatts = radioWatts
        self.idleWatts = idleWatts
    }

    /// The documented defaults.
    public static let jetsonOnLTE = DevicePowerModel()

    /// Millijoules for an inference that spends these times on the device.
    public func energyMJ(deviceMs: Double, transferMs: Double, waitMs: Double) -> Double {
        computeWatts * deviceMs + radioWatts * transferMs + idleWatts * waitMs
    }
}
