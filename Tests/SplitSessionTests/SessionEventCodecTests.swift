import Testing
import SplitJSON
import SplitSession

@Suite("Event codec")
struct SessionEventCodecTests {
    @Test("every event type survives encode, serialize, parse and decode",
          arguments: SessionFixtures.everyType.indices)
    func roundTrip(index: Int) throws {
        let event = SessionFixtures.everyType[index]
        let line = SessionEventCodec.line(for: event)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        let decoded = try SessionEventCodec.decode(line: line.dropLast())
        #expect(decoded == .event(event))
    }

    @Test("lines start with type and t, and leave absent fields out")
    func layout() {
        let event = TimedEvent(t: 12.5, event: .link(LinkEvent(bandwidthMbps: 8, source: .trace)))
        #expect(SessionFixtures.text(event) == #"{"type":"link","t":12.5,"bandwidth_mbps":8,"source":"trace"}"#)
        let withDevice = TimedEvent(t: 3, device: "cam-2", event: .note(NoteEvent(text: "hi")))
        #expect(SessionFixtures.text(withDevice) == #"{"type":"note","t":3,"device":"cam-2","text":"hi"}"#)
    }

    @Test("the header carries schema, version and the model inline")
    func headerLayout() throws {
        let text = SessionFixtures.headerLine
        #expect(text.hasPrefix(#"{"type":"session","t":0,"schema":"splitscope-session","version":"1.5","start_time":"2025-03-14T09:26:53Z""#))
        let object = try #require(try JSONValue.parse(text).objectValue)
        #expect(object["model"]?.objectValue?["format"] == "splitscope-profile")
        #expect(object["device_info"]?.objectValue?["power_w"] == ["compute": 5, "radio": 1.5, "idle": 0.5])
        #expect(object["device"] == nil)
    }

    @Test("partitions are written as split or device_layers")
    func partitions() {
        #expect(SessionEventCodec.encode(.split(7)).serialized() == #"{"split":7}"#)
        #expect(SessionEventCodec.encode(.deviceLayers(["conv1", "branch_a"])).serialized() == #"{"device_layers":["conv1","branch_a"]}"#)
    }

