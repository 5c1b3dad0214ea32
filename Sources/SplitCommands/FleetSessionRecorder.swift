import SplitAllocation
import SplitControl
import SplitCost
import SplitModels
import SplitSession

/// Turns a fleet session's seconds into session events: the one recording of many devices that
/// `simulate --devices N --out` writes and `replay` and `summarize` read.
///
/// Per second, in order: a `shares` event when the allocation changed (always at 0 s), then per
/// device a `decision` when its version or split changed (reason `start` at 0 s, then `bandwidth`
/// when its own estimate moved it, `edge_shares` when the allocator's division of the edge did:
/// ``FleetReassignment``), a `link` sample (its trace's mean rate
/// over the second before, which is also the estimate the allocator planned with) and its `frame`.
/// Every per-device event carries the device's id. "Changed" means a device's version or split
/// differs, or a share moved by more than ``shareStep`` since the last `shares` event written:
/// shares follow bandwidth continuously, and a line per second per wobble would say nothing.
/// Each processed frame records the device's energy by the power model the single-device
/// simulator uses (``FrameLoop/energyMJ(deviceMs:transferMs:rttMs:edgeMs:power:)``): compute watts
/// over its device ms, radio watts over its transfer, idle watts over the round trip and the edge.
struct FleetSessionRecorder {
    /// How far a share must move before a new `shares` event is written.
    static let shareStep = 0.01

    let ids: [String]
    let weights: [Double]
    let allocator: AllocatorKind
    let edge: EdgeCapacity
    /// The devices' power model (every device of the fleet has the same).
    let power: DevicePowerModel
    private var written: Allocation?
    private var options: [AllocationOption]?

    init(ids: [String], weights: [Double], allocator: AllocatorKind, edge: EdgeCapacity, power: DevicePowerModel = .jetsonOnLTE) {
        self.ids = ids
        self.weights = weights
        self.allocator = allocator
        self.edge = edge
        self.power = power
    }

    /// The events of one second, in file order.
    mutating func events(for second: FleetSecond) -> [TimedEvent] {
        let t = Double(second.second)
        let chosen = second.inferences.map(\.option)
        var events: [TimedEvent] = []
        if sharesChanged(second.allocation, chosen) {
            events.append(TimedEvent(t: t, event: .shares(shares(second.allocation, chosen))))
            written = second.allocation
        }
        for (i, id) in ids.enumerated() {
            let option = chosen[i]
            let previous = options?[i]
            if previous?.version != option.version || previous?.split != option.split {
                events.append(TimedEvent(t: t, device: id, event: .decision(DecisionEvent(
                    from: previous.map { .split($0.split) }, to: .split(option.split), version: option.version,
                    reason: previous == nil ? .start : Self.reason(second.reassigned.indices.contains(i) ? second.reassigned[i] : nil),
                    predictedMs: Self.recordable(second.allocation.devices[i].latencyMs)))))
            }
            events.append(TimedEvent(t: t, device: id, event: .link(LinkEvent(bandwidthMbps: second.estimatedMbps[i], source: .trace))))
            events.append(TimedEvent(t: t, device: id, event: .frame(frame(second, device: i))))
        }
        options = chosen
        return events
    }

    private func sharesChanged(_ allocation: Allocation, _ chosen: [AllocationOption]) -> Bool {
        guard let written, let options else { return true }
        for (i, option) in chosen.enumerated() {
            let before = written.devices[i]
            let now = allocation.devices[i]
            if option.version != options[i].version || option.split != options[i].split
                || abs(now.computeShare - before.computeShare) > Self.shareStep
                || abs(now.bandwidthShare - before.bandwidthShare) > Self.shareStep {
                return true
            }
        }
        return false
    }

    private func shares(_ allocation: Allocation, _ chosen: [AllocationOption]) -> SharesEvent {
        SharesEvent(allocator: ShareAllocator(rawValue: allocator.rawValue),
                    edge: SharedEdgeCapacity(gmacsPerSecond: edge.gmacsPerSecond, uplinkMbps: edge.uplinkMbps),
                    devices: ids.enumerated().map { i, id in
                        let part = allocation.devices[i]
                        return DeviceShare(device: id, split: chosen[i].split, computeShare: Quantity.share.clamp(part.computeShare),
                                           bandwidthShare: Quantity.share.clamp(part.bandwidthShare), taskWeight: weights[i],
                                           version: chosen[i].version, predictedMs: Self.recordable(part.latencyMs),
                                           utility: Quantity.utility.accepts(part.utility) ? part.utility : nil)
                    })
    }

    /// One device's frame: its parts as realised on its trace, or dropped when the transfer never
    /// finished or took longer than a session records (``Quantity/recordedMs``).
    private func frame(_ second: FleetSecond, device i: Int) -> FrameEvent {
        let inference = second.inferences[i]
        let option = inference.option
        let predicted = Self.recordable(second.allocation.devices[i].latencyMs)
        guard inference.finished, Quantity.recordedMs.accepts(inference.totalMs) else {
            var dropped = FrameEvent(frame: second.second, partition: .split(option.split), predictedMs: predicted,
                                     bandwidthEstimateMbps: second.estimatedMbps[i], outcome: .dropped)
            dropped.version = option.version
            return dropped
        }
        let rtt = option.usesEdge ? inference.rttMs : 0
        let edgeMs = option.usesEdge ? inference.edgeMs : 0
        let energy = FrameLoop.energyMJ(deviceMs: inference.deviceMs, transferMs: inference.transferMs, rttMs: rtt, edgeMs: edgeMs,
                                        power: power)
        var frame = FrameEvent(frame: second.second, partition: .split(option.split), predictedMs: predicted,
                               predictedDeviceMs: option.deviceMs, deviceMs: inference.deviceMs,
                               bytesSent: Int(option.transferBytes.rounded()), transferMs: inference.transferMs,
                               rttMs: option.usesEdge ? inference.rttMs : nil, edgeMs: option.usesEdge ? inference.edgeMs : nil,
                               totalMs: inference.totalMs, energyMJ: energy.isFinite && energy >= 0 ? energy : nil,
                               bandwidthEstimateMbps: second.estimatedMbps[i], outcome: .ok)
        frame.version = option.version
        return frame
    }

    /// The decision reason for why the allocator moved a device: its own bandwidth, or the edge's
    /// shares (the reason a live device records when it follows its edge's assignment). A change
    /// the simulation did not explain is the edge's: the allocator made it.
    static func reason(_ reassignment: FleetReassignment?) -> DecisionReason {
        switch reassignment {
        case .bandwidth: .bandwidth
        case .edgeShares, nil: .edgeShares
        }
    }

    /// A time the format can hold, or nil.
    private static func recordable(_ ms: Double) -> Double? {
        Quantity.recordedMs.accepts(ms) ? ms : nil
    }
}
