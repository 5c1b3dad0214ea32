import Testing
@testable import SplitModels

/// Published totals for one 224×224 sample: MACs of convolutions and linear layers, and parameters.
struct PublishedTotals: Sendable, CustomTestStringConvertible {
    var name: String
    var gigaMacs: Double
    var megaParams: Double
    /// torchvision's exact `sum(p.numel() for p in model.parameters())`.
    var exactParams: Int

    var testDescription: String { name }

    static let all: [PublishedTotals] = [
        PublishedTotals(name: "alexnet", gigaMacs: 0.71, megaParams: 61.1, exactParams: 61_100_840),
        PublishedTotals(name: "vgg16", gigaMacs: 15.5, megaParams: 138.4, exactParams: 138_357_544),
        PublishedTotals(name: "resnet18", gigaMacs: 1.81, megaParams: 11.7, exactParams: 11_689_512),
        PublishedTotals(name: "resnet50", gigaMacs: 4.09, megaParams: 25.6, exactParams: 25_557_032),
        PublishedTotals(name: "mobilenetv2", gigaMacs: 0.30, megaParams: 3.50, exactParams: 3_504_872),
        PublishedTotals(name: "efficientnet-b0", gigaMacs: 0.39, megaParams: 5.29, exactParams: 5_288_548),
    ]
}

/// Whether `measured` is within 2% of `published`.
private func withinTwoPercent(_ measured: Int, _ published: Double) -> Bool {
    abs(Double(measured) - published) <= 0.02 * published
}

/// The output shape of the last layer whose name is `prefix` or starts with `prefix.`, the output
/// of a torchvision module.
private func moduleOutput(_ graph: ModelGraph, _ prefix: String) -> TensorShape? {
    graph.layers.last { $0.name == prefix || $0.name.hasPrefix(prefix + ".") }?.outputShape
}

/// The error `ModelZoo.model` throws, or `nil` when the model builds.
private func zooError(_ name: String, inputSize: Int? = nil, batchSize: Int = 1) -> ZooError? {
    do {
        _ = try ModelZoo.model(named: name, inputSize: inputSize, batchSize: batchSize)
        return nil
    } catch {
        return error
    }
}

private func shape(_ dims: Int...) -> TensorShape { TensorShape(dims) }

@Suite struct ModelZooTotalsTests {
    @Test(arguments: PublishedTotals.all)
    func matchesPublishedTotals(_ published: PublishedTotals) throws {
        let graph = try ModelZoo.model(named: published.name)
        #expect(withinTwoPercent(graph.totalMacs, published.gigaMacs * 1e9), "MACs \(graph.totalMacs)")
        #expect(withinTwoPercent(graph.totalParams, published.megaParams * 1e6), "params \(graph.totalParams)")
        #expect(graph.totalParams == published.exactParams)
    }

    @Test func exactMacs() throws {
        // Convolution and linear MACs at 224, counted layer by layer (matches fvcore/ptflops conv+fc counts).
        let expected = ["alexnet": 714_188_480, "vgg16": 15_470_264_320, "resnet18": 1_814_073_344,
                        "resnet50": 4_089_184_256, "mobilenetv2": 300_774_272, "efficientnet-b0": 385_814_752]
        for (name, macs) in expected {
            #expect(try ModelZoo.model(named: name).totalMacs == macs, "\(name)")
        }
    }

    @Test func smallCNNTotals() throws {
        let graph = try ModelZoo.model(named: "smallcnn")
        #expect(graph.inputShape == shape(3, 32, 32))
        #expect(graph.totalParams == 1_116_970)
        #expect(graph.totalMacs == 25_528_832)
        #expect(moduleOutput(graph, "features.9") == shape(64, 8, 8))
    }

    @Test func onlyConvolutionsAndLinearLayersHaveMacs() throws {
        for name in ModelZoo.names {
            for layer in try ModelZoo.model(named: name).layers where layer.macs > 0 {
                #expect([.conv, .depthwiseConv, .linear].contains(layer.kind), "\(name) \(layer.name)")
            }
        }
    }
}

@Suite struct ModelZooShapeTests {
    @Test func resnet50Stages() throws {
        let graph = try ModelZoo.model(named: "resnet50")
        let stages = (1...4).map { moduleOutput(graph, "layer\($0)") }
        #expect(stages == [shape(256, 56, 56), shape(512, 28, 28), shape(1024, 14, 14), shape(2048, 7, 7)])
        #expect(moduleOutput(graph, "maxpool") == shape(64, 56, 56))
        #expect(graph.layers.last?.name == "fc")
    }

