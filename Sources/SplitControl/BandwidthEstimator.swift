/// Estimates uplink bandwidth from what the device itself observes: its transfers and their durations.
///
/// The estimator never sees the trace. Each completed transfer (a tensor or a probe) gives one
/// throughput sample; the estimate combines the recent ones.
public protocol BandwidthEstimator: Sendable {
    /// The name written in session headers (`harmonic-5`, `ewma-0.3`).
    var name: String { get }
    /// The current estimate in Mbit/s.
    var estimateMbps: Double { get }
    /// Records one transfer of `bytes` that took `seconds`.
    mutating func observe(bytes: Int, seconds: Double)
}

/// The harmonic mean of the last `window` throughput samples (robust to short spikes, as in FESTIVE/MPC).
public struct HarmonicMeanEstimator: BandwidthEstimator {
    public let window: Int
    private var samples: [Double] = []
    private var next = 0
    private let prior: Double

    /// Starts from `prior` Mbit/s until the first transfer is seen.
    public init(window: Int = 5, prior: Double) {
        self.window = max(1, window)
        self.prior = prior
    }

    public var name: String { "harmonic-\(window)" }

    public var estimateMbps: Double {
        guard !samples.isEmpty else { return prior }
        let inverse = samples.reduce(0) { $0 + 1 / $1 }
        return Double(samples.count) / inverse
    }

    public mutating func observe(bytes: Int, seconds: Double) {
        guard let mbps = Self.throughput(bytes: bytes, seconds: seconds) else { return }
        if samples.count < window {
            samples.append(mbps)
        } else {
            samples[next] = mbps
        }
        next = (next + 1) % window
    }

    /// Mbit/s of a transfer, or nil when it carries no information.
    static func throughput(bytes: Int, seconds: Double) -> Double? {
        guard bytes > 0, seconds.isFinite, seconds > 0 else { return nil }
        // Floor at 1 kbit/s so an outage sample cannot make the harmonic mean zero forever.
        return max(Double(bytes) * 8 / seconds / 1e6, 0.001)
    }
}

/// An exponentially weighted moving average of throughput samples.
public struct EWMAEstimator: BandwidthEstimator {
    public let alpha: Double
    private var value: Double?
    private let prior: Double

    public init(alpha: Double = 0.3, prior: Double) {
        self.alpha = min(max(alpha, 0.01), 1)
        self.prior = prior
    }

    public var name: String { "ewma-\(alpha)" }

    public var estimateMbps: Double { value ?? prior }

    public mutating func observe(bytes: Int, seconds: Double) {
        guard let mbps = HarmonicMeanEstimator.throughput(bytes: bytes, seconds: seconds) else { return }
        value = value.map { alpha * mbps + (1 - alpha) * $0 } ?? mbps
    }
}
