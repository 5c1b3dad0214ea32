import Testing
import SplitModels

@Suite("Quantities: one range per input, one way to say it")
struct QuantityTests {
    @Test func checkAcceptsTheRangeAndNothingElse() throws {
        let q = Quantity.bandwidthMbps
        #expect(try q.check(q.lowest) == q.lowest)
        #expect(try q.check(q.highest) == q.highest)
        for bad in [q.lowest.nextDown, q.highest.nextUp, 0, -1, .nan, .infinity, -.infinity, 1e-305, .leastNonzeroMagnitude] {
            #expect(!q.accepts(bad), "\(bad)")
        }
        #expect(!Quantity.layerCount.accepts(2.5))
        #expect(Quantity.layerCount.capped(at: 175).accepts(175))
        #expect(!Quantity.layerCount.capped(at: 175).accepts(176))
    }

    @Test func messagesSayTheRangeAndTheValueAsTyped() {
        #expect(QuantityError(quantity: .bandwidthMbps, value: -1).description
            == "bandwidth must be > 0 (from 1e-6 to 1000000 Mbit/s), got -1")
        #expect(QuantityError(quantity: .memoryMB, value: 1e13).description
            == "memory budget must be from 1e-6 to 1e9 MB, got 10000000000000")
        #expect(QuantityError(quantity: Quantity.layerCount.capped(at: 175), value: 1000).description
            == "layer count must be a whole number from 0 to 175, got 1000")
        #expect(QuantityError(quantity: .replaySpeed, value: 100).description == "replay speed must be from 0.25 to 64 ×, got 100")
        #expect(QuantityError(quantity: .bytes, value: 9_223_372_036_854_775_807).description.hasSuffix("got 9223372036854775808"))
        #expect(QuantityError(quantity: .seconds, value: .nan).description.hasSuffix("got nan"))
        #expect(QuantityError(quantity: .seconds, value: 1e300).description.hasSuffix("got 1e+300"))
    }

    @Test func formatValuePrintsWholeNumbersAsDigits() {
        #expect(Quantity.formatValue(0x1p63) == "9223372036854775808")
        #expect(Quantity.formatValue(-0x1p63) == "-9223372036854775808")
        #expect(Quantity.formatValue(150_528) == "150528")
        #expect(Quantity.formatValue(-0.0) == "0")
        #expect(Quantity.formatValue(2.5) == "2.5")
        #expect(Quantity.formatValue(1e-310) == "1e-310")
        #expect(Quantity.formatValue(-.infinity) == "-inf")
    }

    @Test func clampSaturatesAnyDouble() {
        let q = Quantity.bandwidthMbps
        #expect(q.clamp(0) == q.lowest)
        #expect(q.clamp(-.infinity) == q.lowest)
        #expect(q.clamp(.nan) == q.lowest)
        #expect(q.clamp(.infinity) == q.highest)
        #expect(q.clamp(3) == 3)
        #expect(Quantity.layerCount.clamp(2.6) == 3)
    }

    @Test func saturatingIntNeverTraps() {
        #expect(Int(saturating: 1e300) == .max)
        #expect(Int(saturating: 0x1p63) == .max)
        #expect(Int(saturating: 0x1p63.nextDown) == Int(0x1p63.nextDown))
        #expect(Int(saturating: -0x1p63) == .min)
        #expect(Int(saturating: -.infinity) == .min)
        #expect(Int(saturating: .nan) == 0)
        #expect(Int(saturating: -2.9) == -2)
    }

    @Test func splitRangeFollowsTheModel() {
        #expect(Quantity.split(layerCount: 175).accepts(175))
        #expect(!Quantity.split(layerCount: 175).accepts(176))
        #expect(!Quantity.split(layerCount: 0).accepts(1))
    }
}

@Suite("Saturating integer arithmetic")
struct SaturatingArithmeticTests {
    @Test func sumsDifferencesAndProductsStopAtTheEnds() {
        #expect(Int.max.addingSaturated(1) == .max)
        #expect(Int.min.addingSaturated(-1) == .min)
        #expect(Int.min.subtractingSaturated(1) == .min)
        #expect(0.subtractingSaturated(.min) == .max)
        #expect(Int.max.multipliedSaturated(by: 4) == .max)
        #expect(Int.max.multipliedSaturated(by: -4) == .min)
        #expect(3.addingSaturated(4) == 7 && 3.subtractingSaturated(4) == -1 && 3.multipliedSaturated(by: 4) == 12)
    }
}
