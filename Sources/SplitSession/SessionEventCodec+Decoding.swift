import SplitJSON
import SplitModels

extension SessionEventCodec {
    /// Parses and decodes one line (without its newline).
    ///
    /// - Throws: ``SessionFieldError`` for text that is not JSON (with the column), or JSON
    ///   that is not a valid event (with the field).
    public static func decode<Bytes: Collection>(line: Bytes) throws(SessionFieldError) -> Decoded
    where Bytes.Element == UInt8 {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: line)
        } catch {
            let place = error.line == 1 ? "column \(error.column)" : "line \(error.line), column \(error.column)"
            throw SessionFieldError(field: "", reason: "not valid JSON (\(place): \(error.message))")
        }
        return try decode(value)
    }

    /// Decodes one event from its JSON object.
    ///
    /// A header (`"type": "session"`) is checked for the schema name and version before
    /// anything else, so a newer major version gives a version error rather than a field error.
    public static func decode(_ json: JSONValue) throws(SessionFieldError) -> Decoded {
        guard let object = json.objectValue else {
            throw SessionFieldError(field: "", reason: "expected a JSON object")
        }
        let fields = SessionFields(object)
        let type = try fields.string("type")
        // Checked against the time quantity by its name, as every numeric field is by its unit.
        let t = try fields.number("t")
        let device = try fields.optionalDeviceID("device")
        let event: SessionEvent
        switch type {
        case "session": event = .session(try decodeHeader(fields))
        case "frame":
            var frame = try decodeFrame(fields)
            frame.version = try fields.optionalString("version")
            frame.batch = try fields.optionalCount("batch")
            if frame.batch == 0 { throw SessionFieldError(field: "batch", reason: "a batch holds at least 1 sample, got 0") }
            event = .frame(frame)
        case "link":
            event = .link(LinkEvent(bandwidthMbps: try fields.number("bandwidth_mbps"),
                                    rttMs: try fields.optionalNumber("rtt_ms"),
                                    source: try fields.word("source")))
        case "battery":
            var drained: EnergyBreakdown?
            if let frames = try fields.optionalNumber("frames_mj") {
                drained = EnergyBreakdown(framesMJ: frames, probesMJ: try fields.optionalNumber("probes_mj") ?? 0,
                                          idleMJ: try fields.optionalNumber("idle_mj") ?? 0)
            }
            event = .battery(BatteryEvent(levelPct: try fields.number("level_pct"),
                                          drainMW: try fields.optionalNumber("drain_mw"), drained: drained))
        case "decision": event = .decision(try decodeDecision(fields))
        case "operator":
            event = .operatorAction(OperatorEvent(action: try fields.word("action"),
                                                  field: try fields.optionalString("field"),
                                                  oldValue: object["old"] ?? .null,
                                                  newValue: object["new"] ?? .null))
        case "fault":
            event = .fault(FaultEvent(kind: try fields.word("kind"), action: try fields.optionalString("action")))
        case "note":
            event = .note(NoteEvent(text: try fields.string("text")))
        case "probe":
            event = .probe(ProbeEvent(bytes: try fields.count("bytes"), airtimeMs: try fields.number("airtime_ms"),
                                      energyMJ: try fields.optionalNumber("energy_mj"), outcome: try fields.word("outcome")))
        case "shares": event = .shares(try decodeShares(fields))
        default:
            return .unknownType(type)
        }
        return .event(TimedEvent(t: t, device: device, event: event))
    }

    /// Reads `{"split": n}` or `{"device_layers": [names]}`.
    public static func decodePartition(_ json: JSONValue, field: String = "partition") throws(SessionFieldError) -> SessionPartition {
        let fields = try SessionFields(json, path: field)
        if fields.present("split") != nil {
            return .split(try fields.count("split"))
        }
        if fields.present("device_layers") != nil {
            var names: [String] = []
            for (position, element) in try fields.array("device_layers").enumerated() {
                names.append(try SessionFields.string(element, field: fields.field("device_layers[\(position)]")))
            }
            return .deviceLayers(names)
        }
        throw SessionFieldError(field: field, reason: "expected \"split\" or \"device_layers\"")
    }

    /// Checks the schema and version, then reads the rest of the header.
    private static func decodeHeader(_ fields: SessionFields) throws(SessionFieldError) -> SessionHeader {
        guard fields.present("schema")?.stringValue == schemaName else {
            throw SessionFieldError(field: "schema", reason: "expected \"\(schemaName)\"")
        }
        let versionText = try fields.string("version")
        guard let version = SessionSchemaVersion(text: versionText) else {
            throw SessionFieldError(field: "version", reason: "expected \"major.minor\" such as \"1.0\", got \(DisplayText.quoted(versionText))")
        }
        let current = SessionSchemaVersion.current
        guard version.major <= current.major else {
            throw SessionFieldError(field: "", reason: "schema version \(version) is newer than this build reads (\(current.major).x); upgrade splitscope")
        }
        guard version.major == current.major else {
            throw SessionFieldError(field: "", reason: "schema version \(version) is older than this build reads (\(current.major).x)")
        }

        let model = try decodeModel(fields, "model")
        var versions: [SessionModelVersion] = []
        if fields.present("versions") != nil {
            for (i, raw) in try fields.array("versions").enumerated() {
                let entry = try SessionFields(raw, path: "versions[\(i)]")
                let name = try entry.string("name")
                guard ModelVersion.isValidName(name) else {
                    throw SessionFieldError(field: entry.field("name"),
                                            reason: "\(DisplayText.quoted(name)) is not a version name (up to \(ModelVersion.maxNameLength) letters, digits, -, _ and .)")
                }
                guard !versions.contains(where: { $0.name == name }) else {
                    throw SessionFieldError(field: entry.field("name"), reason: "version \(DisplayText.quoted(name)) is listed twice")
                }
                versions.append(SessionModelVersion(name: name, accuracyPercent: try entry.number("accuracy_pct"),
                                                    compression: try entry.optionalString("compression") ?? "none",
                                                    model: try decodeModel(entry, "model")))
            }
        }

        var members: [SessionFleetDevice] = []
        if fields.present("devices") != nil {
            var listed: Set<String> = []
            for (i, raw) in try fields.array("devices").enumerated() {
                let entry = try SessionFields(raw, path: "devices[\(i)]")
                let id = try listedDevice(entry, among: &listed)
                members.append(SessionFleetDevice(device: id, taskWeight: try entry.optionalNumber("task_weight"),
                                                  gmacsPerSecond: try entry.optionalNumber("gmacs_per_s"),
                                                  trace: try entry.optionalString("trace"), sloMs: try entry.optionalNumber("slo_ms"),
                                                  rttMs: try entry.optionalNumber("rtt_ms"),
                                                  layerDeviceMs: try layerDeviceMs(entry, versions: versions)))
            }
        }

        var device: SessionDeviceInfo?
        if let info = try fields.optionalNested("device_info") {
            var power: SessionPowerModel?
            if let watts = try info.optionalNested("power_w") {
                power = SessionPowerModel(computeWatts: try watts.number("compute"), radioWatts: try watts.number("radio"),
                                          idleWatts: try watts.number("idle"))
            }
            device = SessionDeviceInfo(name: try info.string("name"), compute: try info.optionalString("compute"),
                                       power: power, batteryMWh: try info.optionalNumber("battery_mwh"))
        }
        var edge: SessionEdgeInfo?
        if let info = try fields.optionalNested("edge_info") {
            edge = SessionEdgeInfo(name: try info.string("name"), compute: try info.optionalString("compute"))
        }
        var link: SessionLinkSettings?
        if let settings = try fields.optionalNested("link") {
            link = SessionLinkSettings(rttMs: try settings.optionalNumber("rtt_ms"),
                                       bandwidth: try settings.optionalString("bandwidth"),
                                       estimator: try settings.optionalString("estimator"))
        }
        var constraints = SessionConstraints()
        if let limits = try fields.optionalNested("constraints") {
            constraints = SessionConstraints(sloMs: try limits.optionalNumber("slo_ms"),
                                             memoryMB: try limits.optionalNumber("memory_mb"),
                                             minDeviceLayers: try limits.optionalCount("min_device_layers"),
                                             bandwidthCapMbps: try limits.optionalNumber("bandwidth_cap_mbps"),
                                             batteryFloorPct: try limits.optionalNumber("battery_floor_pct"),
                                             accuracyFloorPct: try limits.optionalNumber("accuracy_floor_pct"))
        }
        var appeal: SessionAppealModel?
        if let entry = try fields.optionalNested("appeal_model") {
            appeal = SessionAppealModel(name: try entry.string("name"),
                                        model: entry.present("model") == nil ? nil : try decodeModel(entry, "model"))
        }
        return SessionHeader(version: version, startTime: try fields.string("start_time"), source: try fields.word("source"),
                             fps: try fields.optionalNumber("fps"), policy: try fields.optionalString("policy"),
                             model: model, device: device, edge: edge, link: link, constraints: constraints,
                             versions: versions, devices: members, appealModel: appeal)
    }

    /// A fleet device's own layer times (`layer_device_ms`, since 1.4): per version the header
    /// lists, one time per layer of that version, each a recordable time in ms.
    private static func layerDeviceMs(_ entry: SessionFields, versions: [SessionModelVersion]) throws(SessionFieldError) -> [String: [Double]] {
        guard let times = try entry.optionalNested("layer_device_ms") else { return [:] }
        var byVersion: [String: [Double]] = [:]
        for (name, value) in times.object.members {
            let field = times.field(name)
            guard let version = versions.first(where: { $0.name == name }) else {
                throw SessionFieldError(field: field, reason: "names no version of the header's versions"
                    + (versions.isEmpty ? " (it lists none)" : " (\(versions.map(\.name).joined(separator: ", ")))"))
            }
            guard let elements = value.arrayValue else { throw SessionFieldError(field: field, reason: "expected an array of times in ms") }
            guard elements.count == version.model.layerCount else {
                throw SessionFieldError(field: field, reason: "expected one time per layer of \(DisplayText.quoted(name)) (\(version.model.layerCount)), got \(elements.count)")
            }
            var ms: [Double] = []
            for (i, element) in elements.enumerated() {
                let number = try SessionFields.number(element, field: "\(field)[\(i)]")
                guard Quantity.recordedMs.accepts(number) else {
                    throw SessionFieldError(field: "\(field)[\(i)]", reason: QuantityError(quantity: .recordedMs, value: number).description)
                }
                ms.append(number)
            }
            byVersion[name] = ms
        }
        return byVersion
    }

    /// The inline model profile at `key`, its errors named by their path in the line.
    private static func decodeModel(_ fields: SessionFields, _ key: String) throws(SessionFieldError) -> ModelProfile {
        let json = try fields.require(key)
        do {
            return try ModelProfile(json: json)
        } catch {
            let path = fields.field(key)
            throw SessionFieldError(field: error.field.isEmpty ? path : "\(path).\(error.field)", reason: error.reason)
        }
    }

    private static func decodeFrame(_ fields: SessionFields) throws(SessionFieldError) -> FrameEvent {
        FrameEvent(frame: try fields.count("frame"),
                   partition: try decodePartition(fields.require("partition"), field: "partition"),
                   predictedMs: try fields.optionalNumber("predicted_ms"),
                   predictedDeviceMs: try fields.optionalNumber("predicted_device_ms"),
                   deviceMs: try fields.optionalNumber("device_ms"),
                   bytesSent: try fields.optionalCount("bytes_sent"),
                   transferMs: try fields.optionalNumber("transfer_ms"),
                   rttMs: try fields.optionalNumber("rtt_ms"),
                   edgeMs: try fields.optionalNumber("edge_ms"),
                   totalMs: try fields.optionalNumber("total_ms"),
                   energyMJ: try fields.optionalNumber("energy_mj"),
                   batteryPct: try fields.optionalNumber("battery_pct"),
                   bandwidthEstimateMbps: try fields.optionalNumber("bandwidth_estimate_mbps"),
                   outcome: try fields.word("outcome"),
                   answered: try fields.optionalWord("answered"),
                   confidence: try fields.optionalNumber("confidence"),
                   correct: try fields.optionalBool("correct"))
    }

    /// The `device` id of one entry of a `devices` list (a header's or a `shares` event's): an id
    /// ``DeviceID`` allows, not among the ids `listed` before it, which it joins.
    private static func listedDevice(_ entry: SessionFields, among listed: inout Set<String>) throws(SessionFieldError) -> String {
        let id = try entry.deviceID("device")
        guard listed.insert(id).inserted else {
            throw SessionFieldError(field: entry.field("device"), reason: "device \(DisplayText.quoted(id)) is listed twice")
        }
        return id
    }

    /// Reads a `shares` event: the allocator, the edge's capacity, and at least one device, each
    /// listed once, with neither column of shares summing past the whole edge.
    private static func decodeShares(_ fields: SessionFields) throws(SessionFieldError) -> SharesEvent {
        let allocator: ShareAllocator = try fields.word("allocator")
        var edge: SharedEdgeCapacity?
        if let capacity = try fields.optionalNested("edge") {
            edge = SharedEdgeCapacity(gmacsPerSecond: try capacity.optionalNumber("gmacs_per_s"),
                                      uplinkMbps: try capacity.optionalNumber("uplink_mbps"))
        }
        let entries = try fields.array("devices")
        guard !entries.isEmpty else {
            throw SessionFieldError(field: "devices", reason: "expected at least one device")
        }
        var devices: [DeviceShare] = []
        var listed: Set<String> = []
        var computeSum = 0.0
        var bandwidthSum = 0.0
        for (position, raw) in entries.enumerated() {
            let entry = try SessionFields(raw, path: "devices[\(position)]")
            let id = try listedDevice(entry, among: &listed)
            let share = DeviceShare(device: id, split: try entry.count("split"),
                                    computeShare: try entry.number("compute_share"),
                                    bandwidthShare: try entry.number("bandwidth_share"),
                                    taskWeight: try entry.optionalNumber("task_weight"),
                                    version: try entry.optionalString("version"),
                                    predictedMs: try entry.optionalNumber("predicted_ms"),
                                    utility: try entry.optionalNumber("utility"))
            computeSum += share.computeShare
            bandwidthSum += share.bandwidthShare
            for (sum, key, words) in [(computeSum, "compute_share", "compute"), (bandwidthSum, "bandwidth_share", "bandwidth")]
            where sum > 1 + SharesEvent.sumTolerance {
                throw SessionFieldError(field: entry.field(key),
                                        reason: "the devices' \(words) shares sum to \(Quantity.formatValue(sum)) by here, more than the whole edge (1)")
            }
            devices.append(share)
        }
        return SharesEvent(allocator: allocator, edge: edge, devices: devices)
    }

    private static func decodeDecision(_ fields: SessionFields) throws(SessionFieldError) -> DecisionEvent {
        var from: SessionPartition?
        if let value = fields.present("from") {
            from = try decodePartition(value, field: "from")
        }
        var candidates: [DecisionCandidate] = []
        if fields.present("candidates") != nil {
            for (position, element) in try fields.array("candidates").enumerated() {
                let candidate = try SessionFields(element, path: "candidates[\(position)]")
                candidates.append(DecisionCandidate(
                    partition: try decodePartition(candidate.require("partition"), field: candidate.field("partition")),
                    predictedMs: try candidate.number("predicted_ms")))
            }
        }
        return DecisionEvent(from: from, to: try decodePartition(fields.require("to"), field: "to"),
                             version: try fields.optionalString("version"), reason: try fields.word("reason"), decisionMicros: try fields.optionalNumber("decision_us"),
                             predictedMs: try fields.optionalNumber("predicted_ms"), candidates: candidates)
    }
}
