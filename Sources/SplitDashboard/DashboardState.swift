import SplitControl
import SplitCost
import SplitPlanners
import SplitSession
import SplitTerminal

/// Everything the dashboard shows, as a value: `reduce` changes it, `view` draws it.
public struct DashboardState: Equatable, Sendable {
    public var context: SessionContext
    public var mode: PlaybackMode
    /// Session time in seconds.
    public var clock: Double
    /// Length of the recording (grows in live mode).
    public var duration: Double

    /// The partition the recording ran last.
    public var recordedPartition: SessionPartition?
    /// The model version the recording ran last (nil for one model, or before a frame named one).
    public var recordedVersion: String?
    /// The policy, constraints and pin the recording ran under at ``clock`` (header, then operator events).
    public var recorded: RecordedSettings
    public var lastFrame: FrameEvent?
    /// Times of the recent processed frames, for the frame rate.
    public var recentFrames: [Double] = []
    public var droppedFrames = 0
    /// An AppealNet cascade's answers so far: on the device or appealed (empty when the session is not a cascade).
    public var cascade = CascadeTally()
    public var battery: Double?
    public var linkMbps: Double?
    /// True once a link event from the trace has been seen.
    public var linkFromTrace = false
    public var edgeReachable = true
    public var series = SeriesSet()
    public var log: [LogEntry] = []
    /// Why the recording's controller last moved, for the log line of a change of model version.
    public var lastDecisionReason: DecisionReason?
    /// The recording's last decision as logged, until the frame it decided names its version.
    public var lastDecision: LoggedDecision?

    /// In a session of several devices: the devices and which one is shown (nil for one device).
    public var fleet: FleetState?
    /// In a session of one device whose events carry an id: that id (to find it among the edge's shares).
    public var eventDevice: String?
    /// Every `shares` event seen, in time order: the edge's allocation among its devices. Kept across
    /// seeks, so the panel shows the allocation in force however far back it was made.
    public var sharesHistory: [TimedShares] = []
    /// Whether the edge-shares panel replaces the layer view (`e`).
    public var showShares = false

    /// The re-simulation, when the operator has overridden something.
    public var whatIf: WhatIfRun?

    /// In a live session, whether overrides start a what-if (`w`) instead of steering the controller.
    public var liveWhatIf = false

    /// In a live session, whether the feed is connected to it now.
    public var liveConnected = true
    /// In a live session, whether the session said it ended (the header says ENDED, not DISCONNECTED).
    public var liveEnded = false
    /// In a live session of several devices, the devices whose connection is lost now.
    public var disconnectedDevices: Set<String> = []
    /// In a live session of several devices, the devices whose session said it ended.
    public var endedDevices: Set<String> = []

    /// Whether the session shown said it ended: the one live session, or the device shown of several.
    public var shownSessionEnded: Bool {
        mode == .live && (liveEnded || shownDeviceID.map(endedDevices.contains) == true)
    }

    /// Whether the session shown is lost now (and did not end): the one live session, or the device shown of several.
    public var shownSessionLost: Bool {
        mode == .live && !shownSessionEnded && (!liveConnected || shownDeviceID.map(disconnectedDevices.contains) == true)
    }

    /// Layer-view cursor: a split position from 0 (send the input) to L (device-only).
    public var cursor: Int
    /// Layers per column; 0 fits the model to the width.
    public var zoom = 0

    public var prompt: PromptState?
    public var showHelp = false
    /// The first help line shown (the help scrolls when the terminal is short).
    public var helpScroll = 0
    /// Lines of the recording that could not be read and were skipped.
    public var skippedLines = 0
    public var themes: [Theme]
    public var themeIndex = 0
    public var glyphs: GlyphSet
    public var size: TerminalSize
    /// A short message for the status line (theme changed, end of recording, …).
    public var status: String?

    /// Log lines kept.
    public static let logCapacity = 200
    /// `shares` events kept (the oldest go first): a day of a live edge re-allocating every second
    /// among 100 devices would otherwise hold gigabytes. Before the oldest kept, the panel shows none.
    public static let sharesCapacity = 4_096
    /// Seconds of history rebuilt after a seek.
    public static let historySeconds = 120.0

