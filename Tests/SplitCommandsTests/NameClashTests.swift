import Foundation
import SplitModels
import SplitTensorIO
import Testing

/// A name that is one layer's name and another layer's ONNX value name (`name_clash.onnx`: Conv
/// node "features" feeds Relu "/relu/Relu", whose output value is "features") is refused by every
/// flag that takes layer or tensor names, naming both meanings; `layer:NAME` and `value:NAME` say
/// which.
@Suite("A name that is a layer and a value")
struct NameClashTests {
    static let model = ModelFileCommandTests.fixture("name_clash.onnx")

    @Test(arguments: [["run", "--model-file", model, "--outputs", "features"],
                      ["run", "--model-file", model, "--outputs", "output,features"],
                      ["run", "--model-file", model, "--device-layers", "features"],
                      ["export", "--model-file", model, "--device-layers", "features", "--out", "/tmp/never-written"]])
    func anAmbiguousNameIsRefusedNamingBothMeanings(_ arguments: [String]) throws {
        let result = try SplitscopeBinary.run(arguments)
        #expect(result.status == 2, "\(result.stdout)")
        let flag = arguments[3]
        #expect(result.stderr == "splitscope: \(flag): \"features\" is ambiguous in name_clash: it names layer features "
            + "(whose output is /conv/Conv_output_0) and the value features (the output of layer /relu/Relu); "
            + "say layer:features for the first or value:features for the second\n")
    }

    @Test func eachMeaningIsReachedByItsPrefix() throws {
        let result = try SplitscopeBinary.run(["run", "--model-file", Self.model, "--input", ModelFileCommandTests.fixture("name_clash.input.npy"),
                                               "--outputs", "layer:features,value:features"])
        #expect(result.status == 0, "\(result.stderr)")
        // The convolution's output has negative values; the ReLU's, named "features", none.
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let conv = try #require(lines.first { $0.hasPrefix("/conv/Conv_output_0: 1×4×8×8, min -") }, "\(result.stdout)")
        let relu = try #require(lines.first { $0.hasPrefix("features: 1×4×8×8, min 0.0000") }, "\(result.stdout)")
        #expect(conv != relu)
        // The same tensor named twice, by its layer and by its value, is still asked for once.
        let twice = try SplitscopeBinary.run(["run", "--model-file", Self.model, "--outputs", "value:/conv/Conv_output_0,layer:features"])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("name each tensor once"), "\(twice.stderr)")
        // A prefix restricts the lookup: no layer is named /conv/Conv_output_0.
        let wrongKind = try SplitscopeBinary.run(["run", "--model-file", Self.model, "--outputs", "layer:/conv/Conv_output_0"])
        #expect(wrongKind.status == 2)
        #expect(wrongKind.stderr.contains("has no layer or tensor named \"layer:/conv/Conv_output_0\""), "\(wrongKind.stderr)")
    }

    @Test func deviceLayersByPrefixSplitTheModel() throws {
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("y.npy").path
        let result = try SplitscopeBinary.run(["run", "--model-file", Self.model, "--input", ModelFileCommandTests.fixture("name_clash.input.npy"),
                                               "--device-layers", "layer:features", "--output", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("split: 1 device layers, sends /conv/Conv_output_0"), "\(result.stdout)")
        let expected = try NumPyFile.decode(Array(try Data(contentsOf: URL(fileURLWithPath: ModelFileCommandTests.fixture("name_clash.expected.npy")))))
        let actual = try NumPyFile.decode(Array(try Data(contentsOf: URL(fileURLWithPath: out))))
        let scale = expected.elements.map(abs).max() ?? 1
        #expect(zip(actual.elements, expected.elements).allSatisfy { abs($0 - $1) <= 1e-4 * scale })
    }
}
