/* Document layout by display columns, mirroring the plain-text renderer:
 *
 *   SIP 486 Busy Here — busy at this device      <- title
 *     Class:      4xx Request Failure             <- facts, values aligned
 *
 *   Description                                   <- heading
 *     Paragraph wrapped with cr_wrap …            <- text
 *     - item with a hanging indent                <- item
 */
#include "config.h"

#include "tui/pane.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "core/util.h"
#include "core/wrap.h"

#include <stdlib.h>
#include <string.h>

static void add_line(struct pane *p, enum cr_role role, int cls, const char *prefix,
                     size_t label, const char *s, size_t n)
{
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->line = cr_xrealloc(p->line, p->cap * sizeof *p->line);
	}
	struct cr_buf b = { 0 };
	cr_buf_adds(&b, prefix);
	cr_buf_add(&b, s, n);
	p->line[p->count++] = (struct pane_line){ cr_buf_take(&b), label, role, cls };
}

struct wrap_ctx {
	struct pane *p;
	enum cr_role role;
	int cls;
	const char *first, *rest;
	size_t label;
	int lines;
};

static void wrapped(const char *line, size_t len, void *data)
{
	struct wrap_ctx *c = data;
	add_line(c->p, c->role, c->cls, c->lines ? c->rest : c->first,
	         c->lines ? 0 : c->label, line, len);
	c->lines++;
}

static void wrap_block(struct pane *p, const struct cr_block *b, const char *first,
                       const char *rest, size_t label)
{
	struct wrap_ctx c = { p, b->role, b->cls, first, rest, label, 0 };
	int room = p->w - cr_width(rest, strlen(rest));
	cr_wrap(b->text ? b->text : "", room > 1 ? room : 1, wrapped, &c);
}

static void blank(struct pane *p)
{
	if (p->count > 0 && p->line[p->count - 1].text[0] != '\0')
		add_line(p, CR_ROLE_TEXT, 0, "", 0, "", 0);
}

void cr_pane_clear(struct pane *p)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->line[i].text);
	free(p->line);
	p->line = NULL;
	p->count = p->cap = 0;
}

static int max_top(const struct pane *p)
{
	int m = (int)p->count - p->h;
	return m > 0 ? m : 0;
}

void cr_pane_layout(struct pane *p, const struct cr_doc *doc, int y, int x, int h, int w)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->line[i].text);
	p->count = 0;
	p->doc = doc;
	p->y = y, p->x = x, p->h = h > 0 ? h : 0, p->w = w > 0 ? w : 0;
	if (!doc || p->w <= 0)
		return;
	/* Narrow panes give up the indents before the text. */
	int narrow = p->w < 24;
	int label_width = 0;
	for (size_t i = 0; i < doc->count; i++)
		if (doc->block[i].role == CR_ROLE_FACT && doc->block[i].label) {
			int lw = cr_width(doc->block[i].label, strlen(doc->block[i].label));
			label_width = lw > label_width ? lw : label_width;
		}
	enum cr_role prev = CR_ROLE_TITLE;
	for (size_t i = 0; i < doc->count; i++) {
		const struct cr_block *b = &doc->block[i];
		const char *ind = narrow ? "" : "  ";
		switch (b->role) {
		case CR_ROLE_TITLE:
			if (i > 0)
				blank(p);
			wrap_block(p, b, "", "", 0);
			break;
		case CR_ROLE_FACT: {
			const char *label = b->label ? b->label : "";
			int pad = label_width - cr_width(label, strlen(label));
			if (narrow || label_width + 4 > p->w / 2) {
				char *first = cr_asprintf("%s%s: ", ind, label);
				wrap_block(p, b, first, ind, strlen(first) - 1);
				free(first);
			} else {
				char *first = cr_asprintf("%s%s:%*s ", ind, label, pad, "");
				char *rest = cr_asprintf("%*s", cr_width(first, strlen(first)), "");
				wrap_block(p, b, first, rest, strlen(ind) + strlen(label) + 1);
				free(first);
				free(rest);
			}
			break;
		}
		case CR_ROLE_HEADING:
			blank(p);
			wrap_block(p, b, "", "", 0);
			break;
		case CR_ROLE_TEXT:
			if (prev == CR_ROLE_TEXT)
				blank(p);
			wrap_block(p, b, ind, ind, 0);
			break;
		case CR_ROLE_NOTICE: {
			struct cr_block nb = *b;
			nb.text = cr_asprintf("[%s]", b->text ? b->text : "");
			wrap_block(p, &nb, ind, ind, 0);
			free(nb.text);
			break;
		}
		case CR_ROLE_ITEM: {
			char *first = cr_asprintf("%s- ", ind);
			char *rest = cr_asprintf("%s  ", ind);
			wrap_block(p, b, first, rest, 0);
			free(first);
			free(rest);
			break;
		}
		}
		prev = b->role;
	}
	if (p->top > max_top(p))
		p->top = max_top(p);
}

void cr_pane_scroll_by(struct pane *p, int lines)
{
	p->top += lines;
	if (p->top > max_top(p))
		p->top = max_top(p);
	if (p->top < 0)
		p->top = 0;
}

int cr_pane_scroll(struct pane *p, enum cr_action a)
{
	int page = p->h > 2 ? p->h - 1 : 1;
	switch (a) {
	case CR_ACT_UP: cr_pane_scroll_by(p, -1); return 1;
	case CR_ACT_DOWN: cr_pane_scroll_by(p, 1); return 1;
	case CR_ACT_PAGE_UP: cr_pane_scroll_by(p, -page); return 1;
	case CR_ACT_PAGE_DOWN: cr_pane_scroll_by(p, page); return 1;
	case CR_ACT_FIRST: p->top = 0; return 1;
	case CR_ACT_LAST: p->top = max_top(p); return 1;
	default: return 0;
	}
}

static attr_t role_look(enum cr_role role)
{
	switch (role) {
	case CR_ROLE_TITLE: return cr_look(CR_LOOK_DOC_TITLE);
	case CR_ROLE_HEADING: return cr_look(CR_LOOK_HEADING);
	case CR_ROLE_NOTICE: return cr_look(CR_LOOK_NOTICE);
	default: return cr_look(CR_LOOK_NORMAL);
	}
}

void cr_pane_draw(const struct pane *p, WINDOW *w, const struct cr_terms *marks)
{
	for (int r = 0; r < p->h; r++) {
		size_t i = (size_t)(p->top + r);
		cr_draw_blank(w, p->y + r, p->x, p->w, cr_look(CR_LOOK_NORMAL));
		if (i >= p->count)
			continue;
		const struct pane_line *l = &p->line[i];
		int used = 0;
		if (l->label)
			used = cr_draw(w, p->y + r, p->x, p->w, l->text, l->label, cr_look(CR_LOOK_LABEL));
		const char *rest = l->text + l->label;
		int col = p->x + used;
		if (l->role == CR_ROLE_TITLE && l->cls) {
			/* The class colour on the title's own line. */
			cr_draw_marked(w, p->y + r, col, p->w - used, rest, strlen(rest),
			               cr_class_look(l->cls) | A_BOLD, marks, cr_look(CR_LOOK_MATCH));
		} else {
			cr_draw_marked(w, p->y + r, col, p->w - used, rest, strlen(rest), role_look(l->role),
			               marks, cr_look(CR_LOOK_MATCH));
		}
	}
}
