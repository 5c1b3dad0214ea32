import Testing
@testable import SplitModels

/// Numbers as a user types them: plain decimals only.
@Suite struct PlainDecimalTests {
    @Test func decimalsAreRead() {
        #expect(PlainDecimal.parse("12") == 12)
        #expect(PlainDecimal.parse("-0.5") == -0.5)
        #expect(PlainDecimal.parse("1e-3") == 0.001)
        #expect(PlainDecimal.parse("1e999") == .infinity)
    }

    @Test(arguments: ["0x10", "0x1p4", "nan", "inf", "infinity", "-inf", "", "1 ", "1e", "+", "1.2.3", "12abc"])
    func otherNotationsAreNot(_ text: String) {
        #expect(PlainDecimal.parse(text) == nil)
    }
}