    @Test func resnet18Stages() throws {
        let graph = try ModelZoo.model(named: "resnet18")
        let stages = (1...4).map { moduleOutput(graph, "layer\($0)") }
        #expect(stages == [shape(64, 56, 56), shape(128, 28, 28), shape(256, 14, 14), shape(512, 7, 7)])
        #expect(graph.index(ofLayer: "layer1.0.downsample.0") == nil)
        #expect(graph.index(ofLayer: "layer2.0.downsample.0") != nil)
    }

    @Test func resnetLayerNames() throws {
        let graph = try ModelZoo.model(named: "resnet50")
        for name in ["conv1", "bn1", "relu", "maxpool", "layer3.1.conv2", "layer3.1.bn2", "layer3.1.relu",
                     "layer3.1.relu_1", "layer3.1.relu_2", "layer3.1.add", "layer3.0.downsample.0",
                     "layer3.0.downsample.1", "layer1.0.downsample.0", "avgpool", "flatten", "fc"] {
            #expect(graph.index(ofLayer: name) != nil, "\(name)")
        }
        let conv2 = try #require(graph.index(ofLayer: "layer2.0.conv2"))
        // v1.5: the 3×3 convolution carries the stride.
        #expect(graph.layers[conv2].operation == .convolution(Convolution(outChannels: 128, kernel: 3, stride: 2,
                                                                          padding: 1, bias: false)))
    }

    @Test func mobileNetV2Features() throws {
        let graph = try ModelZoo.model(named: "mobilenetv2")
        let features = [1, 3, 6, 10, 13, 16, 17, 18].map { moduleOutput(graph, "features.\($0)") }
        #expect(features == [shape(16, 112, 112), shape(24, 56, 56), shape(32, 28, 28), shape(64, 14, 14),
                             shape(96, 14, 14), shape(160, 7, 7), shape(320, 7, 7), shape(1280, 7, 7)])
        let expand = try #require(graph.index(ofLayer: "features.3.conv.0.0"))
        #expect(graph.layers[expand].outputShape == shape(144, 56, 56))
        let depthwise = try #require(graph.index(ofLayer: "features.3.conv.1.0"))
        #expect(graph.layers[depthwise].kind == .depthwiseConv)
        #expect(graph.layers[depthwise + 2].kind == .relu6)
        // features.1 has no expansion: depthwise first, then the projection.
        #expect(graph.index(ofLayer: "features.1.conv.2") != nil)
        #expect(graph.index(ofLayer: "features.1.conv.3") == nil)
    }

    @Test func efficientNetB0Stages() throws {
        let graph = try ModelZoo.model(named: "efficientnet-b0")
        let stages = (1...8).map { moduleOutput(graph, "features.\($0)") }
        #expect(stages == [shape(16, 112, 112), shape(24, 56, 56), shape(40, 28, 28), shape(80, 14, 14),
                           shape(112, 14, 14), shape(192, 7, 7), shape(320, 7, 7), shape(1280, 7, 7)])
    }

    @Test func efficientNetSqueezeUsesBlockInputChannels() throws {
        let graph = try ModelZoo.model(named: "efficientnet-b0")
        let squeezes = ["features.1.0.block.1.fc1": 8, "features.2.0.block.2.fc1": 4, "features.2.1.block.2.fc1": 6,
                        "features.6.0.block.2.fc1": 28, "features.7.0.block.2.fc1": 48]
        for (name, channels) in squeezes {
            let index = try #require(graph.index(ofLayer: name), "\(name)")
            #expect(graph.layers[index].outputShape == shape(channels, 1, 1), "\(name)")
        }
        let multiplies = graph.layers.filter { $0.kind == .multiply }
        #expect(multiplies.count == 16)
        for layer in multiplies {
            #expect(layer.inputs.count == 2)
            #expect(layer.name.hasSuffix(".mul"))
        }
        #expect(graph.layers.filter { $0.kind == .silu }.count == 1 + 16 * 2 - 1 + 16 + 1)
        #expect(graph.layers.filter { $0.kind == .sigmoid }.count == 16)
    }

    @Test func vgg16Pools() throws {
        let graph = try ModelZoo.model(named: "vgg16")
        let pools = graph.layers.filter { $0.kind == .maxPool }
        #expect(pools.map(\.name) == ["features.4", "features.9", "features.16", "features.23", "features.30"])
        #expect(pools.map(\.outputShape) == [shape(64, 112, 112), shape(128, 56, 56), shape(256, 28, 28),
                                             shape(512, 14, 14), shape(512, 7, 7)])
        #expect(moduleOutput(graph, "flatten") == shape(25088))
        #expect(graph.layers.filter { $0.kind == .conv }.count == 13)
    }

    @Test func alexNetBeforeClassifier() throws {
        let graph = try ModelZoo.model(named: "alexnet")
        #expect(moduleOutput(graph, "features") == shape(256, 6, 6))
        #expect(moduleOutput(graph, "avgpool") == shape(256, 6, 6))
        #expect(moduleOutput(graph, "flatten") == shape(9216))
        #expect(moduleOutput(graph, "features.0") == shape(64, 55, 55))
    }

    @Test func inputSizeOption() throws {
        let graph = try ModelZoo.model(named: "resnet50", inputSize: 160)
        #expect(graph.inputShape == shape(3, 160, 160))
        #expect(moduleOutput(graph, "layer4") == shape(2048, 5, 5))
        #expect(graph.layers.last?.outputShape == shape(1000))
        // Adaptive pooling keeps the classifier's size.
        let vgg = try ModelZoo.model(named: "vgg16", inputSize: 64)
        #expect(vgg.totalParams == 138_357_544)
        #expect(moduleOutput(vgg, "features") == shape(512, 2, 2))
    }

    @Test(arguments: ModelZoo.names)
    func buildsAtItsMinimumInputSize(_ name: String) throws {
        let minimum = try #require(ModelZoo.minimumInputSize(of: name))
        let graph = try ModelZoo.model(named: name, inputSize: minimum)
        #expect(graph.inputShape == shape(3, minimum, minimum))
        #expect(zooError(name, inputSize: minimum - 1) != nil)
    }
}

