/* What the keys do: one list of actions, the bindings in a table, and the
 * help overlay and status hints generated from both. */
#ifndef CODEREF_TUI_KEYS_H
#define CODEREF_TUI_KEYS_H

#include <wchar.h>

/* X(name, help text, status hint or NULL) */
#define CR_TUI_ACTIONS(X) \
	X(UP,        N_("move up"),                                  NULL) \
	X(DOWN,      N_("move down"),                                NULL) \
	X(PAGE_UP,   N_("page up"),                                  NULL) \
	X(PAGE_DOWN, N_("page down"),                                NULL) \
	X(FIRST,     N_("go to the first line"),                     NULL) \
	X(LAST,      N_("go to the last line"),                      NULL) \
	X(JUMP,      N_("type a number to go to that code"),         NULL) \
	X(OPEN,      N_("open the code's card"),                     N_("open")) \
	X(BACK,      N_("go back; clear the search results"),        NULL) \
	X(QUIT,      N_("go back; quit from the list"),              N_("quit")) \
	X(SEARCH,    N_("search by number, reason or text"),         N_("search")) \
	X(COMPARE,   N_("mark a code, then compare it with another"), N_("compare")) \
	X(FOCUS,     N_("move between the columns of a comparison"), NULL) \
	X(LANG,      N_("switch language (English, Japanese)"),      N_("language")) \
	X(HELP,      N_("show this help"),                           N_("help"))

enum cr_action {
	CR_ACT_NONE = -1,
#define CR_X(name, help, hint) CR_ACT_##name,
	CR_TUI_ACTIONS(CR_X)
#undef CR_X
	CR_ACT__MAX
};

/* The action bound to a key read by the input loop (is_key: a function key). */
enum cr_action cr_key_action(int is_key, wint_t ch);

/* Lines "keys   what they do" for the help overlay, localized; a
 * NULL-terminated array to free with cr_key_lines_free. */
char **cr_key_help_lines(void);
void cr_key_lines_free(char **lines);

/* "Enter open  / search  c compare …", localized; free() it. */
char *cr_key_hints(void);

#endif
