import Foundation
import Testing
@testable import SplitTraces

/// The published statistics, reproduced from the real files in `shared/traces`.
@Suite("Real traces in shared/traces", .enabled(if: TraceFiles.sharedAvailable, "shared/traces is not beside the repository; set SPLITSCOPE_SHARED_TRACES=DIR to run these"))
struct SharedTraceTests {
    @Test("Mean and period match the README table", arguments: PublishedTrace.all)
    func meanMatchesTheReadme(_ published: PublishedTrace) throws {
        let trace = try BandwidthTrace.load(path: TraceFiles.sharedPath(published.file))
        #expect(abs(trace.meanRate / published.mean - 1) < 0.005, "mean \(trace.meanRate) vs \(published.mean)")
        #expect(isClose(trace.duration, published.period, tolerance: 1e-6))
        #expect(trace.name == published.file)
    }

    @Test("Format detected from content", arguments: PublishedTrace.all)
    func formatIsDetected(_ published: PublishedTrace) throws {
        let text = try String(contentsOfFile: TraceFiles.sharedPath(published.file), encoding: .utf8)
        #expect(BandwidthTraceFormat.detect(text: text) == published.format)
    }

    @Test func mahimahiMeanIsExactlyTwelveNOverTN() throws {
        for file in ["mahimahi-ATT-LTE-driving-2016.down", "mahimahi-Verizon-EVDO-driving.down"] {
            let text = try String(contentsOfFile: TraceFiles.sharedPath(file), encoding: .utf8)
            let lines = text.split(separator: "\n")
            let last = try #require(lines.last.flatMap { Double($0) })
            let expected = 12 * Double(lines.count) / last
            for width in [1, 100, 1000] {
                let trace = try MahimahiTraceReader(binMilliseconds: width).read(text: text, name: file)
                #expect(abs(trace.meanRate / expected - 1) < 1e-9)
            }
        }
    }

    @Test func mahimahiOneSecondBinsMatchTheReadme() throws {
        // README: the ATT downlink's fullest 1-s bin, [0, 1000) ms, is 27.552 Mbit/s (2296 packets).
        // Ours holds one packet more, 0.012 Mbit/s: the opportunity at t_N = 120002 ms, which
        // fires with the next loop's t = 0. The EV-DO file has 43 empty 1-s bins.
        let down = try MahimahiTraceReader(binMilliseconds: 1000)
            .read(text: String(contentsOfFile: TraceFiles.sharedPath("mahimahi-ATT-LTE-driving-2016.down"), encoding: .utf8), name: "d")
        #expect(isClose(down.segments.map(\.mbps).max(), 27.552 + 0.012, tolerance: 1e-9))
        #expect(isClose(down.segments[0].mbps, 0.012 * 2297, tolerance: 1e-9))
        let evdo = try MahimahiTraceReader(binMilliseconds: 1000)
            .read(text: String(contentsOfFile: TraceFiles.sharedPath("mahimahi-Verizon-EVDO-driving.down"), encoding: .utf8), name: "e")
        let emptySeconds = evdo.segments.filter { $0.mbps == 0 }.map(\.duration).reduce(0, +)
        #expect(isClose(emptySeconds, 43, tolerance: 1e-6))
    }

    @Test func uccUplinkColumnMeanMatchesTheReadme() throws {
        let text = try String(contentsOfFile: TraceFiles.sharedPath("ucc5g-B_2020.02.14_13.21.26.csv"), encoding: .utf8)
        let uplink = try GNetTrackCSVReader(direction: .uplink).read(text: text, name: "ucc")
        #expect(abs(uplink.meanRate - 0.17) < 0.005)
        #expect(uplink.segments.map(\.mbps).max() == 0.505)  // 505 kbit/s; the README rounds to 0.51
    }

    @Test func otherCookedConventionWouldGiveTheOtherFigure() throws {
        // Guards the convention: [t[i], t[i+1]) would give 2.953 for norway_bus_1, not 2.912.
        let text = try String(contentsOfFile: TraceFiles.sharedPath("pensieve-norway_bus_1"), encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: "\t").compactMap { Double($0) } }
        let forward = zip(rows, rows.dropFirst()).map { ($1[0] - $0[0]) * $0[1] }.reduce(0, +)
            / (rows[rows.count - 1][0] - rows[0][0])
        #expect(abs(forward - 2.953) < 0.001)
        let trace = try BandwidthTrace.load(path: TraceFiles.sharedPath("pensieve-norway_bus_1"))
        #expect(abs(trace.meanRate - 2.912) < 0.001)
    }

    @Test("Sample copies are byte-for-byte identical", arguments: PublishedTrace.samples)
    func samplesAreIdentical(_ published: PublishedTrace) throws {
        let original = try Data(contentsOf: TraceFiles.shared.appendingPathComponent(published.file))
        let copy = try Data(contentsOf: TraceFiles.samples.appendingPathComponent(published.file))
        #expect(original == copy)
    }
}
