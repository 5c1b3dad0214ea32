import SplitPlanners
import Testing

@Suite("Lower envelope")
struct LowerEnvelopeTests {
    @Test func picksTheLowestLineEverywhere() {
        var rng = TestRNG(seed: 7)
        for _ in 0..<300 {
            let count = 1 + Int(rng.next() % 40)
            let lines = (0..<count).map { (id: $0, intercept: rng.uniform(0...100), slope: rng.uniform(0...50).rounded()) }
            let envelope = LowerEnvelope(lines: lines)
            for x in [0, 0.001, 0.1, 0.5, 1, 2, 5, 10, 1000] {
                let brute = lines.map { $0.intercept + $0.slope * x }.min() ?? .infinity
                let hit = envelope.minimum(at: x)
                #expect(hit != nil)
                #expect(abs((hit?.value ?? 0) - brute) <= 1e-9 * max(1, brute), "x=\(x)")
                if let hit, let line = lines.first(where: { $0.id == hit.id }) {
                    #expect(abs(line.intercept + line.slope * x - brute) <= 1e-9 * max(1, brute))
                }
            }
        }
    }

    @Test func emptyAndSingle() {
        #expect(LowerEnvelope(lines: []).minimum(at: 1) == nil)
        let one = LowerEnvelope(lines: [(id: 3, intercept: 2, slope: 1)])
        #expect(one.minimum(at: 4)?.id == 3)
        #expect(one.minimum(at: 4)?.value == 6)
    }

    @Test func dropsLinesThatOnlyWinForNegativeX() {
        // Line 0 (steeper, higher at x = 0) never wins for x ≥ 0.
        let envelope = LowerEnvelope(lines: [(id: 0, intercept: 5, slope: 10), (id: 1, intercept: 4, slope: 1)])
        #expect(envelope.count == 1)
        #expect(envelope.minimum(at: 0)?.id == 1)
    }
}
