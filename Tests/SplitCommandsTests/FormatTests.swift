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
