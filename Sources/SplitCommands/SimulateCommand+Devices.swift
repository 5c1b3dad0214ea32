import Foundation
import SplitAllocation
import SplitCost
import SplitJSON
import SplitControl
import SplitModels
import SplitPlanners
import SplitSession
import SplitTraces

/// `simulate --devices N`: many devices sharing one edge over real traces (issue 10 §4, MCIA).
extension SimulateCommand {
    /// Runs the fleet session with every allocator that can solve it and prints what each achieved.
    func runFleet(deviceFlag: FlagInteger) throws {
        let n = Int(try Quantity.deviceCount.checked(deviceFlag, flag: "--devices"))
        try refuseSingleDeviceFlags()
        let seconds = try Quantity.sessionLength.checked(duration, flag: "--duration")
        guard seconds >= 1 else { throw CommandError("--duration: --devices re-allocates every second; give at least 1 s") }
        _ = try Quantity.rttMs.checked(rttMs, flag: "--rtt-ms")
        let slo = try Quantity.sloMs.checked(constraintOptions.sloMs ?? 100, flag: "--slo-ms")
        let uplink = try Quantity.bandwidthMbps.checked(fleet.edgeUplinkMbps, flag: "--edge-uplink-mbps")
        let exactMax = Int(try Quantity.deviceCount.checked(fleet.exactMaxDevices, flag: "--exact-max-devices"))
        let weights = try CommaList.numbers(fleet.accuracyWeights, flag: "--accuracy-weights", quantity: .taskWeight, allowingRepeats: true)
            .map(AllocationDevice.accuracyWeight(forTask:))
        let floor = PlanningConstraints(accuracyFloorPercent: try ConstraintKind.accuracyFloor.quantity(layerCount: 1)
            .checkedIfGiven(constraintOptions.accuracyFloorPct, flag: ConstraintOptions.flag(.accuracyFloor)))
        let recorded = try fleet.recordedAllocator(devices: n, exactMax: exactMax, out: out)
        let sessionClock = try parsedClock()
        // Every device of the fleet has the power model a single device would have (--compute-watts …).
        let power = try powerOptions.power()
        var graphs = model.zoo
        graphs.modelFile = nil
        graphs.model = nil
        let estimator = graphs.estimator
        _ = try Quantity.gmacsPerSecond.checkedIfGiven(graphs.deviceGmacsPerS, flag: "--device-gmacs-per-s")
        _ = try Quantity.gmacsPerSecond.checkedIfGiven(graphs.edgeGmacsPerS, flag: "--edge-gmacs-per-s")
        let speeds = try fleet.deviceSpeeds.map {
            try CommaList.numbers($0, flag: "--device-speeds", quantity: .gmacsPerSecond, allowingRepeats: true)
        } ?? [estimator.device.gmacsPerSecond]

        // The versions, each built once and timed at every device speed.
        let (versionSet, folder) = try FleetVersions.load(manifest: versions)
        // Every device runs only the versions that meet the accuracy floor (when none does, the
        // most accurate): in its own choice and in the options the edge's allocator gets.
        let allowed = Set(floor.versionsMeetingFloor(versionSet.versions).map { versionSet.versions[$0].name })
        let unmetFloor = floor.unmetFloorNote(versionSet.versions)
        if let unmetFloor { Console.error("note: \(unmetFloor)") }
        var options: [Double: [AllocationOption]] = [:]
        // The recording's header describes each version by its profile at the first device's speed.
        var recordedVersions: [SessionModelVersion] = []
        // And each device by its own layer times, per version, at its speed (a layer's time is not
        // proportional to the speed: the roofline's memory term and overhead stay).
        var layerTimes: [Double: [String: [Double]]] = [:]
        for version in versionSet.versions {
            var source = graphs
            let graph: ModelGraph
            switch version.source {
            case .file:
                let path = version.filePath(relativeTo: folder) ?? ""
                source.modelFile = path
                guard let built = try source.loadModelFile(path, flag: nil).graph else { throw CommandError("\(path): no graph") }
                graph = built
            case .zooModel(let name):
                source.model = name
                guard let built = try source.load().graph else { throw CommandError("zoo model \(name): no graph") }
                graph = built
            }
            for speed in Set(speeds) {
                var device = estimator.device
                device.gmacsPerSecond = speed
                let profile = RooflineEstimator(device: device, edge: estimator.edge).profile(of: graph)
                layerTimes[speed, default: [:]][version.name] = profile.layers.map(\.deviceMs)
                if speed == speeds[0] {
                    recordedVersions.append(SessionModelVersion(name: version.name, accuracyPercent: version.accuracyPercent,
                                                                compression: version.compression, model: profile))
                }
                // A split whose device part takes more than a day (the longest time splitscope
                // accepts) on a very slow device is no option; all-edge (split 0) always remains.
                guard allowed.contains(version.name) else { continue }
                options[speed, default: []] += AllocationOption.prefixOptions(
                    version: version.name, accuracyPercent: version.accuracyPercent, profile: profile,
                    edgeGmacsPerSecond: estimator.edge.gmacsPerSecond).filter { Quantity.milliseconds.accepts($0.deviceMs) }
            }
        }

        // One trace per device, cycling through the files --traces names.
        let files = try fleet.traceFiles()
        var traces: [String: BandwidthTrace] = [:]
        var fleetDevices: [FleetDevice] = []
        var traceNames: [String] = []
        for i in 0..<n {
            let file = files[i % files.count]
            if traces[file] == nil {
                let trace: BandwidthTrace
                try InputFile.check(path: file, what: "bandwidth trace")
                do {
                    trace = try BandwidthTrace.load(path: file)
                } catch {
                    throw CommandError("--traces: \(error)")
                }
                guard trace.bytesPerPeriod > 0 else { throw CommandError("--traces: \(file): the trace carries no data (0 Mbit/s throughout)") }
                traces[file] = trace
            }
            guard let trace = traces[file] else { continue }
            let speed = speeds[i % speeds.count]
            fleetDevices.append(FleetDevice(name: "device \(i + 1)", accuracyWeight: weights[i % weights.count], sloMs: slo,
                                            rttMs: rttMs.value, options: options[speed] ?? [], trace: trace))
            traceNames.append(trace.name)
        }
        let simulation = FleetSimulation(devices: fleetDevices, edge: EdgeCapacity(gmacsPerSecond: estimator.edge.gmacsPerSecond,
                                                                                  uplinkMbps: uplink),
                                         durationS: Int(seconds.rounded(.down)))
        let clock = ContinuousClock()
        let origin = clock.now
        let now: () -> Double = { (clock.now - origin).inSeconds }
        var summaries: [FleetSummary] = []
        var notes: [String] = []
        let ids = (0..<n).map(Self.fleetDeviceID)
        var writer: SessionWriter?
        if let out, let recorded, let first = recordedVersions.first {
            let members = fleetDevices.enumerated().map { i, device in
                SessionFleetDevice(device: ids[i], taskWeight: device.accuracyWeight, gmacsPerSecond: speeds[i % speeds.count],
                                   trace: traceNames[i], sloMs: device.sloMs, rttMs: device.rttMs,
                                   layerDeviceMs: layerTimes[speeds[i % speeds.count]] ?? [:])
            }
            // The header's model is the first version's profile under the family's name, as a replay titles it.
            var model = first.model
            model.name = versionSet.family
            let header = SessionHeader(
                startTime: sessionClock.startTime, source: .simulator, fps: 1, policy: "\(recorded.rawValue) allocator", model: model,
                device: SessionDeviceInfo(name: "each device of the fleet", compute: "per device (the header's devices)",
                                          power: SessionPowerModel(power)),
                edge: SessionEdgeInfo(name: "edge", compute: "\(Format.plain(simulation.edge.gmacsPerSecond)) GMAC/s (roofline), "
                    + "uplink \(Format.plain(simulation.edge.uplinkMbps)) Mbit/s, shared by \(Format.counted(n, "device"))"),
                link: SessionLinkSettings(rttMs: fleetDevices.first?.rttMs, bandwidth: "traces: one per device (the header's devices)"),
                constraints: SessionConstraints(sloMs: slo, accuracyFloorPct: floor.accuracyFloorPercent), versions: recordedVersions,
                devices: members)
            writer = try openWriter(out, header: header)
            // Said once, before the first second, in the words `plan` and the terminal use.
            do {
                try unmetFloor.map { try writer?.append(TimedEvent(t: 0, event: .note(NoteEvent(text: $0)))) }
            } catch {
                throw CommandError("--out: \(error)", isUsage: false)
            }
        }
        for kind in AllocatorKind.allCases {
            if kind == .exact, n > exactMax {
                notes.append("exact: not run for \(Format.counted(n, "device")) (--exact-max-devices \(exactMax))")
                continue
            }
            var recorder = kind == recorded ? FleetSessionRecorder(ids: ids, weights: fleetDevices.map(\.accuracyWeight),
                                                                   allocator: kind, edge: simulation.edge, power: power) : nil
            do {
                summaries.append(try simulation.run(kind, clock: now) { second in
                    guard var active = recorder else { return }
                    try writer?.append(contentsOf: active.events(for: second))
                    recorder = active
                })
            } catch let error as SessionError {
                throw CommandError("--out: \(error)", isUsage: false)
            } catch {
                if kind == .exact, kind != recorded {
                    notes.append("exact: \(error)")
                } else {
                    throw CommandError("\(error)")
                }
            }
        }
        try writer?.close()
        let edge = simulation.edge
        if json {
            Console.line(Self.fleetJSON(summaries, devices: fleetDevices, traceNames: traceNames, family: versionSet, edge: edge,
                                        notes: (unmetFloor.map { [$0] } ?? []) + notes).prettySerialized())
            return
        }
        Console.line("\(Format.counted(n, "device")) sharing one edge (\(Format.plain(edge.gmacsPerSecond)) GMAC/s, uplink \(Format.plain(edge.uplinkMbps)) Mbit/s), "
            + "\(Int(seconds)) s, RTT \(Format.fixed(rttMs.value, 0)) ms, SLO \(Format.plain(slo)) ms; versions of \(DisplayText.escaped(versionSet.family)): "
            + versionSet.versions.map { "\($0.name) \(Format.fixed($0.accuracyPercent)) %" }.joined(separator: ", ")
            + (floor.accuracyFloorPercent.map { floorPct in
                "; accuracy floor \(Quantity.percentText(floorPct)) %, devices run "
                    + versionSet.versions.filter { allowed.contains($0.name) }.map(\.name).joined(separator: ", ")
            } ?? ""))
        for (i, device) in fleetDevices.enumerated() where i < 12 {
            Console.line("  \(device.name): w = \(Format.plain(device.accuracyWeight)), \(Format.plain(speeds[i % speeds.count])) GMAC/s, trace \(DisplayText.escaped(traceNames[i]))")
        }
        if n > 12 { Console.line("  … (\(n - 12) more, cycling the same traces, weights and speeds)") }
        Console.write(Self.fleetTable(summaries))
        if let exact = summaries.first(where: { $0.allocator == .exact }), let fast = summaries.first(where: { $0.allocator == .fast }) {
            Console.line("fast vs exact: planned utility \(Format.fixed(fast.meanPlannedUtility, 4)) vs \(Format.fixed(exact.meanPlannedUtility, 4)) per second")
        }
        for note in notes { Console.line(note) }
        if let out, let recorded { Console.line("session of the \(recorded.rawValue) allocator written to \(out)") }
    }

