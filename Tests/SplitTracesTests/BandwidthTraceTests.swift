import Testing
@testable import SplitTraces

/// 8 Mbit/s (1 MB/s) for 1 s, outage for 1 s, 8 Mbit/s for 1 s: period 3 s, 2 MB per period.
private func goodOutageGood() throws -> BandwidthTrace {
    try makeTrace([(1, 8), (1, 0), (1, 8)])
}

@Suite("BandwidthTrace: construction, rate lookup, mean")
struct BandwidthTraceTests {
    @Test func segmentsTileThePeriodFromZero() throws {
        let trace = try makeTrace([(0.5, 2), (1.5, 4)])
        #expect(trace.segments == [
            BandwidthSegment(start: 0, duration: 0.5, mbps: 2),
            BandwidthSegment(start: 0.5, duration: 1.5, mbps: 4),
        ])
        #expect(trace.duration == 2)
        #expect(trace.bytesPerPeriod == 0.5 * 2 * 125_000 + 1.5 * 4 * 125_000)
        #expect(trace.name == "toy")
    }

    @Test func zeroLengthStepsAreDropped() throws {
        let trace = try makeTrace([(0, 9), (1, 2), (0, 7), (1, 3)])
        #expect(trace.segments.map(\.mbps) == [2, 3])
        #expect(trace.duration == 2)
    }

    @Test func rateLooksUpHalfOpenSegmentsAndLoops() throws {
        let trace = try goodOutageGood()
        #expect(trace.rate(at: 0) == 8)
        #expect(trace.rate(at: 0.5) == 8)
        #expect(trace.rate(at: 1.0) == 0)  // [1, 2) is the outage
        #expect(trace.rate(at: 1.999) == 0)
        #expect(trace.rate(at: 2.0) == 8)
        #expect(trace.rate(at: 2.999) == 8)
        #expect(trace.rate(at: 3.0) == 8)  // next loop, first segment
        #expect(trace.rate(at: 4.5) == 0)  // 4.5 mod 3 = 1.5
        #expect(trace.rate(at: 3_000_001.5) == 0)
        #expect(trace.rate(at: -0.5) == 8)  // phase 2.5
        #expect(trace.rate(at: -1.5) == 0)  // phase 1.5
        #expect(trace.rate(at: .nan) == 0)
        #expect(trace.rate(at: .infinity) == 0)
    }

    @Test func meanRateIsTimeWeighted() throws {
        #expect(isClose(try goodOutageGood().meanRate, 16.0 / 3))
        #expect(isClose(try makeTrace([(0.1, 100), (0.9, 0)]).meanRate, 10))
        #expect(isClose(try makeTrace([(3, 7)]).meanRate, 7))
    }

    @Test func allZeroTraceIsAValidOutage() throws {
        let trace = try makeTrace([(1, 0), (2, 0)])
        #expect(trace.isOutage)
        #expect(trace.meanRate == 0)
        #expect(trace.duration == 3)
        #expect(trace.rate(at: 1.5) == 0)
        #expect(!(try goodOutageGood().isOutage))
    }

    @Test func invalidStepsAreRejected() {
        func error(_ steps: [(seconds: Double, mbps: Double)]) -> TraceError? {
            do {
                _ = try BandwidthTrace(name: "hand", steps: steps)
                return nil
            } catch {
                return error
            }
        }
        #expect(error([])?.kind == .emptyTrace)
        #expect(error([(0, 1), (0, 2)])?.kind == .zeroPeriod)
        #expect(error([(1, 1), (-1, 2)])?.kind == .negativeDuration(-1))
        #expect(error([(1, 1), (-1, 2)])?.field == "steps[1].seconds")
        #expect(error([(1, -3)])?.kind == .negativeRate(-3))
        #expect(error([(1, .nan)])?.kind == .notFinite("nan"))
        #expect(error([(.infinity, 1)])?.kind == .notFinite("inf"))
        #expect(error([(1e308, 1), (1e308, 1)]) != nil)  // the period overflows
        #expect(error([(1e300, 1e300)]) != nil)  // the byte count overflows
        #expect(error([(1, -3)])?.description == "hand: field 'steps[0].mbps': negative rate -3.0")
    }

    @Test func samplesAreWindowMeans() throws {
        let trace = try goodOutageGood()
        #expect(trace.mbpsSamples(every: 1, over: 3) == [8, 0, 8])
        let shifted = trace.mbpsSamples(every: 0.5, over: 3, from: 0.75)
        #expect(shifted.count == 6)
        for (sample, expected) in zip(shifted, [4.0, 0, 4, 8, 8, 8]) {
            #expect(isClose(sample, expected))
        }
        #expect(trace.mbpsSamples(every: 0.1, over: 10).count == 100)
        #expect(trace.mbpsSamples(every: 1, over: 2.5).count == 2)  // whole windows only
    }

    @Test func samplesRejectBadArguments() throws {
        let trace = try goodOutageGood()
        #expect(trace.mbpsSamples(every: 0, over: 3).isEmpty)
        #expect(trace.mbpsSamples(every: -1, over: 3).isEmpty)
        #expect(trace.mbpsSamples(every: .nan, over: 3).isEmpty)
        #expect(trace.mbpsSamples(every: 1, over: -3).isEmpty)
        #expect(trace.mbpsSamples(every: 1, over: .infinity).isEmpty)
        #expect(trace.mbpsSamples(every: 1e-300, over: 1e300).count == BandwidthTrace.maximumSampleCount)
    }
}
