import SplitRandom
import ArgumentParser
import Foundation
import SplitCost
import SplitModels
import SplitPlanners

/// `splitscope bench planner`: decision time per policy and model against exhaustive search.
struct BenchPlannerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planner",
        abstract: "Median and p99 decision time per policy and model, and the speed-up over exhaustive search.",
        discussion: """
        Each decision gets a new bandwidth (log-uniform 0.5–100 Mbit/s, seeded), as the controller \
        re-decides every frame. Baseline: ExhaustiveSplitSearch, which scores every split from \
        precomputed prefix sums; "naive" applies the full cost formula to every split, as a direct \
        reading of Neurosurgeon would. Targets: \
        median ≤ 5 µs per decision for chain policies up to 500 layers; ≤ 1 ms for min-cut on a 500-layer DAG.
        """
    )

    @OptionGroup var build: BenchBuild

    @Option(name: .customLong("decisions"), parsing: .unconditional, help: "Decisions timed per policy and model (10 or more).")
    var decisionCount: FlagInteger = 2_000

    /// `--decisions`, once checked.
    private var decisions: Int { Int(Quantity.repetitions.clamp(decisionCount)) }

    func run() throws {
        var range = Quantity.repetitions
        range.lowest = 10
        _ = try range.checked(decisionCount, flag: "--decisions")
        try build.check()
        var profiles: [ModelProfile] = []
        for name in ModelZoo.names {
            profiles.append(RooflineEstimator().profile(of: try ModelZoo.model(named: name)))
        }
        profiles.append(SyntheticProfiles.chain(layers: 500))
        profiles.append(SyntheticProfiles.residual(layers: 500))

        var table = TextTable(["model", "layers", "policy", "median µs", "p99 µs", "speed-up vs scan", "vs naive", "target", "pass"],
                              alignments: [.left, .right, .left, .right, .right, .right, .right, .left, .left])
        let policies: [PolicyKind] = [.neurosurgeon, .dsc, .gads, .mincut]
        for profile in profiles {
            let costModel = CostModel(profile: profile)
            let naive = measureNaive(costModel)
            table.add([profile.name, "\(profile.layerCount)", "naive exhaustive", Format.fixed(naive.median, 1),
                       Format.fixed(naive.p99, 1), "", "1", "", ""])
            let baseline = measure(ExhaustiveSplitSearch(costModel: costModel), layerCount: profile.layerCount)
            table.add([profile.name, "\(profile.layerCount)", "exhaustive scan (baseline)", Format.fixed(baseline.median, 2),
                       Format.fixed(baseline.p99, 2), "1", Self.ratio(naive.median / baseline.median), "", ""])
            for kind in policies {
                let stats = measure(kind.make(costModel: costModel, constraints: .none), layerCount: profile.layerCount)
                let target: Double? = kind == .mincut
                    ? (profile.layerCount <= 500 ? 1_000 : nil)
                    : (profile.layerCount <= 500 ? 5 : nil)
                table.add([profile.name, "\(profile.layerCount)", kind.description, Format.fixed(stats.median, 2),
                           Format.fixed(stats.p99, 2), Self.ratio(baseline.median / stats.median),
                           Self.ratio(naive.median / stats.median),
                           target.map { "≤ \(Format.fixed($0, 0)) µs" } ?? "",
                           target.map { stats.median <= $0 ? "yes" : "NO" } ?? ""])
            }
        }
        Console.write(table.render())
    }

    /// A ratio with two significant figures: `3.4`, `0.016`, `1200`.
    static func ratio(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "-" }
        if value >= 100 { return Format.fixed(value, 0) }
        if value >= 1 { return Format.fixed(value, 1) }
        var decimals = 2
        var scaled = value * 100
        while scaled < 10 && decimals < 6 {
            scaled *= 10
            decimals += 1
        }
        return Format.fixed(value, decimals)
    }

    /// Neurosurgeon as written: apply the full cost formula to every split, every decision.
    private func measureNaive(_ costModel: CostModel) -> (median: Double, p99: Double) {
        var rng = SplitMix64(seed: 42)
        let clock = ContinuousClock()
        let n = costModel.layerCount
        let partitions = (0...n).map { Partition.prefix($0, layerCount: n) }
        var samples: [Double] = []
        for _ in 0..<max(10, min(decisions, 100)) {
            let link = LinkConditions(bandwidthMbps: 0.5 * pow(200, Double(rng.next() % 1_000_000) / 1_000_000), rttMs: 20)
            var best = Double.infinity
            let elapsed = clock.measure {
                for partition in partitions { best = min(best, costModel.evaluate(partition, link: link).latencyMs) }
            }
            samples.append(elapsed / .microseconds(1))
            if !best.isFinite { Console.error("warning: no finite latency for \(costModel.profile.name)") }
        }
        let sorted = samples.sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))])
    }

    /// Times `decisions` decisions, each at a new bandwidth; GADS starts from the previous answer.
    private func measure(_ policy: any PlanningPolicy, layerCount: Int) -> (median: Double, p99: Double) {
        var rng = SplitMix64(seed: 42)
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(decisions)
        var current: Partition?
        for _ in 0..<(decisions + decisions / 10) {
            let u = Double(rng.next() % 1_000_000) / 1_000_000
            let bandwidth = 0.5 * pow(200, u)
            let request = PlanRequest(link: LinkConditions(bandwidthMbps: bandwidth, rttMs: 20), current: current)
            var plan: SplitPlan?
            let elapsed = clock.measure { plan = policy.plan(request) }
            current = plan?.partition
            samples.append(elapsed / .microseconds(1))
        }
        // Drop the warm-up tenth.
        let sorted = samples.dropFirst(decisions / 10).sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))])
    }
}
