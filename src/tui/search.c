/* The search line: built from the input loop's wide characters, so Japanese
 * typed through an input method arrives whole; every edit searches again. */
#include "config.h"

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "core/wrap.h"
#include "i18n.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* Longer input is ignored: no code's text is longer than this anyway. */
#define SEARCH_MAX_BYTES 65536

/* The search runs once before the next paint, not once per key: a paste
 * of ten thousand characters is one search. */
static void changed(struct tui *t)
{
	t->need_search = true;
}

void cr_search_apply(struct tui *t)
{
	t->need_search = false;
	cr_terms_free(&t->search.terms);
	cr_terms_parse(t->search.text.s ? t->search.text.s : "", &t->search.terms);
	if (t->depth > 0)
		cr_view_list_search_changed(t->stack[0], t);
}

void cr_search_open(struct tui *t)
{
	t->search.shown = true;
	t->search.editing = true;
	t->need_reflow = true;
}

void cr_search_close(struct tui *t)
{
	bool had = t->search.text.len > 0;
	t->search.shown = false;
	t->search.editing = false;
	cr_buf_free(&t->search.text);
	t->need_reflow = true;
	if (had)
		changed(t);
}

void cr_search_free(struct tui *t)
{
	cr_buf_free(&t->search.text);
	cr_terms_free(&t->search.terms);
}

static void delete_last(struct cr_buf *b)
{
	if (b->len == 0)
		return;
	size_t i = b->len - 1;
	while (i > 0 && ((unsigned char)b->s[i] & 0xC0) == 0x80)
		i--;
	b->len = i;
	b->s[i] = '\0';
}

int cr_search_key(struct tui *t, int is_key, wint_t ch)
{
	if (!t->search.editing)
		return 0;
	struct cr_buf *b = &t->search.text;
	if (is_key) {
		switch (ch) {
		case KEY_BACKSPACE:
			delete_last(b);
			changed(t);
			return 1;
		case KEY_ENTER:
			break;
		case KEY_UP: case KEY_DOWN: case KEY_PPAGE: case KEY_NPAGE:
			return 0;   /* move in the results while typing */
		default:
			return 1;
		}
	}
	switch (ch) {
	case 27:        /* Esc: the full list again */
		cr_search_close(t);
		return 1;
	case '\n': case '\r': case KEY_ENTER:
		t->search.editing = false;
		if (b->len == 0)
			cr_search_close(t);
		return 1;
	case 127: case 8:
		delete_last(b);
		changed(t);
		return 1;
	case 21:        /* Ctrl-U */
		cr_buf_free(b);
		changed(t);
		return 1;
	}
	if (!iswprint(ch) || b->len >= SEARCH_MAX_BYTES)
		return 1;
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n == (size_t)-1)
		return 1;
	cr_buf_add(b, mb, n);
	changed(t);
	return 1;
}

void cr_search_draw(struct tui *t)
{
	if (!t->search.shown)
		return;
	int y = t->rows - 2;
	attr_t look = cr_look(CR_LOOK_SEARCH);
	cr_draw_blank(stdscr, y, 0, t->cols, cr_look(CR_LOOK_NORMAL));
	/* TRANSLATORS: the prompt of the search line. */
	const char *prompt = _("Search: ");
	int used = cr_draw(stdscr, y, 0, t->cols, prompt, strlen(prompt), cr_look(CR_LOOK_LABEL));
	int room = t->cols - used - 1;
	const char *s = t->search.text.s ? t->search.text.s : "";
	size_t n = t->search.text.len;
	/* Show the end of a line too long for the screen. */
	int w = cr_width(s, n);
	while (w > room && n > 0) {
		size_t k = 1;
		while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
			k++;
		w -= cr_width(s, k);
		s += k;
		n -= k;
	}
	used += cr_draw(stdscr, y, used, room, s, n, look);
	if (t->search.editing) {
		wmove(stdscr, y, used < t->cols ? used : t->cols - 1);
		curs_set(1);
	}
}
