/// torchvision's VGG-16: configuration D, no batch norm, convolutions with biases.
///
/// - `features.0…30`: thirteen 3×3 padding-1 convolutions, each followed by ReLU, in blocks of
///   64, 64 | 128, 128 | 256 ×3 | 512 ×3 | 512 ×3, each block closed by a 2×2 stride-2 max pool
///   (64×112×112, 128×56×56, 256×28×28, 512×14×14, 512×7×7 at 224).
/// - `avgpool`: adaptive average pool to 7×7, then `flatten`.
/// - `classifier.0…6`: 25088→4096, ReLU, dropout, 4096→4096, ReLU, dropout, 4096→1000.
///
/// 138,357,544 parameters and 15.5 G MACs at 224×224. The smallest input is 32, where the last
/// pool gives 1×1.
struct VGG16: ZooArchitecture {
    let name = "vgg16"
    let summary = "VGG-16 (Simonyan & Zisserman 2014), configuration D without batch norm, as torchvision"
    let defaultInputSize = 224
    let minimumInputSize = 32

    /// Output channels per convolution; `nil` is a max pool.
    static let configuration: [Int?] = [64, 64, nil, 128, 128, nil, 256, 256, 256, nil,
                                        512, 512, 512, nil, 512, 512, 512, nil]

    func build(into b: inout GraphBuilder) {
        var x = b.input
        var index = 0
        for channels in Self.configuration {
            if let channels {
                x = b.conv(x, channels, kernel: 3, padding: 1, name: "features.\(index)")
                x = b.relu(x, name: "features.\(index + 1)")
                index += 2
            } else {
                x = b.maxPool(x, kernel: 2, stride: 2, name: "features.\(index)")
                index += 1
            }
        }
        x = b.adaptiveAvgPool(x, height: 7, width: 7, name: "avgpool")
        x = b.flatten(x, name: "flatten")
        x = b.linear(x, 4096, name: "classifier.0")
        x = b.relu(x, name: "classifier.1")
        x = b.dropout(x, name: "classifier.2")
        x = b.linear(x, 4096, name: "classifier.3")
        x = b.relu(x, name: "classifier.4")
        x = b.dropout(x, name: "classifier.5")
        b.linear(x, 1000, name: "classifier.6")
    }
}
