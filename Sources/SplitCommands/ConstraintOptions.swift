import ArgumentParser
import SplitCost
import SplitPlanners

/// Constraint, link and power flags shared by `plan` and (later) `simulate`.
struct ConstraintOptions: ParsableArguments {
    @Option(name: .long, help: "Latency SLO in milliseconds.")
    var sloMs: Double?

    @Option(name: .long, help: "Device memory budget in MB (parameters plus peak live activations).")
    var memoryMb: Double?

    @Option(name: .long, help: "Layers that must run on the device (privacy: 1 or more never sends the raw input).")
    var minDeviceLayers: Int = 0

    @Option(name: .long, help: "Most uplink bandwidth the application may use, in Mbit/s.")
    var bandwidthCapMbps: Double?

    @Option(name: .long, help: "Battery percent below which device energy is minimised subject to the SLO.")
    var batteryFloor: Double?

    /// The constraints, checked.
    func constraints() throws -> PlanningConstraints {
        try Self.positive(sloMs, "--slo-ms")
        try Self.positive(memoryMb, "--memory-mb")
        try Self.positive(bandwidthCapMbps, "--bandwidth-cap-mbps")
        if let batteryFloor, !(batteryFloor.isFinite && (0...100).contains(batteryFloor)) {
            throw CommandError("--battery-floor must be a percentage from 0 to 100, got \(batteryFloor)")
        }
        guard minDeviceLayers >= 0 else { throw CommandError("--min-device-layers must be 0 or more, got \(minDeviceLayers)") }
        return PlanningConstraints(latencySLOMs: sloMs, deviceMemoryMB: memoryMb, minDeviceLayers: minDeviceLayers,
                                   bandwidthCapMbps: bandwidthCapMbps, batteryFloorPercent: batteryFloor)
    }

    static func positive(_ value: Double?, _ flag: String) throws {
        if let value, !(value.isFinite && value > 0) {
            throw CommandError("\(flag) must be a positive number, got \(value)")
        }
    }
}

/// Device power flags (defaults: a Jetson-class board on LTE).
struct PowerOptions: ParsableArguments {
    @Option(name: .long, help: "Device power while computing, in watts.")
    var computeWatts: Double = DevicePowerModel.jetsonOnLTE.computeWatts

    @Option(name: .long, help: "Device radio power while sending, in watts.")
    var radioWatts: Double = DevicePowerModel.jetsonOnLTE.radioWatts

    @Option(name: .long, help: "Device power while waiting for the edge, in watts.")
    var idleWatts: Double = DevicePowerModel.jetsonOnLTE.idleWatts

    func power() throws -> DevicePowerModel {
        for (flag, value) in [("--compute-watts", computeWatts), ("--radio-watts", radioWatts), ("--idle-watts", idleWatts)]
        where !(value.isFinite && value >= 0) {
            throw CommandError("\(flag) must be a number ≥ 0, got \(value)")
        }
        return DevicePowerModel(computeWatts: computeWatts, radioWatts: radioWatts, idleWatts: idleWatts)
    }
}
