@testable import SplitCommands
import Testing

/// The family of a training manifest, which names none: what its models' names share, in whole
/// words, else the models of its data set; never the data set's name alone.
@Suite struct FleetFamilyNameTests {
    @Test(arguments: [
        (["fashion-device", "fashion-edge"], "fashion-mnist", "fashion"),
        (["fashion-device"], "fashion-mnist", "fashion-device"),
        (["cnn_small", "cnn_large", "cnn_x"], nil, "cnn"),
        (["fast", "full"], "digits", "models of digits"),
        (["a", "b"], nil, "models"),
    ] as [([String], String?, String)])
    func familyName(names: [String], data: String?, family: String) {
        #expect(FleetVersions.familyName(of: names, data: data) == family)
    }
}
