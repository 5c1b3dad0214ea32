import SplitJSON

/// Turns events into JSON lines and back, per `docs/session-format.md`.
///
/// Every line is one compact object whose first members are `"type"` and `"t"`, then
/// `"device"` when set, then the event's fields in documented order. Optional fields that are
/// absent are left out rather than written as `null`. Decoding ignores fields it does not know
/// and reports types it does not know as ``Decoded/unknownType(_:)``, so a newer writer's
/// additions never make a line unreadable.
///
/// ```swift
/// let bytes = SessionEventCodec.line(for: TimedEvent(t: 0.5, event: .note(NoteEvent(text: "start"))))
/// // {"type":"note","t":0.5,"text":"start"}\n
/// let back = try SessionEventCodec.decode(line: bytes.dropLast())   // .event(...)
/// ```
public enum SessionEventCodec {
    /// What a line held.
    public enum Decoded: Hashable, Sendable {
        /// An event of a type this build knows.
        case event(TimedEvent)
        /// A well-formed line of a type this build does not know (skip it).
        case unknownType(String)
    }

    /// The schema name the header carries.
    public static let schemaName = "splitscope-session"

    /// The event as a JSON object.
    public static func encode(_ timed: TimedEvent) -> JSONValue {
        var object = JSONObject([("type", .string(timed.event.typeName)), ("t", .number(timed.t))])
        if let device = timed.device {
            object["device"] = .string(device)
        }
        switch timed.event {
        case .session(let header): encodeHeader(header, into: &object)
        case .frame(let frame): encodeFrame(frame, into: &object)
        case .link(let link):
            object["bandwidth_mbps"] = .number(link.bandwidthMbps)
            object["rtt_ms"] = link.rttMs.map(JSONValue.number)
            object["source"] = .string(link.source.rawValue)
        case .battery(let battery):
            object["level_pct"] = .number(battery.levelPct)
            object["drain_mw"] = battery.drainMW.map(JSONValue.number)
            if let drained = battery.drained {
                object["frames_mj"] = .number(drained.framesMJ)
                object["probes_mj"] = .number(drained.probesMJ)
                object["idle_mj"] = .number(drained.idleMJ)
            }
        case .decision(let decision): encodeDecision(decision, into: &object)
        case .operatorAction(let action):
            object["action"] = .string(action.action.rawValue)
            object["field"] = action.field.map(JSONValue.string)
            object["old"] = action.oldValue
            object["new"] = action.newValue
        case .fault(let fault):
            object["kind"] = .string(fault.kind.rawValue)
            object["action"] = fault.action.map(JSONValue.string)
        case .note(let note):
            object["text"] = .string(note.text)
        case .probe(let probe):
            object["bytes"] = .number(Double(probe.bytes))
            object["airtime_ms"] = .number(probe.airtimeMs)
            object["energy_mj"] = probe.energyMJ.map(JSONValue.number)
            object["outcome"] = .string(probe.outcome.rawValue)
        case .shares(let shares): encodeShares(shares, into: &object)
        }
        return .object(object)
    }

