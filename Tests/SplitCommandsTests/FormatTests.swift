import Testing
@testable import SplitCommands

/// The shared number formatter prints no sign on a value that prints as zero.
@Suite("Format")
struct FormatTests {
    @Test func negativeZeroPrintsWithoutSign() {
        #expect(Format.fixed(-0.0) == "0.00")
        #expect(Format.fixed(-0.0, 0) == "0")
        #expect(Format.fixed(-0.001, 2) == "0.00")
        #expect(Format.given(-0.0) == "0.00")
        #expect(Format.plain(-0.0) == "0")
    }

    @Test func negativeValuesKeepTheirSign() {
        #expect(Format.fixed(-0.01, 2) == "-0.01")
        #expect(Format.fixed(-2.5, 1) == "-2.5")
        #expect(Format.given(-0.001, 2) == "-0.001")
    }
}

/// Long text broken into lines for the terminal.
@Suite("Format wrapped")
struct FormatWrappedTests {
    @Test func breaksAtSpacesAndCutsWordsLongerThanALine() {
        #expect(Format.wrapped("edge request failed: unavailable", width: 12) == ["edge request", "failed:", "unavailable"])
        #expect(Format.wrapped("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(Format.wrapped("", width: 10) == [""])
        #expect(Format.wrapped("a  b", width: 0) == ["a", "b"])
    }

    @Test func joinedBySpacesTheLinesGiveTheTextBack() {
        let text = "the quick brown fox jumps over the lazy dog, twice over, and again"
        for width in 5...30 {  // no word is longer than 5: none is cut
            let lines = Format.wrapped(text, width: width)
            #expect(lines.allSatisfy { $0.count <= width })
            #expect(lines.joined(separator: " ") == text)
        }
    }
}
