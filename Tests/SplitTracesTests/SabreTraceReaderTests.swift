import Testing
@testable import SplitTraces

@Suite("SabreTraceReader")
struct SabreTraceReaderTests {
    let reader = SabreTraceReader()

    @Test func slotsPlayInOrderInKilobitsPerSecond() throws {
        let text = """
            [
                {"duration_ms": 500, "bandwidth_kbps": 8000, "latency_ms": 20},
                {"duration_ms": 1500, "bandwidth_kbps": 0, "latency_ms": 20}
            ]
            """
        let trace = try reader.read(text: text, name: "s")
        #expect(trace.segments == [
            BandwidthSegment(start: 0, duration: 0.5, mbps: 8),
            BandwidthSegment(start: 0.5, duration: 1.5, mbps: 0),
        ])
        #expect(isClose(trace.meanRate, 2))
    }

    @Test func latencyIsOptionalAndZeroLengthSlotsAreSkipped() throws {
        let trace = try reader.read(
            text: #"[{"duration_ms": 0, "bandwidth_kbps": 1}, {"duration_ms": 1000, "bandwidth_kbps": 2500.5}]"#,
            name: "s")
        #expect(trace.segments.map(\.mbps) == [2.5005])
    }

    @Test func brokenJSONIsReported() {
        #expect(readError("", with: reader)?.kind == .emptyTrace)
        #expect(readError("[]", with: reader)?.kind == .emptyTrace)
        if case .invalidJSON = readError("[{", with: reader)?.kind {} else { Issue.record("truncated JSON accepted") }
        if case .invalidJSON = readError("{}", with: reader)?.kind {} else { Issue.record("an object accepted") }
        if case .invalidJSON = readError("[1, 2]", with: reader)?.kind {} else { Issue.record("numbers accepted") }
        let deep = String(repeating: "[", count: 100_000)
        if case .invalidJSON = readError(deep, with: reader)?.kind {} else { Issue.record("deep nesting accepted") }
        let error = readError("[{", with: reader, name: "foot.json")
        #expect(error?.description.hasPrefix("foot.json: invalid SABRE JSON: ") == true)
    }

    @Test func missingAndMistypedFieldsNameTheSlotAndLine() {
        let text = """
            [
                {"duration_ms": 287, "bandwidth_kbps": 4827, "latency_ms": 20},
                {"duration_ms": 1001, "bandwidth_kbps": 16730, "latency_ms": 20},
                {"bandwidth_kbps": 21014, "latency_ms": 20}
            ]
            """
        let missing = readError(text, with: reader, name: "foot.json")
        #expect(missing?.kind == .missingField)
        #expect(missing?.field == "[2].duration_ms")
        #expect(missing?.line == 4)
        #expect(missing?.description == "foot.json:4: field '[2].duration_ms': missing")

        let asString = readError(#"[{"duration_ms": "287", "bandwidth_kbps": 1}]"#, with: reader)
        #expect(asString?.kind == .notANumber("287"))
        #expect(asString?.line == 1)
        let asBool = readError(#"[{"duration_ms": true, "bandwidth_kbps": 1}]"#, with: reader)
        #expect(asBool?.field == "[0].duration_ms")
        if case .notANumber = asBool?.kind {} else { Issue.record("true accepted as a duration") }
        let asNull = readError(#"[{"duration_ms": 5, "bandwidth_kbps": null}]"#, with: reader)
        #expect(asNull?.field == "[0].bandwidth_kbps")
        #expect(readError(#"[{"duration_ms": 5}]"#, with: reader)?.field == "[0].bandwidth_kbps")
        #expect(readError(#"[{"duration_ms": -5, "bandwidth_kbps": 1}]"#, with: reader)?.kind == .negativeDuration(-5))
        #expect(readError(#"[{"duration_ms": 5, "bandwidth_kbps": -1}]"#, with: reader)?.kind == .negativeRate(-1))
        #expect(readError(#"[{"duration_ms": 0, "bandwidth_kbps": 1}]"#, with: reader)?.kind == .zeroPeriod)
        #expect(readError(#"[{"duration_ms": 5, "bandwidth_kbps": 1e400}]"#, with: reader) != nil)
    }

    @Test func slotLinesSkipStringsAndNesting() {
        let text = "[\n {\"a\": \"[{,\\\"\"},\n\n [1, {\"b\": 2}],\n 7]"
        #expect(SabreTraceReader.lineOfSlot(0, in: text) == 2)
        #expect(SabreTraceReader.lineOfSlot(1, in: text) == 4)
        #expect(SabreTraceReader.lineOfSlot(2, in: text) == 5)
        #expect(SabreTraceReader.lineOfSlot(3, in: text) == nil)
    }
}
