import SplitModels
import Testing

/// Every percentage input prints the same way: to a millionth at most, never in e-notation.
struct PercentTextTests {
    @Test(arguments: [(90.0, "90"), (89.31, "89.31"), (0, "0"), (-0.0, "0"), (1e-320, "0"), (.leastNonzeroMagnitude, "0"),
                      (4e-7, "0"), (6e-7, "0.000001"), (100.0 / 3, "33.333333"), (-2.5, "-2.5"), (99.9999996, "100")])
    func percentages(_ value: Double, _ text: String) {
        #expect(Quantity.percentText(value) == text)
    }
}
