import SplitSession

/// The part of the dashboard's state that belongs to one device: what it ran, its series, its log.
///
/// In a session of several devices the state shows one device at a time; the others wait here,
/// each kept up to date from the one stream, so switching (`d`) shows a device's whole history at once.
public struct DeviceSnapshot: Equatable, Sendable {
    public var context: SessionContext
    public var recordedPartition: SessionPartition?
    public var recordedVersion: String?
    public var recorded: RecordedSettings
    public var lastFrame: FrameEvent?
    public var recentFrames: [Double]
    public var droppedFrames: Int
    public var cascade: CascadeTally
    public var battery: Double?
    public var linkMbps: Double?
    public var linkFromTrace: Bool
    public var edgeReachable: Bool
    public var series: SeriesSet
    public var log: [LogEntry]
    public var lastDecisionReason: DecisionReason?
    public var lastDecision: LoggedDecision?
    public var whatIf: WhatIfRun?
    public var cursor: Int
}

extension DeviceSnapshot {
    /// A device before any of its events: the header's model (a fleet's device `device`: with its
    /// own layer times), nothing recorded yet.
    public init(header: SessionHeader, device: String? = nil) {
        let context = SessionContext(header: header, device: device)
        self.init(context: context, recordedPartition: nil, recordedVersion: nil, recorded: RecordedSettings(context: context), lastFrame: nil,
                  recentFrames: [], droppedFrames: 0, cascade: CascadeTally(), battery: nil, linkMbps: nil,
                  linkFromTrace: false, edgeReachable: true, series: SeriesSet(), log: [], lastDecisionReason: nil,
                  lastDecision: nil, whatIf: nil, cursor: context.layerCount)
    }
}

extension DashboardState {
    /// The shown device's part of the state; setting it shows another device's.
    public var device: DeviceSnapshot {
        // Built member by member, not from the header: the getter runs twice for every event of a
        // device not shown, and a context from the header would rebuild the model's layers and cost model.
        get {
            DeviceSnapshot(context: context, recordedPartition: recordedPartition, recordedVersion: recordedVersion, recorded: recorded, lastFrame: lastFrame,
                           recentFrames: recentFrames, droppedFrames: droppedFrames, cascade: cascade, battery: battery,
                           linkMbps: linkMbps, linkFromTrace: linkFromTrace, edgeReachable: edgeReachable, series: series,
                           log: log, lastDecisionReason: lastDecisionReason, lastDecision: lastDecision, whatIf: whatIf, cursor: cursor)
        }
        set {
            context = newValue.context
            recordedPartition = newValue.recordedPartition
            recordedVersion = newValue.recordedVersion
            recorded = newValue.recorded
            lastFrame = newValue.lastFrame
            recentFrames = newValue.recentFrames
            droppedFrames = newValue.droppedFrames
            cascade = newValue.cascade
            battery = newValue.battery
            linkMbps = newValue.linkMbps
            linkFromTrace = newValue.linkFromTrace
            edgeReachable = newValue.edgeReachable
            series = newValue.series
            log = newValue.log
            lastDecisionReason = newValue.lastDecisionReason
            lastDecision = newValue.lastDecision
            whatIf = newValue.whatIf
            cursor = newValue.cursor
        }
    }
}
