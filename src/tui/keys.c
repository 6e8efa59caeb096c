/* Key bindings: a table of (key, where, action); help and hints are made
 * from it and from the action list, so they cannot drift from what the
 * keys do. */
#include "config.h"

#include "tui/keys.h"
#include "core/util.h"
#include "core/wrap.h"
#include "i18n.h"

#include <curses.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const struct action_info {
	const char *help, *hint;
} actions[] = {
#define CR_X(name, help, hint) [CR_ACT_##name] = { help, hint },
	CR_TUI_ACTIONS(CR_X)
#undef CR_X
};

#define CR_CTRL(c) ((c) & 0x1f)

static const struct binding {
	int is_key;             /* a KEY_* code rather than a character */
	wint_t ch;
	int where;
	enum cr_action action;
	const char *shown;      /* how the help names the key */
} bindings[] = {
	{ 1, KEY_UP, CR_IN_ALL, CR_ACT_UP, "↑" },
	{ 0, 'k', CR_IN_ALL, CR_ACT_UP, "k" },
	{ 0, CR_CTRL('p'), CR_IN_ALL, CR_ACT_UP, "C-p" },
	{ 1, KEY_DOWN, CR_IN_ALL, CR_ACT_DOWN, "↓" },
	{ 0, 'j', CR_IN_ALL, CR_ACT_DOWN, "j" },
	{ 0, CR_CTRL('n'), CR_IN_ALL, CR_ACT_DOWN, "C-n" },
	{ 1, KEY_PPAGE, CR_IN_ALL, CR_ACT_PAGE_UP, "PgUp" },
	{ 0, 'b', CR_IN_ALL, CR_ACT_PAGE_UP, "b" },
	{ 0, CR_CTRL('b'), CR_IN_ALL, CR_ACT_PAGE_UP, "C-b" },
	{ 1, KEY_NPAGE, CR_IN_ALL, CR_ACT_PAGE_DOWN, "PgDn" },
	{ 0, ' ', CR_IN_ALL, CR_ACT_PAGE_DOWN, "Space" },
	{ 0, 'f', CR_IN_CARD | CR_IN_COMPARE, CR_ACT_PAGE_DOWN, "f" },
	{ 0, CR_CTRL('f'), CR_IN_ALL, CR_ACT_PAGE_DOWN, "C-f" },
	{ 0, CR_CTRL('u'), CR_IN_ALL, CR_ACT_HALF_UP, "C-u" },
	{ 0, CR_CTRL('d'), CR_IN_ALL, CR_ACT_HALF_DOWN, "C-d" },
	{ 1, KEY_HOME, CR_IN_ALL, CR_ACT_FIRST, "Home" },
	{ 0, 'g', CR_IN_ALL, CR_ACT_FIRST, "g" },
	{ 1, KEY_END, CR_IN_ALL, CR_ACT_LAST, "End" },
	{ 0, 'G', CR_IN_ALL, CR_ACT_LAST, "G" },
	{ 0, '0', CR_IN_LIST, CR_ACT_JUMP, "0-9" },
	{ 0, '1', CR_IN_LIST, CR_ACT_JUMP, NULL },
	{ 0, '2', CR_IN_LIST, CR_ACT_JUMP, NULL },
	{ 0, '3', CR_IN_LIST, CR_ACT_JUMP, NULL },
	{ 0, '4', CR_IN_LIST, CR_ACT_JUMP, NULL },
	{ 0, '5', CR_IN_LIST, CR_ACT_JUMP, NULL },
	{ 0, '6', CR_IN_LIST, CR_ACT_JUMP, NULL },
	{ 0, '7', CR_IN_LIST, CR_ACT_JUMP, NULL },
	{ 0, '8', CR_IN_LIST, CR_ACT_JUMP, NULL },
	{ 0, '9', CR_IN_LIST, CR_ACT_JUMP, NULL },
	{ 0, '\r', CR_IN_ALL, CR_ACT_OPEN, "Enter" },
	{ 0, '\n', CR_IN_ALL, CR_ACT_OPEN, NULL },
	{ 1, KEY_ENTER, CR_IN_ALL, CR_ACT_OPEN, NULL },
	{ 1, KEY_RIGHT, CR_IN_LIST, CR_ACT_OPEN, "→" },
	{ 0, 'l', CR_IN_LIST, CR_ACT_OPEN, "l" },
	{ 0, 27, CR_IN_ALL, CR_ACT_BACK, "Esc" },
	{ 1, KEY_BACKSPACE, CR_IN_ALL, CR_ACT_BACK, "Backspace" },
	{ 0, 127, CR_IN_ALL, CR_ACT_BACK, NULL },
	{ 0, 8, CR_IN_ALL, CR_ACT_BACK, NULL },
	{ 1, KEY_LEFT, CR_IN_CARD, CR_ACT_BACK, "←" },
	{ 0, 'h', CR_IN_CARD, CR_ACT_BACK, "h" },
	{ 0, 'q', CR_IN_ALL, CR_ACT_QUIT, "q" },
	{ 0, 'Q', CR_IN_ALL, CR_ACT_QUIT_ALL, "Q" },
	{ 0, '/', CR_IN_ALL, CR_ACT_SEARCH, "/" },
	{ 0, 'n', CR_IN_CARD | CR_IN_COMPARE | CR_IN_LOG, CR_ACT_FIND_NEXT, "n" },
	{ 0, 'N', CR_IN_CARD | CR_IN_COMPARE | CR_IN_LOG, CR_ACT_FIND_PREV, "N" },
	{ 0, 'c', CR_IN_ALL, CR_ACT_COMPARE, "c" },
	{ 0, '\t', CR_IN_CARD | CR_IN_COMPARE, CR_ACT_NEXT, "Tab" },
	{ 1, KEY_BTAB, CR_IN_CARD | CR_IN_COMPARE, CR_ACT_PREV, "S-Tab" },
	{ 1, KEY_LEFT, CR_IN_COMPARE | CR_IN_LOG, CR_ACT_LEFT, "←" },
	{ 0, 'h', CR_IN_COMPARE, CR_ACT_LEFT, "h" },
	{ 1, KEY_RIGHT, CR_IN_COMPARE | CR_IN_LOG, CR_ACT_RIGHT, "→" },
	{ 0, 'l', CR_IN_COMPARE, CR_ACT_RIGHT, "l" },
	{ 0, 'x', CR_IN_COMPARE, CR_ACT_SWAP, "x" },
	{ 0, '=', CR_IN_COMPARE, CR_ACT_LOCK, "=" },
	{ 0, 'y', CR_IN_ALL, CR_ACT_COPY, "y" },
	{ 0, 'Y', CR_IN_ALL, CR_ACT_COPY_LINE, "Y" },
	{ 0, 'f', CR_IN_LIST, CR_ACT_FILTER, "f" },
	{ 0, 's', CR_IN_LIST, CR_ACT_SET, "s" },
	{ 0, 'L', CR_IN_ALL, CR_ACT_LANG, "L" },
	{ 0, CR_CTRL('l'), CR_IN_ALL, CR_ACT_REDRAW, "C-l" },
	{ 0, '?', CR_IN_ALL, CR_ACT_HELP, "?" },
	{ 1, KEY_F(1), CR_IN_ALL, CR_ACT_HELP, "F1" },
};

