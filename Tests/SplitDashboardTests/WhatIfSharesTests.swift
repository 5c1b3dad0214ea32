import SplitControl
import SplitCost
import SplitDashboard
import SplitPlanners
import SplitSession
import SplitTerminal
import Testing

/// A what-if whose override changes nothing shows what the recording shows: a fleet's device
/// plans and is costed with the edge's shares recorded for it (its part of the shared uplink and
/// of the edge's compute), as the fleet simulator ran it, not with its whole trace and edge.
@Suite("What-if with the edge's recorded shares")
struct WhatIfSharesTests {
    /// A recording of four devices in format 1.4 (see Golden/fleet-replay.md).
    static let recording = "Tests/SplitDashboardTests/Golden/fleet-shares.jsonl"

    /// Starts a what-if at `t` with `keys` (an override that changes nothing), then plays frame by
    /// frame to `until`, and returns each frame's recorded latency, the what-if's, and the cost
    /// model's for the recorded split at the recorded link (the whole trace, the profile's edge).
    static func latencies(_ path: String, device: String? = nil, at t: Double, until end: Double,
                          override keys: String) throws -> [(t: Double, recorded: Double, whatIf: Double, unshared: Double)] {
        var state = try GoldenTests.state(path, at: t, size: TerminalSize(width: 80, height: 24))
        if let device { while state.shownDeviceID != device { FleetViewTests.press(&state, "d") } }
        WhatIfVersionsTests.type(&state, keys)
        #expect(state.whatIf != nil)
        let index = try SessionIndex.open(path: packageRoot.appendingPathComponent(path).path)
        let feed = ReplayFeed(index: index)
        var pairs: [(Double, Double, Double, Double)] = []
        var clock = state.clock
        while clock < end {
            for action in feed.perform(.load(from: clock, to: clock + 1)) { _ = state.reduce(action) }
            clock += 1
            guard let frame = state.lastFrame, frame.outcome == .ok, let recorded = frame.totalMs,
                  let whatIf = state.whatIf?.latencyMs, let link = state.linkMbps,
                  let partition = state.recordedPartition else { continue }
            let model = state.context.model
            let unshared = CostModel(profile: model).evaluate(Partition(partition, of: model),
                                                              link: LinkConditions(bandwidthMbps: link, rttMs: state.context.rttMs))
            pairs.append((clock, recorded, whatIf, unshared.latencyMs))
        }
        return pairs
    }

    @Test("a fleet device's what-if that changes nothing reproduces the recorded latency", arguments: ["cam-1", "cam-2", "cam-3", "cam-4"])
    func fleetDeviceKeepsItsShares(_ device: String) throws {
        for keys in ["s400", "a50"] {
            let pairs = try Self.latencies(Self.recording, device: device, at: 10, until: 30, override: keys)
            #expect(pairs.count >= 15)
            for pair in pairs {
                #expect(abs(pair.whatIf - pair.recorded) < 0.05,
                        "\(device) \(keys) at \(pair.t): what-if \(pair.whatIf) ms, recorded \(pair.recorded) ms")
            }
        }
    }

    /// A single device's recording times its frames with compute noise and over the trace, which
    /// the what-if leaves out (it costs with the profile at the recorded link): no share applies,
    /// and its latency is the cost model's for the recorded split, as before shares were read.
    @Test("a single device's what-if that changes nothing is costed at the recorded link, no share applied")
    func singleDeviceUnchanged() throws {
        let pairs = try Self.latencies("SampleTraces/sessions/mobilenetv2-3g-bus.jsonl", at: 40, until: 55, override: "s100000")
        #expect(pairs.count >= 10)
        for pair in pairs {
            #expect(abs(pair.whatIf - pair.unshared) < 0.05, "at \(pair.t): what-if \(pair.whatIf) ms, cost model \(pair.unshared) ms")
            #expect(abs(pair.whatIf - pair.recorded) <= 0.25 * pair.recorded, "at \(pair.t): what-if \(pair.whatIf) ms, recorded \(pair.recorded) ms")
        }
    }
}