    /// A device's id in a fleet recording: `cam-1`, `cam-2`, ….
    static func fleetDeviceID(_ index: Int) -> String {
        "cam-\(index + 1)"
    }

    /// Flags with defaults that the fleet simulator never reads, each with whether it differs from
    /// its default (the fleet runs one inference per device per second, from the traces' rates, with no battery,
    /// probe, hysteresis, timeout, jitter or cascade).
    private func fleetIgnoredFlags() -> [(String, Bool)] {
        guard let defaults = try? SimulateCommand.parse([]) else { return [] }
        return [
            ("--battery-mwh", batteryMwh != defaults.batteryMwh), ("--battery-start", batteryStart != defaults.batteryStart),
            ("--probe-interval", probeInterval != defaults.probeInterval), ("--hysteresis", hysteresis != defaults.hysteresis),
            ("--timeout-factor", timeoutFactor != defaults.timeoutFactor), ("--seed", seed != defaults.seed),
            ("--fps", fps != defaults.fps), ("--estimator", estimator != defaults.estimator),
            ("--trace-format", trace.traceFormat != nil), ("--cascade", cascadeOptions.cascade),
            ("--edge-model-file", cascadeOptions.edgeModelFile != nil),
            ("--data", cascadeOptions.frames.data != defaults.cascadeOptions.frames.data),
        ] + cascadeOptions.frames.givenFlags.map { ($0, true) }
    }

