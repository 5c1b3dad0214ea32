import SplitTestSupport
import Testing
@testable import SplitDashboard

/// The dashboard's number formatting takes any Double: a value from a recording or a what-if run
/// that is finite but huge once trapped converting to Int (the clock of a session whose last line
/// said `"t":1e308`).
@Suite("Dashboard numbers draw whatever their size")
struct NumberTextTests {
    @Test func fixedAndClockTakeAnyDouble() {
        var values = ExtremeDoubles(seed: 11)
        var doubles = ExtremeDoubles.fixed + [.nan, .infinity, -.infinity, 9.3e18, 1e15, 1e15.nextDown]
        for _ in 0..<2_000 { doubles.append(values.next()) }
        for value in doubles {
            for decimals in 0...3 {
                #expect(!DashboardState.fixed(value, decimals).isEmpty)
            }
            #expect(DashboardView.clock(value).contains(":"))
        }
        #expect(DashboardState.fixed(1e20, 1) == "1e+20")
        #expect(DashboardState.fixed(-2.25, 1) == "-2.3" || DashboardState.fixed(-2.25, 1) == "-2.2")
        #expect(DashboardState.fixed(123.456, 2) == "123.46")
        #expect(DashboardView.clock(83.9) == "01:23.9")
        #expect(DashboardView.clock(1e308) == DashboardView.clock(31_536_000))
    }
}