enum cr_action cr_key_action(int where, int is_key, wint_t ch, int alt)
{
	if (alt)
		return CR_ACT_NONE;
	for (size_t i = 0; i < CR_ARRAY_SIZE(bindings); i++)
		if (bindings[i].is_key == !!is_key && bindings[i].ch == ch && (bindings[i].where & where))
			return bindings[i].action;
	return CR_ACT_NONE;
}

const struct cr_key_seq cr_key_seqs[] = {
	{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME }, { "\033[H", KEY_HOME },
	{ "\033OH", KEY_HOME },
	{ "\033[4~", KEY_END }, { "\033[8~", KEY_END }, { "\033[F", KEY_END },
	{ "\033OF", KEY_END },
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[Z", KEY_BTAB },
	{ "\033[200~", CR_KEY_PASTE_BEGIN }, { "\033[201~", CR_KEY_PASTE_END },
};
const size_t cr_key_nseqs = CR_ARRAY_SIZE(cr_key_seqs);

int cr_key_from_sequence(char prefix, const char *params, size_t n, char final)
{
	/* Modifiers ("1;5A" is Ctrl-Up) are dropped: the key is the key. */
	if (final >= 'A' && final <= 'H' && (prefix == 'O' || n == 0 || params[0] == '1')) {
		switch (final) {
		case 'A': return KEY_UP;
		case 'B': return KEY_DOWN;
		case 'C': return KEY_RIGHT;
		case 'D': return KEY_LEFT;
		case 'H': return KEY_HOME;
		default: break;
		}
	}
	if (final == 'F' && (prefix == 'O' || n == 0 || params[0] == '1'))
		return KEY_END;
	if (prefix == 'O' && final == 'P')
		return KEY_F(1);
	if (prefix == '[' && final == 'Z')
		return KEY_BTAB;
	if (prefix == '[' && final == '~' && n > 0) {
		int num = atoi(params);
		switch (num) {
		case 1: case 7: return KEY_HOME;
		case 4: case 8: return KEY_END;
		case 2: return KEY_IC;
		case 3: return KEY_DC;
		case 5: return KEY_PPAGE;
		case 6: return KEY_NPAGE;
		case 11: return KEY_F(1);
		case 200: return CR_KEY_PASTE_BEGIN;
		case 201: return CR_KEY_PASTE_END;
		default: break;
		}
	}
	return CR_KEY_IGNORE;
}

/* "↑ k C-p" for an action: every named key bound to it (where: views). */
static char *keys_of(enum cr_action a, int where)
{
	struct cr_buf b = { 0 };
	for (size_t i = 0; i < CR_ARRAY_SIZE(bindings); i++)
		if (bindings[i].action == a && bindings[i].shown && (bindings[i].where & where)) {
			if (b.len && strstr(b.s, bindings[i].shown))
				continue;   /* ← h in two kinds of view */
			if (b.len)
				cr_buf_adds(&b, " ");
			cr_buf_adds(&b, bindings[i].shown);
		}
	return cr_buf_take(&b);
}

struct help_ctx {
	char **lines;
	size_t n;
	const char *first;      /* keys, padded; then blanks */
	int pad;
};

static void help_line(const char *line, size_t len, void *data)
{
	struct help_ctx *c = data;
	c->lines[c->n++] = cr_asprintf("%s%*s%.*s", c->first, c->pad, "", (int)len, line);
	c->first = "";
}

char **cr_key_help_lines(int width)
{
	char *keys[CR_ACT__MAX];
	int kw = 0;
	for (int a = 0; a < CR_ACT__MAX; a++) {
		keys[a] = keys_of((enum cr_action)a, CR_IN_ALL);
		int w = cr_width(keys[a], strlen(keys[a]));
		kw = w > kw ? w : kw;
	}
	/* On a narrow screen the text goes under its keys. */
	bool under = kw + 2 + 16 > width;
	size_t cap = 0;
	for (int a = 0; a < CR_ACT__MAX; a++)
		cap += 2 + strlen(_(actions[a].help));    /* a line per byte at worst */
	char **lines = cr_xcalloc(cap + 1, sizeof *lines);
	struct help_ctx c = { lines, 0, "", 0 };
	for (int a = 0; a < CR_ACT__MAX; a++) {
		const char *help = _(actions[a].help);
		if (under) {
			lines[c.n++] = cr_xstrdup(keys[a]);
			c.first = "";
			c.pad = 2;
			cr_wrap(help, width - 2 > 1 ? width - 2 : 1, help_line, &c);
		} else {
			char *first = cr_asprintf("%s%*s  ", keys[a],
			                          kw - cr_width(keys[a], strlen(keys[a])), "");
			c.first = first;
			c.pad = 0;
			/* continuation lines: indented under the text */
			struct cr_buf ind = { 0 };
			cr_buf_addf(&ind, "%*s", kw + 2, "");
			size_t before = c.n;
			cr_wrap(help, width - kw - 2, help_line, &c);
			for (size_t i = before + 1; i < c.n; i++) {
				char *s = cr_asprintf("%s%s", ind.s, lines[i]);
				free(lines[i]);
				lines[i] = s;
			}
			cr_buf_free(&ind);
			free(first);
		}
		free(keys[a]);
	}
	lines[c.n] = NULL;
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

/* "? help": the first named key of the action in these views. */
static char *hint_of(enum cr_action a, int where)
{
	if (a < 0 || a >= CR_ACT__MAX || !actions[a].hint)
		return NULL;
	for (size_t i = 0; i < CR_ARRAY_SIZE(bindings); i++)
		if (bindings[i].action == a && bindings[i].shown && (bindings[i].where & where))
			return cr_asprintf("%s %s", bindings[i].shown, _(actions[a].hint));
	return NULL;
}

char *cr_key_hints(int where, const enum cr_action *hints, int width)
{
	char *help = hint_of(CR_ACT_HELP, where);
	int room = width - cr_width(help, strlen(help));
	size_t n = 0;
	while (hints && hints[n] != CR_ACT_NONE)
		n++;
	/* Most important first: each is kept while it fits. */
	bool *keep = cr_xcalloc(n + 1, sizeof *keep);
	char **text = cr_xcalloc(n + 1, sizeof *text);
	for (size_t i = 0; i < n; i++) {
		text[i] = hint_of(hints[i], where);
		if (!text[i])
			continue;
		int w = cr_width(text[i], strlen(text[i])) + 2;
		if (w <= room) {
			keep[i] = true;
			room -= w;
		}
	}
	struct cr_buf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (keep[i])
			cr_buf_addf(&b, "%s  ", text[i]);
		free(text[i]);
	}
	cr_buf_adds(&b, help);
	free(help);
	free(keep);
	free(text);
	return cr_buf_take(&b);
}
