import SplitModels

/// Small models whose costs are worked out by hand in the tests' comments.
public enum HandModels {
    /// A three-layer chain: split 2 wins on a slow link (0.08 Mbit/s, RTT 10 ms: 45.5 ms) and
    /// edge-only on a fast one (8 Mbit/s: 14.5 ms).
    ///
    /// input 1000 B → L1 (2000 B, device 10 ms, edge 1 ms, 100 params)
    ///              → L2 (50 B, device 20 ms, edge 2 ms, 1000 params)
    ///              → L3 (100 B, device 50 ms, edge 0.5 ms, 10 params)
    public static func chain() -> ModelProfile {
        threeLayers("hand", (2000, 10, 1, 100), (50, 20, 2, 1000), (100, 50, 0.5, 10))
    }

    /// The hand chain at half the device time and half the bytes, a smaller version of it: at
    /// 0.08 Mbit/s and RTT 10 ms its split 2 takes 5 + 10 + 25 B / 10 B/ms + 10 + 0.25 = 27.75 ms,
    /// against the full chain's 45.5 ms.
    public static func smallChain() -> ModelProfile {
        threeLayers("hand-small", (1000, 5, 0.5, 50), (25, 10, 1, 500), (50, 25, 0.25, 5))
    }

    /// A version so fast on the device that it runs everything there (3 ms) on the slow link,
    /// where the full chain's best is split 2 (45.5 ms).
    public static func tinyChain() -> ModelProfile {
        threeLayers("hand-tiny", (1000, 1, 0.5, 50), (25, 1, 1, 500), (50, 1, 0.25, 5))
    }

    /// A chain of three layers L1 → L2 → L3 after a 1000-byte input, each given as
    /// (output bytes, device ms, edge ms, params).
    private static func threeLayers(_ name: String, _ l1: (Int, Double, Double, Int), _ l2: (Int, Double, Double, Int),
                                    _ l3: (Int, Double, Double, Int)) -> ModelProfile {
        let inputs: [TensorSource] = [.input, .layer(0), .layer(1)]
        let layers = [l1, l2, l3].enumerated().map { i, layer in
            ProfileLayer(name: "L\(i + 1)", inputs: [inputs[i]], outputBytes: layer.0, deviceMs: layer.1, edgeMs: layer.2, params: layer.3)
        }
        return ModelProfile(name: name, inputBytes: 1000, layers: layers)
    }

    /// A diamond: input → a → {b, c} → d, where a's output feeds two layers.
    public static func diamond() -> ModelProfile {
        ModelProfile(name: "diamond", inputBytes: 1000, layers: [
            ProfileLayer(name: "a", inputs: [.input], outputBytes: 100, deviceMs: 1, edgeMs: 0.1),
            ProfileLayer(name: "b", inputs: [.layer(0)], outputBytes: 1000, deviceMs: 5, edgeMs: 0.5),
            ProfileLayer(name: "c", inputs: [.layer(0)], outputBytes: 1000, deviceMs: 5, edgeMs: 0.5),
            ProfileLayer(name: "d", inputs: [.layer(1), .layer(2)], outputBytes: 10, deviceMs: 2, edgeMs: 0.2),
        ])
    }
}
