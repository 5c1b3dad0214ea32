#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Foundation

/// The real terminal, through ncursesw: draws buffer diffs, reads keys, and always gives the
/// terminal back.
///
/// Prefer ``run(options:_:)``, which shuts down even when the body throws:
///
/// ```swift
/// try NcursesBackend.run { terminal in
///     var state = DashboardState()
///     while !state.quit {
///         var frame = Buffer(width: terminal.size.width, height: terminal.size.height)
///         view(state, &frame, glyphs: terminal.glyphs)
///         terminal.present(frame)
///         if let key = terminal.readKey(timeoutMs: 250) { state = reduce(state, .key(key)) }
///     }
/// }
/// ```
///
/// Start-up follows the ncurses manual: `setlocale(LC_ALL, "")` before `newterm` (or boxes
/// print as letters), `newterm` rather than `initscr` so an unknown `TERM` is an error rather
/// than an exit, cbreak and noecho, keypad for arrow keys, `nonl`, a hidden cursor, a 25 ms
/// escape delay so Esc is prompt, and default colours when the terminal has colours.
///
/// ncurses has one current screen per process: create one backend at a time, on one thread.
public final class NcursesBackend: TerminalBackend {
    /// Start-up choices.
    public struct Options: Sendable {
        /// Terminal type for `newterm`; `nil` uses `$TERM`.
        public var terminalType: String?
        /// Milliseconds ncurses waits after Esc for the rest of an escape sequence.
        public var escapeDelayMs: Int
        /// Whether to restore the terminal on SIGINT, SIGTERM, SIGHUP and SIGQUIT, and on the
        /// fatal signals (SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT) before re-raising them.
        public var installSignalHandlers: Bool
        /// Whether the first SIGINT, SIGTERM, SIGHUP or SIGQUIT is only recorded for
        /// ``NcursesBackend/takeQuitSignal()``, so a loop can quit cleanly (a second one still kills).
        public var quitSignalsArePolled: Bool
        /// The environment used for `NO_COLOR` and locale checks.
        public var environment: [String: String]
        /// Forces a glyph set instead of detecting it from the locale.
        public var glyphs: GlyphSet?
        /// Forces a colour mode instead of detecting it.
        public var colorMode: ColorMode?

        /// Creates options; the defaults suit the dashboard.
        public init(
            terminalType: String? = nil,
            escapeDelayMs: Int = 25,
            installSignalHandlers: Bool = true,
            quitSignalsArePolled: Bool = false,
            environment: [String: String] = ProcessInfo.processInfo.environment,
            glyphs: GlyphSet? = nil,
            colorMode: ColorMode? = nil
        ) {
            self.terminalType = terminalType
            self.escapeDelayMs = escapeDelayMs
            self.installSignalHandlers = installSignalHandlers
            self.quitSignalsArePolled = quitSignalsArePolled
            self.environment = environment
            self.glyphs = glyphs
            self.colorMode = colorMode
        }
    }

    /// The colours drawn (``ColorMode/indexed256`` at best: ncurses cannot write 24-bit colour).
    public let colorMode: ColorMode
    /// Unicode glyphs when the locale's codeset (`nl_langinfo(nl_item(CODESET))`) is UTF-8, else ASCII.
    public let glyphs: GlyphSet
    /// The terminal's colour count (`COLORS`; 0 without colours).
    public let colorCount: Int
    /// Whether the terminal can redefine its palette (`can_change_color()`).
    public let canChangeColor: Bool

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let mapper: CursesColorMapper
    private var pairs: ColorPairTable
    private var previous: Buffer?
    /// Whether the backend still owns the terminal (false after ``shutdown()``).
    public private(set) var isActive = true
    private let ownsSignalHandlers: Bool
    private let outputFile: UnsafeMutablePointer<FILE>?

