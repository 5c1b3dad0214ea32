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
        re-decides every frame. Baseline: ExhaustiveSplitSearch, which scores every split. Targets: \
        median ≤ 5 µs per decision for chain policies up to 500 layers; ≤ 1 ms for min-cut on a 500-layer DAG.
        """
    )

    @Option(name: .long, help: "Decisions timed per policy and model.")
    var decisions: Int = 2_000

    func run() throws {
        guard decisions >= 10 else { throw CommandError("--decisions must be at least 10") }
        #if DEBUG
        Console.error("warning: this is a debug build; timings are meaningless. Use: swift build -c release")
        #endif
        var profiles: [ModelProfile] = []
        for name in ModelZoo.names {
            profiles.append(RooflineEstimator().profile(of: try ModelZoo.model(named: name)))
        }
        profiles.append(SyntheticProfiles.chain(layers: 500))
        profiles.append(SyntheticProfiles.residual(layers: 500))

        var table = TextTable(["model", "layers", "policy", "median µs", "p99 µs", "× vs exhaustive", "target", "pass"],
                              alignments: [.left, .right, .left, .right, .right, .right, .left, .left])
        let policies: [PolicyKind] = [.neurosurgeon, .dsc, .gads, .mincut]
        for profile in profiles {
            let costModel = CostModel(profile: profile)
            let baseline = measure(ExhaustiveSplitSearch(costModel: costModel), layerCount: profile.layerCount)
            table.add([profile.name, "\(profile.layerCount)", "exhaustive (baseline)", Format.fixed(baseline.median, 2),
                       Format.fixed(baseline.p99, 2), "1.0", "", ""])
            for kind in policies {
                let stats = measure(kind.make(costModel: costModel, constraints: .none), layerCount: profile.layerCount)
                let target: Double? = kind == .mincut
                    ? (profile.layerCount <= 500 ? 1_000 : nil)
                    : (profile.layerCount <= 500 ? 5 : nil)
                table.add([profile.name, "\(profile.layerCount)", kind.description, Format.fixed(stats.median, 2),
                           Format.fixed(stats.p99, 2), Format.fixed(baseline.median / stats.median, 1),
                           target.map { "≤ \(Format.fixed($0, 0)) µs" } ?? "",
                           target.map { stats.median <= $0 ? "yes" : "NO" } ?? ""])
            }
        }
        Console.write(table.render())
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
            samples.append(PlanCommand.microseconds(elapsed))
        }
        // Drop the warm-up tenth.
        let sorted = samples.dropFirst(decisions / 10).sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))])
    }
}
