import SplitJSON
import SplitModels
import SplitSession
import SplitSimulator

/// The per-device figures `summarize` prints for a session of several devices sharing one edge.
///
/// A stream holds several devices when its header lists `devices` (since 1.3) or its events carry
/// more than one `device` id. Each device's events are tallied on their own (against the device's
/// own SLO when the header gives one); the fleet's totals are the whole stream's, as for one device.
struct FleetDigest {
    /// One device's row.
    struct Row {
        var device: String
        var taskWeight: Double?
        var summary: SessionSummary
        var decisions: Int
        /// Frames per model version.
        var framesPerVersion: [String: Int]
        /// Its part of the last `shares` event.
        var share: DeviceShare?
    }

    var rows: [Row]
    /// `shares` events in the stream, and the allocator of the last one.
    var sharesEvents: Int
    var allocator: ShareAllocator?
    /// Whether the last `shares` event's edge shares an uplink (records its total): when it does
    /// not, the devices' uplink shares mean nothing and print as "not shared".
    var uplinkShared = true
    /// Whether the frames carry the devices' energy (the header gives a power model; fleet
    /// recordings before this build do not).
    var energyRecorded: Bool

    /// The digest, or nil for a stream of one device.
    init?(_ recording: SessionRecording) {
        var order = recording.header.devices.map(\.device)
        for timed in recording.events {
            if let id = timed.device, !order.contains(id) { order.append(id) }
        }
        guard !recording.header.devices.isEmpty || order.count > 1 else { return nil }
        let members = Dictionary(recording.header.devices.map { ($0.device, $0) }, uniquingKeysWith: { first, _ in first })
        var tallies = Dictionary(uniqueKeysWithValues: order.map {
            ($0, SessionTally(sloMs: members[$0]?.sloMs ?? recording.header.constraints.sloMs))
        })
        var last: SharesEvent?
        var count = 0
        for timed in recording.events {
            if case .shares(let shares) = timed.event {
                last = shares
                count += 1
            }
            guard let id = timed.device else { continue }
            tallies[id]?.add(timed)
        }
        rows = order.map { id in
            let tally = tallies[id] ?? SessionTally(sloMs: nil)
            return Row(device: id, taskWeight: members[id]?.taskWeight ?? last?.share(of: id)?.taskWeight,
                       summary: tally.summary(policy: id), decisions: tally.decisions, framesPerVersion: tally.framesPerVersion,
                       share: last?.share(of: id))
        }
        sharesEvents = count
        allocator = last?.allocator
        uplinkShared = last?.sharesUplink ?? true
        energyRecorded = recording.header.device?.power != nil
    }

    /// For a stream of one device that carries its edge's `shares` (a live device's recording when
    /// the edge serves several): "3 edge allocations (exact), the last among 2 devices; it gives
    /// cam-2 split 5, compute 58.0 %, uplink 70.0 %", or nil when the stream has no shares.
    static func sharesLine(_ recording: SessionRecording) -> String? {
        var count = 0
        var last: SharesEvent?
        var own: String?
        for timed in recording.events {
            if case .shares(let shares) = timed.event {
                count += 1
                last = shares
            } else if own == nil {
                own = timed.device
            }
        }
        guard let last else { return nil }
        // The device count is the last allocation's, not the whole stream's: say so.
        var line = "\(Format.counted(count, "edge allocation")) (\(DisplayText.escaped(last.allocator.rawValue)))"
            + "\(count == 1 ? " among" : ", the last among") \(Format.counted(last.devices.count, "device"))"
        let uplink = { (share: DeviceShare) in !last.sharesUplink ? "uplink not shared" : "uplink \(percent(share.bandwidthShare))" }
        if let own, let share = last.share(of: own), last.devices.count == 1 {
            // Alone on its edge the device chooses its own version and split (the live device's rule).
            line += "; alone on it, \(DisplayText.escaped(own)) chooses its own version and split (compute \(percent(share.computeShare)), \(uplink(share)))"
        } else if let own, let share = last.share(of: own) {
            line += "; it gives \(DisplayText.escaped(own)) \(share.version.map { "\(DisplayText.escaped($0)) " } ?? "")split \(share.split), "
                + "compute \(percent(share.computeShare)), \(uplink(share))"
        }
        return line
    }