    /// Flags of a one-device session that mean nothing with --devices.
    private func refuseSingleDeviceFlags() throws(CommandError) {
        let given: [(String, Bool)] = [
            ("--bandwidth-trace", trace.bandwidthTrace != nil), ("--control", control != nil),
            ("--pace", pace != nil), ("--operator", !`operator`.isEmpty), ("--token", token != nil),
            ("--model", model.zoo.model != nil), ("--model-file", model.zoo.modelFile != nil), ("--profile", model.profile != nil),
            ("--memory-mb", constraintOptions.memoryMb != nil), ("--bandwidth-cap-mbps", constraintOptions.bandwidthCapMbps != nil),
            ("--battery-floor", constraintOptions.batteryFloor != nil), ("--min-device-layers", constraintOptions.minDeviceLayers != 0),
            ("--policy", policy != "mincut"),
        ] + fleetIgnoredFlags()
        let refused = given.filter(\.1).map(\.0)
        guard refused.isEmpty else {
            throw CommandError("\(refused.joined(separator: ", ")) \(refused.count == 1 ? "applies" : "apply") to one device "
                + "(the fleet simulator does not read \(refused.count == 1 ? "it" : "them")); "
                + "with --devices the versions come from --versions and the traces from --traces")
        }
    }

    static func fleetTable(_ summaries: [FleetSummary]) -> String {
        var table = TextTable(["allocator", "utility/s", "planned/s", "mean ms", "SLO misses", "accuracy %", "offloaded",
                               "solve ms", "max solve ms"],
                              alignments: [.left] + Array(repeating: .right, count: 8))
        for s in summaries {
            table.add([s.allocator.rawValue, Format.fixed(s.meanUtility, 3), Format.fixed(s.meanPlannedUtility, 3), Format.fixed(s.meanLatencyMs, 1),
                       "\(s.sloMisses) (\(Format.fixed(100 * Double(s.sloMisses) / Double(max(1, s.inferences)), 1)) %)",
                       Format.fixed(s.meanAccuracyPercent), "\(Format.fixed(100 * Double(s.offloaded) / Double(max(1, s.inferences)), 1)) %",
                       Format.fixed(s.meanSolveMs, 3), Format.fixed(s.maxSolveMs, 3)])
        }
        return table.render()
    }

