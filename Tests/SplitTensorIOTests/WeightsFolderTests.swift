import SplitModels
import SplitTensorIO
import Testing

/// The weights folder format: a round trip, the shapes it asks for, and every kind of broken folder.
struct WeightsFolderTests {
    static func smallcnn() throws -> ModelGraph {
        try ModelZoo.model(named: "smallcnn", inputSize: 16, inputElement: .float32)
    }

    @Test func slotsAreTheShapesSeededWeightsHaveForEveryZooModel() throws {
        for name in ModelZoo.names {
            // A small input keeps VGG's and AlexNet's classifiers small where the model allows it.
            let graph = try (try? ModelZoo.model(named: name, inputSize: 64)) ?? ModelZoo.model(named: name)
            let seeded = ModelWeights.seeded(for: graph, seed: 1)
            let slots = ModelWeights.slots(for: graph)
            var held = 0
            for slot in slots {
                #expect(seeded[slot.layer]?[slot.role]?.shape == slot.shape, "\(name) \(slot.layer).\(slot.role)")
                held += 1
            }
            #expect(held == seeded.layers.values.reduce(0) { $0 + $1.tensors.count }, "\(name): a seeded tensor has no slot")
        }
    }

    @Test func aFolderWrittenIsReadBackExactly() throws {
        let graph = try Self.smallcnn()
        let weights = ModelWeights.seeded(for: graph, seed: 9)
        let files = WeightsFolder.encode(weights, for: graph)
        #expect(files.keys.contains("features.0.weight.npy"))
        #expect(try WeightsFolder.decode(files, for: graph) == weights)
    }

    @Test func brokenFoldersAreRefusedNamingTheFileAndTheLayer() throws {
        let graph = try Self.smallcnn()
        let files = WeightsFolder.encode(ModelWeights.seeded(for: graph, seed: 9), for: graph)
        let first = try #require(ModelWeights.slots(for: graph).first)
        let name = WeightsFolder.fileName(layer: first.layer, role: first.role)
        func refusal(_ broken: [String: [UInt8]]) -> String {
            do {
                _ = try WeightsFolder.decode(broken, for: graph)
                return "accepted"
            } catch {
                return error.description
            }
        }
        var missing = files
        missing[name] = nil
        #expect(refusal(missing).contains("layer \(first.layer) needs its \(first.role) in \(name)"), "\(refusal(missing))")

        var wrongShape = files
        wrongShape[name] = NumPyFile.encode(FloatTensor(zeros: [2, 2]))
        #expect(refusal(wrongShape) == "\(name): layer \(first.layer)'s \(first.role) must have shape "
            + "\(NumPyFile.shapeText(first.shape)), got (2, 2)")

        var truncated = files
        truncated[name] = Array(files[name]!.dropLast(3))
        #expect(refusal(truncated).hasPrefix("\(name): truncated"), "\(refusal(truncated))")

        var notNumPy = files
        notNumPy[name] = Array("hello".utf8)
        #expect(refusal(notNumPy).hasPrefix("\(name): not a NumPy .npy file"), "\(refusal(notNumPy))")

        var nonFinite = files
        var tensor = try NumPyFile.decode(files[name]!)
        tensor.elements[5] = .nan
        nonFinite[name] = NumPyFile.encode(tensor)
        #expect(refusal(nonFinite).contains("element 5 is nan"), "\(refusal(nonFinite))")

        var extra = files
        extra["conv9.weight.npy"] = files[name]
        #expect(refusal(extra).hasPrefix("conv9.weight.npy: no layer of smallcnn takes this tensor"), "\(refusal(extra))")
    }
}
