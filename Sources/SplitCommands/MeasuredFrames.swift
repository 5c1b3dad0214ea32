import SplitSession

/// One frame a live device ran: the latency the cost model predicted for its partition and the
/// latency the device measured end to end.
struct MeasuredFrame: Equatable, Sendable {
    var frame: Int
    /// Session time the frame arrived, in seconds.
    var at: Double
    var predictedMs: Double
    var measuredMs: Double
}

/// Where the two device rows of `bench live` get their frames: a live device/edge pair's
/// processed frames after its start-up profiling, at the demo's settings.
///
/// The `device` command (issue 9 §2) is what will supply them; until it exists no source is
/// given and the rows say "needs `device`". ``SessionFramesSource`` reads them from a live
/// recording.
protocol MeasuredFramesSource {
    /// What ran, for the row's detail (model, policy, link).
    var settings: String { get }
    /// The frame rate the device was asked for.
    var requestedFPS: Double { get }
    /// Seconds the session ran (frames per second is processed frames over this).
    var durationSeconds: Double { get }
    /// The frames the device processed after start-up profiling, dropped frames excluded.
    func frames() throws -> [MeasuredFrame]
}

/// The rows that need a live device: predicted against measured per-frame latency (median
/// error ≤ 10 %) and frames per second at the demo's settings (≥ 5).
enum DeviceFrameRows {
    static let predictionMetric = "predicted vs measured per-frame latency, median |error|"
    static let frameRateMetric = "frames/s at the demo's settings"
    static let predictionTarget = LiveBenchRow.Target.atMost(10)
    static let frameRateTarget = LiveBenchRow.Target.atLeast(5)
    static let needsDevice = "needs `device`"

    /// Both rows from `source`, or "needs `device`" without one.
    static func rows(from source: (any MeasuredFramesSource)?) throws -> [LiveBenchRow] {
        guard let source else {
            return [.notMeasured(predictionMetric, unit: "%", target: predictionTarget, because: needsDevice),
                    .notMeasured(frameRateMetric, unit: "fps", target: frameRateTarget, because: needsDevice)]
        }
        let frames = try source.frames()
        return [predictionRow(frames, settings: source.settings),
                frameRateRow(frames, durationSeconds: source.durationSeconds, requestedFPS: source.requestedFPS,
                             settings: source.settings)]
    }

    /// The median of |predicted − measured| / measured over frames with a positive measured latency, in %.
    static func medianErrorPercent(_ frames: [MeasuredFrame]) -> Double? {
        let errors = frames.filter { $0.measuredMs > 0 && $0.predictedMs.isFinite }
            .map { 100 * abs($0.predictedMs - $0.measuredMs) / $0.measuredMs }
        return errors.isEmpty ? nil : Percentiles.of(errors).median
    }

    static func predictionRow(_ frames: [MeasuredFrame], settings: String) -> LiveBenchRow {
        guard let error = medianErrorPercent(frames) else {
            return .notMeasured(predictionMetric, unit: "%", target: predictionTarget, because: "no frames with a measured latency")
        }
        let measured = Percentiles.of(frames.map(\.measuredMs)).median
        let predicted = Percentiles.of(frames.map(\.predictedMs)).median
        return LiveBenchRow(metric: predictionMetric, unit: "%", measured: error, baseline: nil, target: predictionTarget,
                            detail: "\(Format.counted(frames.count, "frame")); median measured \(Format.fixed(measured, 1)) ms, "
                                + "predicted \(Format.fixed(predicted, 1)) ms; \(settings)")
    }

    static func frameRateRow(_ frames: [MeasuredFrame], durationSeconds: Double, requestedFPS: Double, settings: String)
        -> LiveBenchRow {
        guard durationSeconds > 0 else {
            return .notMeasured(frameRateMetric, unit: "fps", target: frameRateTarget, because: "no session time")
        }
        return LiveBenchRow(metric: frameRateMetric, unit: "fps", measured: Double(frames.count) / durationSeconds,
                            baseline: LiveBenchRow.Baseline(name: "requested", value: requestedFPS), target: frameRateTarget,
                            detail: "\(Format.counted(frames.count, "frame")) in \(Format.fixed(durationSeconds, 1)) s; \(settings)")
    }
}

/// Measured frames from a recording of a live device (`source: "live"`): every processed frame
/// with both a predicted and a measured latency, from the first frame after the first second
/// (start-up profiling is over by then).
struct SessionFramesSource: MeasuredFramesSource {
    let recording: SessionRecording
    let path: String
    /// Frames before this session time are start-up and left out.
    var warmUpSeconds = 1.0

    init(path: String) throws {
        try InputFile.check(path: path, what: "session")
        do {
            recording = try SessionReader.read(path: path)
        } catch {
            throw CommandError("--live-session: \(error)")
        }
        self.path = path
        guard recording.header.source == .live else {
            throw CommandError("--live-session: \(path) was recorded by the \(recording.header.source.rawValue), not a live device: "
                + "its predicted and measured latencies come from the same cost model")
        }
    }

    var settings: String {
        let header = recording.header
        return "\(header.model.name), \(header.policy ?? "policy not recorded"), \(header.link?.bandwidth ?? "link not recorded")"
    }

    var requestedFPS: Double { recording.header.fps ?? 0 }

    var durationSeconds: Double {
        guard let first = recording.events.first?.t, let last = recording.events.last?.t else { return 0 }
        return max(0, last - max(first, warmUpSeconds))
    }

    func frames() throws -> [MeasuredFrame] {
        recording.events.compactMap { timed -> MeasuredFrame? in
            guard timed.t >= warmUpSeconds, case .frame(let frame) = timed.event, frame.outcome != .dropped,
                  let predicted = frame.predictedMs, let measured = frame.totalMs else { return nil }
            return MeasuredFrame(frame: frame.frame, at: timed.t, predictedMs: predicted, measuredMs: measured)
        }
    }
}
