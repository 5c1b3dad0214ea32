import SplitRandom

extension AllocationProblem {
    /// A random problem, for property tests and `bench allocation`: `devices` devices with 1 to
    /// `maxOptions` options each (a quarter of them local: nothing sent, no edge work), accuracies
    /// 60–95 %, device time 0–80 ms, 1–200 kB sent, 0–50 MMAC on the edge, weights 0–0.95,
    /// channels 1–50 Mbit/s, RTT 0–30 ms, SLOs 30–300 ms, an edge of 5–50 GMAC/s and 20–200 Mbit/s.
    public static func random(devices: Int, maxOptions: Int, rng: inout SplitMix64) throws(AllocationError) -> AllocationProblem {
        func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * rng.unit() }
        var list: [AllocationDevice] = []
        for d in 0..<devices {
            let count = 1 + Int(rng.next() % UInt64(max(1, maxOptions)))
            var options: [AllocationOption] = []
            for o in 0..<count {
                let local = rng.next() % 4 == 0
                options.append(AllocationOption(version: "v\(o)", accuracyPercent: uniform(60, 95), split: o, deviceMs: uniform(0, 80),
                                                transferBytes: local ? 0 : uniform(1_000, 200_000).rounded(), edgeMacs: local ? 0 : uniform(0, 5e7).rounded()))
            }
            list.append(AllocationDevice(name: "device \(d)", accuracyWeight: uniform(0, 0.95), bandwidthMbps: uniform(1, 50),
                                         rttMs: uniform(0, 30), sloMs: uniform(30, 300), options: options))
        }
        return try AllocationProblem(devices: list, edge: EdgeCapacity(gmacsPerSecond: uniform(5, 50), uplinkMbps: uniform(20, 200)))
    }
}
