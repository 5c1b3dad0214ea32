import Testing
import SplitTraces
@testable import SplitDevice

/// The uplink emulation's arithmetic: a payload is held for the time the trace needs to deliver
/// it from the moment it starts, across rate changes, outages and the trace's loop.
///
/// The trace: 1 s at 8 Mbit/s (1 MB/s), then 1 s of outage, looping every 2 s.
@Suite("Uplink shaper")
struct UplinkShaperTests {
    let trace: BandwidthTrace

    init() throws {
        trace = try BandwidthTrace(name: "on-off", steps: [(seconds: 1, mbps: 8), (seconds: 1, mbps: 0)])
    }

    @Test("a payload inside one rate takes bytes / rate")
    func oneRate() {
        let shaper = UplinkShaper(trace: trace, rttMs: 20)
        #expect(shaper.plan(bytes: 500_000, startingAt: 0, timeoutMs: 1_000) == .deliver(holdMs: 500))
        #expect(shaper.plan(bytes: 250_000, startingAt: 0.25, timeoutMs: 1_000) == .deliver(holdMs: 250))
    }

    @Test("a payload that meets the outage waits it out and finishes in the next period")
    func acrossOutage() throws {
        let shaper = UplinkShaper(trace: trace, rttMs: 20)
        // From 0.5 s: 500 kB by 1.0 s, nothing until 2.0 s, the rest by 2.5 s: 2 s in all.
        let plan = shaper.plan(bytes: 1_000_000, startingAt: 0.5, timeoutMs: 3_000)
        guard case .deliver(let hold) = plan else {
            Issue.record("expected delivery, got \(plan)")
            return
        }
        #expect(abs(hold - 2_000) < 1e-6)
    }

    @Test("a payload the link cannot deliver in time is given up with what got through")
    func giveUp() {
        let shaper = UplinkShaper(trace: trace, rttMs: 20)
        #expect(shaper.plan(bytes: 1_000_000, startingAt: 0.5, timeoutMs: 1_000) == .giveUp(afterMs: 1_000, deliveredBytes: 500_000))
        // Starting in the outage nothing gets through before the timeout.
        #expect(shaper.plan(bytes: 10, startingAt: 1.2, timeoutMs: 500) == .giveUp(afterMs: 500, deliveredBytes: 0))
    }

    @Test("without a trace nothing is held: loopback runs at its own speed")
    func noTrace() {
        let shaper = UplinkShaper(trace: nil, rttMs: 5)
        #expect(shaper.plan(bytes: 100_000_000, startingAt: 3, timeoutMs: 1) == .deliver(holdMs: 0))
        #expect(shaper.rttMs == 5)
    }

    @Test("bad numbers never make a negative or NaN hold", arguments: [Double.nan, -5, .infinity])
    func badTimeouts(timeout: Double) {
        let shaper = UplinkShaper(trace: trace, rttMs: .nan)
        #expect(shaper.rttMs == 0)
        switch shaper.plan(bytes: 1_000, startingAt: 0, timeoutMs: timeout) {
        case .deliver(let hold): #expect(hold.isFinite && hold >= 0)
        case .giveUp(let after, let delivered): #expect(after.isFinite && after >= 0 && delivered >= 0)
        }
    }
}

/// The cap an edge's uplink share puts on the emulated link.
@Suite("UplinkShaper with a share's cap")
struct UplinkShaperCapTests {
    @Test("without a trace, a cap holds the payload for its time at the cap; past the timeout it is given up")
    func capAlone() {
        let shaper = UplinkShaper(trace: nil, rttMs: 0)
        // 10,000 bytes at 1 Mbit/s: 80 ms.
        #expect(shaper.plan(bytes: 10_000, startingAt: 0, timeoutMs: 500, capMbps: 1) == .deliver(holdMs: 80))
        #expect(shaper.plan(bytes: 10_000, startingAt: 0, timeoutMs: 40, capMbps: 1) == .giveUp(afterMs: 40, deliveredBytes: 5_000))
        #expect(shaper.plan(bytes: 10_000, startingAt: 0, timeoutMs: 40, capMbps: nil) == .deliver(holdMs: 0))
    }

    @Test("with a trace, the slower of the trace and the cap decides")
    func capAndTrace() throws {
        // 8 Mbit/s constant: 10,000 bytes in 10 ms.
        let trace = try BandwidthTrace(name: "flat", steps: [(seconds: 100, mbps: 8)])
        let shaper = UplinkShaper(trace: trace, rttMs: 0)
        guard case .deliver(let fast) = shaper.plan(bytes: 10_000, startingAt: 0, timeoutMs: 500, capMbps: 100) else {
            Issue.record("expected delivery")
            return
        }
        #expect(abs(fast - 10) < 1e-6)
        #expect(shaper.plan(bytes: 10_000, startingAt: 0, timeoutMs: 500, capMbps: 1) == .deliver(holdMs: 80))
    }
}
