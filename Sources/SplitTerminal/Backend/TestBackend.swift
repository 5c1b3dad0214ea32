/// An in-memory terminal for tests: keeps the screen as a ``Buffer`` and plays back queued keys.
///
/// ```swift
/// let backend = TestBackend(width: 20, height: 3)
/// backend.present(frame)
/// #expect(backend.text() == "...")
/// backend.queue(.character("q"))
/// ```
public final class TestBackend: TerminalBackend {
    /// What the screen shows now.
    public private(set) var buffer: Buffer
    /// The colour mode cells are degraded to when drawn.
    public let colorMode: ColorMode
    /// The glyphs reported to the application.
    public let glyphs: GlyphSet
    /// The updates of the last ``draw(_:)`` (what a real terminal would have been sent).
    public private(set) var lastUpdates: [CellUpdate] = []
    /// How many times ``draw(_:)`` ran.
    public private(set) var drawCount = 0
    /// Whether the terminal is between ``suspend()`` and ``restore()``.
    public private(set) var isSuspended = false
    /// Keys that ``readKey(timeoutMs:)`` will return, first first.
    public private(set) var pendingKeys: [KeyEvent] = []
    private var previous: Buffer?

    /// Creates a blank screen.
    public init(width: Int, height: Int, colorMode: ColorMode = .trueColor, glyphs: GlyphSet = .unicode) {
        self.buffer = Buffer(width: width, height: height)
        self.colorMode = colorMode
        self.glyphs = glyphs
    }

    /// The screen size.
    public var size: TerminalSize { TerminalSize(width: buffer.width, height: buffer.height) }

    /// Applies the updates to the screen, degrading colours to ``colorMode``.
    public func draw(_ updates: [CellUpdate]) {
        drawCount += 1
        lastUpdates = updates
        for update in updates {
            var cell = update.cell
            cell.fg = cell.fg.degraded(to: colorMode)
            cell.bg = cell.bg.degraded(to: colorMode)
            buffer[update.x, update.y] = cell
            // The continuation of a wide character comes along with it, as on a terminal.
            if cell.width == 2 {
                var continuation = cell
                continuation.symbol = ""
                buffer[update.x + 1, update.y] = continuation
            }
        }
    }

    /// Draws the diff from the last presented buffer (everything after a resize or request).
    public func present(_ next: Buffer) {
        if next.width != buffer.width || next.height != buffer.height {
            buffer.resize(width: next.width, height: next.height)
        }
        let updates = previous.map { next.diff(from: $0) } ?? next.fullRedraw()
        draw(updates)
        previous = next
    }

    /// Forgets the last buffer, so the next present repaints everything.
    public func requestFullRedraw() { previous = nil }

    /// Pops the next queued key (the timeout is ignored).
    public func readKey(timeoutMs: Int) -> KeyEvent? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// Queues keys for ``readKey(timeoutMs:)``.
    public func queue(_ keys: KeyEvent...) { pendingKeys.append(contentsOf: keys) }

    /// Changes the screen size and queues ``KeyEvent/resize``, as a terminal would.
    public func resize(width: Int, height: Int) {
        buffer.resize(width: width, height: height)
        previous = nil
        pendingKeys.append(.resize)
    }

    /// Signals ``takeQuitSignal()`` will report, first first.
    public private(set) var pendingSignals: [Int32] = []

    /// Delivers a quit signal (SIGINT, SIGTERM, …) as the real terminal's handler would record it.
    public func queueSignal(_ number: Int32) { pendingSignals.append(number) }

    /// The next queued signal.
    public func takeQuitSignal() -> Int32? {
        pendingSignals.isEmpty ? nil : pendingSignals.removeFirst()
    }

    /// Marks the terminal suspended.
    public func suspend() { isSuspended = true }

    /// Marks the terminal restored; the next present repaints everything.
    public func restore() {
        isSuspended = false
        previous = nil
    }

    /// The screen as lines of text joined by newlines.
    public func text() -> String { buffer.lines.joined(separator: "\n") }

    /// The screen's text followed by a map of its styles (see ``Buffer/styledSnapshot()``).
    public func styledSnapshot() -> String { buffer.styledSnapshot() }
}
