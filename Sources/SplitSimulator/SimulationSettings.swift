import SplitControl
import SplitCost
import SplitPlanners

/// Everything about a simulated session except the model, the trace and the policy.
public struct SimulationSettings: Hashable, Sendable {
    /// Camera frames per second; frames that arrive while the device is busy are dropped.
    public var fps: Double = 10
    /// Length of the session in seconds.
    public var durationS: Double = 300
    /// Round-trip time to the edge in ms, paid by every offloaded frame.
    public var rttMs: Double = 20
    /// Battery capacity in mWh (the default lasts hours; make it small to see the battery floor act).
    public var batteryMWh: Double = 10_000
    /// Battery level at the start, in percent.
    public var batteryStartPercent: Double = 100
    public var constraints: PlanningConstraints = .none
    public var power: DevicePowerModel = .jetsonOnLTE
    public var hysteresis: Hysteresis = Hysteresis()
    /// How the device estimates bandwidth from its own transfers.
    public var estimator: EstimatorKind = .standard
    /// While nothing is being offloaded, send a probe this often (seconds) to keep the estimate fresh.
    public var probeIntervalS: Double = 0.25
    /// Size of a probe in bytes.
    public var probeBytes: Int = 20_000
    /// The longest the device waits for a transfer (ms) before it finishes the frame locally and
    /// treats the edge as unreachable until a probe gets through.
    public var edgeTimeoutMs: Double = 1_000
    /// The device gives up sooner when waiting costs more than finishing locally: after
    /// `timeoutFactor` × the local time of the remaining layers, but never before `minimumTimeoutMs`.
    public var timeoutFactor: Double = 1.5
    public var minimumTimeoutMs: Double = 100
    /// Relative spread of measured device compute time around the profile (log-normal σ).
    public var deviceJitter: Double = 0.05
    /// Relative spread of edge compute time.
    public var edgeJitter: Double = 0.02
    /// Seed for the jitter, the same for every policy so they face the same frames.
    public var seed: UInt64 = 1
    /// Operator actions applied at set times (a demo script), recorded as operator events.
    public var operatorScript: [ScriptedOperator] = []

    public init() {}

    /// The device's settings for the frame loop.
    public var frameLoop: FrameLoop.Settings {
        FrameLoop.Settings(rttMs: rttMs, power: power, probeBytes: probeBytes, probeIntervalS: probeIntervalS,
                           edgeTimeoutMs: edgeTimeoutMs, timeoutFactor: timeoutFactor, minimumTimeoutMs: minimumTimeoutMs)
    }
}

/// A policy in the simulator: an adaptive or static planner, or the hindsight oracle.
public enum SimulatedPolicy: Hashable, Sendable, CustomStringConvertible {
    case planner(PolicyKind)
    /// Knows the true bandwidth each frame will see (the hindsight bound).
    case oracle

    /// Parses `oracle` or any planner name.
    public init?(name: String) {
        if name.lowercased() == "oracle" {
            self = .oracle
        } else if let kind = PolicyKind(name: name) {
            self = .planner(kind)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .planner(let kind): kind.description
        case .oracle: "oracle"
        }
    }
}
