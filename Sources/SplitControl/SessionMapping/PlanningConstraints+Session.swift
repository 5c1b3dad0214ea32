import SplitPlanners
import SplitSession

extension PlanningConstraints {
    /// The constraints a session header records.
    public init(_ session: SessionConstraints) {
        self.init(latencySLOMs: session.sloMs, deviceMemoryMB: session.memoryMB, minDeviceLayers: max(0, session.minDeviceLayers ?? 0),
                  bandwidthCapMbps: session.bandwidthCapMbps, batteryFloorPercent: session.batteryFloorPct,
                  accuracyFloorPercent: session.accuracyFloorPct)
    }

    /// A constraint's value, nil when unset (no minimum of device layers is unset, not 0).
    public func value(of kind: ConstraintKind) -> Double? {
        switch kind {
        case .latencySLO: latencySLOMs
        case .deviceMemory: deviceMemoryMB
        case .minDeviceLayers: minDeviceLayers == 0 ? nil : Double(minDeviceLayers)
        case .bandwidthCap: bandwidthCapMbps
        case .batteryFloor: batteryFloorPercent
        case .accuracyFloor: accuracyFloorPercent
        }
    }

    /// Sets (or clears, with nil) one constraint; a layer count is rounded and saturated, never trapped.
    public mutating func set(_ kind: ConstraintKind, to value: Double?) {
        switch kind {
        case .latencySLO: latencySLOMs = value
        case .deviceMemory: deviceMemoryMB = value
        case .minDeviceLayers: minDeviceLayers = max(0, Int(saturating: (value ?? 0).rounded()))
        case .bandwidthCap: bandwidthCapMbps = value
        case .batteryFloor: batteryFloorPercent = value
        case .accuracyFloor: accuracyFloorPercent = value
        }
    }
}

extension SessionConstraints {
    /// The constraints as a session header records them.
    public init(_ constraints: PlanningConstraints) {
        self.init(sloMs: constraints.latencySLOMs, memoryMB: constraints.deviceMemoryMB,
                  minDeviceLayers: constraints.minDeviceLayers == 0 ? nil : constraints.minDeviceLayers,
                  bandwidthCapMbps: constraints.bandwidthCapMbps, batteryFloorPct: constraints.batteryFloorPercent,
                  accuracyFloorPct: constraints.accuracyFloorPercent)
    }

    /// The value of the constraint a session field names.
    public func value(of kind: ConstraintKind) -> Double? {
        PlanningConstraints(self).value(of: kind)
    }
}
