import Foundation
import SplitJSON
import SplitSession
import Testing

/// A cascade frame's `answered`, `confidence` and `correct` (version 1.2): written, read back,
/// absent from older files, and refused with the line and field when broken.
@Suite("Cascade frames")
struct CascadeFrameTests {
    static func header(version: String) -> String {
        #"{"type":"session","t":0,"schema":"splitscope-session","version":"\#(version)","start_time":"2025-03-14T09:26:53Z","source":"simulator","fps":10,"policy":"dynamic","model":{"format":"splitscope-profile","version":1,"name":"tiny","input":{"bytes":3136},"layers":[{"name":"fc","inputs":["input"],"output_bytes":40,"device_ms":1,"edge_ms":0.1}]}}"#
    }

    static let plainFrame = #"{"type":"frame","t":0.1,"frame":0,"partition":{"split":1},"device_ms":1,"total_ms":1,"outcome":"ok"}"#

    static func read(_ lines: [String], version: String = "1.2") throws -> SessionRecording {
        let scratch = ScratchDirectory()
        let path = scratch.write("cascade.jsonl", ([header(version: version)] + lines).joined(separator: "\n") + "\n")
        return try SessionReader.read(path: path)
    }

    static func frames(_ recording: SessionRecording) -> [FrameEvent] {
        recording.events.compactMap { if case .frame(let frame) = $0.event { frame } else { nil } }
    }

    @Test func theWriterWritesAtLeastVersion12() {
        #expect(SessionSchemaVersion.current >= SessionSchemaVersion(major: 1, minor: 2))
    }

    @Test func cascadeFieldsRoundTrip() throws {
        let appealed = FrameEvent(frame: 3, partition: .split(1), deviceMs: 0.4, bytesSent: 3_136, transferMs: 2.5, rttMs: 20,
                                  edgeMs: 1.1, totalMs: 24, outcome: .ok, answered: .edge, confidence: 0.42, correct: false)
        let kept = FrameEvent(frame: 4, partition: .split(1), deviceMs: 0.4, totalMs: 0.4, answered: .device, confidence: 1,
                              correct: true)
        let lines = [appealed, kept].enumerated().map { i, frame in
            SessionEventCodec.encode(TimedEvent(t: Double(i + 1) / 10, event: .frame(frame))).serialized()
        }
        #expect(lines[0].contains(#""answered":"edge","confidence":0.42,"correct":false"#))
        let recording = try Self.read(lines)
        #expect(recording.diagnostics.isEmpty)
        #expect(Self.frames(recording) == [appealed, kept])
    }

    /// A frame without the fields (every frame before 1.2, and frames that are not a cascade's) reads with them absent.
    @Test(arguments: ["1.0", "1.1", "1.2"])
    func olderFilesReadWithoutThem(_ version: String) throws {
        let recording = try Self.read([Self.plainFrame], version: version)
        #expect(recording.diagnostics.isEmpty)
        let frame = try #require(Self.frames(recording).first)
        #expect(frame.answered == nil)
        #expect(frame.confidence == nil)
        #expect(frame.correct == nil)
        #expect(!SessionEventCodec.encode(TimedEvent(t: 0.1, event: .frame(frame))).serialized().contains("confidence"))
    }

    /// Each broken value skips its line with a diagnostic naming the line and the field.
    @Test(arguments: [
        (#""confidence":NaN"#, "not valid JSON"),
        (#""confidence":1.5"#, "confidence: confidence must be from 0 to 1, got 1.5"),
        (#""confidence":-0.1"#, "confidence: confidence must be from 0 to 1, got -0.1"),
        (#""confidence":"high""#, "confidence: expected a number"),
        (#""answered":7"#, "answered: expected a string"),
        (#""answered":"""#, "answered: expected a non-empty string"),
        (#""correct":"yes""#, "correct: expected true or false"),
    ])
    func brokenValuesNameTheLineAndField(_ member: String, _ message: String) throws {
        let broken = #"{"type":"frame","t":0.2,"frame":1,"partition":{"split":1},"outcome":"ok","# + member + "}"
        let recording = try Self.read([Self.plainFrame, broken, Self.plainFrame.replacingOccurrences(of: "0.1", with: "0.3")])
        #expect(Self.frames(recording).count == 2)
        let diagnostic = try #require(recording.diagnostics.first)
        #expect(recording.diagnostics.count == 1)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
    }

    /// A word a newer build might write is kept, as every vocabulary keeps unknown words.
    @Test func unknownAnswererIsKept() throws {
        let frame = #"{"type":"frame","t":0.2,"frame":1,"partition":{"split":1},"outcome":"ok","answered":"peer"}"#
        let read = try #require(Self.frames(try Self.read([frame])).first)
        #expect(read.answered == FrameAnswerer(rawValue: "peer"))
        #expect(read.answered?.isKnown == false)
    }
}
