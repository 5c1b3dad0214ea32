import SplitSession

/// The devices of a session of several devices sharing one edge, and which one the dashboard shows.
///
/// The devices are the header's `devices` in order, then any other id the events carry, in the
/// order they first appear. The shown device's state is the dashboard state itself; every other
/// device's waits in `stash` (absent until its first event: it starts from the header).
public struct FleetState: Equatable, Sendable {
    /// Device ids, in order.
    public var devices: [String]
    /// The index of the shown device in `devices`.
    public var shown: Int
    /// The other devices' state, by id.
    var stash: [String: DeviceSnapshot] = [:]

    public init(devices: [String], shown: Int = 0) {
        self.devices = devices
        self.shown = min(max(0, shown), max(0, devices.count - 1))
    }

    /// The shown device's id.
    public var shownID: String { devices.indices.contains(shown) ? devices[shown] : "" }

    /// "device 2/8 cam-2".
    public var title: String { "device \(shown + 1)/\(devices.count) \(shownID)" }
}
