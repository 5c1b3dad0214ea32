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
