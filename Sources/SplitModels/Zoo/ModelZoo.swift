/// The built-in models, mirroring torchvision layer for layer with torchvision's layer names.
///
/// Every convolution, batch norm, activation, pool, residual add and excitation multiply is its
/// own layer, because a split falls between layers; residual networks are DAGs whose add layers
/// have two inputs.
///
/// ```swift
/// let resnet = try ModelZoo.model(named: "resnet50")
/// print(resnet.totalMacs)                      // 4,089,184,256
/// let small = try ModelZoo.model(named: "resnet50", inputSize: 160, batchSize: 8,
///                                activationElement: .float16)
/// ```
public enum ModelZoo {
    /// The largest input side accepted, which keeps every size and byte count far from overflow.
    public static let maximumInputSize = Int(Quantity.inputSide.highest)
    /// The largest batch size accepted, for the same reason.
    public static let maximumBatchSize = Int(Quantity.batch.highest)

    static let architectures: [any ZooArchitecture] = [
        AlexNet(), VGG16(), ResNet.resnet18, ResNet.resnet50, MobileNetV2(), EfficientNetB0(), SmallCNN(),
    ]

    /// Names accepted by `model(named:)`: "alexnet", "vgg16", "resnet18", "resnet50", "mobilenetv2",
    /// "efficientnet-b0", "smallcnn".
    ///
    /// Lookup ignores case, `-` and `_`, so torchvision's `efficientnet_b0` and `mobilenet_v2` work too.
    public static let names: [String] = architectures.map(\.name)

    /// One-line description of a model, or `nil` for an unknown name.
    public static func summary(of name: String) -> String? {
        architecture(named: name)?.summary
    }

    /// The default square input side of a model (224, or 32 for `smallcnn`), or `nil` for an unknown name.
    public static func defaultInputSize(of name: String) -> Int? {
        architecture(named: name)?.defaultInputSize
    }

    /// The smallest square input side a model accepts, or `nil` for an unknown name.
    public static func minimumInputSize(of name: String) -> Int? {
        architecture(named: name)?.minimumInputSize
    }

    /// Builds a model.
    ///
    /// - Parameters:
    ///   - name: One of `names` (case, `-` and `_` are ignored).
    ///   - inputSize: The square input side; the model's default (224; 32 for `smallcnn`) when `nil`.
    ///     It must lie between the model's `minimumInputSize(of:)` and `maximumInputSize`.
    ///   - batchSize: Samples per inference, from 1 to `maximumBatchSize`.
    ///   - activationElement: Element type of intermediate tensors.
    ///   - inputElement: Element type of the raw `3×side×side` input.
    /// - Throws: `ZooError.unknownModel`, `.invalidOption` for out-of-range options, or `.shape`.
    public static func model(named name: String, inputSize: Int? = nil, batchSize: Int = 1,
                             activationElement: ElementType = .float32,
                             inputElement: ElementType = .rawInput) throws(ZooError) -> ModelGraph {
        guard let architecture = architecture(named: name) else {
            throw .unknownModel(name, known: names)
        }
        guard (1...maximumBatchSize).contains(batchSize) else {
            throw .invalidOption("batch size must be between 1 and \(maximumBatchSize), got \(batchSize)")
        }
        let side = inputSize ?? architecture.defaultInputSize
        guard (architecture.minimumInputSize...maximumInputSize).contains(side) else {
            throw .invalidOption("\(architecture.name) needs an input size between \(architecture.minimumInputSize) "
                + "and \(maximumInputSize), got \(side)")
        }
        var builder = GraphBuilder(name: architecture.name, input: TensorShape([3, side, side]))
        architecture.build(into: &builder)
        do {
            return try builder.finish(inputElement: inputElement, activationElement: activationElement,
                                      batchSize: batchSize)
        } catch {
            throw .shape(error)
        }
    }

    /// The architecture with this name, ignoring case, `-` and `_`.
    static func architecture(named name: String) -> (any ZooArchitecture)? {
        let key = normalized(name)
        return architectures.first { normalized($0.name) == key }
    }

    private static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "-" && $0 != "_" })
    }
}
