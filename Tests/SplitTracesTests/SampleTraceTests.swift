import Foundation
import Testing
@testable import SplitTraces

/// The traces shipped in `SampleTraces/traces`, which are always present.
@Suite("SampleTraces")
struct SampleTraceTests {
    /// Every file in the folder except the README.
    static func sampleFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: TraceFiles.samples, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") && $0.lastPathComponent != "README.md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func everySampleFileLoads() throws {
        let files = try Self.sampleFiles()
        #expect(files.count >= 6)
        for file in files {
            let trace = try BandwidthTrace.load(path: file.path)
            #expect(trace.meanRate > 0, "\(file.lastPathComponent)")
            #expect(trace.duration > 0)
            #expect(trace.transferTime(bytes: 1_000_000, startingAt: 0) != nil)
        }
    }

    @Test("Sample means match the README table", arguments: PublishedTrace.samples)
    func sampleMeans(_ published: PublishedTrace) throws {
        let path = TraceFiles.samples.appendingPathComponent(published.file).path
        let trace = try BandwidthTrace.load(path: path)
        #expect(abs(trace.meanRate / published.mean - 1) < 0.005, "mean \(trace.meanRate) vs \(published.mean)")
        #expect(isClose(trace.duration, published.period, tolerance: 1e-6))
        #expect(BandwidthTraceFormat.detect(text: try String(contentsOfFile: path, encoding: .utf8)) == published.format)
    }

    @Test func everySampleIsAttributedInTheReadme() throws {
        let readme = try String(contentsOf: TraceFiles.samples.appendingPathComponent("README.md"), encoding: .utf8)
        for file in try Self.sampleFiles() {
            #expect(readme.contains("`\(file.lastPathComponent)`"), "\(file.lastPathComponent) missing from README")
        }
        #expect(readme.contains("GPL-3.0-or-later"))
        #expect(FileManager.default.fileExists(atPath: TraceFiles.samples.appendingPathComponent("../LICENSE-GPL-3.0.txt").path))
    }

    @Test func sabreSampleHasItsSlots() throws {
        let trace = try BandwidthTrace.load(path: TraceFiles.samples.appendingPathComponent("sabre-report_foot_0002.json").path)
        #expect(trace.segments.count == 619)
        #expect(trace.segments.filter { $0.mbps == 0 }.count == 11)
        #expect(isClose(trace.segments[0].duration, 0.287))
        #expect(trace.segments[0].mbps == 4.827)
    }
}
