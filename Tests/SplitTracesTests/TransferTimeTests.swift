import SplitRandom
import Testing
@testable import SplitTraces

/// Hand-computed transfers. 8 Mbit/s is exactly 1,000,000 bytes per second.
@Suite("BandwidthTrace: transferTime and bytesDelivered")
struct TransferTimeTests {
    /// 8 Mbit/s for 1 s, outage for 1 s, 8 Mbit/s for 1 s: period 3 s, 2 MB per period.
    let trace: BandwidthTrace
    /// 8 Mbit/s for 1 s then an outage for 1 s: the period ends in an outage.
    let trailingOutage: BandwidthTrace

    init() throws {
        trace = try makeTrace([(1, 8), (1, 0), (1, 8)])
        trailingOutage = try makeTrace([(1, 8), (1, 0)])
    }

    @Test func transferWithinOneSegment() {
        // 0.5 MB at 1 MB/s from t = 0.5 ends exactly at the outage.
        #expect(isClose(trace.transferTime(bytes: 500_000, startingAt: 0.5), 0.5))
        #expect(isClose(trace.transferTime(bytes: 250_000, startingAt: 2.25), 0.25))
    }

    @Test func transferRunsIntoAnOutageAndWaitsItOut() {
        // 1.5 MB from t = 0.5: 0.5 MB by t = 1, nothing until t = 2, 1 MB more by t = 3.
        #expect(isClose(trace.transferTime(bytes: 1_500_000, startingAt: 0.5), 0.5 + 1 + 1.0))
        // 1 MB from t = 0.5: 0.5 MB by t = 1, outage, the other 0.5 MB by t = 2.5.
        #expect(isClose(trace.transferTime(bytes: 1_000_000, startingAt: 0.5), 2.0))
    }

    @Test func transferStartingInAnOutageWaitsForIt() {
        // From t = 1.25 nothing flows until t = 2, then 0.25 MB takes 0.25 s.
        #expect(isClose(trace.transferTime(bytes: 250_000, startingAt: 1.25), 0.75 + 0.25))
    }

    @Test func transferLoopsAcrossThePeriodEnd() {
        // 2 MB from t = 2.5: 0.5 MB by t = 3, 1 MB in [3, 4), outage [4, 5), 0.5 MB by t = 5.5.
        #expect(isClose(trace.transferTime(bytes: 2_000_000, startingAt: 2.5), 3.0))
        // The same transfer a thousand periods later, and a thousand periods earlier.
        #expect(isClose(trace.transferTime(bytes: 2_000_000, startingAt: 3002.5), 3.0, tolerance: 1e-6))
        #expect(isClose(trace.transferTime(bytes: 2_000_000, startingAt: -2997.5), 3.0, tolerance: 1e-6))
    }

    @Test func transferEndsBeforeATrailingOutage() {
        // Exactly one period's worth from t = 0 is done at t = 1, not after the outage at t = 2.
        #expect(isClose(trailingOutage.transferTime(bytes: 1_000_000, startingAt: 0), 1.0))
        // Two periods' worth: 1 MB by t = 1, outage, 1 MB more by t = 3.
        #expect(isClose(trailingOutage.transferTime(bytes: 2_000_000, startingAt: 0), 3.0))
        // Negative start: -1.5 is phase 0.5.
        #expect(isClose(trailingOutage.transferTime(bytes: 500_000, startingAt: -1.5), 0.5))
    }

    @Test func transferSpanningManyPeriodsSkipsThemArithmetically() throws {
        // 1 GB is 500 periods of 2 MB; the last byte arrives at the end of period 499: 1500 s.
        #expect(isClose(trace.transferTime(bytes: 1_000_000_000, startingAt: 0), 1500, tolerance: 1e-6))
        // 0.5 MB more arrives in the first half second of period 500.
        #expect(isClose(trace.transferTime(bytes: 1_000_500_000, startingAt: 0), 1500.5, tolerance: 1e-6))
        // Int.max bytes returns at once (a loop over periods would run for ages).
        let huge = try #require(trace.transferTime(bytes: Int.max, startingAt: 0.5))
        #expect(abs(huge / (Double(Int.max) / 2_000_000 * 3) - 1) < 1e-9)
    }

    @Test func allZeroTraceNeverFinishes() throws {
        let outage = try makeTrace([(1, 0), (5, 0)])
        #expect(outage.transferTime(bytes: 1, startingAt: 0) == nil)
        #expect(outage.transferTime(bytes: Int.max, startingAt: 123.4) == nil)
        #expect(outage.transferTime(bytes: 0, startingAt: 0) == 0)
        #expect(outage.bytesDelivered(from: 0, to: 100) == 0)
    }

    @Test func degenerateArguments() {
        #expect(trace.transferTime(bytes: 0, startingAt: 0.3) == 0)
        #expect(trace.transferTime(bytes: -5, startingAt: 0.3) == 0)
        #expect(trace.transferTime(bytes: 1, startingAt: .nan) == nil)
        #expect(trace.transferTime(bytes: 1, startingAt: -.infinity) == nil)
        #expect(trace.bytesDelivered(from: 2, to: 1) == 0)
        #expect(trace.bytesDelivered(from: .nan, to: 1) == 0)
    }

    @Test func bytesDeliveredIntegratesAcrossOutagesAndPeriods() {
        // [0.5, 1): 0.5 MB, [1, 2): 0, [2, 3): 1 MB, [3, 4): 1 MB, [4, 5): 0, [5, 5.5): 0.5 MB.
        #expect(isClose(trace.bytesDelivered(from: 0.5, to: 5.5), 3_000_000, tolerance: 1e-6))
        #expect(isClose(trace.bytesDelivered(from: 1.2, to: 1.8), 0))
        #expect(isClose(trace.bytesDelivered(from: 0, to: 300), 200_000_000, tolerance: 1e-3))
        #expect(isClose(trace.bytesDelivered(from: -3, to: 0), 2_000_000, tolerance: 1e-6))
    }

    @Test func transferTimeInvertsBytesDelivered() throws {
        // On a real, irregular trace: the transfer delivers exactly its bytes, and not earlier.
        let bus = try BandwidthTrace.load(path: TraceFiles.samples.appendingPathComponent("pensieve-norway_bus_1").path)
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let start = Double(generator.next() % 1_000_000) / 1000 - 100  // -100 ... 900 s
            let bytes = Int(generator.next() % 200_000_000) + 1
            let time = try #require(bus.transferTime(bytes: bytes, startingAt: start))
            let delivered = bus.bytesDelivered(from: start, to: start + time)
            #expect(abs(delivered - Double(bytes)) <= max(1e-6 * Double(bytes), 1e-3))
            // Every Norway sample is above 0, so a moment earlier fewer bytes had arrived.
            #expect(bus.bytesDelivered(from: start, to: start + time * (1 - 1e-6)) < Double(bytes))
        }
    }

    @Test func manyLookupsOnALongTraceStayFast() throws {
        // About 1,200 segments; 200,000 calls take well under a second with binary search.
        let uplink = try BandwidthTrace.load(path: TraceFiles.samples.appendingPathComponent("mahimahi-ATT-LTE-driving-2016.up").path)
        var generator = SplitMix64(seed: 7)
        let clock = ContinuousClock()
        var total = 0.0
        let elapsed = clock.measure {
            for _ in 0..<200_000 {
                let start = Double(generator.next() % 10_000_000) / 1000
                total += uplink.transferTime(bytes: 150_528, startingAt: start) ?? 0
            }
        }
        #expect(total > 0)
        #expect(elapsed < .seconds(30))
    }
}
