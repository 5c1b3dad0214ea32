import Foundation

/// Per-frame multiplicative noise on compute times, the same for every policy at the same frame.
///
/// Frame i's device and edge factors come from a generator seeded with (seed, i), so two policies
/// simulated over the same trace face identical frames.
struct FrameNoise: Sendable {
    let seed: UInt64
    let deviceSigma: Double
    let edgeSigma: Double

    /// Log-normal factors (median 1) for frame i's device and edge compute.
    func factors(frame i: Int) -> (device: Double, edge: Double) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(truncatingIfNeeded: i) &* 0xD1B5_4A32_D192_ED03
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return (Double(z >> 11) + 0.5) / 9_007_199_254_740_992
        }
        // Box–Muller: two normals from two uniforms.
        let u1 = next()
        let u2 = next()
        let r = (-2 * log(u1)).squareRoot()
        let z1 = r * cos(2 * Double.pi * u2)
        let z2 = r * sin(2 * Double.pi * u2)
        return (exp(deviceSigma * z1), exp(edgeSigma * z2))
    }
}
