/// A small, fast, seeded random generator (SplitMix64, Steele et al. 2014).
///
/// Benchmarks, synthetic sessions and property tests use it so their numbers repeat from run to
/// run and machine to machine; the standard library's generator is not seedable.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let bandwidth = 0.5 + rng.unit() * 99.5
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) / 9_007_199_254_740_992
    }
}
