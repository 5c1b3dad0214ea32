import CFMAProbe

/// One core's multiply-accumulate peak, probed in short trials, and a convolution's rate as a
/// share of it.
///
/// Other processes only ever slow the probe down, so the peak is the best trial. On a busy machine
/// (load 14 on 2 cores, measured here) a 13 ms trial never ran unpreempted — its best of ten was
/// 17 GMAC/s against a true 58 — while 1 ms trials still found 58 within a few dozen. So the probe
/// runs many 1 ms trials, again before each model (``merged(_:)`` keeps the best), and `bench
/// engine` probes once more whenever a convolution beats it.
struct FMAPeak: Hashable, Sendable {
    /// Billions of multiply-accumulates per second: the best trial.
    var gmacs: Double
    /// Floats per vector in the probe (16 with AVX-512, 8 with AVX2, 4 otherwise).
    var lanes: Int
    /// Trials run in all.
    var trials: Int

    /// Iterations of one trial: 12 vector FMAs each, so about 1 ms at 58 GMAC/s on 16 lanes.
    static let trialIterations: UInt64 = 300_000

    /// The best of `trials` timed runs of the C probe.
    static func probe(trials: Int = 100) -> FMAPeak {
        var lanes: Int32 = 0
        var best = 0.0
        for _ in 0..<max(1, trials) {
            let start = ContinuousClock.now
            let macs = splitscope_fma_probe(trialIterations, &lanes)
            let seconds = (ContinuousClock.now - start).inSeconds
            if seconds > 0 { best = max(best, Double(macs) / seconds / 1e9) }
        }
        return FMAPeak(gmacs: best, lanes: Int(lanes), trials: max(1, trials))
    }

    /// This peak and another probe's together: the better peak, every trial counted.
    func merged(_ other: FMAPeak) -> FMAPeak {
        FMAPeak(gmacs: max(gmacs, other.gmacs), lanes: max(lanes, other.lanes), trials: trials + other.trials)
    }

    /// How far above the peak a rate may measure before it means the probe, not the convolution,
    /// was slowed by other work: 10 %, beyond the noise of timing one layer.
    static let tolerance = 1.1

    /// Whether `gmacs` beats this peak (then probe again).
    func isBeaten(by gmacs: Double) -> Bool {
        gmacs > self.gmacs
    }

    /// Whether `gmacs` is above this peak by more than ``tolerance``: the probe was disturbed.
    func isDisturbed(by gmacs: Double) -> Bool {
        gmacs > self.gmacs * Self.tolerance
    }

    /// `87 %` of the peak, or — more than 10 % above it — `probe disturbed` rather than a share above 100 %.
    func share(of gmacs: Double) -> String {
        guard self.gmacs > 0, !isDisturbed(by: gmacs) else { return "probe disturbed" }
        return "\(Format.fixed(100 * gmacs / self.gmacs, 0)) %"
    }
}
