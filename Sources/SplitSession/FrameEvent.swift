/// One inference: how it was split, what was predicted, and what it cost.
///
/// Only the frame number, partition and outcome are always present; a dropped frame has no
/// timings, a mains-powered device has no battery level. Times are milliseconds, sizes bytes,
/// energy millijoules. The parts add up: `total_ms` = `device_ms` + `transfer_ms` (+ `rtt_ms` +
/// `edge_ms` when the edge answered), and `energy_mj` is the power model applied to those same
/// parts. A frame that fell back to local (`outcome` `local`) records all the layers it ran in
/// `device_ms` and the abandoned transfer's bytes and wait in `bytes_sent` and `transfer_ms`.
/// A frame of an AppealNet cascade also says which model answered, the device model's
/// confidence and whether the answer was right (since 1.2).
public struct FrameEvent: Hashable, Sendable {
    /// The frame number, counting from 0 at the start of the session.
    public var frame: Int
    /// Where the model was split for this frame.
    public var partition: SessionPartition
    /// The cost model's predicted end-to-end latency, in ms.
    public var predictedMs: Double?
    /// The predicted device part alone, in ms (compared with `deviceMs` to check the profile).
    public var predictedDeviceMs: Double?
    /// Measured device compute, in ms.
    public var deviceMs: Double?
    /// Bytes of the intermediate tensor sent to the edge.
    public var bytesSent: Int?
    /// Measured transfer time, in ms.
    public var transferMs: Double?
    /// Round-trip time paid by an offloaded frame, in ms (since 1.1).
    public var rttMs: Double?
    /// Measured edge compute, in ms.
    public var edgeMs: Double?
    /// Measured end-to-end latency, in ms.
    public var totalMs: Double?
    /// Device energy spent on the frame, in mJ.
    public var energyMJ: Double?
    /// Battery level after the frame, in percent.
    public var batteryPct: Double?
    /// The bandwidth estimate the controller planned with, in Mbit/s.
    public var bandwidthEstimateMbps: Double?
    /// How the frame ended.
    public var outcome: FrameOutcome
    /// The model version that ran the frame, by its name in the versions manifest (format 1.2;
    /// nil for a session of one model).
    public var version: String? = nil
    /// Samples the frame carried as one batch, when not 1 (since 1.2; absent means 1): an
    /// operator's `set_batch` changes it from the next frame.
    public var batch: Int? = nil
    /// In a cascade: which model's answer is final (since 1.2).
    public var answered: FrameAnswerer?
    /// In a cascade: the device model's confidence in its answer, 0 to 1 (since 1.2).
    public var confidence: Double?
    /// Whether the final answer matched the frame's label, when the frame had one (since 1.2).
    public var correct: Bool?

    public init(frame: Int, partition: SessionPartition, predictedMs: Double? = nil, predictedDeviceMs: Double? = nil,
                deviceMs: Double? = nil, bytesSent: Int? = nil, transferMs: Double? = nil, rttMs: Double? = nil, edgeMs: Double? = nil,
                totalMs: Double? = nil, energyMJ: Double? = nil, batteryPct: Double? = nil,
                bandwidthEstimateMbps: Double? = nil, outcome: FrameOutcome = .ok,
                answered: FrameAnswerer? = nil, confidence: Double? = nil, correct: Bool? = nil) {
        self.frame = frame
        self.partition = partition
        self.predictedMs = predictedMs
        self.predictedDeviceMs = predictedDeviceMs
        self.deviceMs = deviceMs
        self.bytesSent = bytesSent
        self.transferMs = transferMs
        self.rttMs = rttMs
        self.edgeMs = edgeMs
        self.totalMs = totalMs
        self.energyMJ = energyMJ
        self.batteryPct = batteryPct
        self.bandwidthEstimateMbps = bandwidthEstimateMbps
        self.outcome = outcome
        self.answered = answered
        self.confidence = confidence
        self.correct = correct
    }
}
