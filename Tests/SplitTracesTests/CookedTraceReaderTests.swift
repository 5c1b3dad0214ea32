import Testing
@testable import SplitTraces

@Suite("CookedTraceReader (Pensieve convention)")
struct CookedTraceReaderTests {
    let reader = CookedTraceReader()

    @Test func rateHoldsOverThePrecedingIntervalAndTheFirstSampleIsDropped() throws {
        // bw[1] = 2 over (0, 1], bw[2] = 5 over (1, 3]; bw[0] = 4 is never replayed.
        let trace = try reader.read(text: "0.0\t4\n1.0\t2\n3.0\t5\n", name: "c")
        #expect(trace.segments == [
            BandwidthSegment(start: 0, duration: 1, mbps: 2),
            BandwidthSegment(start: 1, duration: 2, mbps: 5),
        ])
        #expect(trace.duration == 3)
        #expect(isClose(trace.meanRate, (2 + 10) / 3.0))
        #expect(trace.rate(at: 0.5) == 2)
    }

    @Test func timeStartsAtTheFirstTimestamp() throws {
        // Lumos5G files start at t = 1: the period is 2 s, not 3.
        let trace = try reader.read(text: "1.0 311.0\n2.0 532.0\n3.0 500.0", name: "c")
        #expect(trace.duration == 2)
        #expect(isClose(trace.meanRate, 516))
        #expect(trace.rate(at: 0) == 532)
    }

    @Test func anyWhitespaceAndLineEndingWorks() throws {
        let trace = try reader.read(text: "  0   1\r\n1 \t 3\r\n\r\n2\t5", name: "c")
        #expect(trace.segments.map(\.mbps) == [3, 5])
    }

    @Test func repeatedTimestampsGiveNoSegment() throws {
        let trace = try reader.read(text: "0 1\n1 2\n1 3\n2 4\n", name: "c")
        #expect(trace.segments.map(\.mbps) == [2, 4])
        #expect(trace.duration == 2)
    }

    @Test func allZeroRatesAreAValidOutage() throws {
        let trace = try reader.read(text: "0 0\n1 0\n2 0\n", name: "c")
        #expect(trace.transferTime(bytes: 100, startingAt: 0) == nil)
    }

    @Test func brokenInputsAreReportedWithLineAndField() {
        #expect(readError("", with: reader)?.kind == .emptyTrace)
        #expect(readError("0 1\n", with: reader)?.kind == .zeroPeriod)
        #expect(readError("3 1\n3 2\n", with: reader)?.kind == .zeroPeriod)
        let word = readError("0 1\n1 4.0x\n", with: reader, name: "norway_bus_1")
        #expect(word?.kind == .notANumber("4.0x"))
        #expect(word?.description == "norway_bus_1:2: field 'Mbit/s': not a number: \"4.0x\"")
        let rate = readError("0 1\n1 -2\n", with: reader)
        #expect(rate?.kind == .negativeRate(-2))
        #expect(rate?.line == 2)
        #expect(rate?.field == "Mbit/s")
        #expect(readError("-1 1\n1 2\n", with: reader)?.kind == .negativeTimestamp(-1))
        let decreasing = readError("0 1\n2 1\n1 1\n", with: reader)
        #expect(decreasing?.kind == .decreasingTimestamp(previous: 2, current: 1))
        #expect(decreasing?.line == 3)
        #expect(decreasing?.field == "time_s")
        #expect(readError("0 1\n1 nan\n", with: reader)?.kind == .notFinite("nan"))
        #expect(readError("0 1\n1 inf\n", with: reader)?.kind == .notFinite("inf"))
        #expect(readError("0 1\n1 1e999\n", with: reader)?.kind == .notFinite("1e999"))
        #expect(readError("0 1\nnan 1\n", with: reader)?.kind == .notFinite("nan"))
        #expect(readError("0 1 2\n", with: reader)?.kind == .wrongFieldCount(expected: 2, found: 3))
        #expect(readError("0\n", with: reader)?.kind == .wrongFieldCount(expected: 2, found: 1))
    }
}
