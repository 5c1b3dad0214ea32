import SplitCost
import SplitModels

/// What the layer view shows of one layer, computed once from the session's model profile.
public struct LayerInfo: Hashable, Sendable {
    public var name: String
    public var op: String
    public var deviceMs: Double
    public var edgeMs: Double
    public var outputBytes: Int
    /// Bytes crossing the cut if the split falls right after this layer.
    public var cutBytes: Int
    public var bottleneck: BottleneckKind

    /// The layers of a profile with their bottleneck marks.
    public static func layers(of profile: ModelProfile) -> [LayerInfo] {
        let table = PrefixCostTable(costModel: CostModel(profile: profile))
        let marks = table.bottlenecks(inputBytes: profile.inputBytes)
        return profile.layers.enumerated().map { i, layer in
            LayerInfo(name: layer.name, op: layer.op?.name ?? "-", deviceMs: layer.deviceMs, edgeMs: layer.edgeMs,
                      outputBytes: layer.outputBytes, cutBytes: table.transferBytes[i + 1], bottleneck: marks[i])
        }
    }
}
