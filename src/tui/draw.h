/* Putting UTF-8 text on the screen by columns: wide characters take two,
 * and one that does not fit is never cut in half. */
#ifndef CODEREF_TUI_DRAW_H
#define CODEREF_TUI_DRAW_H

#include "core/search.h"

#include <curses.h>
#include <stddef.h>

/* Draws the n bytes of s at (y, x) in at most cols columns with attr;
 * returns the columns used.  Invalid bytes show as U+FFFD. */
int cr_draw(WINDOW *w, int y, int x, int cols, const char *s, size_t n, attr_t attr);
/* Same, with the matches of terms (may be NULL) in mark. */
int cr_draw_marked(WINDOW *w, int y, int x, int cols, const char *s, size_t n, attr_t attr,
                   const struct cr_terms *terms, attr_t mark);
/* Same as cr_draw_marked, and text too long for cols ends in "…". */
int cr_draw_marked_cut(WINDOW *w, int y, int x, int cols, const char *s, size_t n, attr_t attr,
                       const struct cr_terms *terms, attr_t mark);
static inline int cr_draw_cut(WINDOW *w, int y, int x, int cols, const char *s, size_t n,
                              attr_t attr)
{
	return cr_draw_marked_cut(w, y, x, cols, s, n, attr, NULL, attr);
}
/* Text with the matched words between CR_MARK_ON and CR_MARK_OFF (a search
 * result's snippet): the words in mark, the rest in attr, cut with "…". */
int cr_draw_snippet(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, attr_t mark);
/* cols blanks in attr. */
void cr_draw_blank(WINDOW *w, int y, int x, int cols, attr_t attr);

#endif
