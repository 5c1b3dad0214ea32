import SplitModels
import SplitRandom

/// Large synthetic profiles for benchmarks: a long chain and a ResNet-like DAG.
enum SyntheticProfiles {
    /// A chain of `layers` layers with output sizes and times drawn from a seeded generator.
    static func chain(layers: Int, seed: UInt64 = 1) -> ModelProfile {
        var rng = SplitMix64(seed: seed)
        let profileLayers = (0..<layers).map { i in
            ProfileLayer(name: "layer\(i)", inputs: [i == 0 ? .input : .layer(i - 1)],
                         outputBytes: 1_000 + Int(rng.next() % 800_000),
                         deviceMs: 0.05 + Double(rng.next() % 1_000) / 200, edgeMs: 0.005 + Double(rng.next() % 1_000) / 4_000)
        }
        return ModelProfile(name: "chain-\(layers)", inputBytes: 150_528, layers: profileLayers)
    }

    /// A ResNet-like DAG: a chain where every third layer also adds the output from three layers back.
    static func residual(layers: Int, seed: UInt64 = 2) -> ModelProfile {
        var rng = SplitMix64(seed: seed)
        let profileLayers = (0..<layers).map { i in
            var inputs: [TensorSource] = [i == 0 ? .input : .layer(i - 1)]
            if i >= 3 && i % 3 == 0 { inputs.append(.layer(i - 3)) }
            return ProfileLayer(name: "layer\(i)", inputs: inputs,
                                outputBytes: 1_000 + Int(rng.next() % 800_000),
                                deviceMs: 0.05 + Double(rng.next() % 1_000) / 200, edgeMs: 0.005 + Double(rng.next() % 1_000) / 4_000)
        }
        return ModelProfile(name: "dag-\(layers)", inputBytes: 150_528, layers: profileLayers)
    }
}
