import SplitCost
import SplitSession

extension DevicePowerModel {
    /// The power model a session header records.
    public init(_ session: SessionPowerModel) {
        self.init(computeWatts: session.computeWatts, radioWatts: session.radioWatts, idleWatts: session.idleWatts)
    }
}

extension SessionPowerModel {
    /// The power model as a session header records it.
    public init(_ power: DevicePowerModel) {
        self.init(computeWatts: power.computeWatts, radioWatts: power.radioWatts, idleWatts: power.idleWatts)
    }
}
