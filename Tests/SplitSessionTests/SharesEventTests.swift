import Foundation
import SplitJSON
import SplitSession
import Testing

/// The `shares` event of format 1.3: written as documented, read back, and each damaged field
/// named, while files of 1.0–1.2 read as before.
@Suite("Shares events")
struct SharesEventTests {
    /// The example of docs/session-format.md, byte for byte.
    static let example = #"{"type":"shares","t":12,"allocator":"exact","edge":{"gmacs_per_s":10,"uplink_mbps":20},"devices":[{"device":"cam-1","task_weight":0.95,"version":"fashion-edge","split":0,"compute_share":0.42,"bandwidth_share":0.3,"predicted_ms":8.1,"utility":0.81},{"device":"cam-2","task_weight":0.2,"version":"fashion-device","split":5,"compute_share":0.58,"bandwidth_share":0.7}]}"#

    static func header(version: String) -> String {
        #"{"type":"session","t":0,"schema":"splitscope-session","version":"\#(version)","start_time":"2025-03-14T09:26:53Z","source":"simulator","model":{"format":"splitscope-profile","version":1,"name":"tiny","input":{"bytes":3136},"layers":[{"name":"fc","inputs":["input"],"output_bytes":40,"device_ms":1,"edge_ms":0.1}]}}"#
    }

    static let frame = #"{"type":"frame","t":0.1,"device":"cam-1","frame":0,"partition":{"split":1},"device_ms":1,"total_ms":1,"outcome":"ok"}"#

    static func read(_ lines: [String], version: String = "1.3") throws -> SessionRecording {
        let scratch = ScratchDirectory()
        let path = scratch.write("shares.jsonl", ([header(version: version)] + lines).joined(separator: "\n") + "\n")
        return try SessionReader.read(path: path)
    }

    static func shares(_ recording: SessionRecording) -> [SharesEvent] {
        recording.events.compactMap { if case .shares(let shares) = $0.event { shares } else { nil } }
    }

    @Test func theWriterWritesVersion13OrLater() {
        #expect(SessionSchemaVersion.current >= SessionSchemaVersion(major: 1, minor: 3))
    }

