import Foundation
import SplitCost
import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import Testing

/// The fleet replay's what-if re-plans the shown device with its own layer times, which the
/// recording carries per device (format 1.4), not the first device's times scaled by the ratio of
/// speeds (a layer's roofline time is not proportional to the speed).
@Suite("Fleet what-if from each device's own profile")
struct FleetWhatIfTests {
    static let trace = FleetCommandTests.root.appendingPathComponent("SampleTraces/traces/pensieve-norway_bus_1").path

    /// A recording of `speeds` devices, every one on the same trace.
    static func record(devices: Int, speeds: String) throws -> String {
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("fleet-\(UUID().uuidString).jsonl").path
        let result = try SplitscopeBinary.run(["simulate", "--devices", "\(devices)", "--duration", "8", "--traces", trace,
                                               "--versions", FleetCommandTests.manifest, "--device-speeds", speeds,
                                               "--edge-gmacs-per-s", "1", "--rtt-ms", "10", "--edge-uplink-mbps", "20",
                                               "--clock", "fixed", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    /// The replay of `path` at 4 s, showing device `id`, with a what-if started (an SLO override).
    static func whatIf(_ path: String, showing id: String) throws -> WhatIfRun {
        try #require(try replay(path, showing: id).whatIf, "no what-if started")
    }

    /// The replay of `path` at 4 s, showing device `id`, with a what-if started (an SLO override).
    static func replay(_ path: String, showing id: String) throws -> DashboardState {
        let index = try SessionIndex.open(path: path)
        var state = DashboardState(context: SessionContext(header: index.header), duration: index.duration,
                                   mode: .replay(speed: 1, paused: true), size: TerminalSize(width: 120, height: 40))
        for action in ReplayFeed(index: index).perform(.reload(at: 4)) { _ = state.reduce(action) }
        var turns = 0
        while state.shownDeviceID != id, turns < 8 {
            _ = state.reduce(.key(.character("d")))
            turns += 1
        }
        #expect(state.shownDeviceID == id)
        for key in "s400" { _ = state.reduce(.key(.character(key))) }
        _ = state.reduce(.key(.enter))
        return state
    }

    /// Each version's device layer times in a what-if's cost models, by version name.
    static func deviceTimes(_ run: WhatIfRun) throws -> [String: [Double]] {
        let family = try #require(run.versioned)
        return Dictionary(uniqueKeysWithValues: zip(family.versions.map(\.name),
                                                    family.controllers.map { $0.costModel.profile.layers.map(\.deviceMs) }))
    }

    @Test("the what-if of device 2 (0.05 GMAC/s, first device 0.01) costs splits as a simulation of device 2 alone does")
    func theSecondDevicesWhatIfUsesItsOwnTimes() throws {
        let fleet = try Self.record(devices: 3, speeds: "0.01,0.05")
        let alone = try Self.record(devices: 1, speeds: "0.05")

        // The recording carries each device's own layer times: cam-2's are those of a fleet of cam-2 alone.
        let fleetHeader = try SessionReader.read(path: fleet).header
        let aloneHeader = try SessionReader.read(path: alone).header
        #expect(fleetHeader.version == .current)
        let ownTimes = Dictionary(uniqueKeysWithValues: aloneHeader.versions.map { ($0.name, $0.model.layers.map(\.deviceMs)) })
        #expect(fleetHeader.devices.map(\.device) == ["cam-1", "cam-2", "cam-3"])
        #expect(fleetHeader.devices[1].layerDeviceMs == ownTimes)
        #expect(fleetHeader.devices[0].layerDeviceMs == Dictionary(uniqueKeysWithValues: fleetHeader.versions.map { ($0.name, $0.model.layers.map(\.deviceMs)) }))

        // The what-if of cam-2 in the fleet's replay plans with those times, as the what-if of the device alone does.
        let fleetRun = try Self.whatIf(fleet, showing: "cam-2")
        let aloneRun = try Self.whatIf(alone, showing: "cam-1")
        #expect(try Self.deviceTimes(fleetRun) == ownTimes)
        #expect(try Self.deviceTimes(aloneRun) == ownTimes)
        let link = LinkConditions(bandwidthMbps: 3, rttMs: 10)
        for (a, b) in zip(try #require(fleetRun.versioned).controllers, try #require(aloneRun.versioned).controllers) {
            for split in 0...a.costModel.layerCount {
                let partition = Partition.prefix(split, layerCount: a.costModel.layerCount)
                #expect(a.costModel.evaluate(partition, link: link).latencyMs == b.costModel.evaluate(partition, link: link).latencyMs,
                        "split \(split)")
            }
        }

        // Scaling the first device's times by the ratio of speeds, as 1.3 recordings must, is off:
        // the what-if would be wrong by more than the rounding of a time.
        let first = fleetHeader.versions.flatMap { $0.model.layers.map(\.deviceMs) }.reduce(0, +) * (0.01 / 0.05)
        let own = ownTimes.values.flatMap { $0 }.reduce(0, +)
        #expect(abs(first - own) / own > 0.001, "scaled \(first) ms, own \(own) ms")

        // The layer view and the energy gauge of cam-2 draw its own times too: the context of the version drawn.
        let shown = try Self.replay(fleet, showing: "cam-2")
        let drawn = try #require(shown.context.version?.name ?? fleetHeader.versions.first?.name)
        #expect(shown.context.model.layers.map(\.deviceMs) == ownTimes[drawn])
        #expect(shown.context.deviceOnlyMs == ownTimes[drawn]?.reduce(0, +))

        // The other devices keep theirs: cam-3 runs at the first device's speed.
        let third = try Self.whatIf(fleet, showing: "cam-3")
        #expect(try Self.deviceTimes(third) == fleetHeader.devices[0].layerDeviceMs)
    }
}
