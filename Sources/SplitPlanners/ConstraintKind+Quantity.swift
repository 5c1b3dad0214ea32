import SplitModels

extension ConstraintKind {
    /// The quantity a value of this constraint is, with its accepted range.
    ///
    /// Flags, dashboard prompts, scripted operator actions and (later) the control port all check
    /// a constraint's value through this, so the ranges agree everywhere.
    public func quantity(layerCount: Int) -> Quantity {
        switch self {
        case .latencySLO: .sloMs
        case .deviceMemory: .memoryMB
        case .minDeviceLayers: Quantity.layerCount.capped(at: Double(max(0, layerCount)))
        case .bandwidthCap: .bandwidthMbps
        case .batteryFloor: .batteryPercent
        case .accuracyFloor: .accuracyPercent
        }
    }
}
