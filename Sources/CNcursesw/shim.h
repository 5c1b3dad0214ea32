// Swift's view of ncursesw: wide-character API plus the macros Swift cannot import.
//
// Function-like macros (A_BOLD, KEY_F(n), ACS_*) and the global mutable variables
// (stdscr, LINES, COLS, COLORS, COLOR_PAIRS) are re-exported as static inline
// functions so their values always come from the installed headers, never by hand.
#ifndef SPLITSCOPE_CNCURSESW_SHIM_H
#define SPLITSCOPE_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// MARK: Global state

static inline FILE *splitscope_stdout(void) { return stdout; }
static inline FILE *splitscope_stdin(void) { return stdin; }

static inline WINDOW *splitscope_stdscr(void) { return stdscr; }
static inline int splitscope_lines(void) { return LINES; }
static inline int splitscope_cols(void) { return COLS; }
static inline int splitscope_colors(void) { return COLORS; }
static inline int splitscope_color_pairs(void) { return COLOR_PAIRS; }

// MARK: Attributes (attr_t; A_* and WA_* agree in ncurses)

static inline attr_t splitscope_a_normal(void) { return A_NORMAL; }
static inline attr_t splitscope_a_bold(void) { return A_BOLD; }
static inline attr_t splitscope_a_dim(void) { return A_DIM; }
static inline attr_t splitscope_a_reverse(void) { return A_REVERSE; }
static inline attr_t splitscope_a_underline(void) { return A_UNDERLINE; }
static inline attr_t splitscope_a_italic(void) {
#ifdef A_ITALIC
    return A_ITALIC;
#else
    return A_NORMAL;
#endif
}

// MARK: Keys

static inline int splitscope_key_f(int n) { return KEY_F(n); }

// MARK: Extended colours

/// 1 when this ncurses has init_extended_pair (ncurses >= 6.1 built with extended colours).
static inline int splitscope_has_extended_pairs(void) {
#if defined(NCURSES_EXT_COLORS) && NCURSES_EXT_COLORS
    return 1;
#else
    return 0;
#endif
}

/// Defines colour pair `pair`, through init_extended_pair when the library has it.
static inline int splitscope_init_pair(int pair, int fg, int bg) {
#if defined(NCURSES_EXT_COLORS) && NCURSES_EXT_COLORS
    return init_extended_pair(pair, fg, bg);
#else
    return init_pair((short)pair, (short)fg, (short)bg);
#endif
}

/// Fills a cchar_t with up to CCHARW_MAX - 1 wide characters, attributes and a colour pair,
/// passing pairs above SHRT_MAX through setcchar's `opts` as ncurses 6.1 allows.
static inline int splitscope_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
#if defined(NCURSES_EXT_COLORS) && NCURSES_EXT_COLORS
    return setcchar(cell, text, attrs, 0, &pair);
#else
    return setcchar(cell, text, attrs, (short)pair, NULL);
#endif
}

/// Columns the C library (and so ncurses) gives a wide character; -1 when not printable.
/// Declared here because glibc hides wcwidth unless _XOPEN_SOURCE is set for the whole build.
int wcwidth(wchar_t c);
static inline int splitscope_wcwidth(wchar_t c) { return wcwidth(c); }

/// The longest string of wide characters one cchar_t holds (spacing char + combining marks).
static inline int splitscope_ccharw_max(void) { return CCHARW_MAX; }

// MARK: Giving the terminal back from a signal handler
//
// Signal handlers written in C so that they do only async-signal-safe things: set a flag,
// write(2) a byte string prepared beforehand, tcsetattr(3), sigaction(2), raise(3).
// Only SplitTerminal calls these, so the statics below exist once in the program.

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/// Everything the handlers read, in one place: the flags, the saved modes, the reset bytes and
/// the actions that were installed before ours. A function-local static, so that the one copy
/// is emitted with the functions that use it.
struct splitscope_signal_state {
    /// The signal that asked the program to quit (SIGINT, SIGTERM, …), 0 while none.
    volatile sig_atomic_t quit_signal;
    /// 1 while a loop polls splitscope_take_quit_signal; otherwise a quit signal restores and re-raises.
    volatile sig_atomic_t quit_polled;
    /// 1 while the screen is taken over and must be given back on the way out.
    volatile sig_atomic_t screen_active;
    volatile sig_atomic_t has_saved_modes;
    volatile sig_atomic_t reset_length;
    /// While the screen is up, fd 2 writes to an unlinked temporary file (capture_fd) and the
    /// real stderr waits in saved_stderr_fd; both 0 otherwise.
    volatile sig_atomic_t saved_stderr_fd;
    volatile sig_atomic_t capture_fd;
    struct termios saved_modes;
    char reset_bytes[512];
    struct sigaction previous[65];
};

static inline struct splitscope_signal_state *splitscope_signals(void) {
    static struct splitscope_signal_state state;
    return &state;
}

/// Remembers the terminal modes of `fd` (before curses changes them).
static inline void splitscope_save_modes(int fd) {
    if (tcgetattr(fd, &splitscope_signals()->saved_modes) == 0) splitscope_signals()->has_saved_modes = 1;
}

/// Sets the bytes that leave curses mode (sgr0, cnorm, rmkx, rmcup from terminfo).
static inline void splitscope_set_reset_bytes(const char *bytes, int length) {
    if (length < 0) length = 0;
    if (length > (int)sizeof(splitscope_signals()->reset_bytes)) length = (int)sizeof(splitscope_signals()->reset_bytes);
    memcpy(splitscope_signals()->reset_bytes, bytes, (size_t)length);
    splitscope_signals()->reset_length = length;
}

