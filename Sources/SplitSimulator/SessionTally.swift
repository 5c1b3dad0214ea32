import SplitControl
import SplitPlanners
import SplitSession

/// Folds a session's events into its summary, the same way for a simulation as it runs and for
/// a recording read back (`summarize`).
///
/// SLO misses are counted against the SLO in force at each frame: the header's, then whatever
/// `operator` events set it to.
public struct SessionTally: Sendable {
    /// The SLO in force, in ms.
    public private(set) var sloMs: Double?
    public private(set) var latencies: [Double] = []
    public private(set) var energies: [Double] = []
    public private(set) var probeEnergyMJ = 0.0
    public private(set) var probes = 0
    public private(set) var dropped = 0
    public private(set) var local = 0
    public private(set) var switches = 0
    public private(set) var decisions = 0
    public private(set) var sloMisses = 0
    public private(set) var batteryPercent: Double
    /// Processed frames per model version, for sessions over a versions manifest (frames with a
    /// `version`); empty for a session of one model. They add up to the summary's `frames`
    /// (less any processed frame without a version).
    public private(set) var framesPerVersion: [String: Int] = [:]
    /// Dropped frames per model version (the version in force when the frame was dropped).
    public private(set) var droppedPerVersion: [String: Int] = [:]
    /// A cascade's answers: on the device or appealed (empty when the session is not a cascade).
    public private(set) var cascade = CascadeTally()
    /// Changes of model version, per device (a fleet's devices each count their own): from the
    /// decisions that name their version (since 1.5), else, in an older recording, from a frame
    /// that ran another version than the frame before.
    public private(set) var versionChanges = 0
    /// The version in force per device id (nil: the stream's one device), and whether that
    /// device's decisions name their version.
    private var versionInForce: [String?: String] = [:]
    private var decisionsNameVersion: Set<String?> = []

    /// Starts with the SLO the session starts with and a battery level (100 % when unknown).
    public init(sloMs: Double?, batteryPercent: Double = 100) {
        self.sloMs = sloMs
        self.batteryPercent = batteryPercent
    }

    /// Takes one event.
    public mutating func add(_ timed: TimedEvent) {
        switch timed.event {
        case .frame(let frame):
            // Every per-frame count but `dropped` counts processed frames only: those in `latencies`.
            if frame.outcome == .dropped {
                dropped += 1
                if let version = frame.version { droppedPerVersion[version, default: 0] += 1 }
            } else if let total = frame.totalMs {
                latencies.append(total)
                energies.append(frame.energyMJ ?? 0)
                if frame.outcome == .local { local += 1 }
                if let sloMs, total > sloMs { sloMisses += 1 }
                if let version = frame.version { framesPerVersion[version, default: 0] += 1 }
                cascade.add(frame)
            }
            if let level = frame.batteryPct { batteryPercent = level }
            if let version = frame.version, !decisionsNameVersion.contains(timed.device) { follow(version, of: timed.device) }
        case .decision(let decision):
            decisions += 1
            if decision.from != nil, decision.reason != .fault { switches += 1 }
            if let version = decision.version {
                decisionsNameVersion.insert(timed.device)
                follow(version, of: timed.device)
            }
        case .operatorAction(let action):
            if action.action == .setConstraint, action.field.flatMap(ConstraintKind.init(sessionField:)) == .latencySLO {
                switch action.newValue {
                case .number(let ms): sloMs = ms
                case .null: sloMs = nil
                default: break
                }
            }
        case .probe(let probe):
            probes += 1
            probeEnergyMJ += probe.energyMJ ?? 0
        case .battery(let level):
            batteryPercent = level.levelPct
        case .session, .link, .fault, .note, .shares:
            break
        }
    }

    /// Counts a change when `device`'s version in force was another.
    private mutating func follow(_ version: String, of device: String?) {
        if let before = versionInForce[device], before != version { versionChanges += 1 }
        versionInForce[device] = version
    }

    /// The summary so far.
    public func summary(policy: String) -> SessionSummary {
        var summary = SessionSummary(policy: policy, latencies: latencies, energies: energies, probeEnergyMJ: probeEnergyMJ,
                                     probes: probes, dropped: dropped, local: local, switches: switches, sloMisses: sloMisses,
                                     batteryEndPercent: batteryPercent)
        summary.cascade = cascade
        return summary
    }
}
