/* A document laid out for a width and scrolled in a rectangle: what the
 * card view shows, and each part of a comparison. */
#ifndef CODEREF_TUI_PANE_H
#define CODEREF_TUI_PANE_H

#include "core/doc.h"
#include "core/search.h"
#include "tui/keys.h"

#include <curses.h>
#include <stddef.h>

struct pane_line {
	char *text;
	size_t label;           /* bytes at the start drawn as a fact label */
	enum cr_role role;
	int cls;
};

struct pane {
	const struct cr_doc *doc;
	struct pane_line *line;
	size_t count, cap;
	int y, x, h, w;         /* where it is on the screen */
	int top;                /* first line shown */
};

/* Wraps doc to the pane's width (reflow); keeps the scroll where it can. */
void cr_pane_layout(struct pane *p, const struct cr_doc *doc, int y, int x, int h, int w);
void cr_pane_clear(struct pane *p);
/* Scroll actions; 1 when the action was one of them. */
int cr_pane_scroll(struct pane *p, enum cr_action a);
void cr_pane_scroll_by(struct pane *p, int lines);
void cr_pane_draw(const struct pane *p, WINDOW *w, const struct cr_terms *marks);

#endif
