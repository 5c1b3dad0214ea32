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
        ModelProfile(name: "hand", inputBytes: 1000, layers: [
            ProfileLayer(name: "L1", inputs: [.input], outputBytes: 2000, deviceMs: 10, edgeMs: 1, params: 100),
            ProfileLayer(name: "L2", inputs: [.layer(0)], outputBytes: 50, deviceMs: 20, edgeMs: 2, params: 1000),
            ProfileLayer(name: "L3", inputs: [.layer(1)], outputBytes: 100, deviceMs: 50, edgeMs: 0.5, params: 10),
        ])
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
