import Foundation
import SplitJSON
import SplitSession
import SplitTestSupport
import Testing

/// `simulate --devices N --out FILE`: one recording of many devices, read back by the session
/// reader and by `summarize`, end to end through the real binary.
@Suite struct FleetRecordingTests {
    static func record(_ extra: [String] = [], devices: Int = 3, seconds: Int = 6) throws -> (path: String, stdout: String) {
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("fleet-\(UUID().uuidString).jsonl").path
        let result = try SplitscopeBinary.run(["simulate", "--devices", "\(devices)", "--duration", "\(seconds)",
                                               "--traces", FleetCommandTests.traces, "--versions", FleetCommandTests.manifest,
                                               "--device-speeds", "0.01,0.05", "--edge-gmacs-per-s", "1", "--rtt-ms", "10",
                                               "--edge-uplink-mbps", "20", "--clock", "fixed", "--out", out] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return (out, result.stdout)
    }

    static func frames(_ events: [TimedEvent]) -> [(t: Double, device: String?, frame: FrameEvent)] {
        events.compactMap { if case .frame(let frame) = $0.event { ($0.t, $0.device, frame) } else { nil } }
    }

    @Test func theRecordingHoldsEveryDeviceAndTheShares() throws {
        let (path, stdout) = try Self.record()
        #expect(stdout.contains("session of the fast allocator written to \(path)"))
        let recording = try SessionReader.read(path: path)
        #expect(recording.diagnostics.isEmpty, "\(recording.diagnostics)")
        let header = recording.header
        #expect(header.version == .current)
        #expect(header.devices.map(\.device) == ["cam-1", "cam-2", "cam-3"])
        #expect(header.devices.map(\.taskWeight) == [0.8, 0.2, 0.8])
        #expect(header.devices.map(\.gmacsPerSecond) == [0.01, 0.05, 0.01])
        #expect(header.devices.map(\.trace) == ["lumos5g-5g_trace_4_walking", "mahimahi-ATT-LTE-driving-2016.up", "pensieve-norway_bus_1"])
        #expect(header.versions.map(\.name) == ["device", "edge"])
        #expect(header.policy == "fast allocator")

        // Per device: one frame, one link sample per second, frames numbered from 0, parts that add up.
        let frames = Self.frames(recording.events)
        for id in ["cam-1", "cam-2", "cam-3"] {
            let own = frames.filter { $0.device == id }
            #expect(own.map(\.frame.frame) == Array(0..<6), "\(id)")
            #expect(recording.events.filter { if case .link = $0.event { $0.device == id } else { false } }.count == 6)
            for (_, _, frame) in own {
                let version = try #require(frame.version.flatMap(header.modelVersion(named:)))
                guard case .split(let split) = frame.partition else { Issue.record("not a split"); continue }
                #expect(split <= version.model.layerCount)
                guard frame.outcome == .ok else { continue }
                let parts = (frame.deviceMs ?? 0) + (frame.transferMs ?? 0) + (frame.rttMs ?? 0) + (frame.edgeMs ?? 0)
                #expect(abs(parts - (frame.totalMs ?? -1)) < 1e-9, "\(id) frame \(frame.frame)")
            }
        }
        #expect(frames.allSatisfy { $0.device != nil })

        // The first event is the allocation at 0 s; every shares event agrees with the frames of its second.
        guard case .shares(let first)? = recording.events.dropFirst().first?.event else {
            Issue.record("the first event after the header is not a shares event")
            return
        }
        #expect(recording.events[1].t == 0)
        #expect(first.allocator == .fast)
        #expect(first.edge == SharedEdgeCapacity(gmacsPerSecond: 1, uplinkMbps: 20))
        for timed in recording.events {
            guard case .shares(let shares) = timed.event else { continue }
            #expect(shares.devices.map(\.device) == ["cam-1", "cam-2", "cam-3"])
            #expect(shares.devices.reduce(0) { $0 + $1.computeShare } <= 1 + 1e-6)
            for share in shares.devices {
                let frame = try #require(frames.first { $0.t == timed.t && $0.device == share.device }?.frame)
                #expect(frame.partition == .split(share.split))
                #expect(frame.version == share.version)
            }
        }
    }

    /// With a fixed clock the recording is the same on every run; `--allocator` chooses whose it is.
    @Test func theRecordingIsReproducibleAndTheAllocatorChosen() throws {
        let a = try Self.record(seconds: 4)
        let b = try Self.record(seconds: 4)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path)) == Data(contentsOf: URL(fileURLWithPath: b.path)))
        let greedy = try Self.record(["--allocator", "greedy"], seconds: 4)
        let recording = try SessionReader.read(path: greedy.path)
        #expect(recording.header.policy == "greedy allocator")
        let allocators = recording.events.compactMap { if case .shares(let s) = $0.event { s.allocator } else { nil } }
        #expect(!allocators.isEmpty && allocators.allSatisfy { $0 == .greedy })
    }

    /// With the shipped training manifest (no --versions), which names no family, the family is
    /// what its models' names share, `fashion`, not the data set's name; summarize names it and each
    /// model with its layers, in text and JSON (no one layer count for the family).
    @Test func theDefaultManifestsFamilyIsNamedByItsModels() throws {
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("fleet-default-\(UUID().uuidString).jsonl").path
        let result = try SplitscopeBinary.run(["simulate", "--devices", "2", "--duration", "2", "--traces", FleetCommandTests.traces,
                                               "--clock", "fixed", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("versions of fashion: fashion-device 89.31 %, fashion-edge 90.21 %"), "\(result.stdout)")
        let text = try SplitscopeBinary.run(["summarize", out])
        #expect(text.stdout.contains("model     fashion, 2 versions: fashion-device (12 layers), fashion-edge (25 layers); input 3,136 B"),
                "\(text.stdout)")
        let json = try #require(try JSONValue.parse(try SplitscopeBinary.run(["summarize", "--json", out]).stdout).objectValue)
        #expect(json["model"]?.stringValue == "fashion")
        #expect(json["layers"] == .null)
        let versions = json["versions"]?.arrayValue?.compactMap(\.objectValue) ?? []
        #expect(versions.map { $0["name"]?.stringValue } == ["fashion-device", "fashion-edge"])
        #expect(versions.map { $0["layers"]?.intValue } == [12, 25])
    }

    /// `summarize` prints a row per device and the fleet's totals, in text and JSON.
    @Test func summarizeGivesPerDeviceRowsAndTotals() throws {
        let (path, _) = try Self.record()
        let text = try SplitscopeBinary.run(["summarize", path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("devices   3 sharing one edge"), "\(text.stdout)")
        // 6 s at 1 frame/s: the last frames start at 5 s and the session ran 6 s.
        #expect(text.stdout.contains("duration  6.0 s, "), "\(text.stdout)")
        // The versions are the models, each named once with its layers (not the family as a model of the first's layers).
        #expect(text.stdout.contains("model     fashion, 2 versions: device (12 layers), edge (25 layers); input 3,136 B"), "\(text.stdout)")
        let rows = text.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        for id in ["cam-1", "cam-2", "cam-3"] {
            let row = try #require(rows.first { $0.first.map(String.init) == id }, "\(id) row")
            #expect(row.count > 3 && row[2] == "6", "\(row)")  // weight, then 6 frames
        }
        let fleet = try #require(rows.first { $0.first == "fleet" })
        #expect(fleet[1] == "18", "\(fleet)")
        #expect(text.stdout.contains("energy    ") && text.stdout.contains("mJ per frame over every device; no battery modelled"),
                "\(text.stdout)")
        #expect(text.stdout.contains("mJ/frame"))

        let json = try SplitscopeBinary.run(["summarize", "--json", path])
        let devices = try #require(try JSONValue.parse(json.stdout).objectValue?["devices"]?.arrayValue)
        #expect(devices.compactMap { $0.objectValue?["device"]?.stringValue } == ["cam-1", "cam-2", "cam-3"])
        #expect(devices.allSatisfy { $0.objectValue?["frames"]?.intValue == 6 })
        #expect(try JSONValue.parse(json.stdout).objectValue?["frames"]?.intValue == 18)
        // Each device's energy is the mean of its frames' recorded energy.
        let recording = try SessionReader.read(path: path)
        for device in devices {
            let id = try #require(device.objectValue?["device"]?.stringValue)
            let energies = Self.frames(recording.events).filter { $0.device == id && $0.frame.outcome != .dropped }.compactMap(\.frame.energyMJ)
            #expect(energies.count == 6, "\(id)")
            let mean = energies.reduce(0, +) / Double(max(1, energies.count))
            let summarised = try #require(device.objectValue?["energy_mj"]?.doubleValue, "\(id)")
            #expect(abs(summarised - mean) < 1e-9, "\(id)")
        }
    }

    /// Every processed frame of a fleet recording carries its device's energy by the single-device
    /// power model (5 W computing, 1.5 W sending, 0.5 W waiting for the round trip and the edge),
    /// and the header gives that model.
    @Test func fleetFramesCarryTheDevicesEnergy() throws {
        let (path, _) = try Self.record(["--compute-watts", "4", "--radio-watts", "2", "--idle-watts", "0.25"])
        let recording = try SessionReader.read(path: path)
        let power = try #require(recording.header.device?.power)
        #expect(power.computeWatts == 4 && power.radioWatts == 2 && power.idleWatts == 0.25)
        let frames = Self.frames(recording.events).filter { $0.frame.outcome == .ok }
        #expect(frames.count == 18)
        for (_, id, frame) in frames {
            let expected = 4 * (frame.deviceMs ?? 0) + 2 * (frame.transferMs ?? 0) + 0.25 * ((frame.rttMs ?? 0) + (frame.edgeMs ?? 0))
            let energy = try #require(frame.energyMJ, "\(String(describing: id))")
            #expect(abs(energy - expected) <= 1e-9 * max(1, expected), "\(String(describing: id))")
        }
    }

    /// A fleet recording from before energy was recorded still reads: no energy, said so.
    @Test func anOldFleetRecordingWithoutEnergySaysSo() throws {
        let old = FleetCommandTests.root.appendingPathComponent("Tests/SplitDashboardTests/Golden/fleet-replay.jsonl").path
        let text = try SplitscopeBinary.run(["summarize", old])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("energy    not recorded"), "\(text.stdout)")
        let row = try #require(text.stdout.split(separator: "\n").first { $0.contains("cam-1") })
        #expect(row.split(separator: " ").contains("-"), "\(row)")
    }

    /// One device's live recording carrying its edge's shares: no device table, a line for the shares.
    @Test func oneDeviceWithItsEdgesSharesIsSummarised() throws {
        let header = try String(contentsOfFile: FleetCommandTests.root.appendingPathComponent("SampleTraces/sessions/mobilenetv2-broadband.jsonl").path,
                                encoding: .utf8).split(separator: "\n")[0]
        let lines = [String(header),
                     #"{"type":"shares","t":0,"allocator":"exact","devices":[{"device":"cam-1","split":0,"compute_share":0.42,"bandwidth_share":0.3},{"device":"cam-2","version":"v","split":5,"compute_share":0.58,"bandwidth_share":0.7}]}"#,
                     #"{"type":"frame","t":0.1,"device":"cam-2","frame":0,"partition":{"split":5},"device_ms":1,"total_ms":1,"outcome":"ok"}"#]
        let path = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("one-device-shares.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try SplitscopeBinary.run(["summarize", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\ndevices   "), "no device table")
        #expect(result.stdout.contains("shares    1 edge allocation (exact) among 2 devices; it gives cam-2 v split 5, compute 58.0 %, uplink 70.0 %"),
                "\(result.stdout)")
    }

    /// A one-device session's summary has no device table.
    @Test func aSingleDeviceSummaryIsUnchanged() throws {
        let sample = FleetCommandTests.root.appendingPathComponent("SampleTraces/sessions/mobilenetv2-broadband.jsonl").path
        let result = try SplitscopeBinary.run(["summarize", sample])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("devices "))
        #expect(result.stdout.contains("energy    ") && !result.stdout.contains("not recorded"))
        let json = try JSONValue.parse(try SplitscopeBinary.run(["summarize", "--json", sample]).stdout)
        #expect(json.objectValue?["devices"] == .null)
    }
}