    /// The table: one row per device, then the fleet's totals.
    func table(fleet: SessionSummary) -> String {
        var table = TextTable(["device", "weight", "frames", "dropped", "mean ms", "p95 ms", "mJ/frame", "SLO misses", "switches",
                               "versions", "split", "compute", "uplink"],
                              alignments: [.left, .right, .right, .right, .right, .right, .right, .right, .right, .left, .right, .right,
                                           .right])
        for row in rows {
            let s = row.summary
            table.add([row.device, row.taskWeight.map { Format.fixed($0, 2) } ?? "-", "\(s.frames)", "\(s.dropped)",
                       s.frames == 0 ? "-" : Format.fixed(s.meanMs), s.frames == 0 ? "-" : Format.fixed(s.p95Ms), energy(s),
                       "\(s.sloMisses)", "\(s.switches)", Self.versions(row.framesPerVersion),
                       row.share.map { "\($0.split)" } ?? "-", row.share.map { Self.percent($0.computeShare) } ?? "-",
                       row.share.map { uplinkShared ? Self.percent($0.bandwidthShare) : "not shared" } ?? "-"])
        }
        table.add(["fleet", "", "\(fleet.frames)", "\(fleet.dropped)", fleet.frames == 0 ? "-" : Format.fixed(fleet.meanMs),
                   fleet.frames == 0 ? "-" : Format.fixed(fleet.p95Ms), energy(fleet), "\(fleet.sloMisses)", "\(fleet.switches)", "", "",
                   rows.contains { $0.share != nil } ? Self.percent(rows.reduce(0) { $0 + ($1.share?.computeShare ?? 0) }) : "-",
                   !uplinkShared ? "not shared"
                       : rows.contains { $0.share != nil } ? Self.percent(rows.reduce(0) { $0 + ($1.share?.bandwidthShare ?? 0) }) : "-"])
        return table.render()
    }

    /// A device's mean energy per processed frame in mJ, or "-" when none is recorded.
    private func energy(_ s: SessionSummary) -> String {
        energyRecorded && s.frames > 0 ? Format.fixed(s.energyPerFrameMJ, 1) : "-"
    }

    /// "fashion-edge 40, fashion-device 20".
    static func versions(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "-" : counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\(DisplayText.escaped($0.key)) \($0.value)" }.joined(separator: ", ")
    }

    static func percent(_ share: Double) -> String {
        Format.fixed(share * 100, 1) + " %"
    }

    var json: JSONValue {
        .array(rows.map { row in
            let s = row.summary
            return .object(JSONObject([
                ("device", .string(row.device)), ("task_weight", row.taskWeight.map(JSONValue.number) ?? .null),
                ("frames", .number(Double(s.frames))), ("dropped", .number(Double(s.dropped))),
                ("mean_ms", s.frames == 0 ? .null : .number(s.meanMs)), ("p95_ms", s.frames == 0 ? .null : .number(s.p95Ms)),
                ("energy_mj", energyRecorded && s.frames > 0 ? .number(s.energyPerFrameMJ) : .null),
                ("slo_misses", .number(Double(s.sloMisses))), ("switches", .number(Double(s.switches))),
                ("frames_per_version", .object(JSONObject(row.framesPerVersion.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) }))),
                ("split", row.share.map { .number(Double($0.split)) } ?? .null),
                ("compute_share", row.share.map { .number($0.computeShare) } ?? .null),
                ("bandwidth_share", row.share.map { .number($0.bandwidthShare) } ?? .null),
            ]))
        })
    }
}
