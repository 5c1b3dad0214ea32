#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import CTerminalSignals

/// Puts the terminal back when the process is asked to stop, dies of a fatal signal, or exits
/// without shutting the backend down, so the shell is never left in raw mode and whatever is
/// printed next (a crash report) is readable.
///
/// - **Quit signals** (SIGINT, SIGTERM, SIGHUP, SIGQUIT): while a loop polls
///   ``takeQuitSignal()``, the first one is only recorded, so the loop can quit like `q` does —
///   flushing writers and ending curses mode normally — and exit with 128 + the signal. Without
///   a polling loop, or on a second signal, the handler gives the terminal back and dies of it.
/// - **Fatal signals** (SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT): the handler writes
///   the terminal's reset sequence (`sgr0`, `cnorm`, `rmkx`, `rmcup`, prepared from terminfo when
///   the screen starts) and restores the saved terminal modes with `tcsetattr`, then puts back
///   the previous handler (the Swift runtime's backtracer, or the default) and lets the signal
///   happen again, so the crash report that follows lands on a normal screen.
///
/// The handlers are C functions (in `CTerminalSignals`, whose state is defined once in a C file,
/// not per Swift module) that do only async-signal-safe things.
/// An `atexit` hook covers `exit()` called from anywhere while the screen is up.
enum TerminalRestoration {
    /// Signals that ask the process to stop.
    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Signals of a crash.
    static let fatalSignals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

    nonisolated(unsafe) private static var installed = false
    nonisolated(unsafe) private static var atexitInstalled = false

    /// Whether a screen is active and must be ended on the way out.
    static var needsRestore: Bool {
        get { splitscope_screen_is_active() != 0 }
        set { splitscope_set_screen_active(newValue ? 1 : 0) }
    }

    /// Sends stderr to a hidden file while the screen is up, so nothing printed meanwhile is
    /// drawn over the screen or lost with it; ``releaseStandardError()`` writes it out afterwards.
    static func captureStandardError() {
        _ = splitscope_capture_stderr()
    }

    /// Puts stderr back and writes out what was captured (also done by the signal handlers).
    static func releaseStandardError() {
        splitscope_release_stderr()
    }

    /// Remembers the terminal modes of `fd`, before curses changes them.
    static func saveModes(of fd: Int32) {
        splitscope_save_modes(fd)
    }

    /// Prepares the bytes the fatal handler writes, from the current terminal's terminfo.
    static func prepareResetSequence() {
        var bytes: [CChar] = []
        for name in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = name.withCString({ splitscope_terminfo_string($0) }) else { continue }
            var p = value
            while p.pointee != 0 {
                bytes.append(p.pointee)
                p += 1
            }
        }
        bytes.withUnsafeBufferPointer { splitscope_set_reset_bytes($0.baseAddress, Int32($0.count)) }
    }

    /// Installs the handlers (once) and the `atexit` hook (once per process).
    static func install() {
        if !atexitInstalled {
            atexitInstalled = true
            atexit {
                if TerminalRestoration.needsRestore {
                    TerminalRestoration.needsRestore = false
                    endwin()
                }
                TerminalRestoration.releaseStandardError()
            }
        }
        guard !installed else { return }
        installed = true
        for number in quitSignals { _ = splitscope_install_quit_handler(number) }
        for number in fatalSignals { _ = splitscope_install_fatal_handler(number) }
    }

    /// Puts back the handlers that were there before ``install()``.
    static func uninstall() {
        guard installed else { return }
        installed = false
        splitscope_set_quit_polled(0)
        for number in quitSignals + fatalSignals { splitscope_uninstall_handler(number) }
    }

    /// Starts (or stops) recording quit signals for a loop that polls ``takeQuitSignal()``.
    static func setQuitPolled(_ polled: Bool) {
        splitscope_set_quit_polled(polled ? 1 : 0)
    }

    /// The quit signal received since the last call, if any.
    static func takeQuitSignal() -> Int32? {
        let number = splitscope_take_quit_signal()
        return number == 0 ? nil : number
    }
}
