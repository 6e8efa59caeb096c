/* The search line as an editor of one line, like a shell's: built from the
 * input loop's wide characters, so Japanese typed through an input method
 * arrives whole.  It knows nothing of views: the loop (tui.c) decides what
 * an edit searches. */
#include "config.h"

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "core/wrap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* Longer input is ignored: no code's text is longer than this anyway. */
#define LINE_MAX_BYTES 65536
#define CR_CTRL(c) ((c) & 0x1f)

static bool cont(char c) { return ((unsigned char)c & 0xC0) == 0x80; }

static size_t prev_char(const struct cr_line *l, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && cont(l->text.s[at]))
		at--;
	return at;
}

static size_t next_char(const struct cr_line *l, size_t at)
{
	if (at >= l->text.len)
		return l->text.len;
	at++;
	while (at < l->text.len && cont(l->text.s[at]))
		at++;
	return at;
}

static bool is_space(char c) { return c == ' '; }

/* Words end at spaces and at punctuation, as Alt-b/Alt-f in a shell. */
static bool is_word(char c)
{
	unsigned char u = (unsigned char)c;
	return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
}

static size_t word_back(const struct cr_line *l, size_t at)
{
	while (at > 0 && !is_word(l->text.s[prev_char(l, at)]))
		at = prev_char(l, at);
	while (at > 0 && is_word(l->text.s[prev_char(l, at)]))
		at = prev_char(l, at);
	return at;
}

static size_t word_forward(const struct cr_line *l, size_t at)
{
	while (at < l->text.len && !is_word(l->text.s[at]))
		at = next_char(l, at);
	while (at < l->text.len && is_word(l->text.s[at]))
		at = next_char(l, at);
	return at;
}

/* Ctrl-W: back over spaces, then over everything up to a space. */
static size_t space_word_back(const struct cr_line *l, size_t at)
{
	while (at > 0 && is_space(l->text.s[at - 1]))
		at--;
	while (at > 0 && !is_space(l->text.s[at - 1]))
		at--;
	return at;
}

static void cut(struct cr_line *l, size_t from, size_t to)
{
	if (from >= to)
		return;
	memmove(l->text.s + from, l->text.s + to, l->text.len - to + 1);
	l->text.len -= to - from;
	l->cur = from;
}

void cr_line_insert(struct cr_line *l, const char *s, size_t n)
{
	if (l->text.len + n > LINE_MAX_BYTES)
		return;
	size_t tail = l->text.len - l->cur;
	cr_buf_add(&l->text, s, n);     /* room, and the NUL */
	memmove(l->text.s + l->cur + n, l->text.s + l->cur, tail);
	memcpy(l->text.s + l->cur, s, n);
	l->cur += n;
}

void cr_line_set(struct cr_line *l, const char *s)
{
	cr_buf_free(&l->text);
	l->cur = 0;
	cr_line_insert(l, s ? s : "", s ? strlen(s) : 0);
	if (!l->text.s)
		cr_buf_add(&l->text, "", 0);
}

void cr_line_free(struct cr_line *l)
{
	cr_buf_free(&l->text);
	l->cur = 0;
}

const char *cr_line_text(const struct cr_line *l)
{
	return l->text.s ? l->text.s : "";
}

enum cr_line_result cr_line_key(struct cr_line *l, int is_key, wint_t ch, int alt)
{
	if (!l->text.s)
		cr_buf_add(&l->text, "", 0);
	if (alt) {
		if (ch == 'b' || ch == 'B')
			l->cur = word_back(l, l->cur);
		else if (ch == 'f' || ch == 'F')
			l->cur = word_forward(l, l->cur);
		else if (ch == 127 || ch == 8) {
			cut(l, word_back(l, l->cur), l->cur);
			return CR_LINE_EDITED;
		} else if (ch == 'd') {
			size_t to = word_forward(l, l->cur);
			cut(l, l->cur, to);
			return CR_LINE_EDITED;
		} else {
			return CR_LINE_PASS;
		}
		return CR_LINE_MOVED;
	}
	if (is_key) {
		switch (ch) {
		case KEY_LEFT: l->cur = prev_char(l, l->cur); return CR_LINE_MOVED;
		case KEY_RIGHT: l->cur = next_char(l, l->cur); return CR_LINE_MOVED;
		case KEY_HOME: l->cur = 0; return CR_LINE_MOVED;
		case KEY_END: l->cur = l->text.len; return CR_LINE_MOVED;
		case KEY_BACKSPACE:
			cut(l, prev_char(l, l->cur), l->cur);
			return CR_LINE_EDITED;
		case KEY_DC:
			cut(l, l->cur, next_char(l, l->cur));
			return CR_LINE_EDITED;
		default:
			return CR_LINE_PASS;
		}
	}
	switch (ch) {
	case CR_CTRL('a'): l->cur = 0; return CR_LINE_MOVED;
	case CR_CTRL('e'): l->cur = l->text.len; return CR_LINE_MOVED;
	case CR_CTRL('b'): l->cur = prev_char(l, l->cur); return CR_LINE_MOVED;
	case CR_CTRL('f'): l->cur = next_char(l, l->cur); return CR_LINE_MOVED;
	case 127: case CR_CTRL('h'):
		cut(l, prev_char(l, l->cur), l->cur);
		return CR_LINE_EDITED;
	case CR_CTRL('w'):
		cut(l, space_word_back(l, l->cur), l->cur);
		return CR_LINE_EDITED;
	case CR_CTRL('u'):
		cut(l, 0, l->cur);
		return CR_LINE_EDITED;
	default:
		break;
	}
	if (!iswprint(ch))
		return CR_LINE_PASS;
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n != (size_t)-1)
		cr_line_insert(l, mb, n);
	return CR_LINE_EDITED;
}

void cr_line_draw(const struct cr_line *l, int y, int cols, const char *prompt, bool active)
{
	attr_t look = cr_look(active ? CR_LOOK_SEARCH_ACTIVE : CR_LOOK_SEARCH);
	cr_draw_blank(stdscr, y, 0, cols, look);
	int used = cr_draw(stdscr, y, 0, cols, prompt, strlen(prompt),
	                   (active ? look : cr_look(CR_LOOK_LABEL)) | A_BOLD);
	int room = cols - used - 1;
	if (room < 1)
		return;
	const char *s = cr_line_text(l);
	size_t start = 0;
	/* Scrolled so that the cursor shows: the end of a long line. */
	while (start < l->cur && cr_width(s + start, l->cur - start) > room - 1)
		start = next_char(l, start);
	cr_draw(stdscr, y, used, room, s + start, l->text.len - start, look);
	if (active) {
		int cx = used + cr_width(s + start, l->cur - start);
		wmove(stdscr, y, cx < cols ? cx : cols - 1);
		curs_set(1);
	}
}
