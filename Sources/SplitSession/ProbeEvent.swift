/// A probe: a small transfer the device sends to measure the link while it offloads nothing.
///
/// Written when the probe ends (answered or given up), so `t` is its end and `t - airtime_ms`
/// its start. Its energy is the radio's draw over its airtime; it belongs to no frame, so a
/// frame's `energy_mj` never includes it (see `docs/session-format.md`, "Energy").
public struct ProbeEvent: Hashable, Sendable {
    /// Bytes the probe carried.
    public var bytes: Int
    /// Time on the air, in ms: until the edge answered, or until the device gave up.
    public var airtimeMs: Double
    /// Device energy spent on it, in mJ (radio watts × airtime).
    public var energyMJ: Double?
    /// Whether the edge answered in time.
    public var outcome: ProbeOutcome

    public init(bytes: Int, airtimeMs: Double, energyMJ: Double? = nil, outcome: ProbeOutcome) {
        self.bytes = bytes
        self.airtimeMs = airtimeMs
        self.energyMJ = energyMJ
        self.outcome = outcome
    }
}

/// How a probe ended.
public struct ProbeOutcome: SessionVocabulary {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The edge answered: the probe's bytes and airtime measured the link.
    public static let answered: ProbeOutcome = "answered"
    /// The device gave up waiting; the airtime is the time it waited.
    public static let timedOut: ProbeOutcome = "timed_out"

    public static let known: [ProbeOutcome] = [.answered, .timedOut]
}
