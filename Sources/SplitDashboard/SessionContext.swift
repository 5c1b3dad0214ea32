import SplitControl
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
        costModel = CostModel(profile: header.model, power: header.device?.power.map(DevicePowerModel.init) ?? .jetsonOnLTE)
        isChain = header.model.isChain
        deviceOnlyMs = layers.reduce(0) { $0 + $1.deviceMs }
        largestTensorBytes = max(layers.map(\.outputBytes).max() ?? 1, header.model.inputBytes, 1_001)
    }

    public var layerCount: Int { layers.count }

    /// The stretch of the device's measured compute as the header states it ("× 12 slowdown"), or nil.
    ///
    /// A live device run with `--slowdown X` says so in its `device_info`; the layer view shows it,
    /// since every device time on screen is stretched by it.
    public var deviceSlowdown: String? {
        guard let compute = header.device?.compute, compute.contains("slowdown"),
              let times = compute.firstIndex(of: "×") else { return nil }
        return String(compute[times...]).trimmingCharacters(in: .whitespaces)
    }

    /// The recorded policy, or min-cut when the header names none this build knows.
    public var policy: PolicyKind { header.policy.flatMap(PolicyKind.init(name:)) ?? .mincut }

    /// The recorded constraints.
    public var constraints: PlanningConstraints { PlanningConstraints(header.constraints) }

    /// Round-trip time of the recorded link (20 ms when not recorded).
    public var rttMs: Double { header.link?.rttMs ?? 20 }

    /// The split index a partition shows as: the prefix length, or the number of device layers.
    public func splitIndex(_ partition: SessionPartition) -> Int { partition.splitIndex }

    /// Which layers run on the device under a session partition.
    public func onDevice(_ partition: SessionPartition) -> [Bool] { Partition(partition, of: header.model).onDevice }
}

extension SessionContext: Equatable {
    public static func == (a: SessionContext, b: SessionContext) -> Bool { a.header == b.header }
}
