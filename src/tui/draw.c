/* Column-true drawing.  waddnstr counts bytes and waddnwstr characters;
 * neither counts columns, and ncurses silently drops a wide character at
 * the right edge, so each character is measured here with wcwidth. */
#include "config.h"

#include "tui/draw.h"
#include "core/wrap.h"

#include <string.h>
#include <wchar.h>

int cr_draw(WINDOW *w, int y, int x, int cols, const char *s, size_t n, attr_t attr)
{
	if (cols <= 0)
		return 0;
	wattr_set(w, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	wmove(w, y, x);
	wchar_t buf[64];
	size_t k = 0;
	int used = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	while (n > 0) {
		wchar_t wc;
		size_t len = mbrtowc(&wc, s, n, &st);
		if (len == 0) {
			break;
		} else if (len == (size_t)-1 || len == (size_t)-2) {
			wc = 0xFFFD;
			len = 1;
			memset(&st, 0, sizeof st);
		}
		int cw = wcwidth(wc);
		if (cw < 0) {
			wc = 0xFFFD;
			cw = 1;
		}
		if (used + cw > cols)
			break;
		/* A combining mark at the very start has nothing to sit on. */
		if (cw == 0 && used == 0 && k == 0) {
			s += len;
			n -= len;
			continue;
		}
		if (k == sizeof buf / sizeof buf[0]) {
			waddnwstr(w, buf, (int)k);
			k = 0;
		}
		buf[k++] = wc;
		used += cw;
		s += len;
		n -= len;
	}
	if (k)
		waddnwstr(w, buf, (int)k);
	wattr_set(w, A_NORMAL, 0, NULL);
	return used;
}

int cr_draw_marked(WINDOW *w, int y, int x, int cols, const char *s, size_t n, attr_t attr,
                   const struct cr_terms *terms, attr_t mark)
{
	int used = 0;
	while (n > 0 && used < cols) {
		size_t len = 0;
		size_t at = terms && terms->count ? cr_terms_find(terms, s, n, &len) : n;
		if (at > n)
			at = n;
		int got = cr_draw(w, y, x + used, cols - used, s, at, attr);
		used += got;
		if (at == n || len == 0 || got < cr_width(s, at))
			break;
		got = cr_draw(w, y, x + used, cols - used, s + at, len, mark);
		used += got;
		if (got < cr_width(s + at, len))
			break;
		s += at + len;
		n -= at + len;
	}
	return used;
}

void cr_draw_blank(WINDOW *w, int y, int x, int cols, attr_t attr)
{
	if (cols <= 0)
		return;
	wattr_set(w, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	wmove(w, y, x);
	for (int i = 0; i < cols; i++)
		waddch(w, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
}
