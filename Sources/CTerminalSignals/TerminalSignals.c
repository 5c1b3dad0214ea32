// Giving the terminal back from a signal handler: see include/TerminalSignals.h.

#include "TerminalSignals.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/// Everything the handlers read, in one place: the flags, the saved modes, the reset bytes and
/// the actions that were installed before ours. Defined once, in this file.
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

static struct splitscope_signal_state state;

static struct splitscope_signal_state *splitscope_signals(void) {
    return &state;
}

const void *splitscope_signal_state_address(void) { return &state; }

/// Remembers the terminal modes of `fd` (before curses changes them).
void splitscope_save_modes(int fd) {
    if (tcgetattr(fd, &splitscope_signals()->saved_modes) == 0) splitscope_signals()->has_saved_modes = 1;
}

/// Sets the bytes that leave curses mode (sgr0, cnorm, rmkx, rmcup from terminfo).
void splitscope_set_reset_bytes(const char *bytes, int length) {
    if (length < 0) length = 0;
    if (length > (int)sizeof(splitscope_signals()->reset_bytes)) length = (int)sizeof(splitscope_signals()->reset_bytes);
    memcpy(splitscope_signals()->reset_bytes, bytes, (size_t)length);
    splitscope_signals()->reset_length = length;
}

void splitscope_set_screen_active(int active) { splitscope_signals()->screen_active = active; }
int splitscope_screen_is_active(void) { return splitscope_signals()->screen_active; }

int splitscope_capture_stderr(void) {
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

void splitscope_release_stderr(void) {
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

/// Gives the terminal back with async-signal-safe calls only: the reset bytes, the saved modes,
/// then stderr with whatever was written to it meanwhile.
void splitscope_restore_terminal_now(void) {
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
int splitscope_install_quit_handler(int number) {
    if (number <= 0 || number >= 65) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = splitscope_quit_handler;
    sigemptyset(&action.sa_mask);
    return sigaction(number, &action, &splitscope_signals()->previous[number]);
}

/// Installs the fatal-signal handler for `number`, remembering the previous action.
int splitscope_install_fatal_handler(int number) {
    if (number <= 0 || number >= 65) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = splitscope_fatal_handler;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    return sigaction(number, &action, &splitscope_signals()->previous[number]);
}

/// Puts back the action that was there before the install call for `number`.
void splitscope_uninstall_handler(int number) {
    if (number <= 0 || number >= 65) return;
    sigaction(number, &splitscope_signals()->previous[number], NULL);
}

/// Starts or stops recording quit signals for a polling loop; clears any recorded one.
void splitscope_set_quit_polled(int polled) {
    splitscope_signals()->quit_signal = 0;
    splitscope_signals()->quit_polled = polled;
}

/// The recorded quit signal (0 if none), cleared.
int splitscope_take_quit_signal(void) {
    int number = splitscope_signals()->quit_signal;
    splitscope_signals()->quit_signal = 0;
    return number;
}

