import SplitPlanners

extension ConstraintKind {
    /// The name the session gives this constraint: in the header's `constraints` and in an
    /// `operator` event's `field` (`slo_ms`, `memory_mb`, `min_device_layers`,
    /// `bandwidth_cap_mbps`, `battery_floor_pct`, `accuracy_floor_pct`).
    public var sessionField: String {
        switch self {
        case .latencySLO: "slo_ms"
        case .deviceMemory: "memory_mb"
        case .minDeviceLayers: "min_device_layers"
        case .bandwidthCap: "bandwidth_cap_mbps"
        case .batteryFloor: "battery_floor_pct"
        case .accuracyFloor: "accuracy_floor_pct"
        }
    }

    /// The constraint a session field names, nil for any other field.
    public init?(sessionField: String) {
        guard let kind = Self.allCases.first(where: { $0.sessionField == sessionField }) else { return nil }
        self = kind
    }
}
