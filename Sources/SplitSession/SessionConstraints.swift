/// The constraints in force at the start of the session; each is optional.
public struct SessionConstraints: Hashable, Sendable {
    /// Latency objective per frame, in ms.
    public var sloMs: Double?
    /// Device memory available to the model, in MB (10⁶ bytes).
    public var memoryMB: Double?
    /// At least this many layers must run on the device (privacy: the raw input stays there).
    public var minDeviceLayers: Int?
    /// Uplink bandwidth the session may use, in Mbit/s.
    public var bandwidthCapMbps: Double?
    /// Below this battery level, in percent, the controller saves energy first.
    public var batteryFloorPct: Double?
    /// The least measured accuracy, in percent, of the model version used (format 1.2).
    public var accuracyFloorPct: Double?

    public init(sloMs: Double? = nil, memoryMB: Double? = nil, minDeviceLayers: Int? = nil,
                bandwidthCapMbps: Double? = nil, batteryFloorPct: Double? = nil, accuracyFloorPct: Double? = nil) {
        self.sloMs = sloMs
        self.memoryMB = memoryMB
        self.minDeviceLayers = minDeviceLayers
        self.bandwidthCapMbps = bandwidthCapMbps
        self.batteryFloorPct = batteryFloorPct
        self.accuracyFloorPct = accuracyFloorPct
    }

    /// Whether no constraint is set.
    public var isEmpty: Bool {
        sloMs == nil && memoryMB == nil && minDeviceLayers == nil && bandwidthCapMbps == nil && batteryFloorPct == nil
            && accuracyFloorPct == nil
    }
}
