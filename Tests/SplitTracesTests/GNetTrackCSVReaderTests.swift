import Foundation
import Testing
@testable import SplitTraces

@Suite("GNetTrackCSVReader")
struct GNetTrackCSVReaderTests {
    let csv = """
        Timestamp,Longitude,DL_bitrate,UL_bitrate,State
        2020.02.14_13.21.26,-8.39,1000,20,D
        2020.02.14_13.21.27,-8.39,3000,40,D
        2020.02.14_13.21.27,-8.39,0,0,D
        2020.02.14_13.21.30,-8.39,4000,0,I
        """

    @Test func eachRowIsOneSecondInKilobitsPerSecond() throws {
        let trace = try GNetTrackCSVReader().read(text: csv, name: "ucc")
        #expect(trace.segments.map(\.mbps) == [1, 3, 0, 4])
        #expect(trace.duration == 4)  // four rows, although the timestamps span five seconds
        #expect(isClose(trace.meanRate, 2))
    }

    @Test func uplinkColumnOnRequest() throws {
        let trace = try GNetTrackCSVReader(direction: .uplink).read(text: csv, name: "ucc")
        #expect(isClose(trace.meanRate, 0.015))
        #expect(GNetTrackCSVReader().direction == .downlink)
    }

    @Test func crlfLineEndingsWork() throws {
        let trace = try GNetTrackCSVReader().read(text: csv.replacingOccurrences(of: "\n", with: "\r\n"), name: "ucc")
        #expect(trace.segments.count == 4)
    }

    @Test func brokenInputsAreReported() {
        let reader = GNetTrackCSVReader()
        let noColumn = readError("Timestamp,UL_bitrate\n2020.02.14_13.21.26,5\n", with: reader, name: "ucc.csv")
        #expect(noColumn?.kind == .missingColumn("DL_bitrate"))
        #expect(noColumn?.line == 1)
        #expect(noColumn?.description == "ucc.csv:1: the header has no 'DL_bitrate' column")
        #expect(readError("Timestamp,DL_bitrate\n", with: reader)?.kind == .emptyTrace)
        #expect(readError("", with: reader)?.kind == .emptyTrace)
        let dash = readError("Timestamp,DL_bitrate\n2020.02.14_13.21.26,5\n2020.02.14_13.21.27,-\n", with: reader)
        #expect(dash?.kind == .missingValue)
        #expect(dash?.line == 3)
        #expect(dash?.field == "DL_bitrate")
        let word = readError("Timestamp,DL_bitrate\n2020.02.14_13.21.26,fast\n", with: reader)
        #expect(word?.kind == .notANumber("fast"))
        #expect(readError("Timestamp,DL_bitrate\n2020.02.14_13.21.26,-7\n", with: reader)?.kind == .negativeRate(-7))
        let short = readError("Timestamp,Speed,DL_bitrate\n2020.02.14_13.21.26,0\n", with: reader)
        #expect(short?.kind == .wrongFieldCount(expected: 3, found: 2))
        let backwards = readError(
            "Timestamp,DL_bitrate\n2020.02.14_13.21.26,5\n2020.02.14_13.21.25,5\n", with: reader)
        #expect(backwards?.kind == .decreasingTimestamp(previous: 1_581_686_486, current: 1_581_686_485))
        #expect(backwards?.line == 3)
        let badTime = readError("Timestamp,DL_bitrate\n2020-02-14 13:21:26,5\n", with: reader)
        #expect(badTime?.kind == .invalidTimestamp("2020-02-14 13:21:26"))
        #expect(readError("Timestamp,DL_bitrate\n2020.13.14_13.21.26,5\n", with: reader)?.field == "Timestamp")
    }

    @Test func timestampsAreCalendarSeconds() {
        #expect(GNetTrackCSVReader.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(GNetTrackCSVReader.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
        #expect(GNetTrackCSVReader.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(GNetTrackCSVReader.daysFromCivil(year: 2020, month: 2, day: 14) == 18_306)
    }
}
