import Testing
import SplitJSON
import SplitSession

/// Format 1.2 records the accuracy floor in the header's constraints and in operator events,
/// and still reads 1.0 and 1.1 headers, which have none.
@Suite("Session format 1.2: the accuracy floor")
struct AccuracyFloorSessionTests {
    @Test func theHeaderCarriesTheFloorAndWritesTheCurrentVersion() throws {
        var header = SessionFixtures.header
        header.constraints.accuracyFloorPct = 89.5
        let event = TimedEvent(t: 0, event: .session(header))
        let text = SessionFixtures.text(event)
        #expect(text.contains(#""version":"\#(SessionSchemaVersion.current)""#))
        #expect(text.contains(#""accuracy_floor_pct":89.5"#))
        let decoded = try SessionEventCodec.decode(line: Array(text.utf8))
        guard case .event(let back) = decoded, case .session(let read) = back.event else {
            Issue.record("the header did not decode")
            return
        }
        #expect(read.constraints.accuracyFloorPct == 89.5)
        #expect(read.version == .current)
    }

    @Test(arguments: ["1.0", "1.1"])
    func olderHeadersStillReadWithoutAFloor(version: String) throws {
        var object = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        object["version"] = .string(version)
        guard case .event(let timed) = try SessionEventCodec.decode(.object(object)), case .session(let header) = timed.event else {
            Issue.record("a \(version) header did not decode")
            return
        }
        #expect(header.version.description == version)
        #expect(header.constraints.accuracyFloorPct == nil)
        #expect(header.constraints.sloMs == 100)
    }

    @Test func aBadFloorNamesTheField() throws {
        var object = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        var limits = try #require(object["constraints"]?.objectValue)
        limits["accuracy_floor_pct"] = "high"
        object["constraints"] = .object(limits)
        #expect(throws: SessionFieldError.self) { try SessionEventCodec.decode(.object(object)) }
        do {
            _ = try SessionEventCodec.decode(.object(object))
        } catch {
            #expect("\(error)".contains("accuracy_floor_pct"))
        }
    }

    @Test func anOutOfRangeFloorIsRefusedInTheAccuracyWords() throws {
        var object = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        var limits = try #require(object["constraints"]?.objectValue)
        limits["accuracy_floor_pct"] = 100.5
        object["constraints"] = .object(limits)
        do {
            _ = try SessionEventCodec.decode(.object(object))
            Issue.record("a floor of 100.5 % was accepted")
        } catch {
            #expect("\(error)".contains("constraints.accuracy_floor_pct"), "\(error)")
            #expect("\(error)".contains("accuracy must be from 0 to 100 %"), "\(error)")
        }
    }

    @Test func anOperatorEventSetsTheFloor() throws {
        let event = TimedEvent(t: 4, event: .operatorAction(OperatorEvent(action: .setConstraint, field: "accuracy_floor_pct",
                                                                         oldValue: nil, newValue: 90)))
        let line = SessionEventCodec.line(for: event)
        #expect(try SessionEventCodec.decode(line: line.dropLast()) == .event(event))
    }

    @Test func aFrameNamesItsModelVersion() throws {
        var frame = FrameEvent(frame: 3, partition: .split(2), totalMs: 12, outcome: .ok)
        frame.version = "p50"
        let event = TimedEvent(t: 0.3, event: .frame(frame))
        let text = SessionFixtures.text(event)
        #expect(text.contains(#""version":"p50""#))
        #expect(try SessionEventCodec.decode(line: Array(text.utf8)) == .event(event))
        // A 1.1 frame has none.
        let old = #"{"type":"frame","t":0.4,"frame":4,"partition":{"split":0},"total_ms":10,"outcome":"ok"}"#
        guard case .event(let timed) = try SessionEventCodec.decode(line: Array(old.utf8)), case .frame(let read) = timed.event else {
            Issue.record("a 1.1 frame did not decode")
            return
        }
        #expect(read.version == nil)
        let bad = #"{"type":"frame","t":0.4,"frame":4,"partition":{"split":0},"outcome":"ok","version":7}"#
        #expect(throws: SessionFieldError.self) { try SessionEventCodec.decode(line: Array(bad.utf8)) }
    }
}