static inline void splitscope_set_screen_active(int active) { splitscope_signals()->screen_active = active; }
static inline int splitscope_screen_is_active(void) { return splitscope_signals()->screen_active; }

/// Sends what is written to stderr into a hidden temporary file until splitscope_release_stderr:
/// a message printed while the screen is up (a warning, the runtime's "Fatal error: …") would
/// otherwise land on the curses screen, be painted over, or vanish with the alternate screen.
/// Returns 0 when stderr is captured, -1 when it stays as it is.
static inline int splitscope_capture_stderr(void) {
    if (splitscope_signals()->capture_fd > 0) return 0;
    FILE *file = tmpfile();
    if (file == NULL) return -1;
    int capture = dup(fileno(file));
    fclose(file);
    if (capture < 0) return -1;
    int saved = dup(STDERR_FILENO);
    if (saved < 0) { close(capture); return -1; }
    fflush(stderr);
    if (dup2(capture, STDERR_FILENO) < 0) { close(saved); close(capture); return -1; }
    splitscope_signals()->saved_stderr_fd = saved;
    splitscope_signals()->capture_fd = capture;
    return 0;
}

/// Puts stderr back and writes out everything captured since splitscope_capture_stderr, with
/// async-signal-safe calls only (dup2, pread, write, close), so a signal handler can call it.
static inline void splitscope_release_stderr(void) {
    int saved = splitscope_signals()->saved_stderr_fd;
    int capture = splitscope_signals()->capture_fd;
    if (saved <= 0 || capture <= 0) return;
    splitscope_signals()->saved_stderr_fd = 0;
    splitscope_signals()->capture_fd = 0;
    dup2(saved, STDERR_FILENO);
    close(saved);
    char buffer[4096];
    off_t offset = 0;
    ssize_t count;
    while ((count = pread(capture, buffer, sizeof buffer, offset)) > 0) {
        ssize_t done = 0;
        while (done < count) {
            ssize_t written = write(STDERR_FILENO, buffer + done, (size_t)(count - done));
            if (written <= 0) break;
            done += written;
        }
        offset += count;
    }
    close(capture);
}

/// Gives the terminal back with async-signal-safe calls only: the reset bytes, then the saved
/// modes, then stderr with whatever was written to it meanwhile.
static inline void splitscope_restore_terminal_now(void) {
    if (!splitscope_signals()->screen_active) { splitscope_release_stderr(); return; }
    splitscope_signals()->screen_active = 0;
    if (splitscope_signals()->reset_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, splitscope_signals()->reset_bytes, (size_t)splitscope_signals()->reset_length);
        (void)ignored;
    }
    if (splitscope_signals()->has_saved_modes) tcsetattr(STDIN_FILENO, TCSANOW, &splitscope_signals()->saved_modes);
    splitscope_release_stderr();
}

/// SIGINT, SIGTERM, SIGHUP, SIGQUIT: while a loop polls, record the first as a quit request;
/// otherwise (or the second time) give the terminal back and die of the signal.
static void splitscope_quit_handler(int number) {
    if (splitscope_signals()->quit_polled && splitscope_signals()->quit_signal == 0) {
        splitscope_signals()->quit_signal = number;
        return;
    }
    splitscope_restore_terminal_now();
    signal(number, SIG_DFL);
    raise(number);
}

/// SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT: give the terminal back, put back the
/// handler that was there before (the Swift runtime's backtracer, or the default), and let the
/// signal happen again: a fault re-executes the faulting instruction; a sent signal is raised again.
static void splitscope_fatal_handler(int number, siginfo_t *info, void *context) {
    (void)context;
    splitscope_restore_terminal_now();
    if (number > 0 && number < 65) sigaction(number, &splitscope_signals()->previous[number], NULL);
    if (info == NULL || info->si_code <= 0) raise(number);
}

/// Installs the quit handler for `number`, remembering the previous action.
static inline int splitscope_install_quit_handler(int number) {
    if (number <= 0 || number >= 65) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = splitscope_quit_handler;
    sigemptyset(&action.sa_mask);
    return sigaction(number, &action, &splitscope_signals()->previous[number]);
}

/// Installs the fatal-signal handler for `number`, remembering the previous action.
static inline int splitscope_install_fatal_handler(int number) {
    if (number <= 0 || number >= 65) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = splitscope_fatal_handler;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    return sigaction(number, &action, &splitscope_signals()->previous[number]);
}

/// Puts back the action that was there before the install call for `number`.
static inline void splitscope_uninstall_handler(int number) {
    if (number <= 0 || number >= 65) return;
    sigaction(number, &splitscope_signals()->previous[number], NULL);
}

/// Starts or stops recording quit signals for a polling loop; clears any recorded one.
static inline void splitscope_set_quit_polled(int polled) {
    splitscope_signals()->quit_signal = 0;
    splitscope_signals()->quit_polled = polled;
}

/// The recorded quit signal (0 if none), cleared.
static inline int splitscope_take_quit_signal(void) {
    int number = splitscope_signals()->quit_signal;
    splitscope_signals()->quit_signal = 0;
    return number;
}

/// Whether the current terminal can move the cursor (terminfo `cup`); a `dumb` terminal cannot.
static inline int splitscope_has_cursor_addressing(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/// A terminfo string capability, or NULL when the terminal lacks it.
static inline const char *splitscope_terminfo_string(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

#endif
