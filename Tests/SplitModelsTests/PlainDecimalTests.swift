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

    /// Whole numbers where only one makes sense (`--split`, `--seed`): digits and nothing else.
    @Test func digitsOnly() {
        #expect(PlainDecimal.isDigits("007") && PlainDecimal.isDigits("18446744073709551615"))
        for text in ["", "+3", "-1", "2.0", "1e1", "0x10", " 1", "1 ", "١"] {
            #expect(!PlainDecimal.isDigits(text), "\(text)")
        }
    }
}
