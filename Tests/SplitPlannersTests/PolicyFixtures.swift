import SplitCost
import SplitModels

/// The hand-worked chain of the cost-model tests (see there for the numbers).
func handChain() -> ModelProfile {
    ModelProfile(name: "hand", inputBytes: 1000, layers: [
        ProfileLayer(name: "L1", inputs: [.input], outputBytes: 2000, deviceMs: 10, edgeMs: 1, params: 100),
        ProfileLayer(name: "L2", inputs: [.layer(0)], outputBytes: 50, deviceMs: 20, edgeMs: 2, params: 1000),
        ProfileLayer(name: "L3", inputs: [.layer(1)], outputBytes: 100, deviceMs: 50, edgeMs: 0.5, params: 10),
    ])
}

/// 0.1 ms per byte, RTT 10 ms: split 2 wins (45.5 ms).
let slowLink = LinkConditions(bandwidthMbps: 0.08, rttMs: 10)
/// 0.001 ms per byte, RTT 10 ms: edge-only wins (14.5 ms).
let fastLink = LinkConditions(bandwidthMbps: 8, rttMs: 10)

/// A seeded generator for random profiles.
struct TestRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() % 1_000_001) / 1_000_000 * (range.upperBound - range.lowerBound)
    }
}

/// A random profile: a chain when `skipProbability` is 0, else a DAG with extra edges to earlier layers.
func randomProfile(layers: Int, skipProbability: Double, rng: inout TestRNG) -> ModelProfile {
    var result: [ProfileLayer] = []
    for i in 0..<layers {
        var inputs: [TensorSource] = [i == 0 ? .input : .layer(i - 1)]
        if i >= 2, rng.uniform(0...1) < skipProbability {
            let earlier = Int(rng.next() % UInt64(i - 1))
            inputs.append(.layer(earlier))
        }
        if i >= 1, rng.uniform(0...1) < skipProbability / 4 { inputs.append(.input) }
        result.append(ProfileLayer(name: "l\(i)", inputs: inputs,
                                   outputBytes: Int(rng.next() % 300_000),
                                   deviceMs: rng.uniform(0...20), edgeMs: rng.uniform(0...2),
                                   params: Int(rng.next() % 1_000_000)))
    }
    return ModelProfile(name: "random", inputBytes: 150_528, layers: result)
}
