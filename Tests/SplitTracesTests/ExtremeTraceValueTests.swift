import Foundation
import SplitTestSupport
import Testing
@testable import SplitTraces

/// Finite but absurd numbers in any of the five formats are refused with the file, line and
/// field, in the bandwidth and time quantities' words, instead of reaching the simulator.
@Suite("Traces with extreme numbers")
struct ExtremeTraceValueTests {
    static let cases: [(name: String, reader: any BandwidthTraceReader, text: String, line: Int?, field: String, words: String)] = [
        ("cooked rate", CookedTraceReader(), "0 5\n1 1e300\n2 3", 2, "Mbit/s", "bandwidth must be"),
        ("cooked time", CookedTraceReader(), "0 5\n1e300 3", 2, "time_s", "time must be"),
        ("bytes/s rate", BytesPerSecondCSVReader(), "1,125000\n2,1e200", 2, "BytesPerSecond", "bandwidth must be"),
        ("bytes/s time", BytesPerSecondCSVReader(), "1,125000\n1e30,5", 2, "timeInSeconds", "time must be"),
        ("G-NetTrack rate", GNetTrackCSVReader(), "Timestamp,DL_bitrate,UL_bitrate\n2020.02.14_13.21.26,1e300,20", 2,
         "DL_bitrate", "bandwidth must be"),
        ("mahimahi time", MahimahiTraceReader(), "0\n5\n9223372036854775807", 3, "timestamp_ms", "timestamp must be"),
        ("SABRE rate", SabreTraceReader(), #"[{"duration_ms": 1000, "bandwidth_kbps": 1e300}]"#, 1, "[0].bandwidth_kbps",
         "bandwidth must be"),
        // Above 0 but below 1 bit/s: a transfer over it would need more periods than a Double counts.
        ("cooked tiny rate", CookedTraceReader(), "0 5\n1 1e-310\n2 3", 2, "Mbit/s", "bandwidth must be 0 (an outage) or from 1e-6"),
        ("bytes/s tiny rate", BytesPerSecondCSVReader(), "1,125000\n2,1e-300", 2, "BytesPerSecond", "bandwidth must be 0 (an outage) or"),
        ("G-NetTrack tiny rate", GNetTrackCSVReader(), "Timestamp,DL_bitrate,UL_bitrate\n2020.02.14_13.21.26,1e-320,20", 2,
         "DL_bitrate", "bandwidth must be 0 (an outage) or"),
        ("SABRE tiny rate", SabreTraceReader(), #"[{"duration_ms": 1000, "bandwidth_kbps": 1e-305}]"#, 1, "[0].bandwidth_kbps",
         "bandwidth must be 0 (an outage) or"),
        ("SABRE duration", SabreTraceReader(), #"[{"duration_ms": 1e300, "bandwidth_kbps": 1000}]"#, 1, "[0].duration_ms",
         "time must be"),
    ]

    @Test func everyFormatRefusesOutOfRangeNumbers() {
        for c in Self.cases {
            let error = readError(c.text, with: c.reader, name: "trace")
            #expect(error?.line == c.line, "\(c.name): \(String(describing: error))")
            #expect(error?.field == c.field, "\(c.name): \(String(describing: error))")
            #expect(error?.message.contains(c.words) == true, "\(c.name): \(String(describing: error))")
        }
    }

    /// A transfer over any trace a program can build either finishes in finite time, no sooner than
    /// the fastest segment allows, or never (nil): a rate so small that the periods overflow once
    /// went through `max(0, NaN)` as an instant transfer (an edge frame over 1e-310 Mbit/s in 20 ms).
    @Test func transfersOverExtremeRatesAreFiniteOrNever() throws {
        var values = ExtremeDoubles(seed: 7)
        for _ in 0..<2_000 {
            let rate = abs(values.next())
            let seconds = max(1e-3, min(1e6, abs(values.next())))
            guard rate.isFinite, rate * BandwidthTrace.bytesPerSecondPerMbps * seconds < 1e300,
                  let trace = try? BandwidthTrace(name: "extreme", steps: [(seconds: seconds, mbps: rate), (seconds: 1, mbps: 0)])
            else { continue }
            let bytes = [1, 20_000, 1_000_000_000_000_000][values.index(below: 3)]
            let start = abs(values.next()).truncatingRemainder(dividingBy: 10)
            guard let time = trace.transferTime(bytes: bytes, startingAt: start) else { continue }
            #expect(time.isFinite, "rate \(rate) over \(seconds) s, \(bytes) bytes")
            if rate > 0 {
                // Times are differences of clock readings: allow their rounding, nothing more.
                let rounding = 1e-12 * (start + seconds + 1)
                #expect(time >= Double(bytes) / (rate * BandwidthTrace.bytesPerSecondPerMbps) * (1 - 1e-9) - rounding,
                        "rate \(rate) over \(seconds) s: \(bytes) bytes in \(time) s")
            }
        }
        let subnormal = try BandwidthTrace(name: "subnormal", steps: [(seconds: 2, mbps: 1e-310)])
        #expect(subnormal.transferTime(bytes: 20_000, startingAt: 0) == nil)
    }

    @Test func ratesAtTheLimitStillRead() throws {
        // The first row only marks time 0 (Pensieve's convention); the others are replayed.
        let trace = try CookedTraceReader().read(text: "0 0\n1 1000000\n2 0.000001", name: "edge")
        #expect(trace.segments.map(\.mbps) == [1_000_000, 0.000001])
    }

    @Test func filesThatCannotBeReadSaySoInWords() throws {
        let directory = try TraceFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent("binary.trace")
        try Data([0x00, 0x01, 0xFF, 0x10]).write(to: binary)
        let locked = directory.appendingPathComponent("locked.trace")
        try "0 5\n1 5\n".write(to: locked, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: locked.path) }
        // root reads anything, so the unreadable case only applies to other users.
        let lockedWords = FileManager.default.isReadableFile(atPath: locked.path) ? nil : "permission denied"
        let cases: [(String, String?)] = [
            (directory.path, "it is a directory, not a file"),
            (directory.appendingPathComponent("missing").path, "no such file"),
            (binary.path, "not UTF-8 text"),
            (locked.path, lockedWords),
        ]
        for (path, words) in cases {
            guard let words else { continue }
            do {
                _ = try BandwidthTrace.load(path: path)
                Issue.record("\(path) should not load")
            } catch {
                #expect(error.file == path)
                #expect(error.description.contains(words), "\(error)")
                #expect(!error.description.contains("NSCocoaErrorDomain"), "\(error)")
            }
        }
    }
}
