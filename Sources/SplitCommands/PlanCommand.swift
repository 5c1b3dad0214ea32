import ArgumentParser
import SplitCost
import SplitJSON
import SplitModels
import SplitPlanners

/// `splitscope plan`: the partition a policy picks for one bandwidth, RTT and battery level.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Pick the split for a bandwidth and RTT under a policy and constraints.",
        discussion: """
        Policies: mincut (default: the exact optimum, DADS min-cut; equals exhaustive search on chains), \
        neurosurgeon (best layer split), dsc (compressive bottlenecks or device-only), gads (neighbour \
        search from --current-split, then global), device, edge, static:K (first K layers on the device).

        With --versions FILE (a splitscope-model-versions manifest) every version is planned and the \
        (version, split) with the best objective among the versions meeting --accuracy-floor-pct is chosen.

        Example: splitscope plan --model resnet50 --bandwidth-mbps 8 --rtt-ms 20 --slo-ms 150
        """
    )

    @OptionGroup var model: ModelOptions

    @Option(name: .long, help: "A model-versions manifest (splitscope-model-versions): choose version × split.")
    var versions: String?

    @Option(name: .long, parsing: .unconditional, help: "Uplink bandwidth in Mbit/s.")
    var bandwidthMbps: FlagNumber

    @Option(name: .long, parsing: .unconditional, help: "Round-trip time to the edge in ms.")
    var rttMs: FlagNumber = 20

    @Option(name: .long, help: "Policy: \(PolicyKind.namesHelp).")
    var policy: String = "mincut"

    @OptionGroup var constraintOptions: ConstraintOptions

    @OptionGroup var powerOptions: PowerOptions

    @Option(name: .long, parsing: .unconditional, help: "Current battery level in percent (matters with --battery-floor).")
    var battery: FlagNumber = 100

    @Option(name: .long, parsing: .unconditional, help: "The split in force now (gads searches near it).")
    var currentSplit: FlagInteger?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let bandwidthMbps = try Quantity.bandwidthMbps.checked(bandwidthMbps, flag: "--bandwidth-mbps")
        let rttMs = try Quantity.rttMs.checked(rttMs, flag: "--rtt-ms")
        let battery = try Quantity.batteryPercent.checked(battery, flag: "--battery")
        if let versions {
            try runVersions(versions, link: LinkConditions(bandwidthMbps: bandwidthMbps, rttMs: rttMs), battery: battery)
            return
        }
        let loaded = try model.load()
        let profile = loaded.profile
        let kind = try Self.policy(policy, layerCount: profile.layerCount)
        if currentSplit != nil, kind != .gads {
            throw CommandError("--current-split applies to --policy gads only (the other policies do not search near the split in force)")
        }
        let currentSplit = try Quantity.split(layerCount: profile.layerCount)
            .checkedIfGiven(currentSplit, flag: "--current-split").map { Int($0) }
        let constraints = try constraintOptions.constraints(layerCount: profile.layerCount)
        if let note = constraintOptions.floorIgnoredNote(model: profile.name) { Console.error(note) }
        let costModel = CostModel(profile: profile, power: try powerOptions.power())
        let clock = ContinuousClock()
        var planner: (any PlanningPolicy)?
        let prepared = clock.measure { planner = kind.make(costModel: costModel, constraints: constraints) }
        guard let planner else { throw CommandError("could not prepare \(kind)", isUsage: false) }
        let request = PlanRequest(link: LinkConditions(bandwidthMbps: bandwidthMbps, rttMs: rttMs), batteryPercent: battery,
                                  current: currentSplit.map { .prefix($0, layerCount: profile.layerCount) })
        var plan = planner.plan(request)
        // Decision time: the median of repeated decisions, so one cold call does not mislead.
        var samples: [Duration] = []
        for _ in 0..<15 { samples.append(clock.measure { plan = planner.plan(request) }) }
        let decisionUs = samples.sorted()[samples.count / 2] / .microseconds(1)
        let preparedUs = prepared / .microseconds(1)

        let alternatives: [(String, SplitPlan)] = [
            ("device-only", DeviceOnlyPolicy(costModel: costModel).plan(request)),
            ("edge-only", EdgeOnlyPolicy(costModel: costModel).plan(request)),
        ]
        if json {
            Console.line(Self.json(plan: plan, profile: profile, request: request, decisionUs: decisionUs,
                                   preparedUs: preparedUs).prettySerialized())
        } else {
            Console.write(Self.render(plan: plan, profile: profile, request: request, constraints: constraints,
                                      decisionUs: decisionUs, preparedUs: preparedUs, alternatives: alternatives))
        }
    }

    /// The policy `--policy` names, with a `static:K` split checked against the model's layers.
    static func policy(_ name: String, layerCount: Int) throws(CommandError) -> PolicyKind {
        guard let kind = PolicyKind(name: name) else {
            throw CommandError("--policy: unknown policy \"\(name)\"; use \(PolicyKind.namesHelp)")
        }
        if case .staticSplit(let k) = kind {
            _ = try Quantity.split(layerCount: layerCount).checked(k, flag: "--policy \(name)")
        }
        return kind
    }

    /// Where the cut falls, in words.
    static func describe(_ plan: SplitPlan, profile: ModelProfile) -> String {
        let n = profile.layerCount
        switch plan.split {
        case .some(0): return "split 0/\(n): everything on the edge (the raw input is sent)"
        case .some(let k) where k == n: return "split \(n)/\(n): everything on the device"
        case .some(let k): return "split \(k)/\(n): device runs through \(profile.layers[k - 1].name), edge from \(profile.layers[k].name)"
        case .none:
            return "\(plan.partition.deviceLayerCount) of \(Format.counted(n, "layer")) on the device (not a prefix: a DAG cut)"
        }
    }

    static func render(plan: SplitPlan, profile: ModelProfile, request: PlanRequest, constraints: PlanningConstraints,
                       decisionUs: Double, preparedUs: Double, alternatives: [(String, SplitPlan)]) -> String {
        let c = plan.cost
        var lines: [String] = []
        lines.append("\(profile.name) at \(Format.given(request.link.bandwidthMbps)) Mbit/s, RTT \(Format.given(request.link.rttMs, 1)) ms"
            + " — policy \(plan.policy), minimising \(plan.objective.rawValue)")
        lines.append("")
        var rows = TextTable(["", ""])
        rows.headers = ["plan", describe(plan, profile: profile)]
        rows.add(["latency", "\(Format.fixed(c.latencyMs)) ms = device \(Format.fixed(c.deviceMs)) + transfer "
            + "\(Format.fixed(c.transferMs)) + rtt \(Format.fixed(c.rttMs)) + edge \(Format.fixed(c.edgeMs))"])
        rows.add(["sent", "\(Format.grouped(c.transferBytes)) bytes (\(Format.bytes(c.transferBytes)))"])
        rows.add(["energy", "\(Format.fixed(c.energyMJ, 1)) mJ on the device"])
        rows.add(["memory", "\(Format.bytes(c.deviceMemoryBytes)) on the device (weights + peak activations)"])
        rows.add(["binding", plan.binding.isEmpty ? "none" : plan.binding.map(\.rawValue).joined(separator: ", ")])
        rows.add(["violated", plan.violated.isEmpty ? "none" : plan.violated.map(\.rawValue).joined(separator: ", ")
            + " (nothing meets it; least-violating plan)"])
        rows.add(["decided in", "\(Format.fixed(decisionUs, 2)) µs (median of 15; prepared in \(Format.fixed(preparedUs, 0)) µs)"])
        let body = rows.render().split(separator: "\n", omittingEmptySubsequences: false)
        // Drop the header rule: this is a two-column list, not a table.
        lines += body.enumerated().filter { $0.offset != 1 }.map { String($0.element) }
        var compare = TextTable(["compare", "split", "latency ms", "energy mJ", "sent bytes"],
                                alignments: [.left, .right, .right, .right, .right])
        for (name, alt) in alternatives + [("this plan", plan)] {
            compare.add([name, alt.split.map(String.init) ?? "DAG cut", Format.fixed(alt.cost.latencyMs),
                         Format.fixed(alt.cost.energyMJ, 1), Format.grouped(alt.cost.transferBytes)])
        }
        return lines.joined(separator: "\n") + "\n" + compare.render()
    }

    static func json(plan: SplitPlan, profile: ModelProfile, request: PlanRequest, decisionUs: Double, preparedUs: Double) -> JSONValue {
        let c = plan.cost
        let deviceLayers = profile.layers.indices.filter { plan.partition.onDevice[$0] }.map { JSONValue.string(profile.layers[$0].name) }
        return .object(JSONObject([
            ("model", .string(profile.name)),
            ("policy", .string(plan.policy)),
            ("objective", .string(plan.objective.rawValue)),
            ("bandwidth_mbps", .number(request.link.bandwidthMbps)),
            ("rtt_ms", .number(request.link.rttMs)),
            ("latency_ms", .number(c.latencyMs)),
            ("energy_mj", .number(c.energyMJ)),
            ("device_ms", .number(c.deviceMs)),
            ("transfer_ms", .number(c.transferMs)),
            ("edge_ms", .number(c.edgeMs)),
            ("transfer_bytes", .number(Double(c.transferBytes))),
            ("device_memory_bytes", .number(Double(c.deviceMemoryBytes))),
            ("split", plan.split.map { .number(Double($0)) } ?? .null),
            ("layer_count", .number(Double(profile.layerCount))),
            ("device_layers", .array(deviceLayers)),
            ("binding", .array(plan.binding.map { .string($0.rawValue) })),
            ("violated", .array(plan.violated.map { .string($0.rawValue) })),
            ("decision_us", .number(decisionUs)),
            ("prepare_us", .number(preparedUs)),
        ]))
    }
}
