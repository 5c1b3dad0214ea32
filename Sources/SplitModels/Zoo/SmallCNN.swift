/// A small CIFAR-style chain for 32×32×3 inputs and 10 classes, for quick experiments and tests.
///
/// Not a published model; its layers are named like a torchvision `Sequential`:
/// - `features.0…9`: conv 3×3 padding 1 (32), ReLU, conv 3×3 (32), ReLU, max pool 2×2,
///   conv 3×3 (64), ReLU, conv 3×3 (64), ReLU, max pool 2×2 — 64×8×8 at 32.
/// - `flatten`, then `classifier.0…3`: 4096→256, ReLU, dropout, 256→10.
///
/// All convolutions and linear layers have biases; there is no batch norm. At 32×32 it has
/// 1,116,970 parameters and 25.5 M MACs. The smallest input is 4, where the second pool gives 1×1.
struct SmallCNN: ZooArchitecture {
    let name = "smallcnn"
    let summary = "SmallCNN: CIFAR-style chain conv32-conv32-pool-conv64-conv64-pool-fc256-fc10 for 32×32 inputs"
    let defaultInputSize = 32
    let minimumInputSize = 4

    func build(into b: inout GraphBuilder) {
        var x = b.conv(b.input, 32, kernel: 3, padding: 1, name: "features.0")
        x = b.relu(x, name: "features.1")
        x = b.conv(x, 32, kernel: 3, padding: 1, name: "features.2")
        x = b.relu(x, name: "features.3")
        x = b.maxPool(x, kernel: 2, stride: 2, name: "features.4")
        x = b.conv(x, 64, kernel: 3, padding: 1, name: "features.5")
        x = b.relu(x, name: "features.6")
        x = b.conv(x, 64, kernel: 3, padding: 1, name: "features.7")
        x = b.relu(x, name: "features.8")
        x = b.maxPool(x, kernel: 2, stride: 2, name: "features.9")
        x = b.flatten(x, name: "flatten")
        x = b.linear(x, 256, name: "classifier.0")
        x = b.relu(x, name: "classifier.1")
        x = b.dropout(x, name: "classifier.2")
        b.linear(x, 10, name: "classifier.3")
    }
}