@Suite struct ModelZooGraphTests {
    @Test(arguments: ModelZoo.names)
    func wellFormedGraph(_ name: String) throws {
        let graph = try ModelZoo.model(named: name)
        #expect(graph.name == name)
        for (index, layer) in graph.layers.enumerated() {
            #expect(!layer.inputs.isEmpty)
            for input in layer.inputs {
                if case .layer(let source) = input {
                    #expect(source < index, "\(layer.name) reads a later layer")
                }
            }
        }
        #expect(Set(graph.layers.map(\.name)).count == graph.layers.count)
        #expect(graph.layers.last?.outputShape == shape(name == "smallcnn" ? 10 : 1000))
        #expect(graph.layers.last?.kind == .linear)
        // Only the first layer reads the raw input.
        #expect(graph.layers.dropFirst().allSatisfy { !$0.inputs.contains(.input) })
    }

    @Test func resnet50IsADag() throws {
        let graph = try ModelZoo.model(named: "resnet50")
        let adds = graph.layers.enumerated().filter { $0.element.kind == .add }
        #expect(adds.count == 16)
        for (index, add) in adds {
            #expect(add.inputs.count == 2)
            // One input is the previous layer (bn3), the other a skip from further back.
            #expect(add.inputs.contains(.layer(index - 1)))
            #expect(add.inputs.contains { input in
                if case .layer(let source) = input { source < index - 1 } else { false }
            })
        }
    }

    @Test func residualAddCounts() throws {
        let expected = ["alexnet": 0, "vgg16": 0, "resnet18": 8, "resnet50": 16, "mobilenetv2": 10,
                        "efficientnet-b0": 9, "smallcnn": 0]
        for (name, count) in expected {
            let adds = try ModelZoo.model(named: name).layers.filter { $0.kind == .add }
            #expect(adds.count == count, "\(name)")
            #expect(adds.allSatisfy { $0.inputs.count == 2 }, "\(name)")
        }
    }

    /// The raw input is counted as the engine sends it, float32 (docs/cost-model.md); uint8 on request.
    @Test func inputBytesDefaultToFloat32AsTheEngineSendsThem() throws {
        for name in ModelZoo.names where name != "smallcnn" {
            #expect(try ModelZoo.model(named: name).inputBytes == 602_112, "\(name)")
        }
        #expect(try ModelZoo.model(named: "smallcnn").inputBytes == 4 * 3 * 32 * 32)
        #expect(try ModelZoo.model(named: "resnet18", inputElement: .uint8).inputBytes == 150_528)
    }

    @Test func batchSizeScalesBytes() throws {
        let one = try ModelZoo.model(named: "mobilenetv2")
        let eight = try ModelZoo.model(named: "mobilenetv2", batchSize: 8)
        #expect(eight.batchSize == 8)
        #expect(eight.inputBytes == 8 * one.inputBytes)
        for index in one.layers.indices {
            #expect(eight.outputBytes(ofLayer: index) == 8 * one.outputBytes(ofLayer: index))
        }
        #expect(eight.totalMacs == one.totalMacs)
    }

    @Test func activationElementSetsOutputBytes() throws {
        let full = try ModelZoo.model(named: "resnet18")
        let half = try ModelZoo.model(named: "resnet18", activationElement: .float16)
        let quarter = try ModelZoo.model(named: "resnet18", activationElement: .int8)
        let conv1 = try #require(full.index(ofLayer: "conv1"))
        #expect(full.outputBytes(ofLayer: conv1) == 64 * 112 * 112 * 4)
        for index in full.layers.indices {
            #expect(half.outputBytes(ofLayer: index) * 2 == full.outputBytes(ofLayer: index))
            #expect(quarter.outputBytes(ofLayer: index) * 4 == full.outputBytes(ofLayer: index))
        }
        #expect(half.inputBytes == full.inputBytes)
    }
}

