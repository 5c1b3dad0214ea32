/// A sample of the device battery.
public struct BatteryEvent: Hashable, Sendable {
    /// Charge left, in percent of capacity.
    public var levelPct: Double
    /// Average power drawn since the previous sample, in mW, when known.
    public var drainMW: Double?

    public init(levelPct: Double, drainMW: Double? = nil) {
        self.levelPct = levelPct
        self.drainMW = drainMW
    }
}
