import SplitRandom
import SplitTestSupport
import SplitCost
import SplitModels

/// The hand-worked chain (see SplitTestSupport for the numbers).
func handChain() -> ModelProfile { HandModels.chain() }

/// 0.1 ms per byte, RTT 10 ms: split 2 wins (45.5 ms).
let slowLink = LinkConditions(bandwidthMbps: 0.08, rttMs: 10)
/// 0.001 ms per byte, RTT 10 ms: edge-only wins (14.5 ms).
let fastLink = LinkConditions(bandwidthMbps: 8, rttMs: 10)

/// The seeded generator the random-profile tests use.
typealias TestRNG = SplitMix64

extension SplitMix64 {
    /// A uniform value in the range (to a millionth of it).
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
