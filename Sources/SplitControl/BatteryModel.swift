/// A device battery drained by the energy model: capacity in mWh, level in percent.
public struct BatteryModel: Hashable, Sendable {
    /// Capacity in milliwatt-hours.
    public let capacityMWh: Double
    /// Energy left in millijoules.
    public private(set) var remainingMJ: Double

    /// A battery at `levelPercent` of `capacityMWh`.
    public init(capacityMWh: Double, levelPercent: Double = 100) {
        self.capacityMWh = capacityMWh
        remainingMJ = capacityMWh * 3_600 * min(max(levelPercent, 0), 100) / 100
    }

    /// Level in percent.
    public var levelPercent: Double {
        capacityMWh > 0 ? remainingMJ / (capacityMWh * 3_600) * 100 : 0
    }

    /// Takes `energyMJ` millijoules out (1 mWh = 3,600 mJ), never below empty.
    public mutating func drain(_ energyMJ: Double) {
        guard energyMJ.isFinite, energyMJ > 0 else { return }
        remainingMJ = max(0, remainingMJ - energyMJ)
    }
}
