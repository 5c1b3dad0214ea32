import SplitCost

/// What changes from frame to frame: the link, the battery, and the partition in force.
public struct PlanRequest: Hashable, Sendable {
    /// Measured or estimated uplink conditions (before any bandwidth cap).
    public var link: LinkConditions
    /// Battery level in percent.
    public var batteryPercent: Double
    /// The partition in force now, for policies that search near it (GADS).
    public var current: Partition?

    public init(link: LinkConditions, batteryPercent: Double = 100, current: Partition? = nil) {
        self.link = link
        self.batteryPercent = batteryPercent
        self.current = current
    }
}
