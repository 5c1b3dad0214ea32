import ArgumentParser
import SplitJSON
import SplitModels
import SplitSession
import SplitSimulator

/// `splitscope summarize`: what a recorded session holds.
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Summarise a recorded session: model, policy, latency percentiles, switches, operator actions, faults.",
        discussion: "Works on any session: from the simulator, and from the live pair. Damaged lines are skipped and counted."
    )

    @Argument(help: "A session file (.jsonl or .jsonl.gz).")
    var file: String

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let recording: SessionRecording
        try InputFile.check(path: file, what: "session")
        do {
            recording = try SessionReader.read(path: file)
        } catch {
            throw CommandError("\(error)")
        }
        let summary = SessionDigest(recording)
        if json {
            Console.line(summary.json.prettySerialized())
        } else {
            Console.write(summary.text)
        }
    }
}

/// The figures `summarize` prints, computed from a recording's events.
struct SessionDigest {
    let recording: SessionRecording
    let latency: SessionSummary
    let duration: Double
    let decisions: Int
    let operatorActions: [(t: Double, event: OperatorEvent)]
    let faults: [(t: Double, event: FaultEvent)]
    /// The session's notes (an operator's remark, a floor no version meets), with their times.
    let notes: [(t: Double, text: String)]

    /// The SLOs that were in force during the session, in order (the header's, then the operator's).
    let slos: [Double?]
    /// Processed frames per model version (a session over a versions manifest), by name.
    let framesPerVersion: [String: Int]
    /// Dropped frames per model version, by name.
    let droppedPerVersion: [String: Int]
    /// Changes of model version (each device's own, in a fleet).
    let versionChanges: Int
    /// Per-device figures, for a session of several devices sharing one edge.
    let fleet: FleetDigest?

    init(_ recording: SessionRecording) {
        self.recording = recording
        var tally = SessionTally(sloMs: recording.header.constraints.sloMs)
        var operators: [(Double, OperatorEvent)] = []
        var faults: [(Double, FaultEvent)] = []
        var notes: [(Double, String)] = []
        var slos: [Double?] = [recording.header.constraints.sloMs]
        for timed in recording.events {
            tally.add(timed)
            switch timed.event {
            case .operatorAction(let action):
                operators.append((timed.t, action))
                if tally.sloMs != slos.last { slos.append(tally.sloMs) }
            case .fault(let fault): faults.append((timed.t, fault))
            case .note(let note): notes.append((timed.t, note.text))
            default: break
            }
        }
        latency = tally.summary(policy: recording.header.policy ?? "unknown")
        duration = SessionLength.of(recording)
        decisions = tally.decisions
        operatorActions = operators
        self.faults = faults
        self.notes = notes
        self.slos = slos
        framesPerVersion = tally.framesPerVersion
        droppedPerVersion = tally.droppedPerVersion
        versionChanges = tally.versionChanges
        fleet = FleetDigest(recording)
    }

    /// "the 150 ms SLO", or "the SLO in force (150 ms, then 120 ms)".
    private var sloText: String? {
        let set = slos.compactMap { $0 }
        guard !set.isEmpty else { return nil }
        if slos.count == 1 { return "the \(Format.fixed(set[0], 0)) ms SLO" }
        let steps = slos.map { $0.map { "\(Format.fixed($0, 0)) ms" } ?? "none" }.joined(separator: ", then ")
        return "the SLO in force (\(steps))"
    }

    /// How many characters of a fault's text `summarize` shows: every text the device writes
    /// fits; a hostile recording's megabyte does not flood the terminal.
    static let faultTextLimit = 1_000

    /// A fault's text as `summarize` shows it under its kind: escaped (``DisplayText``), bounded
    /// by ``faultTextLimit`` and wrapped to 90 columns, each line indented under the time.
    static func faultTextLines(_ text: String) -> [String] {
        Format.wrapped(DisplayText.escaped(text, limit: faultTextLimit), width: 90).map { "                  " + $0 }
    }

