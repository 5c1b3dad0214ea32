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

    static func decision(_ t: Double, from: Int?, to: Int, version: String?) -> String {
        SessionFixtures.text(TimedEvent(t: t, event: .decision(DecisionEvent(from: from.map { .split($0) }, to: .split(to), version: version,
                                                                            reason: .edgeShares))))
    }

    /// Since 1.5 a decision names the version it chose, written after `to`, and is read against
    /// that version as a frame is.
    @Test func decisionsNameTheirVersionAndAreCheckedAgainstIt() throws {
        #expect(Self.decision(1, from: 0, to: 0, version: "full")
            == #"{"type":"decision","t":1,"from":{"split":0},"to":{"split":0},"version":"full","reason":"edge_shares"}"#)
        let lines = [
            SessionFixtures.text(TimedEvent(t: 0, event: .session(Self.header))),
            Self.decision(0, from: nil, to: 2, version: "p50"),   // fine: p50 has 2 layers
            Self.decision(1, from: 2, to: 3, version: "full"),    // fine: full has 3
            Self.decision(2, from: 3, to: 3, version: "p50"),     // beyond p50's layers
            Self.decision(3, from: 3, to: 1, version: "int8"),    // a version the header lacks
            Self.decision(4, from: 3, to: 40, version: nil),      // no version: not checked, as before 1.5
        ]
        let recording = try SessionReader.decode(bytes: Array((lines.joined(separator: "\n") + "\n").utf8), file: "v.jsonl")
        let decisions = recording.events.compactMap { event -> (Double, DecisionEvent)? in
            if case .decision(let decision) = event.event { return (event.t, decision) } else { return nil }
        }
        #expect(decisions.map(\.0) == [0, 1, 4])
        #expect(decisions.map(\.1.version) == ["p50", "full", nil])
        let messages = recording.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("4") && $0.contains("to: split 3 is beyond tiny-cnn-p50's 2 layers (version p50)") }, "\(messages)")
        #expect(messages.contains { $0.contains("5") && $0.contains(#""int8" is not one of the header's versions (full, p50)"#) }, "\(messages)")
    }

    /// A 1.4 file (a literal, as a 1.4 writer wrote it): its decisions name no version and read as before.
    @Test func aDecisionOfA14FileReadsWithoutAVersion() throws {
        var header = try #require(try JSONValue.parse(SessionFixtures.text(TimedEvent(t: 0, event: .session(Self.header)))).objectValue)
        header["version"] = "1.4"
        let lines = [
            JSONValue.object(header).serialized(),
            #"{"type":"decision","t":0,"to":{"split":2},"reason":"start","predicted_ms":12}"#,
            #"{"type":"frame","t":0,"frame":0,"partition":{"split":2},"total_ms":12,"outcome":"ok","version":"p50"}"#,
        ]
        let recording = try SessionReader.decode(bytes: Array((lines.joined(separator: "\n") + "\n").utf8), file: "old.jsonl")
        #expect(recording.diagnostics.isEmpty, "\(recording.diagnostics)")
        #expect(recording.header.version == SessionSchemaVersion(major: 1, minor: 4))
        guard case .decision(let decision) = recording.events.dropFirst().first?.event else {
            Issue.record("no decision in \(recording.events)")
            return
        }
        #expect(decision.version == nil && decision.to == .split(2))
    }

    @Test func aVersionedFrameOfAHeaderWithoutVersionsIsNotChecked() {
        var frame = FrameEvent(frame: 0, partition: .split(40), outcome: .ok)
        frame.version = "p50"
        #expect(SessionEvent.frame(frame).partitionProblem(in: SessionFixtures.header) == nil)
        frame.version = nil
        #expect(SessionEvent.frame(frame).partitionProblem(in: SessionFixtures.header) != nil)
    }
}
