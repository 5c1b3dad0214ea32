import ArgumentParser
import SplitJSON
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
    let notes: Int

    init(_ recording: SessionRecording) {
        self.recording = recording
        var latencies: [Double] = []
        var energies: [Double] = []
        var dropped = 0
        var local = 0
        var switches = 0
        var decisions = 0
        var operators: [(Double, OperatorEvent)] = []
        var faults: [(Double, FaultEvent)] = []
        var notes = 0
        var battery = 100.0
        for timed in recording.events {
            switch timed.event {
            case .frame(let frame):
                if frame.outcome == .dropped {
                    dropped += 1
                } else if let total = frame.totalMs {
                    latencies.append(total)
                    energies.append(frame.energyMJ ?? 0)
                    if frame.outcome == .local { local += 1 }
                }
                if let level = frame.batteryPct { battery = level }
            case .decision(let decision):
                decisions += 1
                if decision.from != nil { switches += 1 }
            case .operatorAction(let action): operators.append((timed.t, action))
            case .fault(let fault): faults.append((timed.t, fault))
            case .note: notes += 1
            case .battery(let level): battery = level.levelPct
            case .session, .link: break
            }
        }
        latency = SessionSummary(policy: recording.header.policy ?? "unknown", latencies: latencies, energies: energies,
                                 dropped: dropped, local: local, switches: switches, slo: recording.header.constraints.sloMs,
                                 batteryEndPercent: battery)
        duration = recording.events.last?.t ?? 0
        self.decisions = decisions
        operatorActions = operators
        self.faults = faults
        self.notes = notes
    }

    var text: String {
        let h = recording.header
        var lines: [String] = []
        lines.append("session   \(recording.file)\(recording.compression == .gzip ? " (gzip)" : "")")
        lines.append("source    \(h.source.rawValue), started \(h.startTime), schema \(h.version)")
        lines.append("model     \(h.model.name): \(h.model.layerCount) layers, input \(Format.grouped(h.model.inputBytes)) B")
        lines.append("policy    \(h.policy ?? "unknown")" + (h.link?.bandwidth.map { ", bandwidth from \($0)" } ?? ""))
        lines.append("duration  \(Format.fixed(duration, 1)) s, \(recording.events.count) events")
        lines.append("frames    \(latency.frames) processed, \(latency.dropped) dropped, \(latency.local) finished locally (edge lost)")
        lines.append("latency   mean \(Format.fixed(latency.meanMs)) ms, p50 \(Format.fixed(latency.p50Ms)) ms, p95 \(Format.fixed(latency.p95Ms)) ms"
            + (h.constraints.sloMs.map { ", \(latency.sloMisses) over the \(Format.fixed($0, 0)) ms SLO" } ?? ""))
        lines.append("energy    \(Format.fixed(latency.energyPerFrameMJ, 1)) mJ per frame, battery at \(Format.fixed(latency.batteryEndPercent, 1)) % at the end")
        lines.append("switches  \(latency.switches) (\(decisions) decisions)")
        lines.append("operator  \(operatorActions.count) action\(operatorActions.count == 1 ? "" : "s")")
        for (t, action) in operatorActions.prefix(20) {
            lines.append("          \(Format.fixed(t, 1)) s  \(action.action.rawValue) \(action.field ?? "")  \(action.oldValue.serialized()) → \(action.newValue.serialized())")
        }
        lines.append("faults    \(faults.count)")
        for (t, fault) in faults.prefix(20) {
            lines.append("          \(Format.fixed(t, 1)) s  \(fault.kind.rawValue)\(fault.action.map { ": \($0)" } ?? "")")
        }
        if notes > 0 { lines.append("notes     \(notes)") }
        let unknown = recording.unknownTypes.map { "\($0.key) ×\($0.value)" }.sorted().joined(separator: ", ")
        lines.append("skipped   \(recording.skippedLineCount) damaged line\(recording.skippedLineCount == 1 ? "" : "s")"
            + (unknown.isEmpty ? "" : "; unknown event types skipped: \(unknown)"))
        for diagnostic in recording.diagnostics.prefix(10) { lines.append("          \(diagnostic)") }
        if recording.diagnostics.count > 10 { lines.append("          … and \(recording.diagnostics.count - 10) more") }
        return lines.joined(separator: "\n") + "\n"
    }

    var json: JSONValue {
        let h = recording.header
        return .object(JSONObject([
            ("file", .string(recording.file)),
            ("source", .string(h.source.rawValue)),
            ("model", .string(h.model.name)),
            ("layers", .number(Double(h.model.layerCount))),
            ("policy", h.policy.map(JSONValue.string) ?? .null),
            ("duration_s", .number(duration)),
            ("events", .number(Double(recording.events.count))),
            ("frames", .number(Double(latency.frames))),
            ("dropped", .number(Double(latency.dropped))),
            ("local", .number(Double(latency.local))),
            ("mean_ms", .number(latency.meanMs)),
            ("p50_ms", .number(latency.p50Ms)),
            ("p95_ms", .number(latency.p95Ms)),
            ("energy_mj", .number(latency.energyPerFrameMJ)),
            ("switches", .number(Double(latency.switches))),
            ("slo_misses", .number(Double(latency.sloMisses))),
            ("operator_actions", .number(Double(operatorActions.count))),
            ("faults", .number(Double(faults.count))),
            ("skipped_lines", .number(Double(recording.skippedLineCount))),
            ("unknown_types", .object(JSONObject(recording.unknownTypes.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) }))),
            ("diagnostics", .array(recording.diagnostics.map { .string($0.description) })),
        ]))
    }
}
