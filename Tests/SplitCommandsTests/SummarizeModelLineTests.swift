@testable import SplitCommands
import SplitModels
import SplitSession
import Testing

/// `summarize`'s model line for the kinds of session it reads: one model (a cascade's header
/// names its device model here), and a family of versions (one device or a fleet, whose header's
/// model is the first version's profile under the family's name). The writers' side is checked
/// end to end in VersionsCommandTests, FleetRecordingTests and DeviceVersionsEndToEndTests.
@Suite struct SummarizeModelLineTests {
    static func chain(_ name: String, layers: Int) -> ModelProfile {
        ModelProfile(name: name, inputBytes: 784, layers: (0..<layers).map { i in
            ProfileLayer(name: "L\(i)", inputs: [i == 0 ? .input : .layer(i - 1)], outputBytes: 100, deviceMs: 1, edgeMs: 0.1, params: 1)
        })
    }

    @Test func oneModel() {
        let header = SessionHeader(startTime: "1970-01-01T00:00:00Z", source: .live, model: Self.chain("smallcnn", layers: 3))
        #expect(SessionDigest.modelLine(header) == "smallcnn: 3 layers, input 784 B")
    }

    /// A family (one device or a fleet alike): its name and every version's own layers, never the
    /// first version's layer count as the family's.
    @Test func aFamilyOfVersions() {
        var header = SessionHeader(startTime: "1970-01-01T00:00:00Z", source: .simulator, model: Self.chain("fashion", layers: 12))
        header.versions = [SessionModelVersion(name: "fashion-device", accuracyPercent: 89.31, model: Self.chain("fashion-device", layers: 12)),
                           SessionModelVersion(name: "fashion-edge", accuracyPercent: 90.21, model: Self.chain("fashion-edge", layers: 25))]
        #expect(SessionDigest.modelLine(header) == "fashion, 2 versions: fashion-device (12 layers), fashion-edge (25 layers); input 784 B")
        header.devices = [SessionFleetDevice(device: "cam-1"), SessionFleetDevice(device: "cam-2")]
        #expect(SessionDigest.modelLine(header) == "fashion, 2 versions: fashion-device (12 layers), fashion-edge (25 layers); input 784 B")
    }

    /// A cascade (1.5): the device model, then the edge model appeals go to, with its layers when
    /// recorded (simulate) and saying they are not when the recorder knew only the name (a live device).
    @Test func aCascadeNamesBothModels() {
        var header = SessionHeader(startTime: "1970-01-01T00:00:00Z", source: .simulator, model: Self.chain("fashion-device", layers: 12))
        header.appealModel = SessionAppealModel(name: "fashion-edge", model: Self.chain("fashion-edge", layers: 25))
        #expect(SessionDigest.modelLine(header) == "fashion-device: 12 layers, input 784 B; appeals to fashion-edge (25 layers)")
        header.appealModel = SessionAppealModel(name: "fashion-edge")
        #expect(SessionDigest.modelLine(header) == "fashion-device: 12 layers, input 784 B; appeals to fashion-edge (layers not recorded)")
    }
}
