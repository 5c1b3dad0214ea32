import SplitControl
import SplitModels
import SplitPlanners
import SplitTraces

/// Every policy on the same trace and frames: device-only, edge-only, the best interior static
/// split in hindsight (a split with layers on both sides; it can be worse than device-only),
/// Neurosurgeon, DSC, GADS, min-cut and the oracle.
public struct PolicyComparison: Sendable {
    public let profile: ModelProfile
    public let trace: BandwidthTrace
    public let settings: SimulationSettings
    public let clock: any SessionClock
    /// Samples per frame of `profile`, and the true profile at another batch size (see ``Simulator``).
    public var startBatch = 1
    public var profileAtBatch: (@Sendable (Int) -> ModelProfile?)?

    public init(profile: ModelProfile, trace: BandwidthTrace, settings: SimulationSettings, clock: any SessionClock = FixedClock()) {
        self.profile = profile
        self.trace = trace
        self.settings = settings
        self.clock = clock
    }

    /// The policies compared, in table order (the best static split is found separately).
    public static let policies: [SimulatedPolicy] = [
        .planner(.device), .planner(.edge), .planner(.neurosurgeon), .planner(.dsc), .planner(.gads), .planner(.mincut), .oracle,
    ]

    /// Runs them all. `progress` gets (what is running, fraction of the whole comparison done).
    ///
    /// `runner` runs one of the named policies (the command records them to files); the static
    /// splits searched for the hindsight best are only summarised.
    public func run(progress: @escaping (String, Double) -> Void = { _, _ in },
                    runner: (Simulator, (Double) -> Void) throws -> SessionSummary = { simulator, report in simulator.run(progress: report) })
        rethrows -> [SessionSummary] {
        let n = profile.layerCount
        let staticSplits = Array(1..<n)
        let total = Double(Self.policies.count + staticSplits.count)
        var done = 0.0
        var results: [SessionSummary] = []
        for policy in Self.policies {
            let simulator = batched(Simulator(profile: profile, trace: trace, policy: policy, settings: settings, clock: clock))
            let summary = try runner(simulator) { progress(policy.description, (done + $0) / total) }
            results.append(summary)
            done += 1
        }
        // The best fixed split chosen in hindsight: every interior split, keep the lowest mean.
        var best: SessionSummary?
        for k in staticSplits {
            let summary = batched(Simulator(profile: profile, trace: trace, policy: .planner(.staticSplit(k)), settings: settings))
                .run(progress: { progress("static:\(k)", (done + $0) / total) })
            if best.map({ summary.meanMs < $0.meanMs }) ?? true { best = summary }
            done += 1
        }
        if var best {
            best.policy = "best interior split (\(best.policy))"
            results.insert(best, at: 2)
        }
        return results
    }

    private func batched(_ simulator: Simulator) -> Simulator {
        var simulator = simulator
        simulator.startBatch = startBatch
        simulator.profileAtBatch = profileAtBatch
        return simulator
    }
}
