import ArgumentParser
import SplitCost
import SplitModels
import SplitPlanners

/// Constraint flags shared by `plan` and `simulate`.
///
/// Each value is checked against its constraint's quantity (``ConstraintKind/quantity(layerCount:)``),
/// the same range the dashboard's prompts and `--operator` actions use.
struct ConstraintOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Latency SLO in milliseconds.")
    var sloMs: FlagNumber?

    @Option(name: .long, parsing: .unconditional, help: "Device memory budget in MB (parameters plus peak live activations).")
    var memoryMb: FlagNumber?

    @Option(name: .long, parsing: .unconditional,
            help: "Layers that must run on the device (privacy: 1 or more never sends the raw input).")
    var minDeviceLayers: FlagInteger = 0

    @Option(name: .long, parsing: .unconditional, help: "Most uplink bandwidth the application may use, in Mbit/s.")
    var bandwidthCapMbps: FlagNumber?

    @Option(name: .long, parsing: .unconditional, help: "Battery percent below which device energy is minimised subject to the SLO.")
    var batteryFloor: FlagNumber?

    @Option(name: .long, parsing: .unconditional,
            help: "Least measured accuracy (%) of the model version to use (with --versions; a single model ignores it).")
    var accuracyFloorPct: FlagNumber?

    /// The flag that sets each constraint.
    static func flag(_ kind: ConstraintKind) -> String {
        switch kind {
        case .latencySLO: "--slo-ms"
        case .deviceMemory: "--memory-mb"
        case .minDeviceLayers: "--min-device-layers"
        case .bandwidthCap: "--bandwidth-cap-mbps"
        case .batteryFloor: "--battery-floor"
        case .accuracyFloor: "--accuracy-floor-pct"
        }
    }

    /// The constraints, each checked against its quantity for a model of `layerCount` layers.
    /// What to say when `--accuracy-floor-pct` is given to a session of one model, which has no
    /// measured accuracy to hold the floor against (the floor chooses among `--versions`), or nil.
    func floorIgnoredNote(model: String) -> String? {
        guard let floor = accuracyFloorPct else { return nil }
        // The floor as every floor message writes it (`1e-320` is `0 %`), not the flag's own text.
        return "note: \(Self.flag(.accuracyFloor)) \(Quantity.percentText(floor.value)) % is not applied: \(DisplayText.escaped(model)) is one model, with no "
            + "measured accuracy to hold against it; give --versions MANIFEST to choose among versions under a floor"
    }

    func constraints(layerCount: Int) throws(CommandError) -> PlanningConstraints {
        func checked(_ value: (some FlagValue)?, _ kind: ConstraintKind) throws(CommandError) -> Double? {
            try kind.quantity(layerCount: layerCount).checkedIfGiven(value, flag: Self.flag(kind))
        }
        let layers = try checked(minDeviceLayers, .minDeviceLayers) ?? 0
        return PlanningConstraints(latencySLOMs: try checked(sloMs, .latencySLO),
                                   deviceMemoryMB: try checked(memoryMb, .deviceMemory),
                                   minDeviceLayers: Int(layers),
                                   bandwidthCapMbps: try checked(bandwidthCapMbps, .bandwidthCap),
                                   batteryFloorPercent: try checked(batteryFloor, .batteryFloor),
                                   accuracyFloorPercent: try checked(accuracyFloorPct, .accuracyFloor))
    }
}

/// Device power flags (defaults: a Jetson-class board on LTE).
struct PowerOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Device power while computing, in watts.")
    var computeWatts = FlagNumber(DevicePowerModel.jetsonOnLTE.computeWatts)

    @Option(name: .long, parsing: .unconditional, help: "Device radio power while sending, in watts.")
    var radioWatts = FlagNumber(DevicePowerModel.jetsonOnLTE.radioWatts)

    @Option(name: .long, parsing: .unconditional, help: "Device power while waiting for the edge, in watts.")
    var idleWatts = FlagNumber(DevicePowerModel.jetsonOnLTE.idleWatts)

    func power() throws(CommandError) -> DevicePowerModel {
        DevicePowerModel(computeWatts: try Quantity.watts.checked(computeWatts, flag: "--compute-watts"),
                         radioWatts: try Quantity.watts.checked(radioWatts, flag: "--radio-watts"),
                         idleWatts: try Quantity.watts.checked(idleWatts, flag: "--idle-watts"))
    }
}
