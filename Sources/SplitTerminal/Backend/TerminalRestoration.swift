#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// Puts the terminal back (`endwin`) when the process dies of a signal or exits without
/// shutting the backend down, so the shell is never left in raw mode.
///
/// On SIGINT, SIGTERM, SIGHUP and SIGQUIT the handler calls `endwin()`, restores the default
/// action and re-raises the signal, so the process still ends with the signal's status.
/// `endwin` is not async-signal-safe; calling it from a handler is what htop and ncurses' own
/// cleanup handler do, and the alternative — a raw terminal after ^C — is worse. An `atexit`
/// hook covers `exit()` called from anywhere while the screen is up.
enum TerminalRestoration {
    /// The signals whose default action would end the process with the terminal raw.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Whether a screen is active and must be ended on the way out. Written only by the thread
    /// that owns the backend; read by the handlers.
    nonisolated(unsafe) static var needsRestore = false
    nonisolated(unsafe) private static var savedHandlers: [Int32: sighandler_t?] = [:]
    nonisolated(unsafe) private static var atexitInstalled = false

    /// Installs the handlers (once) and the `atexit` hook (once per process).
    static func install() {
        if !atexitInstalled {
            atexitInstalled = true
            atexit {
                if TerminalRestoration.needsRestore {
                    TerminalRestoration.needsRestore = false
                    endwin()
                }
            }
        }
        guard savedHandlers.isEmpty else { return }
        for number in signals {
            savedHandlers[number] = signal(number, restoreAndReraise)
        }
    }

    /// Puts back the handlers that were there before ``install()``.
    static func uninstall() {
        for (number, handler) in savedHandlers {
            signal(number, handler ?? SIG_DFL)
        }
        savedHandlers.removeAll()
    }
}

/// The signal handler: end curses mode, then die of the same signal.
private func restoreAndReraise(_ number: Int32) {
    if TerminalRestoration.needsRestore {
        TerminalRestoration.needsRestore = false
        endwin()
    }
    signal(number, SIG_DFL)
    raise(number)
}