    static func fleetJSON(_ summaries: [FleetSummary], devices: [FleetDevice], traceNames: [String], family: ModelVersionSet,
                          edge: EdgeCapacity, notes: [String]) -> JSONValue {
        .object(JSONObject([
            ("devices", .array(devices.enumerated().map { i, device in
                .object(JSONObject([("name", .string(device.name)), ("accuracy_weight", .number(device.accuracyWeight)),
                                    ("slo_ms", .number(device.sloMs)), ("trace", .string(traceNames[i]))]))
            })),
            ("edge", .object(JSONObject([("gmacs_per_s", .number(edge.gmacsPerSecond)), ("uplink_mbps", .number(edge.uplinkMbps))]))),
            ("versions", .array(family.versions.map { .object(JSONObject([("name", .string($0.name)), ("accuracy_pct", .number($0.accuracyPercent))])) })),
            ("allocators", .array(summaries.map { s in
                .object(JSONObject([
                    ("allocator", .string(s.allocator.rawValue)), ("seconds", .number(Double(s.seconds))),
                    ("inferences", .number(Double(s.inferences))),
                    ("utility_per_s", .number(s.meanUtility)), ("planned_utility_per_s", .number(s.meanPlannedUtility)),
                    ("mean_ms", .number(s.meanLatencyMs)), ("slo_misses", .number(Double(s.sloMisses))),
                    ("mean_accuracy_pct", .number(s.meanAccuracyPercent)), ("offloaded", .number(Double(s.offloaded))),
                    ("mean_solve_ms", .number(s.meanSolveMs)), ("max_solve_ms", .number(s.maxSolveMs)),
                ]))
            })),
            ("notes", .array(notes.map { .string($0) })),
        ]))
    }
}