    /// Takes over the terminal on standard input and output.
    ///
    /// - Throws: ``TerminalError/notATerminal`` when stdin or stdout is not a terminal,
    ///   ``TerminalError/unknownTerminal(_:)`` when ncurses does not know the terminal type,
    ///   ``TerminalError/noCursorAddressing(_:)`` when it cannot move the cursor (`TERM=dumb`).
    public convenience init(options: Options = Options()) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard let output = splitscope_stdout(), let input = splitscope_stdin() else { throw .notATerminal }
        try self.init(options: options, output: output, input: input, ownsOutput: false)
    }

    /// Takes over the terminal on the given streams (e.g. a pseudo-terminal in tests).
    ///
    /// - Parameter ownsOutput: whether to `fclose` the streams on shutdown (pass the same
    ///   `FILE` for both to close it once).
    public init(options: Options, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
                ownsOutput: Bool) throws(TerminalError) {
        setlocale(LC_ALL, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        let localeIsUTF8 = codeset.isEmpty ? GlyphSet.isUTF8(environment: options.environment)
            : GlyphSet.isUTF8(codeset: codeset)

        TerminalRestoration.saveModes(of: fileno(input))
        if options.installSignalHandlers {
            // Before newterm, so ncurses keeps ours instead of installing its own.
            TerminalRestoration.install()
        }
        let terminalType = options.terminalType ?? options.environment["TERM"]
        let created: OpaquePointer? = terminalType.map { name in
            name.withCString { newterm($0, output, input) }
        } ?? newterm(nil, output, input)
        guard let created, let window = splitscope_stdscr() else {
            if options.installSignalHandlers { TerminalRestoration.uninstall() }
            throw .unknownTerminal(terminalType ?? "")
        }
        set_term(created)
        guard splitscope_has_cursor_addressing() != 0 else {
            // Nothing has been drawn yet; give the terminal back as it was.
            endwin()
            delscreen(created)
            if options.installSignalHandlers { TerminalRestoration.uninstall() }
            throw .noCursorAddressing(terminalType ?? "")
        }
        TerminalRestoration.prepareResetSequence()
        TerminalRestoration.needsRestore = true
        if options.installSignalHandlers { TerminalRestoration.captureStandardError() }
        if options.installSignalHandlers && options.quitSignalsArePolled { TerminalRestoration.setQuitPolled(true) }
        self.screen = created
        self.window = window
        self.ownsSignalHandlers = options.installSignalHandlers
        self.outputFile = ownsOutput ? output : nil

        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        curs_set(0)
        set_escdelay(Int32(options.escapeDelayMs))
        leaveok(window, true)
        scrollok(window, false)

        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(splitscope_colors())
        }
        self.colorCount = colors
        self.canChangeColor = can_change_color()
        let mode = options.colorMode ?? ColorMode.detect(
            environment: options.environment, colors: colors, canChangeColor: canChangeColor, allowsTrueColor: false)
        self.colorMode = mode
        self.mapper = CursesColorMapper(mode: mode, colors: colors)
        self.pairs = ColorPairTable(capacity: colors > 0 ? Int(splitscope_color_pairs()) : 1)
        self.glyphs = options.glyphs ?? (localeIsUTF8 ? .unicode : .ascii)
    }

    deinit {
        shutdown()
    }

    /// Runs `body` with a backend and shuts it down afterwards, whether `body` returns or throws.
    public static func run<Result>(
        options: Options = Options(), _ body: (NcursesBackend) throws -> Result
    ) throws -> Result {
        try run(NcursesBackend(options: options), body)
    }

    /// Runs `body` with `backend`, then shuts it down whether `body` returns or throws.
    static func run<Result>(_ backend: NcursesBackend, _ body: (NcursesBackend) throws -> Result) rethrows -> Result {
        defer { backend.shutdown() }
        return try body(backend)
    }

    /// Gives the terminal back: `endwin`, frees the screen, restores signal handlers. Idempotent.
    public func shutdown() {
        guard isActive else { return }
        isActive = false
        TerminalRestoration.needsRestore = false
        endwin()
        TerminalRestoration.releaseStandardError()
        delscreen(screen)
        if ownsSignalHandlers { TerminalRestoration.uninstall() }
        if let outputFile { fclose(outputFile) }
        fflush(splitscope_stdout())
    }

    /// The terminal size (`LINES` × `COLS`, updated by ncurses on resize).
    public var size: TerminalSize {
        TerminalSize(width: Int(splitscope_cols()), height: Int(splitscope_lines()))
    }

    /// Writes the cells and refreshes the screen.
    public func draw(_ updates: [CellUpdate]) {
        guard isActive else { return }
        for update in updates where !update.cell.isContinuation {
            put(update.cell, x: update.x, y: update.y)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Draws the diff from the last buffer shown, or everything after a resize or request.
    public func present(_ buffer: Buffer) {
        guard isActive else { return }
        if let previous, previous.width == buffer.width, previous.height == buffer.height {
            draw(buffer.diff(from: previous))
        } else {
            werase(window)
            clearok(window, true)
            draw(buffer.fullRedraw())
        }
        previous = buffer
    }

    /// Makes the next present repaint everything.
    public func requestFullRedraw() {
        previous = nil
    }

    /// The SIGINT, SIGTERM, SIGHUP or SIGQUIT received since the last call, when
    /// ``Options/quitSignalsArePolled`` is set.
    public func takeQuitSignal() -> Int32? {
        TerminalRestoration.takeQuitSignal()
    }

    /// Waits up to `timeoutMs` for a key (`wtimeout` + `wget_wch`).
    public func readKey(timeoutMs: Int) -> KeyEvent? {
        guard isActive else { return nil }
        wtimeout(window, Int32(clamping: timeoutMs))
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        switch result {
        case KEY_CODE_YES:
            let event = NcursesKeyMap.event(forKeyCode: Int32(bitPattern: code))
            if event == .resize { previous = nil }
            return event
        case OK:
            return KeyEvent(characterCode: code)
        default:
            return nil
        }
    }

    /// Leaves curses mode (e.g. to run a pager); ``restore()`` comes back.
    public func suspend() {
        guard isActive else { return }
        def_prog_mode()
        endwin()
        TerminalRestoration.needsRestore = false
    }

    /// Re-enters curses mode after ``suspend()`` and repaints on the next present.
    public func restore() {
        guard isActive else { return }
        reset_prog_mode()
        TerminalRestoration.needsRestore = true
        previous = nil
        wrefresh(window)
    }

    // MARK: Drawing one cell

    private func put(_ cell: Cell, x: Int, y: Int) {
        var attributes = cursesAttributes(cell.attributes)
        var pair = 0
        if colorCount > 0 && colorMode != .monochrome {
            let fg = mapper.number(for: cell.fg)
            let bg = mapper.number(for: cell.bg)
            if fg.needsBold { attributes |= splitscope_a_bold() }
            let allocation = pairs.pair(foreground: fg.number, background: bg.number)
            if case .new(let number) = allocation {
                _ = splitscope_init_pair(Int32(number), Int32(fg.number), Int32(bg.number))
            }
            pair = allocation.pair
        }
        var characters = wideCharacters(for: cell)
        var cchar = cchar_t()
        var status = characters.withUnsafeBufferPointer { buffer in
            splitscope_setcchar(&cchar, buffer.baseAddress, attributes, Int32(pair))
        }
        if status == ERR {
            // More than one spacing character (e.g. an emoji ZWJ sequence): keep the first.
            characters = [characters.first ?? 0x3f, 0]
            status = characters.withUnsafeBufferPointer { buffer in
                splitscope_setcchar(&cchar, buffer.baseAddress, attributes, Int32(pair))
            }
        }
        mvwadd_wch(window, Int32(y), Int32(x), &cchar)
        // Where the C library thinks the grapheme is narrower than we laid it out, blank the
        // rest so no stale character shows through.
        let drawnWidth = max(1, Int(splitscope_wcwidth(characters.first ?? 0x20)))
        if drawnWidth < cell.width {
            var blank = cchar_t()
            var space: [wchar_t] = [0x20, 0]
            _ = space.withUnsafeMutableBufferPointer { splitscope_setcchar(&blank, $0.baseAddress, attributes, Int32(pair)) }
            for column in (x + drawnWidth)..<(x + cell.width) {
                mvwadd_wch(window, Int32(y), Int32(column), &blank)
            }
        }
    }

    /// The cell's grapheme as a null-terminated `wchar_t` string ncurses accepts: at most
    /// `CCHARW_MAX - 1` scalars, and `?` for anything the C library cannot print.
    private func wideCharacters(for cell: Cell) -> [wchar_t] {
        let limit = Int(splitscope_ccharw_max()) - 1
        var characters: [wchar_t] = []
        for scalar in cell.symbol.unicodeScalars.prefix(limit) {
            characters.append(wchar_t(bitPattern: scalar.value))
        }
        if let first = characters.first, splitscope_wcwidth(first) < 0 {
            characters = [0x3f]
        }
        if characters.isEmpty { characters = [0x20] }
        characters.append(0)
        return characters
    }

    private func cursesAttributes(_ attributes: Attributes) -> attr_t {
        var result = splitscope_a_normal()
        if attributes.contains(.bold) { result |= splitscope_a_bold() }
        if attributes.contains(.dim) { result |= splitscope_a_dim() }
        if attributes.contains(.reverse) { result |= splitscope_a_reverse() }
        if attributes.contains(.underline) { result |= splitscope_a_underline() }
        if attributes.contains(.italic) { result |= splitscope_a_italic() }
        return result
    }
}
