import Foundation
import SplitSession
import Testing
@testable import SplitCommands

/// Counts and their nouns agree ("1 device", "2 devices") in every count+noun message of
/// `summarize`, and the shares line says whose device count it gives.
@Suite("Count and noun")
struct CountNounTests {
    /// A count of exactly 1 followed by a plural noun, the mistake this suite looks for.
    static var singularCountPluralNoun: Regex<AnyRegexOutput> {
        try! Regex(#"(^|[^\d.,])1 (layers|events|frames|decisions|actions|probes|devices|edge allocations|damaged lines|shares events|threads|engine threads|runs|versions|clients|pins|nodes|initializers|tensors|cores)\b"#)
    }

    static let header = #"{"type":"session","t":0,"schema":"splitscope-session","version":"1.3","start_time":"2025-03-14T09:26:53Z","source":"live","policy":"dynamic","model":{"format":"splitscope-profile","version":1,"name":"one","input":{"bytes":4},"layers":[{"name":"fc","inputs":["input"],"output_bytes":4,"device_ms":1,"edge_ms":1}]}}"#
    static let shares = #"{"type":"shares","t":0.5,"allocator":"exact","devices":[{"device":"cam-1","split":0,"compute_share":1,"bandwidth_share":1}]}"#
    static let frame = #"{"type":"frame","t":1,"device":"cam-1","frame":0,"partition":{"split":1},"device_ms":1,"total_ms":1,"outcome":"ok"}"#
    static let probe = #"{"type":"probe","t":1.5,"bytes":1000,"airtime_ms":1,"energy_mj":1,"outcome":"ok"}"#
    static let operatorAction = #"{"type":"operator","t":2,"action":"pin","field":"split","old":null,"new":1}"#

    static func recording(_ lines: [String]) throws -> SessionRecording {
        try SessionReader.decode(bytes: Array((lines.joined(separator: "\n") + "\n").utf8), file: "counts.jsonl")
    }

    @Test("Format.counted: singular for exactly 1, plural otherwise, a given plural when irregular")
    func counted() {
        #expect(Format.counted(0, "device") == "0 devices")
        #expect(Format.counted(1, "device") == "1 device")
        #expect(Format.counted(2, "device") == "2 devices")
        #expect(Format.counted(1, "batch", plural: "batches") == "1 batch")
        #expect(Format.counted(3, "batch", plural: "batches") == "3 batches")
        #expect(Format.counted(1_000, "frame", grouped: true) == "1,000 frames")
    }

    @Test("one allocation among one device: the shares line is singular throughout")
    func oneAllocationOneDevice() throws {
        let line = try #require(FleetDigest.sharesLine(try Self.recording([Self.header, Self.shares, Self.frame])))
        // Alone on its edge the device chooses for itself.
        #expect(line == "1 edge allocation (exact) among 1 device; alone on it, cam-1 chooses its own version and split (compute 100.0 %, uplink 100.0 %)",
                "\(line)")
    }

    @Test("an allocation among two devices on an edge that shares no uplink: the device's uplink is not shared, not 0 %")
    func uplinkNotShared() throws {
        let two = #"{"type":"shares","t":0.5,"allocator":"exact","edge":{"gmacs_per_s":10},"devices":[{"device":"cam-1","split":0,"compute_share":0.5,"bandwidth_share":0},{"device":"cam-2","split":1,"compute_share":0.5,"bandwidth_share":0}]}"#
        let line = try #require(FleetDigest.sharesLine(try Self.recording([Self.header, two, Self.frame])))
        #expect(line == "1 edge allocation (exact) among 2 devices; it gives cam-1 split 0, compute 50.0 %, uplink not shared", "\(line)")
    }

    @Test("several allocations: the device count is the last allocation's, and says so")
    func severalAllocations() throws {
        let line = try #require(FleetDigest.sharesLine(try Self.recording([Self.header, Self.shares, Self.shares, Self.frame])))
        #expect(line.hasPrefix("2 edge allocations (exact), the last among 1 device;"), "\(line)")
    }

    @Test("every count+noun line of summarize agrees at a count of 1", arguments: [
        [header, shares, frame, probe, operatorAction],
        [header.replacingOccurrences(of: #""policy""#, with: #""devices":[{"device":"cam-1"}],"policy""#), shares, frame, operatorAction],
        [header, #"{"type":"frame","t":1,"frame":0,"version":"v","partition":{"split":1},"device_ms":1,"total_ms":1,"outcome":"ok"}"#, "{broken"],
    ])
    func summarizeAtOne(lines: [String]) throws {
        let text = SessionDigest(try Self.recording(lines)).text
        #expect(text.firstMatch(of: Self.singularCountPluralNoun) == nil, "\(text)")
        #expect(text.contains("1 layer,"), "\(text)")
    }

    @Test("inspect, plan and run of a one-layer model say \"1 layer\"")
    func oneLayerModel() throws {
        let path = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("one-layer.json").path
        let profile = #"{"format":"splitscope-profile","version":1,"name":"one","input":{"bytes":4},"layers":[{"name":"fc","inputs":["input"],"output_bytes":4,"device_ms":1,"edge_ms":1}]}"#
        try profile.write(toFile: path, atomically: true, encoding: .utf8)
        for arguments in [["inspect", "--profile", path], ["plan", "--profile", path, "--bandwidth-mbps", "10"]] {
            let result = try SplitscopeBinary.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.firstMatch(of: Self.singularCountPluralNoun) == nil, "\(arguments): \(result.stdout)")
        }
        #expect(try SplitscopeBinary.run(["inspect", "--profile", path]).stdout.contains("1 layer, chain"))
    }

    @Test("simulate --devices 1 says \"1 device\"")
    func simulateOneDevice() throws {
        let result = try SplitscopeBinary.run(["simulate", "--devices", "1", "--duration", "2", "--traces", FleetCommandTests.traces,
                                               "--versions", FleetCommandTests.manifest])
        guard result.status == 0 else {
            Issue.record("simulate --devices 1 failed: \(result.stderr)")
            return
        }
        #expect(result.stdout.hasPrefix("1 device sharing one edge"), "\(result.stdout)")
        #expect(result.stdout.firstMatch(of: Self.singularCountPluralNoun) == nil, "\(result.stdout)")
    }
}
