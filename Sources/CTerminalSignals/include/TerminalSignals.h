#ifndef SPLITSCOPE_TERMINAL_SIGNALS_H
#define SPLITSCOPE_TERMINAL_SIGNALS_H

// Giving the terminal back from a signal handler.
//
// Signal handlers written in C so that they do only async-signal-safe things: set a flag,
// write(2) a byte string prepared beforehand, tcsetattr(3), sigaction(2), raise(3).
//
// The state the handlers read lives in TerminalSignals.c, defined once in the program. (It was
// a function-local static in a header's `static inline` function: every Swift module that
// inlined a caller, as a release build's cross-module optimisation does, got its own copy, so
// the handler read a screen that was never marked active and left the terminal in raw mode.)

/// Remembers the terminal modes of `fd` (before curses changes them).
void splitscope_save_modes(int fd);

/// Sets the bytes that leave curses mode (sgr0, cnorm, rmkx, rmcup from terminfo).
void splitscope_set_reset_bytes(const char *bytes, int length);

/// Marks the screen as taken over (1) or given back (0).
void splitscope_set_screen_active(int active);

/// Whether the screen is taken over and must be given back on the way out.
int splitscope_screen_is_active(void);

/// Gives the terminal back with async-signal-safe calls only: the reset bytes, the saved modes,
/// then stderr with whatever was written to it meanwhile.
void splitscope_restore_terminal_now(void);

/// Sends what is written to stderr into a hidden temporary file until splitscope_release_stderr:
/// a message printed while the screen is up (a warning, the runtime's "Fatal error: …") would
/// otherwise land on the curses screen, be painted over, or vanish with the alternate screen.
/// Returns 0 when stderr is captured, -1 when it stays as it is.
int splitscope_capture_stderr(void);

/// Puts stderr back and writes out everything captured since splitscope_capture_stderr, with
/// async-signal-safe calls only (dup2, pread, write, close), so a signal handler can call it.
void splitscope_release_stderr(void);

/// Installs the quit handler (SIGINT, SIGTERM, SIGHUP, SIGQUIT) for `number`, remembering the previous action.
int splitscope_install_quit_handler(int number);

/// Installs the fatal-signal handler (SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT) for
/// `number`, remembering the previous action.
int splitscope_install_fatal_handler(int number);

/// Puts back the action that was there before the install call for `number`.
void splitscope_uninstall_handler(int number);

/// Starts or stops recording quit signals for a polling loop; clears any recorded one.
void splitscope_set_quit_polled(int polled);

/// The recorded quit signal (0 if none), cleared.
int splitscope_take_quit_signal(void);

/// The address of the program's one signal state, so a test can check that every caller sees
/// the same one.
const void *splitscope_signal_state_address(void);

#endif
