import Foundation
import SplitJSON
import SplitSession
import SplitTestSupport
import Testing

/// `simulate --devices N --accuracy-floor-pct P`: every device of the fleet runs only the
/// versions that meet the floor, and a floor none meets is said once, end to end through the
/// real binary. (The manifest's versions: `device` 89.31 %, `edge` 90.21 %.)
@Suite struct FleetFloorTests {
    static let unmet95 = "no version meets the accuracy floor: falling back to the most accurate (floor 95 %; edge is 90.21 %)"

    /// The versions each device ran and was assigned, from a fleet recording's frames and shares.
    static func versionsUsed(_ recording: SessionRecording) -> Set<String> {
        var names = Set<String>()
        for timed in recording.events {
            switch timed.event {
            case .frame(let frame): if let version = frame.version { names.insert(version) }
            case .shares(let shares): for share in shares.devices { if let version = share.version { names.insert(version) } }
            default: break
            }
        }
        return names
    }

    /// The decisions of a fleet recording that changed neither the device's version nor its split
    /// (judged by the device's frames before and after): there should be none.
    static func unchangedDecisions(_ recording: SessionRecording) -> [String] {
        var ran: [String: (version: String?, partition: SessionPartition)] = [:]
        var decided: [String: Double] = [:]
        var unchanged: [String] = []
        for timed in recording.events {
            guard let id = timed.device else { continue }
            switch timed.event {
            case .decision: decided[id] = timed.t
            case .frame(let frame) where frame.outcome != .dropped:
                if let t = decided.removeValue(forKey: id), let before = ran[id],
                   before.version == frame.version, before.partition == frame.partition {
                    unchanged.append("\(id) at \(t) s")
                }
                ran[id] = (frame.version, frame.partition)
            default: break
            }
        }
        return unchanged
    }

    static func notes(_ recording: SessionRecording) -> [(t: Double, text: String)] {
        recording.events.compactMap { if case .note(let note) = $0.event { ($0.t, note.text) } else { nil } }
    }

    /// Without a floor this fleet assigns the faster, less accurate version too; a floor of 90 %
    /// excludes it from every device's choice and every allocator's options.
    @Test func aFloorThatExcludesAVersionNeverAssignsIt() throws {
        let (open, _) = try FleetRecordingTests.record(seconds: 8)
        #expect(Self.versionsUsed(try SessionReader.read(path: open)).contains("device"),
                "without a floor the fleet uses the 89.31 % version, so the floor below has something to exclude")

        let (floored, stdout) = try FleetRecordingTests.record(["--accuracy-floor-pct", "90"], seconds: 8)
        let recording = try SessionReader.read(path: floored)
        #expect(recording.header.constraints.accuracyFloorPct == 90)
        #expect(Self.versionsUsed(recording) == ["edge"])
        #expect(Self.notes(recording).isEmpty, "a floor one version meets needs no note")
        #expect(Self.unchangedDecisions(recording).isEmpty)
        #expect(Self.unchangedDecisions(try SessionReader.read(path: open)).isEmpty)
        #expect(stdout.contains("accuracy floor 90 %, devices run edge"), "\(stdout)")

        // Every allocator, not only the recorded one, ran the edge version only.
        let json = try SplitscopeBinary.run(["simulate", "--devices", "3", "--duration", "8", "--traces", FleetCommandTests.traces,
                                             "--versions", FleetCommandTests.manifest, "--device-speeds", "0.01,0.05",
                                             "--edge-gmacs-per-s", "1", "--rtt-ms", "10", "--edge-uplink-mbps", "20",
                                             "--accuracy-floor-pct", "90", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let allocators = try #require(try JSONValue.parse(json.stdout).objectValue?["allocators"]?.arrayValue)
        #expect(allocators.count == 3)
        for allocator in allocators {
            let accuracy = try #require(allocator.objectValue?["mean_accuracy_pct"]?.doubleValue)
            #expect(abs(accuracy - 90.21) < 1e-9, "\(allocator)")
        }
    }

    /// A floor no version meets: the fleet runs the most accurate version, says so once on
    /// standard error and once in the recording (a note at 0 s, before the first second).
    @Test func anUnmetFloorFallsBackToTheMostAccurateAndSaysSo() throws {
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("fleet-unmet-\(UUID().uuidString).jsonl").path
        let result = try SplitscopeBinary.run(["simulate", "--devices", "3", "--duration", "6", "--traces", FleetCommandTests.traces,
                                               "--versions", FleetCommandTests.manifest, "--device-speeds", "0.01,0.05",
                                               "--edge-gmacs-per-s", "1", "--rtt-ms", "10", "--edge-uplink-mbps", "20",
                                               "--accuracy-floor-pct", "95", "--clock", "fixed", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: Self.unmet95).count == 2, "said once: \(result.stderr)")
        #expect(!result.stdout.contains("no version meets"), "not said again on standard output")
        let recording = try SessionReader.read(path: out)
        #expect(Self.versionsUsed(recording) == ["edge"])
        let notes = Self.notes(recording)
        #expect(notes.map(\.text) == [Self.unmet95])
        #expect(notes.first?.t == 0)
        let first = recording.events.first { if case .session = $0.event { false } else { true } }
        #expect(first?.event.typeName == "note", "the note comes before the first second's events")

        // The JSON report carries it among its notes.
        let json = try SplitscopeBinary.run(["simulate", "--devices", "2", "--duration", "2", "--traces", FleetCommandTests.traces,
                                             "--versions", FleetCommandTests.manifest, "--accuracy-floor-pct", "95", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let reported = try JSONValue.parse(json.stdout).objectValue?["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(reported.contains(Self.unmet95), "\(json.stdout)")

        // `summarize` shows it.
        let summary = try SplitscopeBinary.run(["summarize", out])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("0.0 s  " + Self.unmet95), "\(summary.stdout)")
    }
}
