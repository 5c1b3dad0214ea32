import SplitModels
import SplitRandom

/// Seeded random Doubles from the edges of what a Double holds, for property tests that feed
/// every planner and every numeric option values no sensible user would type.
///
/// Draws mix fixed extremes (0, −0, subnormals, ±1e±300, the largest finite Double, 2^63 and other
/// huge integers), log-uniform magnitudes of either sign from 10^-324 to 10^308, and, when given a
/// quantity, its limits and the nearest Doubles just outside them.
///
/// ```swift
/// var values = ExtremeDoubles(seed: 7)
/// let bandwidth = values.next(around: .bandwidthMbps)   // 1e-6, or 1e6.nextUp, or 1e-305, …
/// ```
public struct ExtremeDoubles: Sendable {
    private var rng: SplitMix64

    public init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    /// Values that broke or could break integer conversions, divisions and sums.
    public static let fixed: [Double] = [
        0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 1e-310, 1e-305, 1e-300,
        1e300, -1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0x1p63, -0x1p63, 0x1p53 + 2, 1e13,
        1e15, 1e18, 1e19, -1, 1, 0.5,
    ]

    /// A random extreme finite Double.
    public mutating func next() -> Double {
        switch rng.next() % 3 {
        case 0:
            return Self.fixed[Int(rng.next() % UInt64(Self.fixed.count))]
        case 1:
            // Log-uniform magnitude over the whole finite range, either sign.
            let exponent = -323 + rng.unit() * 631
            let magnitude = min(Double.greatestFiniteMagnitude, Self.power10(exponent))
            return rng.next() % 4 == 0 ? -magnitude : magnitude
        default:
            // A huge (or small) whole number.
            return Double(rng.next() >> (rng.next() % 64))
        }
    }

    /// A random extreme Double, half the time at or just outside the quantity's limits.
    public mutating func next(around quantity: Quantity) -> Double {
        guard rng.next() % 2 == 0 else { return next() }
        let edges = [quantity.lowest, quantity.highest, quantity.lowest.nextDown, quantity.highest.nextUp,
                     quantity.lowest - 1, quantity.highest * 2, (quantity.lowest + quantity.highest) / 2]
        return edges[Int(rng.next() % UInt64(edges.count))]
    }

    /// A random whole number from anywhere in `Int`'s range, often an edge.
    public mutating func nextInt() -> Int {
        let edges = [Int.min, Int.max, -1, 0, 1, Int.max / 2, Int(Int32.max) + 1]
        if rng.next() % 2 == 0 { return edges[Int(rng.next() % UInt64(edges.count))] }
        return Int(truncatingIfNeeded: rng.next() >> (rng.next() % 64))
    }

    /// True with probability 1/2, for optional values.
    public mutating func coin() -> Bool {
        rng.next() % 2 == 0
    }

    /// A random index below `count`.
    public mutating func index(below count: Int) -> Int {
        Int(rng.next() % UInt64(max(1, count)))
    }

    /// 10^x without Foundation's `pow`.
    private static func power10(_ x: Double) -> Double {
        var result = 1.0
        var whole = Int(x.rounded(.down))
        let fraction = x - Double(whole)
        // 10^fraction by its series in ln 10, precise enough for test values.
        var term = 1.0
        var sum = 1.0
        for k in 1...30 {
            term *= fraction * 2.302585092994046 / Double(k)
            sum += term
        }
        result = sum
        while whole > 0 { result *= 10; whole -= 1 }
        while whole < 0 { result /= 10; whole += 1 }
        return result
    }
}
