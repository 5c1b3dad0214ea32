import SplitCost
import SplitSession
import Testing

/// Checks that a session's events add up, the way `docs/session-format.md` ("Energy") says:
/// every processed frame's parts make its `total_ms` and, by the power model, its `energy_mj`;
/// every probe's energy is its airtime on the radio and no two probes overlap; and the battery
/// drained by exactly the frames', probes' and idle energy it reports.
///
/// Returns the number of processed frames checked, so callers can insist there were some.
@discardableResult
func checkAccounting(_ events: [TimedEvent], power: DevicePowerModel, label: String,
                     sourceLocation: SourceLocation = #_sourceLocation) -> Int {
    func near(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }
    var checked = 0
    var frameEnergy = 0.0
    var probeEnergy = 0.0
    var drainedFrames = 0.0
    var drainedProbes = 0.0
    var lastProbeEnd = -Double.infinity
    for timed in events {
        switch timed.event {
        case .frame(let frame) where frame.outcome != .dropped:
            let device = frame.deviceMs ?? 0
            let transfer = frame.transferMs ?? 0
            let wait = frame.edgeMs.map { $0 + (frame.rttMs ?? 0) } ?? 0
            let where_ = "\(label) frame \(frame.frame) (\(frame.outcome))"
            #expect(frame.edgeMs == nil || frame.rttMs != nil, "\(where_): an answered frame records its RTT", sourceLocation: sourceLocation)
            #expect(near(frame.totalMs, device + transfer + wait),
                     "\(where_): total \(frame.totalMs ?? -1) ≠ \(device) + \(transfer) + \(wait)", sourceLocation: sourceLocation)
            #expect(near(frame.energyMJ, power.energyMJ(deviceMs: device, transferMs: transfer, waitMs: wait)),
                     "\(where_): energy \(frame.energyMJ ?? -1) is not the power model of its parts", sourceLocation: sourceLocation)
            if frame.outcome == .local {
                #expect(frame.edgeMs == nil && transfer > 0 && device > 0,
                         "\(where_): a fallback records its local compute and the abandoned transfer", sourceLocation: sourceLocation)
            }
            frameEnergy += frame.energyMJ ?? 0
            checked += 1
        case .probe(let probe):
            #expect(near(probe.energyMJ, power.radioWatts * probe.airtimeMs), "\(label) probe at \(timed.t): energy is not airtime × radio W",
                    sourceLocation: sourceLocation)
            let start = timed.t - probe.airtimeMs / 1000
            #expect(start >= lastProbeEnd - 1e-9, "\(label) probe at \(timed.t) overlaps the previous one", sourceLocation: sourceLocation)
            lastProbeEnd = timed.t
            probeEnergy += probe.energyMJ ?? 0
        case .battery(let battery):
            drainedFrames += battery.drained?.framesMJ ?? 0
            drainedProbes += battery.drained?.probesMJ ?? 0
        default:
            break
        }
    }
    #expect(near(drainedFrames, frameEnergy), "\(label): battery drained \(drainedFrames) mJ for frames that recorded \(frameEnergy)",
            sourceLocation: sourceLocation)
    #expect(near(drainedProbes, probeEnergy), "\(label): battery drained \(drainedProbes) mJ for probes that recorded \(probeEnergy)",
            sourceLocation: sourceLocation)
    return checked
}
