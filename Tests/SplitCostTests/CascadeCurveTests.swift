import Foundation
import SplitCost
import Testing

/// The AppealNet cascade's curve on hand-made inputs whose appeal rate, accuracy, latency and
/// energy are worked out by hand.
@Suite("Cascade curve")
struct CascadeCurveTests {
    /// 1,000 bytes at 8 Mbit/s is 1 ms of transfer; with RTT 10 ms and edge 2 ms an appeal costs
    /// 13 ms and 2·1 + 1·(10 + 2) = 14 mJ on top of the device's 1 ms at 5 W = 5 mJ.
    static let link = CascadeLink(inputBytes: 1_000, bandwidthMbps: 8, rttMs: 10)
    static let power = DevicePowerModel(computeWatts: 5, radioWatts: 2, idleWatts: 1)

    static func sample(_ confidence: Double, device: Bool, edge: Bool) -> CascadeSample {
        CascadeSample(confidence: confidence, deviceCorrect: device, edgeCorrect: edge, deviceMs: 1, edgeMs: 2)
    }

    /// Device right on A and D, edge right on A, B and C.
    static let four = [
        sample(0.95, device: true, edge: true), sample(0.80, device: false, edge: true),
        sample(0.40, device: false, edge: true), sample(0.10, device: true, edge: false),
    ]

    @Test func transferTimeIsBytesOverBandwidth() {
        #expect(Self.link.transferMs == 1)
        #expect(CascadeLink(inputBytes: 3_136, bandwidthMbps: 10, rttMs: 0).transferMs == 2.5088)
    }

    /// An appeal over a dead link costs what the cost model says any transfer does: finite, at the slowest bandwidth.
    @Test func transferTimeIsTheCostModels() {
        for mbps in [0, -1, .nan, 1e-9, 8, 1e9] as [Double] {
            let cascade = CascadeLink(inputBytes: 3_136, bandwidthMbps: mbps, rttMs: 0).transferMs
            #expect(cascade == LinkConditions(bandwidthMbps: mbps, rttMs: 0).transferMs(bytes: 3_136), "\(mbps)")
            #expect(cascade.isFinite, "\(mbps)")
        }
    }

    @Test func deviceOnlyAndEdgeOnly() {
        let curve = CascadeCurve(samples: Self.four, link: Self.link, power: Self.power)
        let device = curve.deviceOnly
        #expect(device.kind == .deviceOnly)
        #expect(device.appealed == 0)
        #expect(device.correct == 2)
        #expect(device.accuracyPct == 50)
        #expect(device.meanLatencyMs == 1)
        #expect(device.meanEnergyMJ == 5)
        let edge = curve.edgeOnly
        #expect(edge.kind == .edgeOnly)
        #expect(edge.appealRatePct == 100)
        #expect(edge.correct == 3)
        #expect(edge.meanLatencyMs == 13)
        #expect(edge.meanEnergyMJ == 14)
    }

    @Test func inputsBelowTheThresholdAreAppealed() {
        let curve = CascadeCurve(samples: Self.four, link: Self.link, power: Self.power)
        // 0.5 appeals C (edge right) and D (edge wrong): A and C right.
        let half = curve.point(threshold: 0.5)
        #expect(half.threshold == 0.5)
        #expect(half.appealed == 2)
        #expect(half.appealRatePct == 50)
        #expect(half.correct == 2)
        #expect(half.meanLatencyMs == 7.5)  // (4 · 1 + 2 · 13) / 4
        #expect(half.meanEnergyMJ == 12)  // (4 · 5 + 2 · 14) / 4
        // 0.9 appeals B, C, D: A, B, C right.
        let high = curve.point(threshold: 0.9)
        #expect(high.appealed == 3)
        #expect(high.accuracyPct == 75)
        #expect(high.meanEnergyMJ == 15.5)  // (4 · 5 + 3 · 14) / 4
        // A confidence equal to the threshold is not below it.
        #expect(curve.point(threshold: 0.8).appealed == 2)
        #expect(curve.point(threshold: 0).appealed == 0)
        #expect(curve.point(threshold: 1).appealed == 4)
    }

    /// The cheapest threshold as accurate as edge-only appeals B, C and D; here that costs more
    /// than edge-only (the device's own compute comes on top), and the saving is negative.
    @Test func leastEnergyWithoutLossCanCostMoreThanEdgeOnly() {
        let curve = CascadeCurve(samples: Self.four, link: Self.link, power: Self.power)
        let best = curve.leastEnergyWithoutLoss()
        #expect(best.threshold == 0.95)
        #expect(best.appealed == 3)
        #expect(best.correct == 3)
        #expect(best.meanEnergyMJ == 15.5)
        #expect(abs(best.energySavedPct(against: curve.edgeOnly) - 100 * (1 - 15.5 / 14)) < 1e-12)
    }