    public init(context: SessionContext, duration: Double, mode: PlaybackMode = .replay(speed: 1, paused: false),
                themes: [Theme] = Theme.builtins, glyphs: GlyphSet = .unicode, size: TerminalSize = TerminalSize(width: 80, height: 24)) {
        // A fleet's recording shows its first device, with that device's own layer times.
        let fleet = context.header.devices.isEmpty ? nil : FleetState(devices: context.header.devices.map(\.device))
        let context = fleet.map { context.device == nil ? SessionContext(header: context.header, version: context.version?.name, device: $0.shownID) : context }
            ?? context
        self.context = context
        self.fleet = fleet
        self.mode = mode
        self.duration = duration
        clock = 0
        self.themes = themes.isEmpty ? [Theme.dark] : themes
        self.glyphs = glyphs
        self.size = size
        cursor = context.layerCount
        recorded = RecordedSettings(context: context)
    }

    /// The latest recorded value of each quantity that both the timeline and the gauges show: the
    /// one source for both, so a row shown as `-` has no gauge value beside it, and a number
    /// shown in both is the same number. Nil when the recording has none yet (a cascade records
    /// no battery; a live cascade measures no link).
    public var latest: LatestValues {
        LatestValues(linkMbps: linkMbps, latencyMs: lastFrame?.totalMs, batteryPct: battery, appealedPct: cascade.appealRatePct)
    }

    /// The id of the device shown: the fleet's shown device, else the one id the events carry.
    public var shownDeviceID: String? { fleet?.shownID ?? eventDevice }

    /// Takes the id the session's header line gives its one device (a live device's `--device-id`),
    /// so that the edge's shares mark it and its share is logged even while its events carry no
    /// id (a device alone on its edge tags none). Nothing changes in a session of several devices
    /// or once the events have named the device.
    public mutating func adoptSessionDevice(_ id: String?) {
        guard fleet == nil, eventDevice == nil, let id else { return }
        eventDevice = id
    }

    /// The edge's allocation in force at ``clock``: the last `shares` event up to it.
    public var sharesInForce: TimedShares? { sharesHistory.last { $0.t <= clock } }

    public var theme: Theme { themes[min(themeIndex, themes.count - 1)] }

    /// The split the layer view shows: the what-if one when active, else the recorded one.
    public var shownPartition: SessionPartition? {
        if let partition = whatIf?.partition { return SessionPartition(partition, of: context.model) }
        return recordedPartition
    }

    /// Frames per second over the last second of session time.
    public var framesPerSecond: Double {
        Double(recentFrames.filter { $0 > clock - 1 }.count)
    }

    /// The pinned split: the what-if pin in what-if mode, else the recording's operator pin.
    public var pinnedSplit: Int? {
        if let whatIf { return whatIf.controller.pinned?.prefixSplit }
        return recorded.pinned.map(context.splitIndex)
    }

    /// The constraints the shown numbers are judged against: the what-if ones, else the recording's at this time.
    public var constraintsInForce: PlanningConstraints { whatIf?.controller.constraints ?? recorded.constraints }

    /// The policy deciding what is shown: the what-if one, else the recording's at this time.
    public var policyInForce: PolicyKind { whatIf?.controller.policyKind ?? recorded.policy }

    /// The policy's name for the header: the what-if one, else the recording's at this time.
    public var policyNameInForce: String { whatIf?.policyName ?? recorded.policyName }

    /// Samples per frame in force: the what-if's, else the last frame's (1 when it says none),
    /// else what the recording's operator set.
    public var batchInForce: Int { whatIf?.controller.batch ?? lastFrame?.batch ?? recorded.batch }

    /// The edge's assignment to device `id` at time `t`, as the recorded device followed it: the
    /// last `shares` event up to `t` that lists it, in a fleet's recording always, in one device's
    /// only while the edge was shared with others (the live device's rule). Nil when none.
    public func assignment(for id: String?, at t: Double) -> EdgeAssignment? {
        guard let id, let timed = sharesHistory.last(where: { $0.t <= t }), let share = timed.shares.share(of: id),
              !context.header.devices.isEmpty || timed.shares.devices.count >= 2 else { return nil }
        return EdgeAssignment(version: context.header.versions.isEmpty ? nil : share.version, split: share.split)
    }

    /// The shares device `id` ran with at `t` in a fleet's recording (from the last `shares` event
    /// up to `t`), which its what-if plans and costs with (``RecordedShare``). Nil for a stream of
    /// one device: a live device's own recording already measured what its shares gave it.
    public func recordedShare(for id: String?, at t: Double) -> RecordedShare? {
        guard !context.header.devices.isEmpty, let id, let timed = sharesHistory.last(where: { $0.t <= t }) else { return nil }
        return RecordedShare(timed.shares, device: id)
    }

    /// `→`, or `->` where the terminal has only ASCII.
    public var arrow: String { glyphs.isUnicode ? "→" : "->" }
}
