import SplitCost
import SplitJSON
import SplitModels
import SplitPlanners

extension PlanCommand {
    /// `plan --versions FILE`: every version's best split under the policy, and the choice.
    func runVersions(_ path: String, link: LinkConditions, battery: Double) throws {
        if currentSplit != nil {
            throw CommandError("--current-split applies to a single model, not to --versions (each version has its own layers)")
        }
        let (set, models) = try model.loadVersions(path)
        // A constraint must make sense for every version: layer counts are capped by the smallest model.
        let fewestLayers = models.map(\.profile.layerCount).min() ?? 0
        let kind = try Self.policy(policy, layerCount: fewestLayers)
        let constraints = try constraintOptions.constraints(layerCount: fewestLayers)
        let power = try powerOptions.power()
        let planner = VersionPlanner(versions: zip(set.versions, models).map { ($0, CostModel(profile: $1.profile, power: power)) },
                                     policy: kind, constraints: constraints)
        let choice = planner.plan(PlanRequest(link: link, batteryPercent: battery))
        let profiles = models.map(\.profile)
        if json {
            Console.line(Self.versionsJSON(choice, set: set, profiles: profiles, link: link, constraints: constraints).prettySerialized())
        } else {
            Console.write(Self.renderVersions(choice, set: set, profiles: profiles, link: link, constraints: constraints, policy: kind))
        }
    }

    /// The table: one row per version (best split, latency, energy, accuracy, meets the floor?), then the choice.
    static func renderVersions(_ choice: VersionChoice, set: ModelVersionSet, profiles: [ModelProfile], link: LinkConditions,
                               constraints: PlanningConstraints, policy: PolicyKind) -> String {
        let floor = constraints.accuracyFloorPercent.map { "accuracy floor \(Quantity.percentText($0)) %" } ?? "no accuracy floor"
        var lines = ["\(DisplayText.escaped(set.family)): \(Format.counted(set.versions.count, "version")) at \(Format.given(link.bandwidthMbps)) Mbit/s, "
            + "RTT \(Format.given(link.rttMs, 1)) ms — policy \(policy), \(floor)", ""]
        var table = TextTable(["version", "compression", "layers", "best split", "latency ms", "energy mJ", "sent bytes",
                               "accuracy %", "meets floor", "other constraints"],
                              alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .left, .left])
        for (i, option) in choice.options.enumerated() {
            let plan = option.plan
            let split = plan.split.map { "\($0)/\(profiles[i].layerCount)" } ?? "DAG cut"
            table.add([(i == choice.index ? "* " : "  ") + option.version.name, option.version.compression,
                       String(profiles[i].layerCount), split, Format.fixed(plan.cost.latencyMs), Format.fixed(plan.cost.energyMJ, 1),
                       Format.grouped(plan.cost.transferBytes), Format.fixed(option.version.accuracyPercent, 2),
                       option.meetsFloor ? "yes" : "no",
                       plan.violated.isEmpty ? "met" : "violates " + plan.violated.map(\.rawValue).joined(separator: ", ")])
        }
        lines.append(table.render().trimmingSuffixNewline)
        lines.append("")
        let chosen = choice.options[choice.index]
        lines.append("chosen: \(chosen.version.name), \(describe(choice.plan, profile: profiles[choice.index])); "
            + "\(Format.fixed(choice.plan.cost.latencyMs)) ms, \(Format.fixed(chosen.version.accuracyPercent, 2)) % accurate, "
            + "minimising \(choice.plan.objective.rawValue)")
        lines.append("reason: \(choice.reason.words)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same as JSON: `versions` (each version's best plan) and `chosen`.
    static func versionsJSON(_ choice: VersionChoice, set: ModelVersionSet, profiles: [ModelProfile], link: LinkConditions,
                             constraints: PlanningConstraints) -> JSONValue {
        let rows: [JSONValue] = choice.options.enumerated().map { i, option in
            .object(JSONObject([
                ("name", .string(option.version.name)),
                ("model", .string(profiles[i].name)),
                ("compression", .string(option.version.compression)),
                ("accuracy_pct", .number(option.version.accuracyPercent)),
                ("meets_floor", .bool(option.meetsFloor)),
                ("layer_count", .number(Double(profiles[i].layerCount))),
                ("split", option.plan.split.map { .number(Double($0)) } ?? .null),
                ("latency_ms", .number(option.plan.cost.latencyMs)),
                ("energy_mj", .number(option.plan.cost.energyMJ)),
                ("transfer_bytes", .number(Double(option.plan.cost.transferBytes))),
                ("objective", .string(option.plan.objective.rawValue)),
                ("violated", .array(option.plan.violated.map { .string($0.rawValue) })),
            ]))
        }
        return .object(JSONObject([
            ("family", .string(set.family)),
            ("bandwidth_mbps", .number(link.bandwidthMbps)),
            ("rtt_ms", .number(link.rttMs)),
            ("accuracy_floor_pct", constraints.accuracyFloorPercent.map(JSONValue.number) ?? .null),
            ("versions", .array(rows)),
            ("chosen", .string(choice.version.name)),
            ("split", choice.plan.split.map { .number(Double($0)) } ?? .null),
            ("reason", .string(choice.reason.rawValue)),
            ("binding", .array(choice.plan.binding.map { .string($0.rawValue) })),
            ("violated", .array(choice.plan.violated.map { .string($0.rawValue) })),
        ]))
    }
}

extension String {
    /// The text without one trailing newline.
    fileprivate var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
