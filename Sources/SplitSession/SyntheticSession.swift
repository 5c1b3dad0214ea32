import SplitRandom
import SplitModels

/// A made-up but plausible session, for benchmarks and tests of replay at scale.
///
/// A 10 fps camera on a Jetson-class device splits a 20-layer CNN with an edge GPU over a
/// link whose bandwidth drifts (a random walk between 1 and 60 Mbit/s). Each frame tick
/// writes a frame event, and with some probability a link sample (0.4), a battery sample
/// (0.2) and a decision (1 in 15), so about 60% of events are frames. Times are whole
/// milliseconds and measurements are rounded as a real logger would, so lines are the
/// length real ones are (about 300 bytes for a frame).
struct SyntheticSession: IteratorProtocol {
    /// The model: 20 layers whose outputs shrink from 800 KB to 4 KB.
    static let model: ModelProfile = {
        var layers: [ProfileLayer] = []
        for i in 0..<20 {
            let source: TensorSource = i == 0 ? .input : .layer(i - 1)
            let outputBytes: Int = (800_000 >> (i / 3)) + 4_000
            let deviceMs: Double = 2 + Double(i % 5)
            let edgeMs: Double = 0.2 + Double(i % 3) * 0.1
            let op = OpKind(name: i % 4 == 3 ? "pool" : "conv")
            layers.append(ProfileLayer(name: "layer\(i)", inputs: [source], outputBytes: outputBytes,
                                       deviceMs: deviceMs, edgeMs: edgeMs, op: op))
        }
        return ModelProfile(name: "synthetic-cnn20", inputBytes: 602_112, layers: layers)
    }()

    /// A header describing the setup above.
    static let header = SessionHeader(
        startTime: "2025-01-01T00:00:00Z", source: .simulator, fps: 10, policy: "dynamic", model: model,
        device: SessionDeviceInfo(name: "jetson-nano", compute: "jetson-class: 40 GMAC/s, 25.6 GB/s",
                                  power: SessionPowerModel(computeWatts: 5, radioWatts: 1.5, idleWatts: 0.5), batteryMWh: 37_000),
        edge: SessionEdgeInfo(name: "edge-gpu", compute: "server-gpu: 2000 GMAC/s, 300 GB/s"),
        link: SessionLinkSettings(rttMs: 25, bandwidth: "synthetic:random-walk", estimator: "ewma"),
        constraints: SessionConstraints(sloMs: 100, batteryFloorPct: 20))

    private var random: SplitMix64
    private var frame = 0
    private var pending: [TimedEvent] = []
    private var bandwidthMbps = 20.0
    private var batteryPct = 100.0
    private var split = 8

    init(seed: UInt64 = 42) {
        random = SplitMix64(seed: seed)
    }

    mutating func next() -> TimedEvent? {
        if pending.isEmpty {
            tick()
        }
        return pending.removeFirst()
    }

    /// One frame's worth of events, in time order.
    private mutating func tick() {
        let baseMs = Double(frame) * 100
        bandwidthMbps = min(60, max(1, bandwidthMbps * Double.random(in: 0.93...1.075, using: &random)))
        let estimate = Self.round(bandwidthMbps * Double.random(in: 0.9...1.1, using: &random), 2)
        if Double.random(in: 0..<1, using: &random) < 1.0 / 15 {
            let from = split
            split = max(0, min(20, split + Int.random(in: -3...3, using: &random)))
            let candidates = [split, max(0, split - 1), min(20, split + 1)].map { candidate in
                DecisionCandidate(partition: .split(candidate), predictedMs: Self.round(predictedMs(split: candidate, mbps: estimate), 2))
            }
            pending.append(TimedEvent(t: baseMs / 1000, event: .decision(DecisionEvent(
                from: .split(from), to: .split(split), reason: .bandwidth,
                decisionMicros: Self.round(Double.random(in: 20...90, using: &random), 1),
                predictedMs: candidates[0].predictedMs, candidates: candidates))))
        }
        let layers = Self.model.layers
        let deviceMs = layers.prefix(split).reduce(0) { $0 + $1.deviceMs } * Double.random(in: 0.95...1.15, using: &random)
        let bytes = split == 0 ? Self.model.inputBytes : layers[split - 1].outputBytes
        let transferMs = split == 20 ? 0 : Double(bytes) * 8 / (bandwidthMbps * 1e6) * 1e3
        let edgeMs = layers.dropFirst(split).reduce(0) { $0 + $1.edgeMs } * Double.random(in: 0.9...1.3, using: &random)
        let totalMs = deviceMs + transferMs + edgeMs + (split == 20 ? 0 : 25)
        batteryPct = max(0, batteryPct - 0.0004)
        pending.append(TimedEvent(t: (baseMs + 1) / 1000, event: .frame(FrameEvent(
            frame: frame, partition: .split(split),
            predictedMs: Self.round(predictedMs(split: split, mbps: estimate), 2),
            predictedDeviceMs: Self.round(layers.prefix(split).reduce(0) { $0 + $1.deviceMs }, 2),
            deviceMs: Self.round(deviceMs, 2), bytesSent: split == 20 ? 0 : bytes, transferMs: Self.round(transferMs, 2),
            edgeMs: Self.round(edgeMs, 2), totalMs: Self.round(totalMs, 2),
            energyMJ: Self.round(5 * deviceMs + 1.5 * transferMs + 0.5 * (edgeMs + 25), 1),
            batteryPct: Self.round(batteryPct, 3), bandwidthEstimateMbps: estimate,
            outcome: totalMs > 250 ? .dropped : .ok))))
        if Double.random(in: 0..<1, using: &random) < 0.4 {
            pending.append(TimedEvent(t: (baseMs + 40) / 1000, event: .link(LinkEvent(
                bandwidthMbps: Self.round(bandwidthMbps, 2), rttMs: Self.round(25 * Double.random(in: 0.8...1.4, using: &random), 1),
                source: .trace))))
        }
        if Double.random(in: 0..<1, using: &random) < 0.2 {
            pending.append(TimedEvent(t: (baseMs + 70) / 1000, event: .battery(BatteryEvent(
                levelPct: Self.round(batteryPct, 3), drainMW: Self.round(Double.random(in: 2_500...6_000, using: &random), 0)))))
        }
        frame += 1
    }

    private func predictedMs(split: Int, mbps: Double) -> Double {
        let layers = Self.model.layers
        let bytes = split == 0 ? Self.model.inputBytes : layers[split - 1].outputBytes
        let transferMs = split == 20 ? 0 : Double(bytes) * 8 / (mbps * 1e6) * 1e3
        return layers.prefix(split).reduce(0) { $0 + $1.deviceMs } + transferMs
            + layers.dropFirst(split).reduce(0) { $0 + $1.edgeMs } + (split == 20 ? 0 : 25)
    }

    private static func round(_ value: Double, _ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
