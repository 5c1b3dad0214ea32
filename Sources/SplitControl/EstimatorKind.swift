/// A bandwidth estimator by name: `harmonic:N` (the last N transfers) or `ewma:A` (weight A on the newest).
public enum EstimatorKind: Hashable, Sendable, CustomStringConvertible {
    case harmonic(window: Int)
    case ewma(alpha: Double)

    /// The default: an EWMA weighting the newest transfer by 0.8, which tracked the shipped
    /// traces best (see README, "What the simulator shows").
    public static let standard = EstimatorKind.ewma(alpha: 0.8)

    /// Parses `harmonic:5`, `ewma:0.3`, `harmonic` or `ewma`.
    public init?(name: String) {
        let parts = name.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first {
        case "harmonic":
            guard parts.count == 1 || Int(parts[1]).map({ $0 >= 1 && $0 <= 1_000 }) == true else { return nil }
            self = .harmonic(window: parts.count == 2 ? Int(parts[1]) ?? 3 : 3)
        case "ewma":
            guard parts.count == 1 || Double(parts[1]).map({ $0 > 0 && $0 <= 1 }) == true else { return nil }
            self = .ewma(alpha: parts.count == 2 ? Double(parts[1]) ?? 0.5 : 0.5)
        default:
            return nil
        }
    }

    public var description: String {
        switch self {
        case .harmonic(let window): "harmonic:\(window)"
        case .ewma(let alpha): "ewma:\(alpha)"
        }
    }

    /// A new estimator of this kind starting from `prior` Mbit/s.
    public func make(prior: Double) -> any BandwidthEstimator {
        switch self {
        case .harmonic(let window): HarmonicMeanEstimator(window: window, prior: prior)
        case .ewma(let alpha): EWMAEstimator(alpha: alpha, prior: prior)
        }
    }
}
