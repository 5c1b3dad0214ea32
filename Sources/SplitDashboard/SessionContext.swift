import SplitCost
import SplitModels
import SplitPlanners
import SplitSession

/// What the dashboard knows of the session from its header: the model, its layers, policy and constraints.
public struct SessionContext: Sendable {
    public let header: SessionHeader
    public let layers: [LayerInfo]
    public let costModel: CostModel
    public let isChain: Bool
    /// Device time of running every layer locally, in ms.
    public let deviceOnlyMs: Double
    /// The largest tensor the layer view draws (outputs or the raw input), the top of its log scale.
    public let largestTensorBytes: Int

    public init(header: SessionHeader) {
        self.header = header
        layers = LayerInfo.layers(of: header.model)
        var power = DevicePowerModel.jetsonOnLTE
        if let watts = header.device?.power {
            power = DevicePowerModel(computeWatts: watts.computeWatts, radioWatts: watts.radioWatts, idleWatts: watts.idleWatts)
        }
        costModel = CostModel(profile: header.model, power: power)
        isChain = header.model.isChain
        deviceOnlyMs = layers.reduce(0) { $0 + $1.deviceMs }
        largestTensorBytes = max(layers.map(\.outputBytes).max() ?? 1, header.model.inputBytes, 1_001)
    }

    public var layerCount: Int { layers.count }

    /// The recorded policy, or min-cut when the header names none this build knows.
    public var policy: PolicyKind { header.policy.flatMap(PolicyKind.init(name:)) ?? .mincut }

    /// The recorded constraints.
    public var constraints: PlanningConstraints {
        let c = header.constraints
        return PlanningConstraints(latencySLOMs: c.sloMs, deviceMemoryMB: c.memoryMB, minDeviceLayers: c.minDeviceLayers ?? 0,
                                   bandwidthCapMbps: c.bandwidthCapMbps, batteryFloorPercent: c.batteryFloorPct)
    }

    /// Round-trip time of the recorded link (20 ms when not recorded).
    public var rttMs: Double { header.link?.rttMs ?? 20 }

    /// The split index a partition shows as: the prefix length, or the number of device layers.
    public func splitIndex(_ partition: SessionPartition) -> Int {
        switch partition {
        case .split(let k): k
        case .deviceLayers(let names): names.count
        }
    }

    /// Which layers run on the device under a session partition.
    public func onDevice(_ partition: SessionPartition) -> [Bool] {
        switch partition {
        case .split(let k): return (0..<layerCount).map { $0 < k }
        case .deviceLayers(let names):
            let set = Set(names)
            return layers.map { set.contains($0.name) }
        }
    }
}

extension SessionContext: Equatable {
    public static func == (a: SessionContext, b: SessionContext) -> Bool { a.header == b.header }
}
