import SplitPlanners
import SplitTerminal

/// What a key does, independent of which key it is.
public enum DashboardCommand: Hashable, Sendable {
    case quit, help, pause, faster, slower, seekBack, seekForward, seekStart, seekEnd, stepFrame
    case cursorLeft, cursorRight, cursorPageLeft, cursorPageRight, pin, unpin, prompt(ConstraintKind), promptBatch
    case cyclePolicy, backToRecording, liveWhatIf, cycleTheme, zoomIn, zoomOut
    case nextDevice, previousDevice, toggleShares
}

/// When the hint bar shows a key: always, or only where the session gives it something to do.
public enum HintScope: Hashable, Sendable {
    case always
    /// A session of several devices (`d`/`D` switch between them).
    case severalDevices
    /// A session of several devices, or one whose edge recorded shares (`e`).
    case edgeShares
}

/// The one table of key bindings: it drives the key handling, the hint bar and the help overlay.
public enum DashboardBindings {
    /// One row of the help: the keys it lists once, and what each key runs.
    public struct Entry: Sendable {
        /// Keys and the command each runs (`+` faster and `-` slower share one row).
        public var commands: [(keys: [KeyEvent], command: DashboardCommand)]
        public var label: String
        public var description: String
        public var section: String
        /// Shown in the hint bar, with this priority (higher stays longer when narrow); nil hides it.
        public var hintPriority: Int?
        /// Where the hint bar shows it (the help lists every key always).
        public var hintScope: HintScope
        /// The hint bar's words when the full descriptions do not fit (nil: the description).
        public var hint: String?

        public init(keys: [KeyEvent], label: String, description: String, section: String, hintPriority: Int?,
                    command: DashboardCommand, and others: [(keys: [KeyEvent], command: DashboardCommand)] = [],
                    hintScope: HintScope = .always, hint: String? = nil) {
            self.commands = [(keys, command)] + others
            self.hintScope = hintScope
            self.hint = hint
            self.label = label
            self.description = description
            self.section = section
            self.hintPriority = hintPriority
        }

        /// Every key of the row.
        public var keys: [KeyEvent] { commands.flatMap(\.keys) }
    }

