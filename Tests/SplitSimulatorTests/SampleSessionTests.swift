import Foundation
import SplitControl
import SplitCost
import SplitSession
import Testing

/// The shipped sample sessions (SampleTraces/sessions, made by its regenerate.sh) are in the
/// current format and every frame in them adds up.
@Suite("Sample sessions")
struct SampleSessionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleTraces/sessions")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    @Test func thereAreSampleSessions() {
        #expect(Self.files.count >= 4)
    }

    @Test(arguments: files)
    func everyFrameAddsUp(_ name: String) throws {
        let recording = try SessionReader.read(path: Self.folder.appendingPathComponent(name).path)
        #expect(recording.diagnostics.isEmpty)
        try #require(recording.header.version == .current, "regenerate the samples with SampleTraces/sessions/regenerate.sh")
        let power = try #require(recording.header.device?.power.map(DevicePowerModel.init))
        let checked = checkAccounting(recording.events, power: power, label: name)
        #expect(checked > 100)
        // Reproducible: a fixed start and no wall-clock decision times.
        #expect(recording.header.startTime == FixedClock().startTime)
        #expect(!recording.events.contains { if case .decision(let d) = $0.event { d.decisionMicros != nil } else { false } })
    }
}
