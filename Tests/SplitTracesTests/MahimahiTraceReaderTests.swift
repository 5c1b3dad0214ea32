import Testing
@testable import SplitTraces

@Suite("MahimahiTraceReader")
struct MahimahiTraceReaderTests {
    let reader = MahimahiTraceReader()

    @Test func periodIsTheLastTimestamp() throws {
        // Pensieve's `12mbps` file: five packets every 4 ms is 15 Mbit/s, not 12.
        let trace = try reader.read(text: "0\n1\n2\n3\n4\n", name: "12mbps")
        #expect(trace.duration == 0.004)
        #expect(isClose(trace.meanRate, 15))
        let fine = try MahimahiTraceReader(binMilliseconds: 1).read(text: "0\n1\n2\n3\n4\n", name: "12mbps")
        #expect(isClose(fine.meanRate, 15))
        // With 1-ms bins the opportunity at t_N joins the one at 0: 2 packets in the first ms.
        #expect(fine.segments.map(\.mbps) == [24, 12, 12, 12])
    }

    @Test func binsCountOpportunitiesAndMergeEmptyRuns() throws {
        // Period 1000 ms. Bin [0, 100): the two at 0 plus the one at t_N = 1000 (the next loop's 0).
        let trace = try reader.read(text: "0\n0\n150\n250\n1000\n", name: "m")
        #expect(trace.segments.count == 4)
        #expect(isClose(trace.segments[0].mbps, 12.0 * 3 / 100))
        #expect(isClose(trace.segments[1].mbps, 12.0 / 100))
        #expect(isClose(trace.segments[2].mbps, 12.0 / 100))
        #expect(isClose(trace.segments[3].start, 0.3))
        #expect(isClose(trace.segments[3].duration, 0.7))
        #expect(trace.segments[3].mbps == 0)
        #expect(isClose(trace.meanRate, 12.0 * 5 / 1000))
        #expect(trace.duration == 1)
    }

    @Test func lastBinMayBeShort() throws {
        // Period 250 ms: [0, 100) holds 0, 50 and t_N; [100, 250) is empty.
        let trace = try reader.read(text: "0\n50\n250", name: "m")
        #expect(trace.segments.count == 2)
        #expect(isClose(trace.segments[0].mbps, 0.36))
        #expect(isClose(trace.segments[1].duration, 0.15))
        #expect(isClose(trace.meanRate, 12.0 * 3 / 250))
        // A short last bin with packets: [200, 230) holds one packet at 210, plus t_N.
        let short = try reader.read(text: "210\n230\n", name: "m")
        #expect(isClose(short.meanRate, 12.0 * 2 / 230))
        #expect(isClose(short.rate(at: 0.215), 12.0 / 30))
    }

    @Test func binWidthIsAtLeastOneMillisecond() {
        #expect(MahimahiTraceReader(binMilliseconds: 0).binMilliseconds == 1)
        #expect(MahimahiTraceReader(binMilliseconds: -5).binMilliseconds == 1)
        #expect(MahimahiTraceReader().binMilliseconds == 100)
    }

    @Test func acceptsCRLFAndBlankLines() throws {
        let trace = try reader.read(text: "0\r\n\r\n5\r\n  10  \r\n", name: "m")
        #expect(isClose(trace.meanRate, 12.0 * 3 / 10))
    }

    @Test func hugeTimestampsDoNotAllocatePerBin() throws {
        // A year, the longest time splitscope accepts, is 3e11 bins of 100 ms: binned sparsely.
        let trace = try reader.read(text: "0\n31536000000\n", name: "m")
        #expect(trace.segments.count == 2)
        #expect(trace.duration == 31_536_000)
        // Beyond it, the time quantity refuses the line.
        let tooLong = readError("0\n9000000000000000000\n", with: reader, name: "m")
        #expect(tooLong?.description == "m:2: field 'timestamp_ms': timestamp must be a whole number from 0 to 31536000000 ms, got 9000000000000000000")
    }

    @Test func brokenInputsAreReportedWithLineAndField() {
        #expect(readError("", with: reader)?.kind == .emptyTrace)
        #expect(readError("\n \n", with: reader)?.kind == .emptyTrace)
        #expect(readError("0\n0\n0\n", with: reader)?.kind == .zeroPeriod)
        #expect(readError("0", with: reader)?.kind == .zeroPeriod)
        let decreasing = readError("0\n5\n3\n", with: reader)
        #expect(decreasing?.kind == .decreasingTimestamp(previous: 5, current: 3))
        #expect(decreasing?.line == 3)
        #expect(decreasing?.description == "t:3: field 'timestamp_ms': timestamp 3.0 is earlier than the previous one, 5.0")
        let negative = readError("0\n-5\n", with: reader)
        #expect(negative?.kind == .negativeTimestamp(-5))
        #expect(negative?.line == 2)
        #expect(readError("0\nabc\n", with: reader)?.kind == .notANumber("abc"))
        #expect(readError("0\n1.5\n", with: reader)?.kind == .notAnInteger("1.5"))
        #expect(readError("0\nnan\n", with: reader)?.kind == .notAnInteger("nan"))
        #expect(readError("0\n99999999999999999999\n", with: reader)?.kind == .notAnInteger("99999999999999999999"))
        #expect(readError("0 1\n", with: reader)?.kind == .wrongFieldCount(expected: 1, found: 2))
    }

    @Test func hugeLinesAreShortenedInMessages() throws {
        let error = try #require(readError("0\n" + String(repeating: "7", count: 1_000_000), with: reader))
        #expect(error.line == 2)
        #expect(error.description.count < 200)
    }
}
