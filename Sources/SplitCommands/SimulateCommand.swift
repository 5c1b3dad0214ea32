import ArgumentParser
import Foundation
import SplitControl
import SplitControlPort
import SplitCost
import SplitJSON
import SplitModels
import SplitPlanners
import SplitSession
import SplitSimulator
import SplitTraces

/// `splitscope simulate`: a session from the cost model against a real bandwidth trace.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate split inference over a real bandwidth trace and record the session.",
        discussion: """
        Transfers take the time the trace gives; the controller sees only its own estimate of the \
        bandwidth, built from its own transfers and probes (--estimator, by default an EWMA \
        weighting the newest transfer by 0.8). --policy oracle knows the true future bandwidth \
        (the hindsight bound); --policy all compares every policy on the same frames, with the \
        best interior static split in hindsight. Energy per frame counts the frames' compute, \
        transfers and waits and the probes' airtime; "switches" counts the partition changes the \
        policy or operator made (falling back to local is counted under "local").

        Example: splitscope simulate --model resnet50 --bandwidth-trace SampleTraces/traces/pensieve-norway_bus_1 --policy all

        A live session to steer: --control 127.0.0.1:7070 runs the session at wall-clock pace \
        (--pace realtime, or --pace N for N× faster), publishes its events on that control port \
        and takes operator commands there (docs/control-protocol.md); `splitscope attach \
        127.0.0.1:7070` puts the dashboard on it. Off loopback the port needs --token.

        An AppealNet cascade: --cascade --model-file DEVICE.onnx --edge-model-file EDGE.onnx \
        [--appeal-threshold T]. Each frame is a real test image (Fashion-MNIST by default, in a \
        loop) with the device model's real answer and max-softmax confidence from the engine; a \
        frame below T is appealed, its input sent over the trace to the edge model, whose real \
        answer is final. Frames record answered, confidence and correct; compute times are the \
        roofline's, so the same command writes the same file.
        """
    )

    @OptionGroup var model: ModelOptions

    @Option(name: .long, help: "A model-versions manifest (splitscope-model-versions): the controller chooses version × split every frame; with --devices, the versions every device may run (default: the Fashion-MNIST models with the test accuracies Models/fashion-expected.json records).")
    var versions: String?
    @OptionGroup var trace: TraceOptions
    @OptionGroup var fleet: FleetOptions

    @Option(name: .long, help: "Policy: \(PolicyKind.namesHelp)|oracle|all.")
    var policy: String = "mincut"

    @Option(name: .long, parsing: .unconditional, help: "Camera frames per second.")
    var fps: FlagNumber = 10

    @Option(name: .long, parsing: .unconditional, help: "Session length in seconds.")
    var duration: FlagNumber = 300

    @Option(name: .long, parsing: .unconditional, help: "Round-trip time to the edge in ms.")
    var rttMs: FlagNumber = 20

    @Option(name: .long, parsing: .unconditional, help: "Battery capacity in mWh.")
    var batteryMwh: FlagNumber = 10_000

    @Option(name: .long, parsing: .unconditional, help: "Battery level at the start, in percent.")
    var batteryStart: FlagNumber = 100

    @Option(name: .long, help: "Bandwidth estimator: harmonic:N (last N transfers) or ewma:A.")
    var estimator: String = EstimatorKind.standard.description

    @Option(name: .long, parsing: .unconditional, help: "While nothing is offloaded, probe the link once this long (s) has passed since the last transfer or probe ended (one probe at a time).")
    var probeInterval: FlagNumber = 0.25

    @Option(name: .long, parsing: .unconditional, help: "Switch only when the new partition is this much better (fraction, e.g. 0.05 = 5 %).")
    var hysteresis = FlagNumber(Hysteresis().relative)

    @Option(name: .long, parsing: .unconditional, help: "Give up on a transfer after this multiple of the local time of the remaining layers.")
    var timeoutFactor: FlagNumber = 1.5

    @Option(name: .long, parsing: .unconditionalSingleValue, help: "An operator action at a set time, SECONDS:ACTION[=VALUE] (repeatable): 30:pin=12, 45:unpin, 60:slo=150, 60:cap=5, 60:floor=30, 60:memory=50, 60:min-layers=2, 90:policy=dsc, 120:batch=4 (frames of 4 samples from then on).")
    var `operator`: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "Seed for compute-time jitter.")
    var seed: FlagSeed = 1

    @Option(name: .long, help: "Session clock: wall (the start time is now, decisions are timed) or fixed[:ISO-8601] (a fixed start, no decision times: byte-identical files on every run).")
    var clock: String = "wall"

    @OptionGroup var constraintOptions: ConstraintOptions
    @OptionGroup var powerOptions: PowerOptions

    @Option(name: .long, help: "Write the session here (.jsonl, or .jsonl.gz for gzip). With --policy all, one file per policy.")
    var out: String?

    @Option(name: .long, help: "Serve the control port on HOST:PORT (port 0 picks a free one): operator commands in, the session's events out. Implies --pace realtime.")
    var control: String?

    @Option(name: .long, help: "The token control-port clients must present first (required when --control is not on loopback).")
    var token: String?

    @Option(name: .long, help: "Run at wall-clock pace: realtime (1×) or N (N× faster than real time). By default as fast as possible, or realtime with --control.")
    var pace: String?

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @OptionGroup var cascadeOptions: SimulateCascadeOptions

    func run() throws {
        if let devices = fleet.devices { return try runFleet(deviceFlag: devices) }
        let checks: [(String, FlagNumber, Quantity)] = [
            ("--fps", fps, .fps), ("--duration", duration, .sessionLength), ("--rtt-ms", rttMs, .rttMs),
            ("--battery-mwh", batteryMwh, .batteryMWh), ("--battery-start", batteryStart, .batteryPercent),
            ("--probe-interval", probeInterval, .probeInterval), ("--hysteresis", hysteresis, .fraction),
            ("--timeout-factor", timeoutFactor, .factor),
        ]
        for (flag, value, quantity) in checks {
            _ = try quantity.checked(value, flag: flag)
        }
        let compareAll = policy.lowercased() == "all"
        let chosen = SimulatedPolicy(name: policy)
        guard compareAll || chosen != nil else {
            throw CommandError("--policy: unknown policy \"\(policy)\"; use \(PolicyKind.namesHelp), oracle or all")
        }
        // Everything is checked before anything is written.
        let versionSet = try versions.map { try model.loadVersions($0) }
        let loaded = try versionSet?.models[0] ?? model.load()
        if versionSet != nil, compareAll || chosen == .oracle {
            throw CommandError("--versions runs one adaptive policy: choose it with --policy (not all or oracle)")
        }
        // Each version with its profile; the session header lists them all (and `model` is the first's).
        let versionModels = versionSet.map { zip($0.set.versions, $0.models).map { ($0, $1.profile) } } ?? []
        let layerCount = versionSet.map { $0.models.map(\.profile.layerCount).min() ?? 0 } ?? loaded.profile.layerCount
        let bandwidth = try trace.load()
        var settings = SimulationSettings()
        settings.fps = fps.value
        settings.durationS = duration.value
        settings.rttMs = rttMs.value
        settings.batteryMWh = batteryMwh.value
        settings.batteryStartPercent = batteryStart.value
        settings.constraints = try constraintOptions.constraints(layerCount: layerCount)
        if let note = versionSet.flatMap({ settings.constraints.unmetFloorNote($0.set.versions) }) { Console.error("note: \(note)") }
        if versionSet == nil, let note = constraintOptions.floorIgnoredNote(model: loaded.profile.name) { Console.error(note) }
        settings.power = try powerOptions.power()
        settings.seed = seed.value
        guard let estimatorKind = EstimatorKind(name: estimator) else {
            throw CommandError("--estimator: expected harmonic:N or ewma:A (0 < A ≤ 1), got \"\(estimator)\"")
        }
        settings.estimator = estimatorKind
        settings.probeIntervalS = probeInterval.value
        settings.hysteresis.relative = hysteresis.value
        settings.timeoutFactor = timeoutFactor.value
        do {
            settings.operatorScript = try `operator`.map { text throws(ScriptedOperatorError) in
                try ScriptedOperator(parsing: text, layerCount: layerCount, sessionLength: duration.value)
            }
        } catch {
            throw CommandError("--operator \(error)")
        }
        let sessionClock = try parsedClock()
        // What the session ran, as its recording's header and summarize name it: a family of versions by its name.
        let shownName = versionSet?.set.family ?? loaded.profile.name
        if cascadeOptions.cascade {
            return try runCascade(loaded, trace: bandwidth, settings: settings, clock: sessionClock)
        }
        try cascadeOptions.refuseWithoutCascade()
        if case .planner(.staticSplit)? = chosen {
            _ = try PlanCommand.policy(policy, layerCount: loaded.profile.layerCount)
        }
        let speed = try paceSpeed()
        let controlAddress: ControlAddress?
        do {
            controlAddress = try control.map { text throws(ControlRequestError) in try ControlAddress(parsing: text) }
        } catch {
            throw CommandError("--control: \(error)")
        }
        if compareAll, controlAddress != nil || speed != nil {
            throw CommandError("--control and --pace run one policy; choose one with --policy, not all")
        }
        if token != nil, controlAddress == nil {
            throw CommandError("--token is for the control port; give --control HOST:PORT too")
        }
        if let chosen, let controlAddress {
            let simulator = batched(Simulator(profile: loaded.profile, trace: bandwidth, policy: chosen, settings: settings,
                                              clock: sessionClock, versions: versionModels), loaded: loaded)
            // The port it listened on, not the one asked for: port 0 picks a free one.
            let (summary, listened) = try runLive(simulator, family: versionSet?.set.family, address: controlAddress, pace: speed ?? 1)
            Console.line("\(shownName) over \(bandwidth.name), \(Format.fixed(duration.value, 0)) s at \(Format.fixed(fps.value, 1)) fps, live on \(listened)")
            Console.write(Self.table([summary], oracle: nil))
            if let out { Console.line("session written to \(out)") }
            return
        }

        var bar = ProgressBar()
        var summaries: [SessionSummary] = []
        if compareAll {
            var comparison = PolicyComparison(profile: loaded.profile, trace: bandwidth, settings: settings, clock: sessionClock)
            let sized = batched(Simulator(profile: loaded.profile, trace: bandwidth, policy: .planner(.device), settings: settings),
                                loaded: loaded)
            comparison.startBatch = sized.startBatch
            comparison.profileAtBatch = sized.profileAtBatch
            summaries = try comparison.run(progress: { bar.update($1, label: $0) }) { simulator, report in
                guard let out else { return simulator.run(progress: report) }
                return try record(simulator, to: Self.path(out, inserting: simulator.policy.description), progress: report)
            }
        } else if let chosen {
            let simulator = batched(Simulator(profile: loaded.profile, trace: bandwidth, policy: chosen, settings: settings,
                                              clock: sessionClock, versions: versionModels), loaded: loaded)
            let report = { bar.update($0, label: chosen.description) }
            if let speed {
                let pacer = SimulationPacer(pace: speed)
                let writer = try out.map { try openWriter($0, header: header(for: simulator, family: versionSet?.set.family)) }
                summaries = [try simulator.run(emit: { try writer?.append($0) }, progress: report, pacer: pacer, operators: nil)]
                try writer?.close()
            } else {
                summaries = [try out.map { try record(simulator, family: versionSet?.set.family, to: $0, progress: report) }
                    ?? simulator.run(progress: report)]
            }
        }
        bar.finish()
        let oracle = summaries.first { $0.policy == "oracle" }
        if json {
            Console.line(Self.json(summaries, oracle: oracle).prettySerialized())
        } else {
            Console.line("\(shownName) over \(bandwidth.name) (mean \(Format.fixed(bandwidth.meanRate)) Mbit/s), "
                + "\(Format.fixed(duration.value, 0)) s at \(Format.fixed(fps.value, 1)) fps, RTT \(Format.fixed(rttMs.value, 0)) ms")
            Console.write(Self.table(summaries, oracle: oracle))
            if let out, !compareAll { Console.line("session written to \(out)") }
        }
    }

    /// `--clock`: the wall clock, or a fixed start without decision times.
    func parsedClock() throws(CommandError) -> any SessionClock {
        switch clock.split(separator: ":", maxSplits: 1).map(String.init) {
        case ["wall"]: return WallClock()
        case ["fixed"]: return FixedClock()
        case let parts where parts.count == 2 && parts[0] == "fixed" && Self.isISOTime(parts[1]):
            return FixedClock(startTime: parts[1])
        default:
            throw CommandError("--clock: expected wall, fixed or fixed:YYYY-MM-DDTHH:MM:SSZ, got \"\(clock)\"")
        }
    }

    /// `--pace`: nil when not given (as fast as possible), else the multiple of real time.
    private func paceSpeed() throws(CommandError) -> Double? {
        guard let pace else { return nil }
        if pace.lowercased() == "realtime" { return 1 }
        guard let speed = Double(pace.hasSuffix("x") || pace.hasSuffix("×") ? String(pace.dropLast()) : pace) else {
            throw CommandError("--pace: expected realtime or a number N (N× real time), got \"\(pace)\"")
        }
        return try Quantity.pace.checked(speed, flag: "--pace")
    }

    /// Runs one simulation at wall-clock pace with the control port open: its events go to the
    /// port's subscribers (and to `--out`), the operator's commands from the port to the frame loop.
    /// Runs the session paced, serving its control port; returns its summary and the address the port listened on.
    private func runLive(_ simulator: Simulator, family: String?, address: ControlAddress, pace: Double) throws -> (SessionSummary, ControlAddress) {
        let header = header(for: simulator, family: family)
        let writer = try out.map { try openWriter($0, header: header) }
        let operators = OperatorQueue()
        let publisher = SessionPublisher()
        publisher.setHeader(header)
        let server: ControlServer
        do {
            server = try ControlServer.start(ControlServer.Configuration(address: address, token: token,
                                                                         versions: simulator.versions.map(\.0)),
                                             profile: simulator.costModel.profile, operators: operators, publisher: publisher)
        } catch {
            throw CommandError("--control: \(error)")
        }
        defer { server.close() }
        let shown = ControlAddress(host: address.host, port: server.port)
        Console.error("control port listening on \(shown) (\(Format.plain(pace))× real time); attach with: splitscope attach \(shown)"
            + (token == nil ? "" : " --token …"))
        let summary = try simulator.run(emit: { event in
            try writer?.append(event)
            publisher.publish(event)
        }, progress: { _ in }, pacer: SimulationPacer(pace: pace), operators: operators)
        publisher.closeAll()
        try writer?.close()
        return (summary, shown)
    }

    /// Opens `--out` for writing, or says why it cannot be written.
    func openWriter(_ path: String, header: SessionHeader) throws -> SessionWriter {
        try OutputFile.check(path: path, flag: "--out")
        do {
            return try SessionWriter(path: path, header: header)
        } catch {
            // A path that cannot be written is a bad --out argument.
            throw CommandError("--out: \(error)")
        }
    }

    /// Runs one simulation and records its session to `path`.
    private func record(_ simulator: Simulator, family: String? = nil, to path: String, progress: (Double) -> Void) throws -> SessionSummary {
        let writer = try openWriter(path, header: header(for: simulator, family: family))
        let summary = try simulator.run(emit: { try writer.append($0) }, progress: progress)
        try writer.close()
        return summary
    }

    /// The session header of a simulation.
    /// The header of `simulator`'s session; with versions, the header's model is the first
    /// version's profile under the name of the `family` (the manifest's), not of the first
    /// version's model, as a fleet's header and a live device's name it.
    private func header(for simulator: Simulator, family: String?) -> SessionHeader {
        var header = header(settings: simulator.settings, policy: simulator.policy.description, profile: simulator.costModel.profile,
                            trace: simulator.trace, clock: simulator.clock)
        header.versions = simulator.versions.map { SessionModelVersion($0.0, model: $0.1.profile) }
        if let family, !header.versions.isEmpty { header.model.name = family }
        return header
    }

    /// The session header of a simulation with these settings, policy, model and trace.
    func header(settings: SimulationSettings, policy: String, profile: ModelProfile, trace: BandwidthTrace,
                clock: any SessionClock) -> SessionHeader {
        let header = SessionHeader(
            startTime: clock.startTime, source: .simulator, fps: settings.fps, policy: policy, model: profile,
            device: SessionDeviceInfo(name: model.profile == nil ? "jetson-class" : "device",
                                      compute: model.profile.map { "measured (\($0))" } ?? "\(Format.plain(model.deviceGmacsPerS)) GMAC/s (roofline)",
                                      power: SessionPowerModel(settings.power), batteryMWh: settings.batteryMWh),
            edge: SessionEdgeInfo(name: model.profile == nil ? "server-gpu" : "edge",
                                  compute: model.profile.map { "measured (\($0))" } ?? "\(Format.plain(model.edgeGmacsPerS)) GMAC/s (roofline)"),
            link: SessionLinkSettings(rttMs: settings.rttMs, bandwidth: trace.name, estimator: settings.estimator.description),
            constraints: SessionConstraints(settings.constraints))
        return header
    }

    /// `out.jsonl` with `mincut` inserted: `out-mincut.jsonl` (keeps `.jsonl.gz`).
    static func path(_ out: String, inserting name: String) -> String {
        let safe = name.replacingOccurrences(of: ":", with: "-")
        for ext in [".jsonl.gz", ".jsonl", ".gz"] where out.hasSuffix(ext) {
            return String(out.dropLast(ext.count)) + "-\(safe)" + ext
        }
        return out + "-\(safe)"
    }

    /// The simulator with the model's batch: frames of the graph's batch size, and an operator's
    /// batch change (`--operator T:batch=N`, the control port) planned with the graph's roofline
    /// at the new size (without a graph, a `--profile` file, the start's profile scaled linearly).
    func batched(_ simulator: Simulator, loaded: LoadedModel) -> Simulator {
        var simulator = simulator
        guard let graph = loaded.graph else { return simulator }
        simulator.startBatch = graph.batchSize
        let estimator = model.estimator
        simulator.profileAtBatch = { n in
            var sized = graph
            sized.batchSize = n
            return estimator.profile(of: sized)
        }
        return simulator
    }

    /// Whether `text` is an ISO-8601 UTC time such as `2025-01-01T00:00:00Z`.
    static func isISOTime(_ text: String) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) != nil && text.hasSuffix("Z")
    }

    /// The closing table, one row per policy. "local" counts frames finished on the device
    /// because the edge was lost; a cascade's table adds "on device" (frames the device model
    /// answered, failed appeals included) and "appealed" (answered by the edge model), the
    /// counts `summarize` gives on its cascade line.
    static func table(_ summaries: [SessionSummary], oracle: SessionSummary?) -> String {
        let cascade = summaries.contains { !$0.cascade.isEmpty }
        let cascadeHeaders = cascade ? ["on device", "appealed"] : []
        var table = TextTable(["policy", "frames", "dropped", "local"] + cascadeHeaders + ["mean ms", "p50 ms", "p95 ms", "energy mJ/frame",
                               "of it probes", "switches", "SLO misses", "gap to oracle"],
                              alignments: [.left] + Array(repeating: .right, count: 11 + cascadeHeaders.count))
        for s in summaries {
            let cascadeCells = cascade ? [Format.grouped(s.cascade.answeredOnDevice), Format.grouped(s.cascade.appealed)] : []
            table.add([s.policy, "\(s.frames)", "\(s.dropped)", "\(s.local)"] + cascadeCells + [Format.fixed(s.meanMs), Format.fixed(s.p50Ms),
                       Format.fixed(s.p95Ms), Format.fixed(s.energyPerFrameMJ, 1), Format.fixed(s.probeEnergyPerFrameMJ, 1),
                       "\(s.switches)", "\(s.sloMisses)",
                       oracle.map { Format.fixed(s.gap(to: $0) * 100, 1) + " %" } ?? "-"])
        }
        return table.render()
    }

    static func json(_ summaries: [SessionSummary], oracle: SessionSummary?) -> JSONValue {
        .object(JSONObject([("policies", .array(summaries.map { s in
            .object(JSONObject([
                ("policy", .string(s.policy)), ("frames", .number(Double(s.frames))), ("dropped", .number(Double(s.dropped))),
                ("local", .number(Double(s.local))),
                ("mean_ms", .number(s.meanMs)), ("p50_ms", .number(s.p50Ms)), ("p95_ms", .number(s.p95Ms)),
                ("energy_mj", .number(s.energyPerFrameMJ)), ("probe_energy_mj", .number(s.probeEnergyPerFrameMJ)),
                ("probes", .number(Double(s.probes))), ("switches", .number(Double(s.switches))),
                ("slo_misses", .number(Double(s.sloMisses))),
                ("gap_to_oracle", oracle.map { .number(s.gap(to: $0)) } ?? .null),
            ] + (s.cascade.isEmpty ? [] : [("answered_on_device", .number(Double(s.cascade.answeredOnDevice))),
                                           ("appealed", .number(Double(s.cascade.appealed)))])))
        }))]))
    }
}
