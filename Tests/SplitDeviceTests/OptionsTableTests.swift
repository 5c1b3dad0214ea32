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

    /// A device of `versions` (the first runs at the start; none but `one`: a device of one model).
    static func config(running one: LiveModelVersion, versions: [LiveModelVersion] = []) -> LiveDeviceConfiguration {
        var config = LiveDeviceConfiguration(edgeHost: "127.0.0.1", edgePort: 1, modelName: one.modelName,
                                             graph: one.graph, weights: one.weights)
        config.versions = versions
        return config
    }

    @Test func oneModelOfUnknownAccuracySendsNone() throws {
        let version = try SharedEdgeTests.full()
        let config = Self.config(running: version)
        let table = LiveDriver.optionsTable(config: config, profile: Self.profile, versions: [])
        #expect(!table.encoded().contains("accuracy_pct"))
        #expect(try DeviceOptionsTable(parsing: table.encoded()).unstatedAccuracy == [version.modelName])
    }

    @Test func versionsSendTheirManifestsAccuracy() throws {
        let full = try SharedEdgeTests.full()
        let p50 = try SharedEdgeTests.p50()
        let config = Self.config(running: full, versions: [full, p50])
        let table = LiveDriver.optionsTable(config: config, profile: Self.profile, versions: [Self.profile, Self.profile])
        let read = try DeviceOptionsTable(parsing: table.encoded())
        #expect(read.unstatedAccuracy.isEmpty)
        #expect(Set(read.options.map(\.accuracyPercent)) == [90.21, 83.02])
    }

    /// A floor leaves out the versions below it; a floor none meets leaves the most accurate only.
    @Test func theTableHoldsOnlyVersionsMeetingTheFloor() throws {
        let p50 = try SharedEdgeTests.p50()
        let full = try SharedEdgeTests.full()
        let config = Self.config(running: p50, versions: [p50, full])
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
