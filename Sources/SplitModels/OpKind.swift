/// The coarse kind of a layer, as written in profile files (`"op": "conv"`).
///
/// Profiles from other runtimes may name ops splitscope does not know; they keep their name
/// as `.other` so nothing is lost when a profile is read and written back.
public enum OpKind: Hashable, Sendable, CustomStringConvertible {
    case conv, depthwiseConv, linear, maxPool, avgPool, globalAvgPool, batchNorm
    case relu, relu6, silu, sigmoid, add, multiply, concat, flatten, dropout, softmax
    case hardSwish, hardSigmoid, clip, reshape
    case other(String)

    /// The known kinds, in the order `inspect` documents them.
    public static let known: [OpKind] = [
        .conv, .depthwiseConv, .linear, .maxPool, .avgPool, .globalAvgPool, .batchNorm,
        .relu, .relu6, .silu, .sigmoid, .add, .multiply, .concat, .flatten, .dropout, .softmax,
        .hardSwish, .hardSigmoid, .clip, .reshape,
    ]

    /// Reads a profile's op name; unknown names become `.other`.
    public init(name: String) {
        self = OpKind.known.first { $0.name == name } ?? .other(name)
    }

    /// The name used in profiles and tables.
    public var name: String {
        switch self {
        case .conv: "conv"
        case .depthwiseConv: "dwconv"
        case .linear: "linear"
        case .maxPool: "maxpool"
        case .avgPool: "avgpool"
        case .globalAvgPool: "gap"
        case .batchNorm: "bn"
        case .relu: "relu"
        case .relu6: "relu6"
        case .silu: "silu"
        case .sigmoid: "sigmoid"
        case .add: "add"
        case .multiply: "mul"
        case .concat: "concat"
        case .flatten: "flatten"
        case .dropout: "dropout"
        case .softmax: "softmax"
        case .hardSwish: "hardswish"
        case .hardSigmoid: "hardsigmoid"
        case .clip: "clip"
        case .reshape: "reshape"
        case .other(let name): name
        }
    }

    public var description: String { name }
}
