import Foundation
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
        ("mahimahi time", MahimahiTraceReader(), "0\n5\n9223372036854775807", 3, "timestamp_ms", "time must be"),
        ("SABRE rate", SabreTraceReader(), #"[{"duration_ms": 1000, "bandwidth_kbps": 1e300}]"#, 1, "[0].bandwidth_kbps",
         "bandwidth must be"),
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
