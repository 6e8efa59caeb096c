/* Writing documents as plain text: the command line's presentation. */
#ifndef CODEREF_RENDER_H
#define CODEREF_RENDER_H

#include "core/doc.h"
#include "core/search.h"

#include <stdio.h>

struct cr_out {
	FILE *fp;
	int width;                      /* wrap to this many columns; 0: never wrap */
	int bold;                       /* terminal: embolden titles, headings, matches */
	int color;                      /* colour code numbers by class */
	const struct cr_terms *marks;   /* search terms to mark, or NULL */
	int ascii;                      /* call flows in | - > < (--ascii, not UTF-8) */
	int no_flow;                    /* leave call-flow sections out */
};

void cr_render_doc(struct cr_out *o, const struct cr_doc *d);
/* The call flows of two cards (either may be NULL: the FLOW block of
 * each), under their titles: side by side when the width holds two
 * ladders of 40 columns, else one above the other. */
void cr_render_flows(struct cr_out *o, const char *heading, const struct cr_block *a,
                     const char *title_a, const struct cr_block *b, const char *title_b);
/* One line of text, with matches marked; no wrapping. */
void cr_render_line(struct cr_out *o, const char *text);
/* A search result's snippet, indented under it on one line. */
void cr_render_snippet(struct cr_out *o, const char *snippet);
/* A list row "486 Busy Here …": the leading number in its class colour. */
void cr_render_row(struct cr_out *o, int cls, const char *text);

#endif
