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

/* A code mentioned in the text, where it is on its line. */
struct pane_link {
	size_t line, off, len;
	int number;
};

struct pane {
	const struct cr_doc *doc;
	/* For links: the database and the set of the card's own code. */
	struct cr_db *db;
	const char *own_set;
	struct pane_line *line;
	size_t count, cap;
	int y, x, h, w;         /* where it is on the screen */
	int top;                /* first line shown */
	/* links: the codes that are links (sorted), where they are, which one
	 * Tab selected (-1: none) */
	const int *codes;
	size_t ncodes;
	struct pane_link *link;
	size_t nlink;
	int link_sel;
	/* text found with `/`: the line of each match, which one n/N is at */
	/* call flows: CR_FLOW_ASCII for --ascii, else box drawing */
	unsigned flow_flags;
	const struct cr_terms *find;
	size_t *match;
	size_t nmatch;
	int match_at;
};

/* Wraps doc to the pane's width (reflow); keeps the scroll where it can. */
void cr_pane_layout(struct pane *p, const struct cr_doc *doc, int y, int x, int h, int w);
void cr_pane_clear(struct pane *p);
/* Finds terms (NULL: none; kept by the caller) in the lines: the matches
 * are counted and the first at or below the top is shown. */
void cr_pane_find(struct pane *p, const struct cr_terms *terms);
/* n / N: the next or previous match, shown mid-pane. */
void cr_pane_find_step(struct pane *p, int dir);
/* Tab / Shift-Tab: the next or previous link, scrolled into view. */
void cr_pane_link_step(struct pane *p, int dir);
/* The code of the selected link, 0 when none. */
int cr_pane_link(const struct pane *p);
/* The next code mentioned in s[from..n), as a key (cr_code_key): "SIP 486"
 * or "Q.850 17" by set name, else a bare response number ("see 480") in
 * the card's set when its numbers are hundreds (SIP), else in the first
 * set.  Returns its offset (n when none), its length in *len. */
size_t cr_pane_mention(const struct pane *p, struct cr_db *db, const char *s, size_t n, size_t from,
                       size_t *len, int *key);
/* Scroll actions; 1 when the action was one of them. */
int cr_pane_scroll(struct pane *p, enum cr_action a);
void cr_pane_scroll_by(struct pane *p, int lines);
void cr_pane_draw(const struct pane *p, WINDOW *w, const struct cr_terms *marks);

#endif
