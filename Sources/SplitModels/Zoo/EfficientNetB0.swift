/// torchvision's EfficientNet-B0.
///
/// - `features.0`: conv 3×3 stride 2 (32), BN, SiLU.
/// - `features.1…7`: stages of MBConv blocks, `features.S.B`, from (expansion, kernel, stride,
///   in, out, repeats) = (1,3,1,32,16,1) (6,3,2,16,24,2) (6,5,2,24,40,2) (6,3,2,40,80,3)
///   (6,5,1,80,112,3) (6,5,2,112,192,4) (6,3,1,192,320,1); only a stage's first block strides.
///   A block is `block.0` 1×1 expansion (BN, SiLU; absent when the expansion is 1), a depthwise
///   k×k convolution with padding k/2 (BN, SiLU), squeeze-and-excitation, and a 1×1 projection
///   with BN and no activation. The excitation is `avgpool` (global), `fc1` (1×1 convolution with
///   bias to max(1, block input channels / 4)), `activation` (SiLU), `fc2` (1×1 back, with bias),
///   `scale_activation` (sigmoid), and `mul`, a two-input layer scaling the depthwise output.
///   When the stride is 1 and the channels stay the same, `features.S.B.add` sums the block's
///   input and output (stochastic depth is the identity at inference and has no layer).
/// - `features.8`: conv 1×1 (1280), BN, SiLU.
/// - Head: `avgpool`, `flatten`, `classifier.0` dropout, `classifier.1` 1280→1000.
///
/// 5,288,548 parameters and 0.39 G MACs at 224×224. The smallest input is 32, the total stride.
struct EfficientNetB0: ZooArchitecture {
    let name = "efficientnet-b0"
    let summary = "EfficientNet-B0 (Tan & Le 2019), MBConv with squeeze-and-excitation and SiLU, as torchvision"
    let defaultInputSize = 224
    let minimumInputSize = 32

    /// One stage of MBConv blocks.
    struct Stage: Sendable {
        var expansion: Int
        var kernel: Int
        var stride: Int
        var inChannels: Int
        var outChannels: Int
        var repeats: Int
    }

    static let stages: [Stage] = [
        Stage(expansion: 1, kernel: 3, stride: 1, inChannels: 32, outChannels: 16, repeats: 1),
        Stage(expansion: 6, kernel: 3, stride: 2, inChannels: 16, outChannels: 24, repeats: 2),
        Stage(expansion: 6, kernel: 5, stride: 2, inChannels: 24, outChannels: 40, repeats: 2),
        Stage(expansion: 6, kernel: 3, stride: 2, inChannels: 40, outChannels: 80, repeats: 3),
        Stage(expansion: 6, kernel: 5, stride: 1, inChannels: 80, outChannels: 112, repeats: 3),
        Stage(expansion: 6, kernel: 5, stride: 2, inChannels: 112, outChannels: 192, repeats: 4),
        Stage(expansion: 6, kernel: 3, stride: 1, inChannels: 192, outChannels: 320, repeats: 1),
    ]

    func build(into b: inout GraphBuilder) {
        var x = b.convNormActivation(b.input, 32, kernel: 3, stride: 2, activation: .silu, prefix: "features.0")
        for (stageIndex, stage) in Self.stages.enumerated() {
            for blockIndex in 0..<stage.repeats {
                let first = blockIndex == 0
                x = mbConv(&b, x, stage: stage, inChannels: first ? stage.inChannels : stage.outChannels,
                           stride: first ? stage.stride : 1, prefix: "features.\(stageIndex + 1).\(blockIndex)")
            }
        }
        x = b.convNormActivation(x, 1280, kernel: 1, activation: .silu, prefix: "features.\(Self.stages.count + 1)")
        x = b.globalAvgPool(x, name: "avgpool")
        x = b.flatten(x, name: "flatten")
        x = b.dropout(x, name: "classifier.0")
        b.linear(x, 1000, name: "classifier.1")
    }

    /// torchvision's `MBConv`, its layers numbered as its `block` `Sequential`.
    private func mbConv(_ b: inout GraphBuilder, _ x: TensorSource, stage: Stage, inChannels: Int, stride: Int,
                        prefix: String) -> TensorSource {
        let expanded = inChannels * stage.expansion
        var y = x
        var part = 0
        if expanded != inChannels {
            y = b.convNormActivation(y, expanded, kernel: 1, activation: .silu, prefix: "\(prefix).block.\(part)")
            part += 1
        }
        y = b.convNormActivation(y, expanded, kernel: stage.kernel, stride: stride, groups: expanded,
                                 activation: .silu, prefix: "\(prefix).block.\(part)")
        part += 1
        let se = "\(prefix).block.\(part)"
        var scale = b.globalAvgPool(y, name: "\(se).avgpool")
        scale = b.conv(scale, max(1, inChannels / 4), kernel: 1, name: "\(se).fc1")
        scale = b.activation(.silu, scale, name: "\(se).activation")
        scale = b.conv(scale, expanded, kernel: 1, name: "\(se).fc2")
        scale = b.activation(.sigmoid, scale, name: "\(se).scale_activation")
        y = b.multiply(scale, y, name: "\(se).mul")
        part += 1
        y = b.convNormActivation(y, stage.outChannels, kernel: 1, activation: nil, prefix: "\(prefix).block.\(part)")
        guard stride == 1, inChannels == stage.outChannels else { return y }
        return b.addition([y, x], name: "\(prefix).add")
    }
}
