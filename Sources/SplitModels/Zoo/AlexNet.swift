/// torchvision's AlexNet, the "one weird trick" variant with 64/192/384/256/256 convolutions.
///
/// - `features.0…12`: conv 11×11 stride 4 padding 2 (64), ReLU, max pool 3 stride 2; conv 5×5
///   padding 2 (192), ReLU, max pool; conv 3×3 (384), ReLU, conv 3×3 (256), ReLU, conv 3×3 (256),
///   ReLU, max pool — 256×6×6 at 224.
/// - `avgpool`: adaptive average pool to 6×6, then `flatten`.
/// - `classifier.0…6`: dropout, 9216→4096, ReLU, dropout, 4096→4096, ReLU, 4096→1000.
///
/// 61,100,840 parameters and 0.71 G MACs at 224×224. The smallest input is 63, where the last
/// max pool still has a 3×3 window to read.
struct AlexNet: ZooArchitecture {
    let name = "alexnet"
    let summary = "torchvision AlexNet (one-weird-trick variant: 64/192/384/256/256 convolutions)"
    let defaultInputSize = 224
    let minimumInputSize = 63

    func build(into b: inout GraphBuilder) {
        var x = b.conv(b.input, 64, kernel: 11, stride: 4, padding: 2, name: "features.0")
        x = b.relu(x, name: "features.1")
        x = b.maxPool(x, kernel: 3, stride: 2, name: "features.2")
        x = b.conv(x, 192, kernel: 5, padding: 2, name: "features.3")
        x = b.relu(x, name: "features.4")
        x = b.maxPool(x, kernel: 3, stride: 2, name: "features.5")
        x = b.conv(x, 384, kernel: 3, padding: 1, name: "features.6")
        x = b.relu(x, name: "features.7")
        x = b.conv(x, 256, kernel: 3, padding: 1, name: "features.8")
        x = b.relu(x, name: "features.9")
        x = b.conv(x, 256, kernel: 3, padding: 1, name: "features.10")
        x = b.relu(x, name: "features.11")
        x = b.maxPool(x, kernel: 3, stride: 2, name: "features.12")
        x = b.adaptiveAvgPool(x, height: 6, width: 6, name: "avgpool")
        x = b.flatten(x, name: "flatten")
        x = b.dropout(x, name: "classifier.0")
        x = b.linear(x, 4096, name: "classifier.1")
        x = b.relu(x, name: "classifier.2")
        x = b.dropout(x, name: "classifier.3")
        x = b.linear(x, 4096, name: "classifier.4")
        x = b.relu(x, name: "classifier.5")
        b.linear(x, 1000, name: "classifier.6")
    }
}