@Suite struct ModelZooOptionTests {
    @Test func names() {
        #expect(ModelZoo.names == ["alexnet", "vgg16", "resnet18", "resnet50", "mobilenetv2", "efficientnet-b0",
                                   "smallcnn"])
        for name in ModelZoo.names {
            #expect(ModelZoo.summary(of: name)?.isEmpty == false)
        }
        #expect(ModelZoo.summary(of: "resnet50")?.contains("v1.5") == true)
        #expect(ModelZoo.summary(of: "lenet") == nil)
        #expect(ModelZoo.defaultInputSize(of: "smallcnn") == 32)
        #expect(ModelZoo.defaultInputSize(of: "vgg16") == 224)
    }

    @Test func torchvisionSpellingsResolve() throws {
        #expect(try ModelZoo.model(named: "efficientnet_b0").name == "efficientnet-b0")
        #expect(try ModelZoo.model(named: "MobileNet_V2").name == "mobilenetv2")
        #expect(try ModelZoo.model(named: "ResNet50").name == "resnet50")
    }

    @Test func unknownModel() {
        let error = zooError("lenet")
        #expect(error == .unknownModel("lenet", known: ModelZoo.names))
        #expect(error?.description.contains("resnet50") == true)
        #expect(zooError("") == .unknownModel("", known: ModelZoo.names))
    }

    @Test func inputSizeTooSmallOrTooLarge() {
        for size in [8, 31, 0, -224] {
            guard case .invalidOption(let reason) = zooError("resnet50", inputSize: size) else {
                Issue.record("resnet50 at \(size) should be an invalid option")
                continue
            }
            #expect(reason.contains("input size"))
        }
        #expect(zooError("alexnet", inputSize: 62) != nil)
        #expect(zooError("alexnet", inputSize: 63) == nil)
        #expect(zooError("smallcnn", inputSize: 3) != nil)
        #expect(zooError("vgg16", inputSize: ModelZoo.maximumInputSize + 1) != nil)
        #expect(zooError("vgg16", inputSize: Int.max) != nil)
    }

    @Test func badBatchSize() {
        for batch in [0, -1, ModelZoo.maximumBatchSize + 1, Int.max] {
            guard case .invalidOption(let reason) = zooError("resnet18", batchSize: batch) else {
                Issue.record("batch \(batch) should be an invalid option")
                continue
            }
            #expect(reason.contains("batch size"))
        }
    }

    @Test func largestOptionsStayInRange() throws {
        let graph = try ModelZoo.model(named: "vgg16", inputSize: ModelZoo.maximumInputSize,
                                       batchSize: ModelZoo.maximumBatchSize)
        #expect(graph.outputBytes(ofLayer: 0) > 0)
        #expect(graph.totalMacs > 0)
    }

    @Test func errorDescriptions() {
        #expect(ZooError.invalidOption("batch size must be positive").description
            == "invalid option: batch size must be positive")
        #expect(ZooError.shape(ShapeError(layer: "fc", reason: "bad")).description == "shape error: layer fc: bad")
    }
}
