import SplitModels
import Testing

/// Thousands separators, one rule for the commands, the engine's messages and the benchmarks.
@Suite struct GroupedDigitsTests {
    @Test func byteCountsAreGroupedAsTheCommandsPrintThem() {
        #expect(GroupedDigits.of(6_422_528_016) == "6,422,528,016")
        #expect(GroupedDigits.of(999) == "999")
        #expect(GroupedDigits.of(1000) == "1,000")
        #expect(GroupedDigits.of(0) == "0")
        #expect(GroupedDigits.of(-1_000) == "-1,000")
        #expect(GroupedDigits.of(Int.min) == "-9,223,372,036,854,775,808")
    }
}
