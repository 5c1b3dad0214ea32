import SplitModels

/// The model's profile at every batch size a session has used: measured where it was measured,
/// otherwise scaled linearly from the profile the session started with, as a first estimate.
///
/// A profile describes one inference of the whole batch (bytes, MACs and times for all its
/// samples; parameters shared). Scaling from batch `b` to `n` multiplies bytes, MACs and times
/// by `n / b` and keeps parameters: exact for bytes, pessimistic for compute (a real engine or
/// GPU amortises per-layer overhead and weight reads over the batch), which is why a measured
/// profile replaces the estimate as soon as there is one.
///
/// ```swift
/// var profiles = BatchProfiles(base: measuredAtOne, batch: 1)
/// profiles.profile(batch: 4)            // scaled ×4
/// profiles.learn(measuredAtFour, batch: 4)
/// profiles.profile(batch: 4)            // the measured one
/// ```
public struct BatchProfiles: Hashable, Sendable {
    /// The batch size of the profile the session started with.
    public let baseBatch: Int
    private var known: [Int: ModelProfile]

    public init(base: ModelProfile, batch: Int = 1) {
        baseBatch = max(1, batch)
        known = [baseBatch: base]
    }

    /// Whether the profile at `batch` was measured (or is the start's), not scaled.
    public func isMeasured(batch: Int) -> Bool {
        known[batch] != nil
    }

    /// The profile at `batch`: the measured one, or the start's scaled linearly.
    public func profile(batch: Int) -> ModelProfile {
        if let measured = known[batch] { return measured }
        let base = known[baseBatch] ?? ModelProfile(name: "", inputBytes: 0, layers: [])
        return Self.scaled(base, by: Double(max(1, batch)) / Double(baseBatch))
    }

    /// Keeps a profile measured at `batch`; it replaces any estimate from then on.
    public mutating func learn(_ profile: ModelProfile, batch: Int) {
        known[max(1, batch)] = profile
    }

    /// The profile at `batch` from whole-model times measured at that size: the start's layers
    /// with bytes and MACs scaled exactly, and each side's layer times scaled so they add up to
    /// the measured total (a total that is not a positive number keeps the linear estimate).
    public func measured(batch: Int, deviceTotalMs: Double, edgeTotalMs: Double) -> ModelProfile {
        var profile = profile(batch: batch)
        let deviceSum = profile.layers.reduce(0) { $0 + $1.deviceMs }
        let edgeSum = profile.layers.reduce(0) { $0 + $1.edgeMs }
        let deviceFactor = deviceTotalMs.isFinite && deviceTotalMs > 0 && deviceSum > 0 ? deviceTotalMs / deviceSum : 1
        let edgeFactor = edgeTotalMs.isFinite && edgeTotalMs > 0 && edgeSum > 0 ? edgeTotalMs / edgeSum : 1
        for index in profile.layers.indices {
            profile.layers[index].deviceMs *= deviceFactor
            profile.layers[index].edgeMs *= edgeFactor
        }
        return profile
    }

    /// A profile with bytes, MACs and times multiplied by `factor`, parameters kept.
    public static func scaled(_ profile: ModelProfile, by factor: Double) -> ModelProfile {
        var scaled = profile
        scaled.inputBytes = Int((Double(profile.inputBytes) * factor).rounded())
        for index in scaled.layers.indices {
            let layer = profile.layers[index]
            scaled.layers[index].outputBytes = Int((Double(layer.outputBytes) * factor).rounded())
            scaled.layers[index].deviceMs = layer.deviceMs * factor
            scaled.layers[index].edgeMs = layer.edgeMs * factor
            scaled.layers[index].macs = layer.macs.map { Int((Double($0) * factor).rounded()) }
        }
        return scaled
    }
}
