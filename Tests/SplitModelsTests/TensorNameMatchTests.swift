import Testing
@testable import SplitModels

/// Names of layers and of their output values, read without guessing.
@Suite struct TensorNameMatchTests {
    /// conv "features" (value "/conv/Conv_output_0") → conv "/next" (value "features") → conv "plain".
    static func clashing() throws -> ModelGraph {
        var b = GraphBuilder(name: "clash", input: TensorShape([3, 8, 8]))
        let first = b.conv(b.input, 4, kernel: 3, padding: 1, name: "features")
        let second = b.conv(first, 4, kernel: 3, padding: 1, name: "/next")
        b.conv(second, 4, kernel: 3, padding: 1, name: "plain")
        var graph = try b.finish()
        graph.layers[0].outputName = "/conv/Conv_output_0"
        graph.layers[1].outputName = "features"
        return graph
    }

    @Test func aNameOfOneLayerAndAnotherValueIsAmbiguous() throws {
        let graph = try Self.clashing()
        #expect(graph.match(layerOrValue: "features") == .ambiguous(layer: 0, value: 1))
        #expect(graph.index(ofLayerOrTensor: "features") == nil)
        #expect(graph.match(layerOrValue: "layer:features") == .layer(0))
        #expect(graph.match(layerOrValue: "value:features") == .layer(1))
    }

    @Test func unambiguousNamesAreFoundEitherWay() throws {
        let graph = try Self.clashing()
        #expect(graph.match(layerOrValue: "/next") == .layer(1))
        #expect(graph.match(layerOrValue: "/conv/Conv_output_0") == .layer(0))
        // A layer without a value name is its own value: one layer, not a clash.
        #expect(graph.match(layerOrValue: "plain") == .layer(2))
        #expect(graph.match(layerOrValue: "value:plain") == .layer(2))
        #expect(graph.match(layerOrValue: "layer:/conv/Conv_output_0") == TensorNameMatch.none)
        #expect(graph.match(layerOrValue: "value:/next") == TensorNameMatch.none)
        #expect(graph.match(layerOrValue: "nothing") == TensorNameMatch.none)
    }
}