    @Test func theDocumentedExampleReadsAndWritesBackTheSame() throws {
        guard case .event(let timed) = try SessionEventCodec.decode(line: Array(Self.example.utf8)),
              case .shares(let shares) = timed.event else {
            Issue.record("the example did not decode to a shares event")
            return
        }
        #expect(timed.t == 12)
        #expect(timed.device == nil)
        #expect(shares.allocator == .exact)
        #expect(shares.edge == SharedEdgeCapacity(gmacsPerSecond: 10, uplinkMbps: 20))
        #expect(shares.devices == [
            DeviceShare(device: "cam-1", split: 0, computeShare: 0.42, bandwidthShare: 0.3, taskWeight: 0.95,
                        version: "fashion-edge", predictedMs: 8.1, utility: 0.81),
            DeviceShare(device: "cam-2", split: 5, computeShare: 0.58, bandwidthShare: 0.7, taskWeight: 0.2,
                        version: "fashion-device"),
        ])
        #expect(shares.share(of: "cam-2")?.split == 5)
        #expect(shares.share(of: "cam-3") == nil)
        #expect(SessionEventCodec.encode(timed).serialized() == Self.example)
    }

    @Test func onlyTheRequiredFieldsRoundTrip() throws {
        let event = TimedEvent(t: 3, event: .shares(SharesEvent(allocator: .fast, devices: [
            DeviceShare(device: "a", split: 2, computeShare: 1, bandwidthShare: 0.5)])))
        let text = SessionEventCodec.encode(event).serialized()
        #expect(text == #"{"type":"shares","t":3,"allocator":"fast","devices":[{"device":"a","split":2,"compute_share":1,"bandwidth_share":0.5}]}"#)
        let recording = try Self.read([text])
        #expect(recording.diagnostics.isEmpty)
        #expect(Array(recording.events.dropFirst()) == [event])
    }

    /// Shares that sum to the whole edge give or take rounding read; the tolerance is 1e-6.
    @Test func columnsMaySumToOneWithinTheTolerance() throws {
        let line = #"{"type":"shares","t":1,"allocator":"exact","devices":[{"device":"a","split":0,"compute_share":0.3333336,"bandwidth_share":0.5},{"device":"b","split":0,"compute_share":0.6666668,"bandwidth_share":0.5}]}"#
        let recording = try Self.read([line])
        #expect(recording.diagnostics.isEmpty)
        #expect(Self.shares(recording).count == 1)
    }

    /// Each broken field skips its line with a diagnostic naming the line and the field; the
    /// lines around it still read.
    @Test(arguments: [
        (#""allocator":"exact","#, "", "allocator: missing"),
        (#""allocator":"exact""#, #""allocator":3"#, "allocator: expected a string"),
        (#""allocator":"exact""#, #""allocator":"""#, "allocator: expected a non-empty string"),
        (#""gmacs_per_s":10"#, #""gmacs_per_s":0"#, "edge.gmacs_per_s: compute rate must be > 0 (from 1e-6 to 1000000 GMAC/s), got 0"),
        (#""gmacs_per_s":10"#, #""gmacs_per_s":"fast""#, "edge.gmacs_per_s: expected a number"),
        (#""uplink_mbps":20"#, #""uplink_mbps":-1"#, "edge.uplink_mbps: bandwidth must be > 0 (from 1e-6 to 1000000 Mbit/s), got -1"),
        (#""edge":{"gmacs_per_s":10,"uplink_mbps":20}"#, #""edge":[10,20]"#, "edge: expected an object"),
        (#""devices":["#, #""devices":{"x":["#, "not valid JSON"),
        (#""device":"cam-1","#, "", "devices[0].device: missing"),
        (#""device":"cam-1""#, #""device":1"#, "devices[0].device: expected a string"),
        (#""device":"cam-1""#, #""device":"""#, "devices[0].device: expected 1 to 128 characters, got an empty id"),
        (#""device":"cam-2""#, #""device":"cam-1""#, #"devices[1].device: device "cam-1" is listed twice"#),
        (#""split":5,"#, "", "devices[1].split: missing"),
        (#""split":5"#, #""split":-1"#, "devices[1].split: expected a whole number ≥ 0, got -1"),
        (#""split":5"#, #""split":2.5"#, "devices[1].split: expected a whole number ≥ 0, got 2.5"),
        (#""compute_share":0.42,"#, "", "devices[0].compute_share: missing"),
        (#""compute_share":0.42"#, #""compute_share":1.5"#, "devices[0].compute_share: share must be from 0 to 1, got 1.5"),
        (#""compute_share":0.42"#, #""compute_share":-0.1"#, "devices[0].compute_share: share must be from 0 to 1, got -0.1"),
        (#""compute_share":0.42"#, #""compute_share":"half""#, "devices[0].compute_share: expected a number"),
        (#""compute_share":0.58"#, #""compute_share":0.6"#, "devices[1].compute_share: the devices' compute shares sum to 1.02 by here"),
        (#""bandwidth_share":0.3,"#, "", "devices[0].bandwidth_share: missing"),
        (#""bandwidth_share":0.7"#, #""bandwidth_share":0.71"#, "devices[1].bandwidth_share: the devices' bandwidth shares sum to 1.01"),
        (#""bandwidth_share":0.7"#, #""bandwidth_share":2"#, "devices[1].bandwidth_share: share must be from 0 to 1, got 2"),
        (#""task_weight":0.95"#, #""task_weight":1.2"#, "devices[0].task_weight: task weight must be from 0 to 1, got 1.2"),
        (#""task_weight":0.95"#, #""task_weight":"high""#, "devices[0].task_weight: expected a number"),
        (#""version":"fashion-edge""#, #""version":4"#, "devices[0].version: expected a string"),
        (#""predicted_ms":8.1"#, #""predicted_ms":-8.1"#, "devices[0].predicted_ms: time must be from 0 to"),
        (#""utility":0.81"#, #""utility":2"#, "devices[0].utility: utility must be from"),
        (#""utility":0.81"#, #""utility":true"#, "devices[0].utility: expected a number"),
    ])
    func brokenFieldsNameTheLineAndField(_ original: String, _ replacement: String, _ message: String) throws {
        #expect(Self.example.contains(original), "the test's original text must be in the example")
        let broken = Self.example.replacingOccurrences(of: original, with: replacement)
        let recording = try Self.read([Self.frame, broken, Self.example.replacingOccurrences(of: #""t":12"#, with: #""t":13"#)])
        #expect(Self.shares(recording).count == 1)
        #expect(recording.events.count == 3)  // the header, the frame and the good shares line
        let diagnostic = try #require(recording.diagnostics.first)
        #expect(recording.diagnostics.count == 1)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
    }

    @Test(arguments: [
        (#""devices":[]"#, "devices: expected at least one device"),
        (#""devices":"cam-1""#, "devices: expected an array"),
        (#""devices":[7]"#, "devices[0]: expected an object"),
        (#""devices":null"#, "devices: missing"),
    ])
    func aBrokenDeviceListIsNamed(_ devices: String, _ message: String) throws {
        let line = #"{"type":"shares","t":1,"allocator":"fast","# + devices + "}"
        let recording = try Self.read([line])
        #expect(Self.shares(recording).isEmpty)
        let diagnostic = try #require(recording.diagnostics.first)
        #expect(diagnostic.line == 2)
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
    }

    /// A newer allocator's name is kept as written, as every vocabulary keeps unknown words.
    @Test func anUnknownAllocatorIsKept() throws {
        let line = Self.example.replacingOccurrences(of: #""allocator":"exact""#, with: #""allocator":"drl""#)
        let shares = try #require(Self.shares(try Self.read([line])).first)
        #expect(shares.allocator == ShareAllocator(rawValue: "drl"))
        #expect(shares.allocator.isKnown == false)
        #expect(ShareAllocator.known.map(\.rawValue) == ["exact", "fast", "greedy"])
    }

    /// Files written before 1.3 have no shares and read unchanged, device ids and all.
    @Test(arguments: ["1.0", "1.1", "1.2"])
    func olderFilesReadUnchanged(_ version: String) throws {
        let recording = try Self.read([Self.frame], version: version)
        #expect(recording.diagnostics.isEmpty)
        #expect(recording.header.version == SessionSchemaVersion(text: version))
        #expect(recording.events.count == 2)
        #expect(recording.events.last?.device == "cam-1")
    }

    /// The replay index finds and decodes shares lines like any other event.
    @Test func theIndexDecodesShares() throws {
        let scratch = ScratchDirectory()
        let path = scratch.write("indexed.jsonl", [Self.header(version: "1.3"), Self.frame, Self.example].joined(separator: "\n") + "\n")
        let index = try SessionIndex.open(path: path)
        let events = index.events(from: 0, to: 100)
        #expect(events.count == 3)
        #expect(events.last?.event.typeName == "shares")
    }
}
