/* Key bindings: a table of (key, action); help and hints are made from it
 * and from the action list, so they cannot drift from what the keys do. */
#include "config.h"

#include "tui/keys.h"
#include "core/util.h"
#include "core/wrap.h"
#include "i18n.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

static const struct action_info {
	const char *help, *hint;
} actions[] = {
#define CR_X(name, help, hint) [CR_ACT_##name] = { help, hint },
	CR_TUI_ACTIONS(CR_X)
#undef CR_X
};

static const struct binding {
	int is_key;             /* a KEY_* code rather than a character */
	wint_t ch;
	enum cr_action action;
	const char *shown;      /* how the help names the key */
} bindings[] = {
	{ 1, KEY_UP, CR_ACT_UP, "↑" },
	{ 0, 'k', CR_ACT_UP, "k" },
	{ 1, KEY_DOWN, CR_ACT_DOWN, "↓" },
	{ 0, 'j', CR_ACT_DOWN, "j" },
	{ 1, KEY_PPAGE, CR_ACT_PAGE_UP, "PgUp" },
	{ 1, KEY_NPAGE, CR_ACT_PAGE_DOWN, "PgDn" },
	{ 0, ' ', CR_ACT_PAGE_DOWN, "Space" },
	{ 1, KEY_HOME, CR_ACT_FIRST, "Home" },
	{ 0, 'g', CR_ACT_FIRST, "g" },
	{ 1, KEY_END, CR_ACT_LAST, "End" },
	{ 0, 'G', CR_ACT_LAST, "G" },
	{ 0, '0', CR_ACT_JUMP, "0-9" },
	{ 0, '1', CR_ACT_JUMP, NULL },
	{ 0, '2', CR_ACT_JUMP, NULL },
	{ 0, '3', CR_ACT_JUMP, NULL },
	{ 0, '4', CR_ACT_JUMP, NULL },
	{ 0, '5', CR_ACT_JUMP, NULL },
	{ 0, '6', CR_ACT_JUMP, NULL },
	{ 0, '7', CR_ACT_JUMP, NULL },
	{ 0, '8', CR_ACT_JUMP, NULL },
	{ 0, '9', CR_ACT_JUMP, NULL },
	{ 0, '\n', CR_ACT_OPEN, "Enter" },
	{ 0, '\r', CR_ACT_OPEN, NULL },
	{ 1, KEY_ENTER, CR_ACT_OPEN, NULL },
	{ 1, KEY_RIGHT, CR_ACT_OPEN, "→" },
	{ 0, 'l', CR_ACT_OPEN, "l" },
	{ 0, 27, CR_ACT_BACK, "Esc" },
	{ 1, KEY_LEFT, CR_ACT_BACK, "←" },
	{ 0, 'h', CR_ACT_BACK, "h" },
	{ 0, 'q', CR_ACT_QUIT, "q" },
	{ 0, '/', CR_ACT_SEARCH, "/" },
	{ 0, 'c', CR_ACT_COMPARE, "c" },
	{ 0, '\t', CR_ACT_FOCUS, "Tab" },
	{ 1, KEY_BTAB, CR_ACT_FOCUS, NULL },
	{ 0, 'L', CR_ACT_LANG, "L" },
	{ 0, '?', CR_ACT_HELP, "?" },
	{ 1, KEY_F(1), CR_ACT_HELP, "F1" },
};

enum cr_action cr_key_action(int is_key, wint_t ch)
{
	for (size_t i = 0; i < CR_ARRAY_SIZE(bindings); i++)
		if (bindings[i].is_key == !!is_key && bindings[i].ch == ch)
			return bindings[i].action;
	return CR_ACT_NONE;
}

/* "↑ k" for an action: every named key bound to it. */
static char *keys_of(enum cr_action a)
{
	struct cr_buf b = { 0 };
	for (size_t i = 0; i < CR_ARRAY_SIZE(bindings); i++)
		if (bindings[i].action == a && bindings[i].shown) {
			if (b.len)
				cr_buf_adds(&b, " ");
			cr_buf_adds(&b, bindings[i].shown);
		}
	return cr_buf_take(&b);
}

char **cr_key_help_lines(void)
{
	char **lines = cr_xcalloc(CR_ACT__MAX + 1, sizeof *lines);
	char *keys[CR_ACT__MAX];
	int width = 0;
	for (int a = 0; a < CR_ACT__MAX; a++) {
		keys[a] = keys_of((enum cr_action)a);
		int w = cr_width(keys[a], strlen(keys[a]));
		if (w > width)
			width = w;
	}
	for (int a = 0; a < CR_ACT__MAX; a++) {
		int pad = width - cr_width(keys[a], strlen(keys[a]));
		lines[a] = cr_asprintf("%s%*s  %s", keys[a], pad, "", _(actions[a].help));
		free(keys[a]);
	}
	return lines;
}

void cr_key_lines_free(char **lines)
{
	if (!lines)
		return;
	for (char **p = lines; *p; p++)
		free(*p);
	free(lines);
}

char *cr_key_hints(void)
{
	struct cr_buf b = { 0 };
	for (int a = 0; a < CR_ACT__MAX; a++) {
		if (!actions[a].hint)
			continue;
		for (size_t i = 0; i < CR_ARRAY_SIZE(bindings); i++)
			if (bindings[i].action == (enum cr_action)a && bindings[i].shown) {
				cr_buf_addf(&b, "%s%s %s", b.len ? "  " : "", bindings[i].shown,
				            _(actions[a].hint));
				break;
			}
	}
	return cr_buf_take(&b);
}