    public static let entries: [Entry] = [
        Entry(keys: [.character("q"), .ctrl("c")], label: "q", description: "quit", section: "General", hintPriority: 100,
              command: .quit),
        Entry(keys: [.character("?")], label: "?", description: "help", section: "General", hintPriority: 99,
              command: .help),
        Entry(keys: [.character(" ")], label: "Space", description: "pause / play", section: "Replay", hintPriority: 90, command: .pause,
              hint: "pause"),
        Entry(keys: [.character("+"), .character("=")], label: "+/-", description: "faster / slower (0.25×–64×)", section: "Replay",
              hintPriority: 60, command: .faster, and: [([.character("-"), .character("_")], .slower)], hint: "speed"),
        Entry(keys: [.character("[")], label: "[/]", description: "seek back / forward 10 s", section: "Replay", hintPriority: 50,
              command: .seekBack, and: [([.character("]")], .seekForward)], hint: "seek"),
        Entry(keys: [.home], label: "Home/End", description: "to the start / the end", section: "Replay", hintPriority: nil,
              command: .seekStart, and: [([.end], .seekEnd)]),
        Entry(keys: [.character(".")], label: ".", description: "step one frame (paused)", section: "Replay", hintPriority: nil,
              command: .stepFrame),
        Entry(keys: [.left, .character("h")], label: "←/→ h/l", description: "move the layer cursor", section: "Layers", hintPriority: 80,
              command: .cursorLeft, and: [([.right, .character("l")], .cursorRight)], hint: "cursor"),
        Entry(keys: [.pageUp, .character("H")], label: "PgUp/PgDn", description: "move the cursor by 10 (also H/L)", section: "Layers",
              hintPriority: nil, command: .cursorPageLeft, and: [([.pageDown, .character("L")], .cursorPageRight)]),
        Entry(keys: [.enter], label: "Enter", description: "pin the split at the cursor", section: "Layers", hintPriority: 85, command: .pin,
              hint: "pin"),
        Entry(keys: [.character("u")], label: "u", description: "unpin", section: "Layers", hintPriority: 40, command: .unpin),
        Entry(keys: [.character("z")], label: "z/Z", description: "zoom in / out", section: "Layers", hintPriority: 20, command: .zoomIn,
              and: [([.character("Z")], .zoomOut)], hint: "zoom"),
        Entry(keys: [.character("s")], label: "s", description: "set the latency SLO", section: "What-if", hintPriority: 70,
              command: .prompt(.latencySLO), hint: "SLO"),
        Entry(keys: [.character("m")], label: "m", description: "set the device memory budget", section: "What-if", hintPriority: 30,
              command: .prompt(.deviceMemory), hint: "memory"),
        Entry(keys: [.character("b")], label: "b", description: "set the bandwidth cap", section: "What-if", hintPriority: 35,
              command: .prompt(.bandwidthCap), hint: "bandwidth cap"),
        Entry(keys: [.character("f")], label: "f", description: "set the battery floor", section: "What-if", hintPriority: 25,
              command: .prompt(.batteryFloor), hint: "battery floor"),
        Entry(keys: [.character("a")], label: "a", description: "set the accuracy floor (model versions)", section: "What-if",
              hintPriority: 23, command: .prompt(.accuracyFloor), hint: "accuracy floor"),
        Entry(keys: [.character("n")], label: "n", description: "set the minimum device layers", section: "What-if", hintPriority: 24,
              command: .prompt(.minDeviceLayers), hint: "min layers"),
        Entry(keys: [.character("B")], label: "B", description: "set the batch size (samples per frame)", section: "What-if",
              hintPriority: 22, command: .promptBatch, hint: "batch"),
        Entry(keys: [.character("p")], label: "p", description: "cycle the policy", section: "What-if", hintPriority: 65,
              command: .cyclePolicy, hint: "policy"),
        Entry(keys: [.character("r")], label: "r", description: "back to the recording", section: "What-if", hintPriority: 75,
              command: .backToRecording, hint: "recording"),
        Entry(keys: [.character("w")], label: "w", description: "live: what-if instead of steering (toggle)", section: "What-if",
              hintPriority: nil, command: .liveWhatIf),
        Entry(keys: [.character("d")], label: "d/D", description: "next / previous device",
              section: "Devices", hintPriority: 95, command: .nextDevice, and: [([.character("D")], .previousDevice)],
              hintScope: .severalDevices, hint: "device"),
        Entry(keys: [.character("e")], label: "e", description: "edge shares (toggle)",
              section: "Devices", hintPriority: 87, command: .toggleShares, hintScope: .edgeShares, hint: "shares"),
        Entry(keys: [.character("t")], label: "t", description: "cycle the theme", section: "View", hintPriority: 10, command: .cycleTheme,
              hint: "theme"),
    ]

    /// The command a key runs, if any.
    public static func command(for key: KeyEvent) -> DashboardCommand? {
        for entry in entries {
            for (keys, command) in entry.commands where keys.contains(key) { return command }
        }
        return nil
    }

    /// The bindings for the help overlay (and a hint bar that shows every key): one per row.
    public static var keyBindings: [KeyBinding] {
        keyBindings(severalDevices: true, edgeShares: true)
    }

    /// The bindings with the hint bar showing only the keys that do something in this session.
    public static func keyBindings(severalDevices: Bool, edgeShares: Bool) -> [KeyBinding] {
        entries.map { entry in
            let applies = switch entry.hintScope {
            case .always: true
            case .severalDevices: severalDevices
            case .edgeShares: severalDevices || edgeShares
            }
            return KeyBinding(key: entry.label, description: entry.description, section: entry.section,
                              showInHintBar: entry.hintPriority != nil && applies, hintPriority: entry.hintPriority ?? 0,
                              shortDescription: entry.hint)
        }
    }
}