    /// The event as one line of UTF-8 JSON, ending in `\n`.
    ///
    /// The serializer escapes control characters in strings, so the only newline is the last byte.
    public static func line(for timed: TimedEvent) -> [UInt8] {
        var bytes = Array(encode(timed).serialized().utf8)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The partition as JSON: `{"split": 7}` or `{"device_layers": [...]}`.
    public static func encode(_ partition: SessionPartition) -> JSONValue {
        switch partition {
        case .split(let split):
            ["split": .number(Double(split))]
        case .deviceLayers(let names):
            ["device_layers": .array(names.map(JSONValue.string))]
        }
    }

    private static func encodeHeader(_ header: SessionHeader, into object: inout JSONObject) {
        object["schema"] = .string(schemaName)
        object["version"] = .string(SessionSchemaVersion.current.description)
        object["start_time"] = .string(header.startTime)
        object["source"] = .string(header.source.rawValue)
        object["fps"] = header.fps.map(JSONValue.number)
        object["policy"] = header.policy.map(JSONValue.string)
        if let device = header.device {
            var info = JSONObject([("name", .string(device.name))])
            info["compute"] = device.compute.map(JSONValue.string)
            if let power = device.power {
                info["power_w"] = [
                    "compute": .number(power.computeWatts),
                    "radio": .number(power.radioWatts),
                    "idle": .number(power.idleWatts),
                ]
            }
            info["battery_mwh"] = device.batteryMWh.map(JSONValue.number)
            object["device_info"] = .object(info)
        }
        if let edge = header.edge {
            var info = JSONObject([("name", .string(edge.name))])
            info["compute"] = edge.compute.map(JSONValue.string)
            object["edge_info"] = .object(info)
        }
        if let link = header.link {
            var settings = JSONObject()
            settings["rtt_ms"] = link.rttMs.map(JSONValue.number)
            settings["bandwidth"] = link.bandwidth.map(JSONValue.string)
            settings["estimator"] = link.estimator.map(JSONValue.string)
            object["link"] = .object(settings)
        }
        let constraints = header.constraints
        if !constraints.isEmpty {
            var limits = JSONObject()
            limits["slo_ms"] = constraints.sloMs.map(JSONValue.number)
            limits["memory_mb"] = constraints.memoryMB.map(JSONValue.number)
            limits["min_device_layers"] = constraints.minDeviceLayers.map { .number(Double($0)) }
            limits["bandwidth_cap_mbps"] = constraints.bandwidthCapMbps.map(JSONValue.number)
            limits["battery_floor_pct"] = constraints.batteryFloorPct.map(JSONValue.number)
            limits["accuracy_floor_pct"] = constraints.accuracyFloorPct.map(JSONValue.number)
            object["constraints"] = .object(limits)
        }
        if !header.versions.isEmpty {
            object["versions"] = .array(header.versions.map { version in
                .object(JSONObject([("name", .string(version.name)), ("accuracy_pct", .number(version.accuracyPercent)),
                                    ("compression", .string(version.compression)), ("model", version.model.json)]))
            })
        }
        if !header.devices.isEmpty {
            object["devices"] = .array(header.devices.map { member in
                var entry = JSONObject([("device", .string(member.device))])
                entry["task_weight"] = member.taskWeight.map(JSONValue.number)
                entry["gmacs_per_s"] = member.gmacsPerSecond.map(JSONValue.number)
                entry["trace"] = member.trace.map(JSONValue.string)
                entry["slo_ms"] = member.sloMs.map(JSONValue.number)
                entry["rtt_ms"] = member.rttMs.map(JSONValue.number)
                if !member.layerDeviceMs.isEmpty {
                    // In the order of the header's versions, so the same fleet writes the same bytes.
                    let order = header.versions.map(\.name)
                    let names = member.layerDeviceMs.keys.sorted { (order.firstIndex(of: $0) ?? Int.max, $0) < (order.firstIndex(of: $1) ?? Int.max, $1) }
                    entry["layer_device_ms"] = .object(JSONObject(names.map { name in
                        (name, .array((member.layerDeviceMs[name] ?? []).map(JSONValue.number)))
                    }))
                }
                return .object(entry)
            })
        }
        if let appeal = header.appealModel {
            var entry = JSONObject([("name", .string(appeal.name))])
            entry["model"] = appeal.model?.json
            object["appeal_model"] = .object(entry)
        }
        // Last, because it is by far the longest member.
        object["model"] = header.model.json
    }

    private static func encodeFrame(_ frame: FrameEvent, into object: inout JSONObject) {
        object["frame"] = .number(Double(frame.frame))
        object["partition"] = encode(frame.partition)
        object["predicted_ms"] = frame.predictedMs.map(JSONValue.number)
        object["predicted_device_ms"] = frame.predictedDeviceMs.map(JSONValue.number)
        object["device_ms"] = frame.deviceMs.map(JSONValue.number)
        object["bytes_sent"] = frame.bytesSent.map { .number(Double($0)) }
        object["transfer_ms"] = frame.transferMs.map(JSONValue.number)
        object["rtt_ms"] = frame.rttMs.map(JSONValue.number)
        object["edge_ms"] = frame.edgeMs.map(JSONValue.number)
        object["total_ms"] = frame.totalMs.map(JSONValue.number)
        object["energy_mj"] = frame.energyMJ.map(JSONValue.number)
        object["battery_pct"] = frame.batteryPct.map(JSONValue.number)
        object["bandwidth_estimate_mbps"] = frame.bandwidthEstimateMbps.map(JSONValue.number)
        object["outcome"] = .string(frame.outcome.rawValue)
        object["version"] = frame.version.map(JSONValue.string)
        object["batch"] = frame.batch.map { .number(Double($0)) }
        object["answered"] = frame.answered.map { .string($0.rawValue) }
        object["confidence"] = frame.confidence.map(JSONValue.number)
        object["correct"] = frame.correct.map(JSONValue.bool)
    }

    private static func encodeShares(_ shares: SharesEvent, into object: inout JSONObject) {
        object["allocator"] = .string(shares.allocator.rawValue)
        if let edge = shares.edge {
            var capacity = JSONObject()
            capacity["gmacs_per_s"] = edge.gmacsPerSecond.map(JSONValue.number)
            capacity["uplink_mbps"] = edge.uplinkMbps.map(JSONValue.number)
            object["edge"] = .object(capacity)
        }
        object["devices"] = .array(shares.devices.map { share in
            var entry = JSONObject([("device", .string(share.device))])
            entry["task_weight"] = share.taskWeight.map(JSONValue.number)
            entry["version"] = share.version.map(JSONValue.string)
            entry["split"] = .number(Double(share.split))
            entry["compute_share"] = .number(share.computeShare)
            entry["bandwidth_share"] = .number(share.bandwidthShare)
            entry["predicted_ms"] = share.predictedMs.map(JSONValue.number)
            entry["utility"] = share.utility.map(JSONValue.number)
            return .object(entry)
        })
    }

    private static func encodeDecision(_ decision: DecisionEvent, into object: inout JSONObject) {
        object["from"] = decision.from.map(encode)
        object["to"] = encode(decision.to)
        object["version"] = decision.version.map(JSONValue.string)
        object["reason"] = .string(decision.reason.rawValue)
        object["decision_us"] = decision.decisionMicros.map(JSONValue.number)
        object["predicted_ms"] = decision.predictedMs.map(JSONValue.number)
        if !decision.candidates.isEmpty {
            object["candidates"] = .array(decision.candidates.map { candidate in
                ["partition": encode(candidate.partition), "predicted_ms": .number(candidate.predictedMs)]
            })
        }
    }
}
