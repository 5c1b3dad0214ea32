/// A sample of the device battery.
public struct BatteryEvent: Hashable, Sendable {
    /// Charge left, in percent of capacity.
    public var levelPct: Double
    /// Average power drawn since the previous sample, in mW, when known.
    public var drainMW: Double?
    /// Energy taken since the previous sample, by what took it (since 1.1), when known.
    public var drained: EnergyBreakdown?

    public init(levelPct: Double, drainMW: Double? = nil, drained: EnergyBreakdown? = nil) {
        self.levelPct = levelPct
        self.drainMW = drainMW
        self.drained = drained
    }
}

/// Device energy split by what spent it, in mJ: frames (compute, transfers, waiting for the
/// edge), probes, and idling between frames.
public struct EnergyBreakdown: Hashable, Sendable {
    public var framesMJ: Double
    public var probesMJ: Double
    public var idleMJ: Double

    public init(framesMJ: Double = 0, probesMJ: Double = 0, idleMJ: Double = 0) {
        self.framesMJ = framesMJ
        self.probesMJ = probesMJ
        self.idleMJ = idleMJ
    }

    /// All of it.
    public var totalMJ: Double { framesMJ + probesMJ + idleMJ }
}
