/* What the keys do: one list of actions, the bindings in a table, and the
 * help overlay and status hints generated from both. */
#ifndef CODEREF_TUI_KEYS_H
#define CODEREF_TUI_KEYS_H

#include <stddef.h>
#include <wchar.h>

/* X(name, help text, status hint or NULL) */
#define CR_TUI_ACTIONS(X) \
	X(UP,        N_("move up"),                                          NULL) \
	X(DOWN,      N_("move down"),                                        NULL) \
	X(PAGE_UP,   N_("page up"),                                          NULL) \
	X(PAGE_DOWN, N_("page down"),                                        NULL) \
	X(HALF_UP,   N_("half a page up"),                                   NULL) \
	X(HALF_DOWN, N_("half a page down"),                                 NULL) \
	X(FIRST,     N_("go to the first line"),                             NULL) \
	X(LAST,      N_("go to the last line"),                              NULL) \
	X(JUMP,      N_("type a number to go to that code"),                 NULL) \
	X(OPEN,      N_("open the code's card; follow the selected link; a log's finding"), N_("open")) \
	X(BACK,      N_("go back to the previous view"),                     N_("back")) \
	X(QUIT,      N_("go back; quit from the list"),                      N_("quit")) \
	X(QUIT_ALL,  N_("quit from anywhere"),                               NULL) \
	X(SEARCH,    N_("search: codes in the list, text in a card or a log"), N_("search")) \
	X(FIND_NEXT, N_("next match in a card; next finding in a log"),      N_("next")) \
	X(FIND_PREV, N_("previous match in a card; previous finding in a log"), NULL) \
	X(COMPARE,   N_("mark a code, then compare it with another"),        N_("compare")) \
	X(NEXT,      N_("next link in a card; next pane in a comparison"),   N_("link")) \
	X(PREV,      N_("previous link; previous pane"),                     NULL) \
	X(LEFT,      N_("comparison: focus on the left column; log: scroll left"), NULL) \
	X(RIGHT,     N_("comparison: focus on the right column; log: scroll right"), NULL) \
	X(SWAP,      N_("comparison: swap the two sides"),                   N_("swap")) \
	X(LOCK,      N_("comparison: scroll both columns together"),         N_("lock")) \
	X(COPY,      N_("copy the card or comparison (OSC 52)"),             N_("copy")) \
	X(COPY_LINE, N_("copy the code line, \"SIP 486 Busy Here\""),        NULL) \
	X(FILTER,    N_("list: show one class only (f then 1-6)"),           N_("filter")) \
	X(SET,       N_("list: next code set (SIP, Q.850, Warning)"),        N_("set")) \
	X(LANG,      N_("switch language (English, Japanese)"),              N_("language")) \
	X(REDRAW,    N_("redraw the screen"),                                NULL) \
	X(HELP,      N_("show this help"),                                   N_("help"))

enum cr_action {
	CR_ACT_NONE = -1,
#define CR_X(name, help, hint) CR_ACT_##name,
	CR_TUI_ACTIONS(CR_X)
#undef CR_X
	CR_ACT__MAX
};

/* Where a binding applies: the kinds of view. */
enum {
	CR_IN_LIST = 1,
	CR_IN_CARD = 2,
	CR_IN_COMPARE = 4,
	CR_IN_LOG = 8,          /* coderef decode FILE */
	CR_IN_ALL = 15,
};

/* Keys of our own, beyond ncurses's KEY_MAX. */
enum {
	CR_KEY_IGNORE = 0x1000 + 1,    /* an escape sequence swallowed whole */
	CR_KEY_PASTE_BEGIN,
	CR_KEY_PASTE_END,
};

/* The action bound to a key in a kind of view (is_key: a function key;
 * alt: Esc came first). */
enum cr_action cr_key_action(int where, int is_key, wint_t ch, int alt);

/* The key a complete escape sequence stands for: prefix '[' (CSI) or 'O'
 * (SS3), params the bytes between it and the final byte.  Home, End,
 * Insert, Delete, PgUp and PgDn in the forms terminals send whatever
 * terminfo says, arrows, Shift-Tab, F1, bracketed paste; CR_KEY_IGNORE for
 * any other sequence. */
int cr_key_from_sequence(char prefix, const char *params, size_t n, char final);
/* The sequences above that terminfo may not name, for define_key. */
extern const struct cr_key_seq {
	const char *seq;
	int key;
} cr_key_seqs[];
extern const size_t cr_key_nseqs;

/* Lines "keys   what they do" for the help overlay, localized, wrapped to
 * width columns; a NULL-terminated array to free with cr_key_lines_free. */
char **cr_key_help_lines(int width);
void cr_key_lines_free(char **lines);

/* "Enter open  / search  …  ? help" for a view's hints (CR_ACT_NONE
 * ends them; most important first) in at most width columns: the least
 * important are left out first, "? help" never.  free() it. */
char *cr_key_hints(int where, const enum cr_action *hints, int width);

#endif