    @Test("an unknown event type is reported, not an error")
    func unknownType() throws {
        let decoded = try SessionEventCodec.decode(line: Array(#"{"type":"thermal","t":4.5,"celsius":71}"#.utf8))
        #expect(decoded == .unknownType("thermal"))
    }

    @Test("unknown fields are ignored, at the top and inside objects")
    func unknownFields() throws {
        let text = #"{"type":"frame","t":1.5,"gpu_temp":61,"frame":3,"partition":{"split":2,"hint":"x"},"outcome":"ok","extra":{"a":[1,2]}}"#
        let decoded = try SessionEventCodec.decode(line: Array(text.utf8))
        #expect(decoded == .event(TimedEvent(t: 1.5, event: .frame(FrameEvent(frame: 3, partition: .split(2), outcome: .ok)))))

        var header = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        header["rack"] = "b7"
        header["version"] = "1.4"
        var device = try #require(header["device_info"]?.objectValue)
        device["firmware"] = "2.1"
        header["device_info"] = .object(device)
        guard case .event(let event) = try SessionEventCodec.decode(.object(header)),
              case .session(let read) = event.event else {
            Issue.record("expected a header")
            return
        }
        #expect(read.version == SessionSchemaVersion(major: 1, minor: 4))
        var expected = SessionFixtures.header
        expected.version = SessionSchemaVersion(major: 1, minor: 4)
        #expect(read == expected)
    }

    @Test("unknown words in vocabularies are kept as written")
    func unknownWords() throws {
        let text = #"{"type":"decision","t":2,"to":{"split":1},"reason":"thermal_throttle"}"#
        guard case .event(let event) = try SessionEventCodec.decode(line: Array(text.utf8)),
              case .decision(let decision) = event.event else {
            Issue.record("expected a decision")
            return
        }
        #expect(decision.reason.rawValue == "thermal_throttle")
        #expect(decision.reason.isKnown == false)
        #expect(DecisionReason.operatorPin.rawValue == "operator_pin")
        #expect(DecisionReason.operatorPin.isKnown)
    }

    @Test("a newer major version is refused with a clear message; a newer minor is read")
    func versions() throws {
        var header = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        header["version"] = "2.0"
        #expect(throws: SessionFieldError(field: "", reason: "schema version 2.0 is newer than this build reads (1.x); upgrade splitscope")) {
            try SessionEventCodec.decode(.object(header))
        }
        header["version"] = "1.99"
        #expect(throws: Never.self) { try SessionEventCodec.decode(.object(header)) }
        header["version"] = "one"
        #expect(throws: SessionFieldError(field: "version", reason: #"expected "major.minor" such as "1.0", got "one""#)) {
            try SessionEventCodec.decode(.object(header))
        }
        // Files of the previous minor version still read (1.0 had no probes, rtt_ms or energy breakdown).
        header["version"] = "1.0"
        #expect(throws: Never.self) { try SessionEventCodec.decode(.object(header)) }
        let old = #"{"type":"frame","t":0.4,"frame":4,"partition":{"split":0},"device_ms":0,"bytes_sent":0,"transfer_ms":589,"total_ms":1000,"energy_mj":2900,"outcome":"local"}"#
        guard case .event(let frame) = try SessionEventCodec.decode(line: Array(old.utf8)), case .frame(let f) = frame.event else {
            Issue.record("a 1.0 frame did not decode")
            return
        }
        #expect(f.rttMs == nil && f.transferMs == 589)
        header["schema"] = "other-format"
        #expect(throws: SessionFieldError(field: "schema", reason: #"expected "splitscope-session""#)) {
            try SessionEventCodec.decode(.object(header))
        }
    }

    @Test("broken events name the field at fault", arguments: [
        (#"{"type":"frame","t":1,"frame":1,"outcome":"ok"}"#, "partition: missing"),
        (#"{"type":"frame","t":1,"frame":-1,"partition":{"split":1},"outcome":"ok"}"#, "frame: expected a whole number ≥ 0, got -1"),
        (#"{"type":"frame","t":1,"frame":1,"partition":{"split":1.5},"outcome":"ok"}"#, "partition.split: expected a whole number ≥ 0, got 1.5"),
        (#"{"type":"frame","t":1,"frame":1,"partition":{},"outcome":"ok"}"#, #"partition: expected "split" or "device_layers""#),
        (#"{"type":"frame","t":1,"frame":1,"partition":{"device_layers":["a",2]},"outcome":"ok"}"#, "partition.device_layers[1]: expected a string"),
        (#"{"type":"link","t":"soon","bandwidth_mbps":1,"source":"trace"}"#, "t: expected a number"),
        (#"{"type":"link","t":-0.5,"bandwidth_mbps":1,"source":"trace"}"#, "t: time must be from 0 to 31536000 s, got -0.5"),
        (#"{"t":1}"#, "type: missing"),
        (#"{"type":"note","t":1,"device":7,"text":"x"}"#, "device: expected a string"),
        (#"{"type":"decision","t":1,"to":{"split":1},"reason":"start","candidates":[{"partition":{"split":1}}]}"#,
         "candidates[0].predicted_ms: missing"),
        (#"{"type":"fault","t":1,"kind":""}"#, "kind: expected a non-empty string"),
        (#"[1,2]"#, "expected a JSON object"),
        (#"{"type":"note","t":1,"text":"x""#, "not valid JSON (column 32: unterminated object)"),
    ])
    func brokenEvents(text: String, message: String) {
        #expect(throws: SessionFieldError.self) { try SessionEventCodec.decode(line: Array(text.utf8)) }
        do {
            _ = try SessionEventCodec.decode(line: Array(text.utf8))
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("null counts as absent for optional fields")
    func nullOptionals() throws {
        let text = #"{"type":"link","t":1,"device":null,"bandwidth_mbps":3,"rtt_ms":null,"source":"measured"}"#
        #expect(try SessionEventCodec.decode(line: Array(text.utf8))
            == .event(TimedEvent(t: 1, event: .link(LinkEvent(bandwidthMbps: 3, source: .measured)))))
    }
}

@Suite("Event codec: batch")
struct SessionBatchCodecTests {
    @Test func aFrameCarriesItsBatchAndOldFramesReadAsOne() throws {
        var frame = FrameEvent(frame: 3, partition: .split(2), outcome: .ok)
        frame.batch = 4
        let line = SessionEventCodec.line(for: TimedEvent(t: 1, event: .frame(frame)))
        #expect(String(decoding: line, as: UTF8.self).contains(#""batch":4"#))
        #expect(try SessionEventCodec.decode(line: line.dropLast()) == .event(TimedEvent(t: 1, event: .frame(frame))))
        let old = #"{"type":"frame","t":1,"frame":3,"partition":{"split":2},"outcome":"ok"}"#
        guard case .event(let timed) = try SessionEventCodec.decode(line: Array(old.utf8)), case .frame(let read) = timed.event else {
            Issue.record("not a frame")
            return
        }
        #expect(read.batch == nil)
        for bad in ["0", "-1", "2.5", "\"4\""] {
            let text = #"{"type":"frame","t":1,"frame":3,"partition":{"split":2},"outcome":"ok","batch":\#(bad)}"#
            #expect(throws: SessionFieldError.self, "batch \(bad)") { try SessionEventCodec.decode(line: Array(text.utf8)) }
        }
    }

    @Test func setBatchIsAKnownOperatorActionAndBatchAKnownReason() {
        #expect(OperatorAction.setBatch.isKnown)
        #expect(DecisionReason.batch.isKnown)
    }
}
