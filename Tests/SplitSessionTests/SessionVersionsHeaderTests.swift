import Testing
import SplitJSON
import SplitModels
import SplitSession

/// A session of a version family lists every version in its header, and frames are read
/// against the version that ran them.
@Suite("Session header: model versions")
struct SessionVersionsHeaderTests {
    /// A pruned two-layer version of the fixture model: another layer count and smaller outputs.
    static let pruned = ModelProfile(name: "tiny-cnn-p50", inputBytes: 602_112, layers: [
        ProfileLayer(name: "conv1", inputs: [.input], outputBytes: 1_605_632, deviceMs: 6.5, edgeMs: 0.4, op: OpKind(name: "conv")),
        ProfileLayer(name: "fc", inputs: [.layer(0)], outputBytes: 4_000, deviceMs: 3, edgeMs: 0.2),
    ])

    static var header: SessionHeader {
        var header = SessionFixtures.header
        header.versions = [SessionModelVersion(name: "full", accuracyPercent: 91.25, model: SessionFixtures.model),
                           SessionModelVersion(name: "p50", accuracyPercent: 88.5, compression: "channel pruning, 50 % kept",
                                               model: pruned)]
        return header
    }

    static func frame(_ number: Int, split: Int, version: String?) -> String {
        var frame = FrameEvent(frame: number, partition: .split(split), totalMs: 20, outcome: .ok)
        frame.version = version
        return SessionFixtures.text(TimedEvent(t: Double(number) / 10, event: .frame(frame)))
    }

    static func decodeHeader(_ object: JSONObject) throws -> SessionHeader {
        guard case .event(let timed) = try SessionEventCodec.decode(.object(object)), case .session(let header) = timed.event else {
            throw SessionFieldError(field: "", reason: "not a header")
        }
        return header
    }

    @Test func theVersionsRoundTripWithTheirProfiles() throws {
        let text = SessionFixtures.text(TimedEvent(t: 0, event: .session(Self.header)))
        #expect(text.contains(#""versions":[{"name":"full","accuracy_pct":91.25,"compression":"none","model":{"#))
        let object = try #require(try JSONValue.parse(text).objectValue)
        let read = try Self.decodeHeader(object)
        #expect(read == Self.header)
        #expect(read.model(ofVersion: "p50").layerCount == 2)
        #expect(read.model(ofVersion: "full").layerCount == 3)
        #expect(read.model(ofVersion: nil) == SessionFixtures.model)
    }

    @Test func aHeaderWithoutVersionsReadsAsBefore() throws {
        let object = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        #expect(try Self.decodeHeader(object).versions.isEmpty)
    }

    @Test(arguments: [
        (#"[{"accuracy_pct":90,"model":{}}]"#, "versions[0].name"),
        (#"[{"name":"../x","accuracy_pct":90}]"#, "versions[0].name"),
        (#"[{"name":"a","model":{}}]"#, "versions[0].accuracy_pct"),
        (#"[{"name":"a","accuracy_pct":101}]"#, "versions[0].accuracy_pct"),
        (#"[{"name":"a","accuracy_pct":90}]"#, "versions[0].model"),
        (#"[{"name":"a","accuracy_pct":90,"model":{"format":"splitscope-profile"}}]"#, "versions[0].model"),
        (#"{"name":"a"}"#, "versions"),
        (#"[3]"#, "versions[0]"),
    ])
    func aBrokenVersionNamesItsField(versions: String, field: String) throws {
        var object = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        object["versions"] = try JSONValue.parse(versions)
        do {
            _ = try Self.decodeHeader(object)
            Issue.record("\(versions) was accepted")
        } catch {
            #expect("\(error)".contains(field), "\(error)")
        }
    }

    @Test func aVersionListedTwiceIsRefused() throws {
        var header = Self.header
        header.versions[1].name = "full"
        let text = SessionFixtures.text(TimedEvent(t: 0, event: .session(header)))
        let object = try #require(try JSONValue.parse(text).objectValue)
        do {
            _ = try Self.decodeHeader(object)
            Issue.record("a duplicate version was accepted")
        } catch {
            #expect("\(error)".contains("versions[1].name"), "\(error)")
        }
    }

    @Test func framesAreCheckedAgainstTheirVersionAndAnUnknownVersionIsDamaged() throws {
        let lines = [
            SessionFixtures.text(TimedEvent(t: 0, event: .session(Self.header))),
            Self.frame(0, split: 3, version: "full"),   // fine: full has 3 layers
            Self.frame(1, split: 2, version: "p50"),    // fine: p50 has 2
            Self.frame(2, split: 3, version: "p50"),    // beyond p50's layers
            Self.frame(3, split: 1, version: "int8"),   // a version the header lacks
            Self.frame(4, split: 3, version: nil),      // no version: the header's model
        ]
        let recording = try SessionReader.decode(bytes: Array((lines.joined(separator: "\n") + "\n").utf8), file: "v.jsonl")
        let frames = recording.events.compactMap { event -> FrameEvent? in
            if case .frame(let frame) = event.event { return frame } else { return nil }
        }
        #expect(frames.map(\.frame) == [0, 1, 4])
        let messages = recording.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("4") && $0.contains("split 3 is beyond tiny-cnn-p50's 2 layers (version p50)") }, "\(messages)")
        #expect(messages.contains { $0.contains("5") && $0.contains(#""int8" is not one of the header's versions (full, p50)"#) }, "\(messages)")
    }

    @Test func theIndexLeavesOutTheSameFramesAsTheReader() throws {
        let scratch = ScratchDirectory()
        let lines = [
            SessionFixtures.text(TimedEvent(t: 0, event: .session(Self.header))),
            Self.frame(0, split: 2, version: "p50"),
            Self.frame(1, split: 3, version: "p50"),
            Self.frame(2, split: 1, version: "int8"),
            Self.frame(3, split: 3, version: "full"),
        ]
        let path = scratch.write("v.jsonl", lines.joined(separator: "\n") + "\n")
        let index = try SessionIndex.open(path: path)
        let frames = index.events(in: 0..<index.eventCount).compactMap { event -> Int? in
            if case .frame(let frame) = event.event { return frame.frame } else { return nil }
        }
        #expect(frames == [0, 3])
    }

    @Test func aVersionedFrameOfAHeaderWithoutVersionsIsNotChecked() {
        var frame = FrameEvent(frame: 0, partition: .split(40), outcome: .ok)
        frame.version = "p50"
        #expect(SessionEvent.frame(frame).partitionProblem(in: SessionFixtures.header) == nil)
        frame.version = nil
        #expect(SessionEvent.frame(frame).partitionProblem(in: SessionFixtures.header) != nil)
    }
}
