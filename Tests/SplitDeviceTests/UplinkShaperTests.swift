import Testing
import SplitTraces
@testable import SplitDevice

@Suite("uplink shaper")
struct UplinkShaperTests {
    @Test("placeholder")
    func placeholder() {
        #expect(UplinkShaper(trace: nil, rttMs: 20).plan(bytes: 10, startingAt: 0, timeoutMs: 10) == .deliver(holdMs: 0))
    }
}
