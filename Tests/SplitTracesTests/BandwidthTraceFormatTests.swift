import SplitRandom
import Foundation
import Testing
@testable import SplitTraces

@Suite("BandwidthTraceFormat detection, parse and load")
struct BandwidthTraceFormatTests {
    @Test func detectsFromContent() {
        #expect(BandwidthTraceFormat.detect(text: "0\n94\n106\n") == .mahimahi)
        #expect(BandwidthTraceFormat.detect(text: "0.0\t4.03\n0.55\t4.79\n") == .cooked)
        #expect(BandwidthTraceFormat.detect(text: "1.0 311.0\n") == .cooked)
        #expect(BandwidthTraceFormat.detect(text: "\n  [\n {\"duration_ms\": 1}") == .sabre)
        #expect(BandwidthTraceFormat.detect(text: "Timestamp,Longitude,DL_bitrate,UL_bitrate\n") == .gNetTrackCSV)
        #expect(BandwidthTraceFormat.detect(text: "1,2532630\r\n2,2471310") == .bytesPerSecondCSV)
        #expect(BandwidthTraceFormat.detect(text: "timeInSeconds,BytesPerSecond\r\n1,2532630") == .bytesPerSecondCSV)
        #expect(BandwidthTraceFormat.detect(text: "a,b\nc,d\n") == nil)
        #expect(BandwidthTraceFormat.detect(text: "\u{FEFF}0\n5\n") == .mahimahi)
        #expect(BandwidthTraceFormat.detect(text: "hello world, again and again") == nil)
        #expect(BandwidthTraceFormat.detect(text: "") == nil)
    }

    @Test func contentWinsOverTheFileName() {
        #expect(BandwidthTraceFormat.detect(text: "0 1\n1 2\n", fileName: "trace.down") == .cooked)
    }

    @Test func fileNameHintsWhenContentCannotTell() {
        #expect(BandwidthTraceFormat.detect(text: "", fileName: "dir/foot.JSON") == .sabre)
        #expect(BandwidthTraceFormat.detect(text: "", fileName: "ATT-LTE-driving.up") == .mahimahi)
        #expect(BandwidthTraceFormat.detect(text: "", fileName: "Verizon.down") == .mahimahi)
        #expect(BandwidthTraceFormat.detect(text: "", fileName: "ucc5g-B.csv") == .gNetTrackCSV)
        #expect(BandwidthTraceFormat.detect(text: "", fileName: "mptraces-12_1_wifi.csv") == .bytesPerSecondCSV)
        #expect(BandwidthTraceFormat.detect(text: "", fileName: "lumos5g-x") == .cooked)
        #expect(BandwidthTraceFormat.detect(text: "", fileName: "notes.txt") == nil)
    }

    @Test func parseReportsUnknownAndEmpty() {
        func error(_ text: String, name: String = "x") -> TraceError? {
            do {
                _ = try BandwidthTrace.parse(text: text, name: name)
                return nil
            } catch {
                return error
            }
        }
        #expect(error("")?.kind == .emptyTrace)
        #expect(error(" \n\r\n\t")?.kind == .emptyTrace)
        #expect(error("hello world foo")?.kind == .unknownFormat)
        #expect(error("hello")?.description.hasPrefix("x: unknown trace format") == true)
        // An empty file whose name says JSON gets the SABRE reader's message.
        #expect(error("", name: "a.json")?.kind == .emptyTrace)
        // An explicit format overrides detection.
        #expect(error("0\n5\n", name: "x")?.kind == nil)
        #expect((try? BandwidthTrace.parse(text: "0 1\n2 3\n", name: "x", format: .cooked))?.duration == 2)
    }

    @Test func parseUsesTheDetectedReader() throws {
        let trace = try BandwidthTrace.parse(text: "0\n1\n2\n3\n4\n", name: "12mbps")
        #expect(isClose(trace.meanRate, 15))
        #expect(trace.name == "12mbps")
    }

    @Test func loadReportsUnreadableAndBinaryFiles() throws {
        let directory = try TraceFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let missing = directory.appendingPathComponent("nope").path
        var caught: TraceError?
        do { _ = try BandwidthTrace.load(path: missing) } catch { caught = error }
        if case .unreadableFile = caught?.kind {} else { Issue.record("missing file not reported: \(String(describing: caught))") }
        #expect(caught?.file == missing)

        var generator = SplitMix64(seed: 3)
        let garbage = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        let binary = directory.appendingPathComponent("garbage.bin")
        try garbage.write(to: binary)
        caught = nil
        do { _ = try BandwidthTrace.load(path: binary.path) } catch { caught = error }
        #expect(caught?.kind == .notText)

        let empty = directory.appendingPathComponent("empty")
        try Data().write(to: empty)
        caught = nil
        do { _ = try BandwidthTrace.load(path: empty.path) } catch { caught = error }
        #expect(caught?.kind == .emptyTrace)
        #expect(caught?.file == empty.path)

        caught = nil
        do { _ = try BandwidthTrace.load(path: directory.path) } catch { caught = error }
        #expect(caught != nil)
    }

    @Test func loadNamesThePathInErrors() throws {
        let directory = try TraceFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.down")
        try Data("0\n10\n5\n".utf8).write(to: file)
        var caught: TraceError?
        do { _ = try BandwidthTrace.load(path: file.path) } catch { caught = error }
        #expect(caught?.file == file.path)
        #expect(caught?.line == 3)
        #expect(caught?.description.hasPrefix("\(file.path):3: ") == true)

        let good = directory.appendingPathComponent("good.down")
        try Data("0\n10\n".utf8).write(to: good)
        #expect(try BandwidthTrace.load(path: good.path).name == "good.down")
    }

    @Test func garbageTextNeverTraps() {
        // Every reader, on a few kinds of junk: each must throw, none may crash.
        var generator = SplitMix64(seed: 11)
        let printable = (0..<20_000).map { _ in Character(UnicodeScalar(UInt8(32 + generator.next() % 95))) }
        let junk = [
            String(printable),
            String(repeating: "9", count: 2_000_000),
            String(repeating: ",", count: 10_000),
            "\u{FFFD}\u{0}\u{1}",
            "[" + String(repeating: "{\"duration_ms\": [", count: 2000),
        ]
        for text in junk {
            for format in BandwidthTraceFormat.allCases {
                #expect(throws: TraceError.self) { try BandwidthTrace.parse(text: text, name: "junk", format: format) }
            }
            #expect(throws: TraceError.self) { try BandwidthTrace.parse(text: text, name: "junk") }
        }
    }
}
