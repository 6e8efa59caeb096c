/* Column-true drawing.  waddnstr counts bytes and waddnwstr characters;
 * neither counts columns, and ncurses silently drops a wide character at
 * the right edge, so each character is measured here with wcwidth. */
#include "config.h"

#include "tui/draw.h"
#include "core/wrap.h"

#include <stdbool.h>
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

int cr_draw_marked_cut(WINDOW *w, int y, int x, int cols, const char *s, size_t n, attr_t attr,
                       const struct cr_terms *terms, attr_t mark)
{
	if (cols <= 0)
		return 0;
	if (cr_width(s, n) <= cols)
		return cr_draw_marked(w, y, x, cols, s, n, attr, terms, mark);
	size_t fit = cr_fit(s, n, cols - 1);
	int used = cr_draw_marked(w, y, x, cols - 1, s, fit, attr, terms, mark);
	return used + cr_draw(w, y, x + used, 1, "…", strlen("…"), attr);
}

int cr_draw_snippet(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, attr_t mark)
{
	int used = 0;
	bool on = false;
	size_t n = strlen(s);
	while (n > 0 && used < cols) {
		size_t k = 0;
		while (k < n && s[k] != CR_MARK_ON && s[k] != CR_MARK_OFF)
			k++;
		int room = cols - used;
		int need = cr_width(s, k);
		bool last = k == n;
		if (need > room || (need == room && !last)) {
			/* More than fits: this part, cut, and "…". */
			size_t fit = cr_fit(s, k, room - 1);
			used += cr_draw(w, y, x + used, room - 1, s, fit, on ? mark : attr);
			used += cr_draw(w, y, x + used, 1, "…", strlen("…"), attr);
			break;
		}
		used += cr_draw(w, y, x + used, room, s, k, on ? mark : attr);
		if (last)
			break;
		on = s[k] == CR_MARK_ON;
		s += k + 1;
		n -= k + 1;
	}
	return used;
}

void cr_draw_blank(WINDOW *w, int y, int x, int cols, attr_t attr)
{
	if (cols <= 0)
		return;
	wattr_set(w, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	wmove(w, y, x);
	/* One call for the run (a blank per waddch was a fifth of a repaint);
	 * whline renders blanks in the window's attributes as waddch does,
	 * and leaves the cursor where it was. */
	whline(w, ' ', cols);
	wattr_set(w, A_NORMAL, 0, NULL);
}
