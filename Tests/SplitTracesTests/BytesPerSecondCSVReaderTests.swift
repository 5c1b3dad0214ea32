import Testing
@testable import SplitTraces

@Suite("BytesPerSecondCSVReader")
struct BytesPerSecondCSVReaderTests {
    let reader = BytesPerSecondCSVReader()

    @Test func eachRowIsOneSecondInBytesPerSecond() throws {
        // CRLF and no final newline, as in the MP-Traces files.
        let trace = try reader.read(text: "1,1000000\r\n2,2000000\r\n3,0", name: "mp")
        #expect(trace.segments.map(\.mbps) == [8, 16, 0])
        #expect(trace.duration == 3)
        #expect(isClose(trace.meanRate, 8))
    }

    @Test func aHeaderLineIsSkipped() throws {
        let trace = try reader.read(text: "timeInSeconds,BytesPerSecond\r\n1,125000\r\n", name: "mp")
        #expect(trace.segments.map(\.mbps) == [1])
    }

    @Test func brokenInputsAreReported() {
        #expect(readError("", with: reader)?.kind == .emptyTrace)
        #expect(readError("timeInSeconds,BytesPerSecond\r\n", with: reader)?.kind == .emptyTrace)
        let word = readError("1,5\r\n2,abc", with: reader, name: "mp.csv")
        #expect(word?.kind == .notANumber("abc"))
        #expect(word?.description == "mp.csv:2: field 'BytesPerSecond': not a number: \"abc\"")
        #expect(readError("2,1\r\n1,1", with: reader)?.kind == .decreasingTimestamp(previous: 2, current: 1))
        #expect(readError("1,-5", with: reader)?.kind == .negativeRate(-5))
        #expect(readError("1;5", with: reader)?.kind == .wrongFieldCount(expected: 2, found: 1))
        #expect(readError("1,5,6", with: reader)?.kind == .wrongFieldCount(expected: 2, found: 3))
        // 1e308 bytes/s is finite but far beyond any link: rejected by the bandwidth quantity's range.
        let huge = readError("1,1e308", with: reader, name: "mp.csv")
        #expect(huge?.description == "mp.csv:1: field 'BytesPerSecond': bandwidth must be 0 (an outage) or from 1e-6 to 1000000 Mbit/s, got 8e+302")
    }
}
