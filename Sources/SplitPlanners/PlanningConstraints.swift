import SplitModels

/// Limits every policy honours; nil means unconstrained.
public struct PlanningConstraints: Hashable, Sendable {
    /// Latency SLO in milliseconds.
    public var latencySLOMs: Double?
    /// Device memory budget in MB (10⁶ bytes): parameters plus peak live activations of the device part.
    public var deviceMemoryMB: Double?
    /// Layers that must run on the device (privacy). With 1 or more the raw input is never sent:
    /// the first `minDeviceLayers` layers in topological order and every reader of the raw input stay on the device.
    public var minDeviceLayers: Int
    /// The most uplink this application may use, in Mbit/s.
    public var bandwidthCapMbps: Double?
    /// Battery level in percent below which the objective becomes device energy subject to the SLO.
    public var batteryFloorPercent: Double?
    /// The least measured accuracy, in percent, of the model version a planner may choose among a
    /// ``ModelVersionSet``'s versions; a single model has no alternative, so it ignores the floor.
    public var accuracyFloorPercent: Double?

    public init(latencySLOMs: Double? = nil, deviceMemoryMB: Double? = nil, minDeviceLayers: Int = 0,
                bandwidthCapMbps: Double? = nil, batteryFloorPercent: Double? = nil, accuracyFloorPercent: Double? = nil) {
        self.latencySLOMs = latencySLOMs
        self.deviceMemoryMB = deviceMemoryMB
        self.minDeviceLayers = minDeviceLayers
        self.bandwidthCapMbps = bandwidthCapMbps
        self.batteryFloorPercent = batteryFloorPercent
        self.accuracyFloorPercent = accuracyFloorPercent
    }

    /// No constraints.
    public static let none = PlanningConstraints()

    /// The budget in bytes, if any, saturated at `Int.max` (and at 0 for a negative or NaN budget).
    public var deviceMemoryBytes: Int? {
        deviceMemoryMB.map { Swift.max(0, Int(saturating: ($0 * 1e6).rounded(.down))) }
    }
}

/// One of the constraints, as named in plans and events.
public enum ConstraintKind: String, Hashable, Sendable, CaseIterable {
    case latencySLO = "slo"
    case deviceMemory = "memory"
    case minDeviceLayers = "min_device_layers"
    case bandwidthCap = "bandwidth_cap"
    case batteryFloor = "battery_floor"
    case accuracyFloor = "accuracy_floor"
}
