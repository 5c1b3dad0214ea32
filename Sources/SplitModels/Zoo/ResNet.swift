/// torchvision's ResNet: ResNet-18 with basic blocks and ResNet-50 with bottlenecks.
///
/// - Stem: `conv1` 7×7 stride 2 (64), `bn1`, `relu`, `maxpool` 3×3 stride 2 padding 1.
/// - `layer1…layer4`: 64, 128, 256 and 512 planes; the first block of `layer2…4` has stride 2.
///   A block whose stride or channel count changes gets `downsample.0` (1×1 convolution with that
///   stride) and `downsample.1` (batch norm) on its shortcut.
/// - Head: `avgpool` (global average pool), `flatten`, `fc` to 1000.
///
/// Convolutions have no bias and each is followed by batch norm. The shortcut sum is its own
/// two-input layer `layerN.M.add`, so the graph is a DAG. torchvision reuses one `relu` module
/// per block; each call gets its own layer, named as `torch.fx` names repeated calls: `relu`,
/// `relu_1`, `relu_2` (the last one follows the add).
///
/// ResNet-50 puts the stride on the 3×3 convolution (v1.5), as torchvision does. The smallest
/// input is 32, the network's total stride, so `layer4` is at least 1×1.
struct ResNet: ZooArchitecture {
    /// The residual block type.
    enum Block: Sendable {
        /// Two 3×3 convolutions (ResNet-18/34).
        case basic
        /// 1×1 reduce, 3×3 (strided), 1×1 expand by 4 (ResNet-50/101/152).
        case bottleneck

        /// Output channels per plane.
        var expansion: Int {
            switch self {
            case .basic: 1
            case .bottleneck: 4
            }
        }
    }

    let name: String
    let summary: String
    let block: Block
    /// Blocks in `layer1…layer4`.
    let blockCounts: [Int]
    let defaultInputSize = 224
    let minimumInputSize = 32

    static let resnet18 = ResNet(name: "resnet18", summary: "ResNet-18 (He et al. 2016), basic blocks, as torchvision",
                                 block: .basic, blockCounts: [2, 2, 2, 2])
    static let resnet50 = ResNet(name: "resnet50",
                                 summary: "ResNet-50 (He et al. 2016), bottleneck v1.5 as torchvision",
                                 block: .bottleneck, blockCounts: [3, 4, 6, 3])

    func build(into b: inout GraphBuilder) {
        var x = b.conv(b.input, 64, kernel: 7, stride: 2, padding: 3, bias: false, name: "conv1")
        x = b.batchNorm(x, name: "bn1")
        x = b.relu(x, name: "relu")
        x = b.maxPool(x, kernel: 3, stride: 2, padding: 1, name: "maxpool")
        var inChannels = 64
        for (stage, (planes, count)) in zip([64, 128, 256, 512], blockCounts).enumerated() {
            for index in 0..<count {
                let stride = stage > 0 && index == 0 ? 2 : 1
                let prefix = "layer\(stage + 1).\(index)"
                switch block {
                case .basic:
                    x = basicBlock(&b, x, inChannels: inChannels, planes: planes, stride: stride, prefix: prefix)
                case .bottleneck:
                    x = bottleneck(&b, x, inChannels: inChannels, planes: planes, stride: stride, prefix: prefix)
                }
                inChannels = planes * block.expansion
            }
        }
        x = b.globalAvgPool(x, name: "avgpool")
        x = b.flatten(x, name: "flatten")
        b.linear(x, 1000, name: "fc")
    }

    /// torchvision's `BasicBlock`: conv3×3 (stride), BN, ReLU, conv3×3, BN, add shortcut, ReLU.
    private func basicBlock(_ b: inout GraphBuilder, _ x: TensorSource, inChannels: Int, planes: Int, stride: Int,
                            prefix: String) -> TensorSource {
        var y = b.conv(x, planes, kernel: 3, stride: stride, padding: 1, bias: false, name: "\(prefix).conv1")
        y = b.batchNorm(y, name: "\(prefix).bn1")
        y = b.relu(y, name: "\(prefix).relu")
        y = b.conv(y, planes, kernel: 3, padding: 1, bias: false, name: "\(prefix).conv2")
        y = b.batchNorm(y, name: "\(prefix).bn2")
        let shortcut = downsample(&b, x, inChannels: inChannels, outChannels: planes, stride: stride, prefix: prefix)
        y = b.addition([y, shortcut], name: "\(prefix).add")
        return b.relu(y, name: "\(prefix).relu_1")
    }

    /// torchvision's `Bottleneck`: conv1×1, BN, ReLU, conv3×3 (stride), BN, ReLU, conv1×1 (×4), BN,
    /// add shortcut, ReLU.
    private func bottleneck(_ b: inout GraphBuilder, _ x: TensorSource, inChannels: Int, planes: Int, stride: Int,
                            prefix: String) -> TensorSource {
        let out = planes * Block.bottleneck.expansion
        var y = b.conv(x, planes, kernel: 1, bias: false, name: "\(prefix).conv1")
        y = b.batchNorm(y, name: "\(prefix).bn1")
        y = b.relu(y, name: "\(prefix).relu")
        y = b.conv(y, planes, kernel: 3, stride: stride, padding: 1, bias: false, name: "\(prefix).conv2")
        y = b.batchNorm(y, name: "\(prefix).bn2")
        y = b.relu(y, name: "\(prefix).relu_1")
        y = b.conv(y, out, kernel: 1, bias: false, name: "\(prefix).conv3")
        y = b.batchNorm(y, name: "\(prefix).bn3")
        let shortcut = downsample(&b, x, inChannels: inChannels, outChannels: out, stride: stride, prefix: prefix)
        y = b.addition([y, shortcut], name: "\(prefix).add")
        return b.relu(y, name: "\(prefix).relu_2")
    }

    /// The shortcut: `x` itself, or a strided 1×1 convolution and BN when the shape changes.
    private func downsample(_ b: inout GraphBuilder, _ x: TensorSource, inChannels: Int, outChannels: Int, stride: Int,
                            prefix: String) -> TensorSource {
        guard stride != 1 || inChannels != outChannels else { return x }
        let y = b.conv(x, outChannels, kernel: 1, stride: stride, bias: false, name: "\(prefix).downsample.0")
        return b.batchNorm(y, name: "\(prefix).downsample.1")
    }
}
