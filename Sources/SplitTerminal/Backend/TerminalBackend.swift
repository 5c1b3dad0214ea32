/// Where frames are shown and keys come from: the real terminal, or memory in tests.
///
/// A render loop asks for ``size``, builds a ``Buffer`` of that size, calls
/// ``present(_:)`` and waits for input with ``readKey(timeoutMs:)``, whose timeout is the
/// render tick. Backends keep what they showed last, so `present` writes only the diff.
///
/// ```swift
/// while running {
///     var frame = Buffer(width: backend.size.width, height: backend.size.height)
///     view(state, &frame)
///     backend.present(frame)
///     if let key = backend.readKey(timeoutMs: 250) { state = reduce(state, .key(key)) }
/// }
/// ```
public protocol TerminalBackend: AnyObject {
    /// The current size; it changes after a ``KeyEvent/resize``.
    var size: TerminalSize { get }
    /// The colours the output can show; cells are degraded to it when drawn.
    var colorMode: ColorMode { get }
    /// The glyphs the output can show (ASCII when the locale is not UTF-8).
    var glyphs: GlyphSet { get }

    /// Writes these cells and flushes them to the screen.
    func draw(_ updates: [CellUpdate])
    /// Shows `buffer`: the diff against the last buffer shown, or everything after a resize
    /// or ``requestFullRedraw()``.
    func present(_ buffer: Buffer)
    /// Makes the next ``present(_:)`` repaint the whole screen.
    func requestFullRedraw()
    /// The next key, waiting at most `timeoutMs` milliseconds (0 polls, negative blocks);
    /// `nil` when none arrived.
    func readKey(timeoutMs: Int) -> KeyEvent?
    /// Gives the terminal back (cooked mode, normal screen), e.g. before running a pager.
    func suspend()
    /// Takes the terminal again after ``suspend()`` and repaints on the next present.
    func restore()
    /// A signal that asked the program to stop (SIGINT, SIGTERM, …) since the last call, if the
    /// backend records them; the loop turns it into a quit.
    func takeQuitSignal() -> Int32?
}

extension TerminalBackend {
    /// Backends that do not record signals never report one.
    public func takeQuitSignal() -> Int32? { nil }
}
