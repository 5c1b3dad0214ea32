/// torchvision's MobileNetV2 at width 1.0.
///
/// - `features.0`: conv 3×3 stride 2 (32), BN, ReLU6 (`features.0.0…2`).
/// - `features.1…17`: inverted residuals from the settings (t, c, n, s) =
///   (1,16,1,1) (6,24,2,2) (6,32,3,2) (6,64,4,2) (6,96,3,1) (6,160,3,2) (6,320,1,1). Each block is
///   `conv.0` 1×1 expansion to `t·in` (BN, ReLU6; absent when t = 1), a 3×3 depthwise convolution
///   with the stride (BN, ReLU6), then a linear 1×1 projection and BN. When the stride is 1 and
///   the channels stay the same, `features.N.add` sums the block's input and output.
/// - `features.18`: conv 1×1 (1280), BN, ReLU6.
/// - Head: `avgpool` (global average pool; a functional call in torchvision), `flatten`,
///   `classifier.0` dropout, `classifier.1` 1280→1000.
///
/// 3,504,872 parameters and 0.30 G MACs at 224×224. The smallest input is 32, the total stride.
struct MobileNetV2: ZooArchitecture {
    let name = "mobilenetv2"
    let summary = "MobileNetV2 (Sandler et al. 2018), width 1.0, inverted residuals with ReLU6, as torchvision"
    let defaultInputSize = 224
    let minimumInputSize = 32

    /// One stage of inverted residuals.
    struct Stage: Sendable {
        var expansion: Int
        var channels: Int
        var repeats: Int
        var stride: Int
    }

    static let stages: [Stage] = [
        Stage(expansion: 1, channels: 16, repeats: 1, stride: 1),
        Stage(expansion: 6, channels: 24, repeats: 2, stride: 2),
        Stage(expansion: 6, channels: 32, repeats: 3, stride: 2),
        Stage(expansion: 6, channels: 64, repeats: 4, stride: 2),
        Stage(expansion: 6, channels: 96, repeats: 3, stride: 1),
        Stage(expansion: 6, channels: 160, repeats: 3, stride: 2),
        Stage(expansion: 6, channels: 320, repeats: 1, stride: 1),
    ]

    func build(into b: inout GraphBuilder) {
        var x = b.convNormActivation(b.input, 32, kernel: 3, stride: 2, activation: .relu6, prefix: "features.0")
        var inChannels = 32
        var index = 1
        for stage in Self.stages {
            for repeatIndex in 0..<stage.repeats {
                x = invertedResidual(&b, x, inChannels: inChannels, outChannels: stage.channels,
                                     stride: repeatIndex == 0 ? stage.stride : 1, expansion: stage.expansion,
                                     prefix: "features.\(index)")
                inChannels = stage.channels
                index += 1
            }
        }
        x = b.convNormActivation(x, 1280, kernel: 1, activation: .relu6, prefix: "features.\(index)")
        x = b.globalAvgPool(x, name: "avgpool")
        x = b.flatten(x, name: "flatten")
        x = b.dropout(x, name: "classifier.0")
        b.linear(x, 1000, name: "classifier.1")
    }

    /// torchvision's `InvertedResidual`, its layers numbered as its `conv` `Sequential`.
    private func invertedResidual(_ b: inout GraphBuilder, _ x: TensorSource, inChannels: Int, outChannels: Int,
                                  stride: Int, expansion: Int, prefix: String) -> TensorSource {
        let hidden = inChannels * expansion
        var y = x
        var part = 0
        if expansion != 1 {
            y = b.convNormActivation(y, hidden, kernel: 1, activation: .relu6, prefix: "\(prefix).conv.\(part)")
            part += 1
        }
        y = b.convNormActivation(y, hidden, kernel: 3, stride: stride, groups: hidden, activation: .relu6,
                                 prefix: "\(prefix).conv.\(part)")
        part += 1
        y = b.conv(y, outChannels, kernel: 1, bias: false, name: "\(prefix).conv.\(part)")
        y = b.batchNorm(y, name: "\(prefix).conv.\(part + 1)")
        guard stride == 1, inChannels == outChannels else { return y }
        return b.addition([x, y], name: "\(prefix).add")
    }
}