    var text: String {
        let h = recording.header
        var lines: [String] = []
        lines.append("session   \(recording.file)\(recording.compression == .gzip ? " (gzip)" : "")")
        lines.append("source    \(DisplayText.escaped(h.source.rawValue)), started \(DisplayText.escaped(h.startTime)), schema \(h.version)")
        lines.append("model     " + Self.modelLine(h))
        lines.append("policy    \(DisplayText.escaped(h.policy ?? "unknown"))" + (h.link?.bandwidth.map { ", bandwidth from \(DisplayText.escaped($0))" } ?? ""))
        lines.append("duration  \(Format.fixed(duration, 1)) s, \(Format.counted(recording.events.count, "event"))")
        lines.append("frames    \(latency.frames) processed, \(latency.dropped) dropped, \(latency.local) finished locally (edge lost)")
        if let line = Self.cascadeLine(latency.cascade) { lines.append(line) }
        if latency.frames == 0 {
            lines.append("latency   no processed frames in this session")
            lines.append("energy    no processed frames; battery at \(Format.fixed(latency.batteryEndPercent, 1)) % at the end")
        } else {
            lines.append("latency   mean \(Format.fixed(latency.meanMs)) ms, p50 \(Format.fixed(latency.p50Ms)) ms, p95 \(Format.fixed(latency.p95Ms)) ms"
                + (sloText.map { ", \(latency.sloMisses) over \($0)" } ?? ""))
            if h.device?.power == nil, latency.energyPerFrameMJ == 0, latency.probes == 0 {
                lines.append("energy    not recorded (the header gives no device power model)")
            } else if fleet != nil, h.device?.batteryMWh == nil {
                // A fleet's devices have a power model but no battery.
                lines.append("energy    \(Format.fixed(latency.energyPerFrameMJ, 1)) mJ per frame over every device; no battery modelled")
            } else {
                lines.append("energy    \(Format.fixed(latency.energyPerFrameMJ, 1)) mJ per frame (\(Format.fixed(latency.probeEnergyPerFrameMJ, 1)) of it "
                + "\(Format.counted(latency.probes, "probe"))), battery at \(Format.fixed(latency.batteryEndPercent, 1)) % at the end")
            }
        }
        if let fleet {
            lines.append("devices   \(fleet.rows.count) sharing one edge; \(Format.counted(fleet.sharesEvents, "shares event"))"
                + (fleet.allocator.map { " (\($0.rawValue) allocator); split and shares from the last" } ?? "")
                + "; the fleet row totals every device")
            lines += fleet.table(fleet: latency).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "          " + $0 }
        }
        if fleet == nil, let shares = FleetDigest.sharesLine(recording) { lines.append("shares    \(shares)") }
        if let line = Self.versionsLine(processed: framesPerVersion, dropped: droppedPerVersion, changes: versionChanges) {
            lines.append(line)
        }
        lines.append("switches  \(latency.switches) by the policy or operator (\(Format.counted(decisions, "decision")), fallbacks to local included)")
        lines.append("operator  \(Format.counted(operatorActions.count, "action"))")
        for (t, action) in operatorActions.prefix(20) {
            lines.append("          \(Format.fixed(t, 1)) s  \(DisplayText.escaped(action.action.rawValue)) \(DisplayText.escaped(action.field ?? ""))  "
                + "\(DisplayText.escaped(action.oldValue.serialized())) → \(DisplayText.escaped(action.newValue.serialized()))")
        }
        lines.append("faults    \(faults.count)")
        for (t, fault) in faults.prefix(20) {
            lines.append("          \(Format.fixed(t, 1)) s  \(DisplayText.escaped(fault.kind.rawValue))")
            // The whole text (much of it the edge's or the network's words), escaped, on its own lines.
            if let action = fault.action {
                lines += Self.faultTextLines(action)
            }
        }
        if !notes.isEmpty { lines.append("notes     \(notes.count)") }
        for (t, text) in notes.prefix(20) {
            lines.append("          \(Format.fixed(t, 1)) s  \(DisplayText.escaped(text, limit: 200))")
        }
        if notes.count > 20 { lines.append("          … and \(notes.count - 20) more") }
        let unknown = recording.unknownTypes.map { "\(DisplayText.quoted($0.key)) ×\($0.value)" }.sorted().joined(separator: ", ")
        lines.append("skipped   \(Format.counted(recording.skippedLineCount, "damaged line"))"
            + (unknown.isEmpty ? "" : "; unknown event types skipped: \(unknown)"))
        // Under "skipped" only the lines that were left out (and the count of those not listed);
        // anything else the reader noticed but kept goes under "notices".
        let skipped = recording.diagnostics.filter { $0.lineSkipped || $0.kind == .omitted }
        let notices = recording.diagnostics.filter { !($0.lineSkipped || $0.kind == .omitted) }
        for diagnostic in skipped.prefix(10) { lines.append("          \(diagnostic)") }
        if skipped.count > 10 { lines.append("          … and \(skipped.count - 10) more") }
        for (i, diagnostic) in notices.prefix(10).enumerated() { lines.append((i == 0 ? "notices   " : "          ") + "\(diagnostic)") }
        if notices.count > 10 { lines.append("          … and \(notices.count - 10) more") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the session ran, after `model`: one model (`resnet50: 69 layers, input 602,112 B`); a
    /// family of versions, each a model of its own, under the family's name (the header's model is
    /// the first's profile; a fleet's devices run the same family), `fashion, 2 versions:
    /// fashion-device (12 layers), fashion-edge (25 layers); input 3,136 B`; a cascade's device model,
    /// then the edge model it appeals to (`…; appeals to fashion-edge (25 layers)`).
    static func modelLine(_ h: SessionHeader) -> String {
        let input = "input \(Format.grouped(h.model.inputBytes)) B"
        if !h.versions.isEmpty {
            return "\(DisplayText.escaped(h.model.name)), \(Format.counted(h.versions.count, "version")): "
                + h.versions.map { "\(DisplayText.escaped($0.name)) (\(Format.counted($0.model.layerCount, "layer")))" }.joined(separator: ", ")
                + "; \(input)"
        }
        let line = "\(DisplayText.escaped(h.model.name)): \(Format.counted(h.model.layerCount, "layer")), \(input)"
        guard let appeal = h.appealModel else { return line }
        return line + "; appeals to \(DisplayText.escaped(appeal.name))"
            + (appeal.model.map { " (\(Format.counted($0.layerCount, "layer")))" } ?? " (layers not recorded)")
    }

    /// "versions  full 340 processed, p50 4 processed; dropped: full 250, p50 4; 1 change of
    /// version", or nil for a session of one model. The processed counts add up to the frames line's.
    static func versionsLine(processed: [String: Int], dropped: [String: Int], changes: Int = 0) -> String? {
        guard !processed.isEmpty || !dropped.isEmpty else { return nil }
        func list(_ counts: [String: Int], _ suffix: String) -> String {
            counts.sorted { $0.key < $1.key }.map { "\(DisplayText.escaped($0.key)) \(Format.grouped($0.value))\(suffix)" }.joined(separator: ", ")
        }
        var line = "versions  " + (processed.isEmpty ? "none processed" : list(processed, " processed"))
        if !dropped.isEmpty { line += "; dropped: " + list(dropped, "") }
        if changes > 0 { line += "; \(Format.counted(changes, "change")) of version" }
        return line
    }

    /// "cascade   1,000 answered: 850 on the device, 150 appealed (15.0 %); accuracy 90.1 % of 1,000 labelled", or nil.
    static func cascadeLine(_ cascade: CascadeTally) -> String? {
        guard let rate = cascade.appealRatePct else { return nil }
        var line = "cascade   \(Format.grouped(cascade.answered)) answered: \(Format.grouped(cascade.answeredOnDevice)) on the device, "
            + "\(Format.grouped(cascade.appealed)) appealed to the edge (\(Format.fixed(rate, 1)) %)"
        if let accuracy = cascade.accuracyPct {
            line += "; accuracy \(Format.fixed(accuracy, 2)) % (\(Format.grouped(cascade.correct)) of \(Format.grouped(cascade.labelled)) labelled)"
        }
        if let confidence = cascade.meanConfidence { line += "; mean confidence \(Format.fixed(confidence, 3))" }
        return line
    }

    static func cascadeJSON(_ cascade: CascadeTally) -> JSONValue {
        .object(JSONObject([
            ("answered", .number(Double(cascade.answered))), ("answered_on_device", .number(Double(cascade.answeredOnDevice))),
            ("appealed", .number(Double(cascade.appealed))), ("appeal_rate_pct", cascade.appealRatePct.map(JSONValue.number) ?? .null),
            ("labelled", .number(Double(cascade.labelled))), ("correct", .number(Double(cascade.correct))),
            ("accuracy_pct", cascade.accuracyPct.map(JSONValue.number) ?? .null),
            ("mean_confidence", cascade.meanConfidence.map(JSONValue.number) ?? .null),
        ]))
    }

    var json: JSONValue {
        let h = recording.header
        return .object(JSONObject([
            ("file", .string(recording.file)),
            ("source", .string(h.source.rawValue)),
            ("model", .string(h.model.name)),
            // A family has no one layer count: each version's is under `versions`.
            ("layers", h.versions.isEmpty ? .number(Double(h.model.layerCount)) : .null),
            ("versions", .array(h.versions.map { version in
                .object(JSONObject([("name", .string(version.name)), ("layers", .number(Double(version.model.layerCount))),
                                    ("accuracy_pct", .number(version.accuracyPercent))]))
            })),
            ("policy", h.policy.map(JSONValue.string) ?? .null),
            ("duration_s", .number(duration)),
            ("events", .number(Double(recording.events.count))),
            ("frames", .number(Double(latency.frames))),
            ("dropped", .number(Double(latency.dropped))),
            ("local", .number(Double(latency.local))),
            ("mean_ms", latency.frames == 0 ? .null : .number(latency.meanMs)),
            ("p50_ms", latency.frames == 0 ? .null : .number(latency.p50Ms)),
            ("p95_ms", latency.frames == 0 ? .null : .number(latency.p95Ms)),
            ("energy_mj", latency.frames == 0 ? .null : .number(latency.energyPerFrameMJ)),
            ("probe_energy_mj", latency.frames == 0 ? .null : .number(latency.probeEnergyPerFrameMJ)),
            ("probes", .number(Double(latency.probes))),
            ("switches", .number(Double(latency.switches))),
            ("frames_per_version", .object(JSONObject(framesPerVersion.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) }))),
            ("version_changes", .number(Double(versionChanges))),
            ("dropped_per_version", .object(JSONObject(droppedPerVersion.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) }))),
            ("slo_misses", .number(Double(latency.sloMisses))),
            ("operator_actions", .number(Double(operatorActions.count))),
            ("faults", .number(Double(faults.count))),
            ("notes", .array(notes.map { .object(JSONObject([("t", .number($0.t)), ("text", .string($0.text))])) })),
            ("cascade", latency.cascade.isEmpty ? .null : Self.cascadeJSON(latency.cascade)),
            ("devices", fleet?.json ?? .null),
            ("skipped_lines", .number(Double(recording.skippedLineCount))),
            ("unknown_types", .object(JSONObject(recording.unknownTypes.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) }))),
            ("diagnostics", .array(recording.diagnostics.map { .string($0.description) })),
        ]))
    }
}