    /// With a 100 ms RTT an appeal costs 104 mJ: appealing three of four saves a fifth.
    @Test func leastEnergyWithoutLossSavesWhenAppealsAreDear() {
        let link = CascadeLink(inputBytes: 1_000, bandwidthMbps: 8, rttMs: 100)
        let curve = CascadeCurve(samples: Self.four, link: link, power: Self.power)
        #expect(curve.edgeOnly.meanEnergyMJ == 104)
        let best = curve.leastEnergyWithoutLoss()
        #expect(best.meanEnergyMJ == 83)  // (4 · 5 + 3 · 104) / 4
        #expect(abs(best.energySavedPct(against: curve.edgeOnly) - 100 * (1 - 83.0 / 104)) < 1e-12)
    }

    /// When the device alone is as accurate as the edge, nothing needs appealing.
    @Test func deviceAsGoodAsEdgeAppealsNothing() {
        let samples = [Self.sample(0.3, device: true, edge: false), Self.sample(0.7, device: false, edge: true)]
        let best = CascadeCurve(samples: samples, link: Self.link, power: Self.power).leastEnergyWithoutLoss()
        #expect(best.appealed == 0)
        #expect(best.threshold == 0)
    }

    /// Two inputs with the same confidence go together: no threshold appeals one without the other,
    /// even where appealing just one would reach the edge's accuracy.
    @Test func tiedConfidencesAreNeverSplit() {
        let samples = [
            Self.sample(0.5, device: false, edge: true), Self.sample(0.5, device: true, edge: false),
            Self.sample(0.9, device: false, edge: true),
        ]
        let curve = CascadeCurve(samples: samples, link: Self.link, power: Self.power)
        let best = curve.leastEnergyWithoutLoss()
        #expect(best.appealed == 3)
        #expect(best.correct == 2)
        #expect((best.threshold ?? 0) > 0.9)
    }

    /// On random inputs the search's answer is as accurate as edge-only and no threshold on a fine
    /// grid that is as accurate spends less.
    @Test func searchBeatsEveryGridThreshold() {
        var state: UInt64 = 0x2026
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<20 {
            let samples = (0..<200).map { _ in
                let confidence = (next() * 100).rounded() / 100
                return CascadeSample(confidence: confidence, deviceCorrect: next() < confidence, edgeCorrect: next() < 0.9,
                                     deviceMs: 0.5 + next(), edgeMs: 1 + next())
            }
            let curve = CascadeCurve(samples: samples, link: Self.link, power: Self.power)
            let best = curve.leastEnergyWithoutLoss()
            let target = curve.edgeOnly.correct
            #expect(best.correct >= target)
            if let threshold = best.threshold { #expect(curve.point(threshold: threshold) == best) }
            for step in 0...1_010 {
                let point = curve.point(threshold: Double(step) / 1_000)
                if point.correct >= target { #expect(point.meanEnergyMJ >= best.meanEnergyMJ - 1e-9) }
            }
        }
    }
}

/// The device's answer and confidence from its logits.
@Suite("Max softmax")
struct MaxSoftmaxTests {
    @Test func equalLogitsShareTheProbability() throws {
        let answer = try #require(MaxSoftmax(logits: [Float](repeating: 3, count: 4)))
        #expect(answer.predictedClass == 0)
        #expect(abs(answer.confidence - 0.25) < 1e-12)
    }

    @Test func largestLogitWins() throws {
        let answer = try #require(MaxSoftmax(logits: [0, Float(log(3.0)), 0] as [Float]))
        #expect(answer.predictedClass == 1)
        #expect(abs(answer.confidence - 0.6) < 1e-7)
    }

    /// Logits far beyond exp's range still give a probability, not NaN.
    @Test func hugeLogitsDoNotOverflow() throws {
        let answer = try #require(MaxSoftmax(logits: [1e30, -1e30, 1e30 - 1e24] as [Float]))
        #expect(answer.predictedClass == 0)
        #expect(answer.confidence > 0 && answer.confidence <= 1)
    }

    @Test func noOrNonFiniteLogitsGiveNoAnswer() {
        #expect(MaxSoftmax(logits: [Float]()) == nil)
        #expect(MaxSoftmax(logits: [1, .nan]) == nil)
        #expect(MaxSoftmax(logits: [1, .infinity]) == nil)
    }
}
