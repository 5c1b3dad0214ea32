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
    public var lastFrame: FrameEvent?
    /// Times of the recent processed frames, for the frame rate.
    public var recentFrames: [Double] = []
    public var droppedFrames = 0
    public var battery: Double?
    public var linkMbps: Double?
    /// True once a link event from the trace has been seen.
    public var linkFromTrace = false
    public var edgeReachable = true
    public var series = SeriesSet()
    public var log: [LogEntry] = []

    /// The re-simulation, when the operator has overridden something.
    public var whatIf: WhatIfRun?

    /// Layer-view cursor: a split position from 0 (send the input) to L (device-only).
    public var cursor: Int
    /// Layers per column; 0 fits the model to the width.
    public var zoom = 0

    public var prompt: PromptState?
    public var showHelp = false
    public var themes: [Theme]
    public var themeIndex = 0
    public var glyphs: GlyphSet
    public var size: TerminalSize
    /// A short message for the status line (theme changed, end of recording, …).
    public var status: String?

    /// Log lines kept.
    public static let logCapacity = 200
    /// Seconds of history rebuilt after a seek.
    public static let historySeconds = 120.0

    public init(context: SessionContext, duration: Double, mode: PlaybackMode = .replay(speed: 1, paused: false),
                themes: [Theme] = Theme.builtins, glyphs: GlyphSet = .unicode, size: TerminalSize = TerminalSize(width: 80, height: 24)) {
        self.context = context
        self.mode = mode
        self.duration = duration
        clock = 0
        self.themes = themes.isEmpty ? [Theme.dark] : themes
        self.glyphs = glyphs
        self.size = size
        cursor = context.layerCount
    }

    public var theme: Theme { themes[min(themeIndex, themes.count - 1)] }

    /// The split the layer view shows: the what-if one when active, else the recorded one.
    public var shownPartition: SessionPartition? {
        if let partition = whatIf?.partition { return SessionPartition(partition, of: context.header.model) }
        return recordedPartition
    }

    /// Frames per second over the last second of session time.
    public var framesPerSecond: Double {
        Double(recentFrames.filter { $0 > clock - 1 }.count)
    }

    /// The pinned split in what-if mode.
    public var pinnedSplit: Int? { whatIf?.controller.pinned?.prefixSplit }
}
