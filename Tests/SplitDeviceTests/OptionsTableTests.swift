import SplitEdge
import SplitModels
import SplitPlanners
import Testing
@testable import SplitDevice

/// What a device tells the edge of its versions' accuracy: the manifest's for `--versions`,
/// nothing (never 0 %) for one model of unknown accuracy.
@Suite("The options table a live device sends")
struct OptionsTableTests {
    static let profile = ModelProfile(name: "m", inputBytes: 3136, layers: [
        ProfileLayer(name: "L1", inputs: [.input], outputBytes: 1000, deviceMs: 1, edgeMs: 0.1, params: 10),
        ProfileLayer(name: "L2", inputs: [.layer(0)], outputBytes: 40, deviceMs: 2, edgeMs: 0.1, params: 10),
    ])

    @Test func oneModelOfUnknownAccuracySendsNone() throws {
        let version = try SharedEdgeTests.version("full", file: "fashion-edge", accuracy: 90.21)
        let config = LiveDeviceConfiguration(edgeHost: "127.0.0.1", edgePort: 1, modelName: version.modelName,
                                             graph: version.graph, weights: version.weights)
        let table = LiveDriver.optionsTable(config: config, profile: Self.profile, versions: [])
        #expect(!table.encoded().contains("accuracy_pct"))
        #expect(try DeviceOptionsTable(parsing: table.encoded()).unstatedAccuracy == [version.modelName])
    }

    @Test func versionsSendTheirManifestsAccuracy() throws {
        let full = try SharedEdgeTests.version("full", file: "fashion-edge", accuracy: 90.21)
        let p50 = try SharedEdgeTests.version("p50", file: "fashion-edge-p50", accuracy: 83.02)
        var config = LiveDeviceConfiguration(edgeHost: "127.0.0.1", edgePort: 1, modelName: full.modelName,
                                             graph: full.graph, weights: full.weights)
        config.versions = [full, p50]
        let table = LiveDriver.optionsTable(config: config, profile: Self.profile, versions: [Self.profile, Self.profile])
        let read = try DeviceOptionsTable(parsing: table.encoded())
        #expect(read.unstatedAccuracy.isEmpty)
        #expect(Set(read.options.map(\.accuracyPercent)) == [90.21, 83.02])
    }

    /// A floor leaves out the versions below it; a floor none meets leaves the most accurate only.
    @Test func theTableHoldsOnlyVersionsMeetingTheFloor() throws {
        let p50 = try SharedEdgeTests.version("p50", file: "fashion-edge-p50", accuracy: 83.02)
        let full = try SharedEdgeTests.version("full", file: "fashion-edge", accuracy: 90.21)
        var config = LiveDeviceConfiguration(edgeHost: "127.0.0.1", edgePort: 1, modelName: p50.modelName,
                                             graph: p50.graph, weights: p50.weights)
        config.versions = [p50, full]
        func versions(floor: Double?) -> Set<String> {
            let table = LiveDriver.optionsTable(config: config, profile: Self.profile, versions: [Self.profile, Self.profile],
                                                constraints: PlanningConstraints(accuracyFloorPercent: floor))
            return Set(table.options.map(\.version))
        }
        #expect(versions(floor: nil) == ["p50", "full"])
        #expect(versions(floor: 83.02) == ["p50", "full"])
        #expect(versions(floor: 90) == ["full"])
        #expect(versions(floor: 99) == ["full"])
    }
}
