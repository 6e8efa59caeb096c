/* Document layout by display columns, mirroring the plain-text renderer:
 *
 *   SIP 486 Busy Here — busy at this device      <- title
 *     Class:      4xx Request Failure             <- facts, values aligned
 *
 *   Description                                   <- heading
 *     Paragraph wrapped with cr_wrap …            <- text
 *     - item with a hanging indent                <- item
 *
 *   Call flow                                     <- heading
 *     UAC         Proxy                            <- a ladder drawn for the
 *      │  INVITE   │                                  pane's width, its marked
 *      │──────────▶│                                  arrow in the class colour
 */
#include "config.h"

#include "tui/pane.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "core/code.h"
#include "core/flow.h"
#include "core/mention.h"
#include "core/util.h"
#include "core/wrap.h"

#include <ctype.h>
#include <stdbool.h>
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

/* The ladder for the pane's width; the block's notice when it cannot be
 * drawn that narrow.  Lines keep the marks around the code's own arrow. */
static void flow_block(struct pane *p, const struct cr_block *b, const char *ind)
{
	struct cr_flow_lines l = { 0 };
	int room = p->w - cr_width(ind, strlen(ind));
	if (!b->flow || cr_flow_render(b->flow, b->names, room, p->flow_flags, &l) < 0) {
		struct cr_block nb = *b;
		nb.role = CR_ROLE_NOTICE;
		nb.text = cr_asprintf("[%s]", b->label ? b->label : "");
		wrap_block(p, &nb, ind, ind, 0);
		free(nb.text);
		return;
	}
	for (size_t i = 0; i < l.count; i++)
		add_line(p, CR_ROLE_FLOW, b->cls, ind, 0, l.line[i], strlen(l.line[i]));
	cr_flow_lines_free(&l);
}

void cr_pane_clear(struct pane *p)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->line[i].text);
	free(p->line);
	p->line = NULL;
	p->count = p->cap = 0;
	free(p->link);
	p->link = NULL;
	p->nlink = 0;
	free(p->match);
	p->match = NULL;
	p->nmatch = 0;
}

static bool is_code(const struct pane *p, int number)
{
	size_t lo = 0, hi = p->ncodes;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->codes[mid] == number)
			return true;
		if (p->codes[mid] < number)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* "Q.850 17", "SIP 486": a set's name, a space, 1 to 6 digits standing alone. */
static size_t set_mention(struct cr_db *db, const char *s, size_t n, size_t from, size_t *len, int *key)
{
	size_t count;
	const struct cr_set *sets = cr_db_sets(db, &count);
	size_t best = n;
	for (size_t k = 0; k < count; k++) {
		size_t nl = strlen(sets[k].name);
		for (size_t i = from; i + nl + 2 <= n && i < best; i++) {
			if (memcmp(s + i, sets[k].name, nl) != 0 || s[i + nl] != ' ')
				continue;
			if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_'))
				continue;
			size_t d = strspn(s + i + nl + 1, "0123456789");
			if (i + nl + 1 + d > n)
				d = n - i - nl - 1;
			const char *after = s + i + nl + 1 + d;
			if (d == 0 || d > 6 || (after < s + n && (isalnum((unsigned char)*after) || *after == '_' ||
			                                           (*after == '.' && after + 1 < s + n &&
			                                            isdigit((unsigned char)after[1])))))
				continue;
			best = i;
			*len = nl + 1 + d;
			*key = (int)k * CR_KEY_STRIDE + atoi(s + i + nl + 1);
		}
	}
	return best;
}

size_t cr_pane_mention(const struct pane *p, struct cr_db *db, const char *s, size_t n, size_t from,
                       size_t *len, int *key)
{
	size_t bare_len, named_len = 0;
	int number, named_key = 0;
	size_t bare = cr_mention_next(s, n, from, &bare_len, &number);
	size_t named = db ? set_mention(db, s, n, from, &named_len, &named_key) : n;
	if (named < n && named <= bare) {
		*len = named_len;
		*key = named_key;
		return named;
	}
	if (bare < n) {
		const struct cr_set *own = db ? cr_db_set(db, p->own_set) : NULL;
		size_t count;
		const char *set = own && own->by_hundreds ? own->key : db ? cr_db_sets(db, &count)[0].key : NULL;
		*len = bare_len;
		*key = db ? cr_code_key(db, set, number) : number;
		return bare;
	}
	*len = 0;
	*key = 0;
	return n;
}

static void find_links(struct pane *p)
{
	int had = p->link_sel >= 0 && (size_t)p->link_sel < p->nlink ? p->link[p->link_sel].number : 0;
	free(p->link);
	p->link = NULL;
	p->nlink = 0;
	p->link_sel = -1;
	if (!p->ncodes)
		return;
	size_t cap = 0;
	for (size_t i = 0; i < p->count; i++) {
		const char *s = p->line[i].text;
		size_t n = strlen(s), len, at = 0;
		int number;
		if (p->line[i].role == CR_ROLE_FLOW)
			continue;       /* a ladder's labels are protocol tokens, not links */
		while ((at = cr_pane_mention(p, p->db, s, n, at, &len, &number)) < n) {
			if (is_code(p, number)) {
				if (p->nlink == cap) {
					cap = cap ? cap * 2 : 8;
					p->link = cr_xrealloc(p->link, cap * sizeof *p->link);
				}
				if (number == had && p->link_sel < 0)
					p->link_sel = (int)p->nlink;
				p->link[p->nlink++] = (struct pane_link){ i, at, len, number };
			}
			at += len;
		}
	}
}

static void find_matches(struct pane *p)
{
	free(p->match);
	p->match = NULL;
	p->nmatch = 0;
	p->match_at = -1;
	if (!p->find || !p->find->count)
		return;
	size_t cap = 0;
	for (size_t i = 0; i < p->count; i++) {
		const char *s = p->line[i].text;
		size_t n = strlen(s), len = 0;
		for (size_t at = 0; at < n;) {
			size_t k = cr_terms_find(p->find, s + at, n - at, &len);
			if (k >= n - at || len == 0)
				break;
			if (p->nmatch == cap) {
				cap = cap ? cap * 2 : 16;
				p->match = cr_xrealloc(p->match, cap * sizeof *p->match);
			}
			p->match[p->nmatch++] = i;
			at += k + len;
		}
	}
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
		case CR_ROLE_FLOW:
			flow_block(p, b, ind);
			break;
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
	find_links(p);
	int at = p->match_at;
	find_matches(p);
	if (at >= 0 && (size_t)at < p->nmatch)
		p->match_at = at;
}

static void show_line(struct pane *p, size_t line)
{
	if ((int)line < p->top || (int)line >= p->top + p->h) {
		p->top = (int)line - p->h / 2;
		if (p->top > max_top(p))
			p->top = max_top(p);
		if (p->top < 0)
			p->top = 0;
	}
}

void cr_pane_find(struct pane *p, const struct cr_terms *terms)
{
	p->find = terms;
	find_matches(p);
	for (size_t i = 0; i < p->nmatch; i++)
		if ((int)p->match[i] >= p->top) {
			p->match_at = (int)i;
			show_line(p, p->match[i]);
			return;
		}
	if (p->nmatch) {
		p->match_at = 0;
		show_line(p, p->match[0]);
	}
}

void cr_pane_find_step(struct pane *p, int dir)
{
	if (!p->nmatch)
		return;
	int n = (int)p->nmatch;
	p->match_at = p->match_at < 0 ? (dir > 0 ? 0 : n - 1) : ((p->match_at + dir) % n + n) % n;
	show_line(p, p->match[p->match_at]);
}

void cr_pane_link_step(struct pane *p, int dir)
{
	if (!p->nlink)
		return;
	int n = (int)p->nlink;
	if (p->link_sel < 0) {
		/* the first link on screen, or the first after it */
		p->link_sel = dir > 0 ? 0 : n - 1;
		for (int i = 0; i < n; i++)
			if ((int)p->link[i].line >= p->top) {
				p->link_sel = dir > 0 ? i : (i > 0 ? i - 1 : n - 1);
				break;
			}
	} else {
		p->link_sel = ((p->link_sel + dir) % n + n) % n;
	}
	show_line(p, p->link[p->link_sel].line);
}

int cr_pane_link(const struct pane *p)
{
	return p->link_sel >= 0 && (size_t)p->link_sel < p->nlink ? p->link[p->link_sel].number : 0;
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
	case CR_ACT_HALF_UP: cr_pane_scroll_by(p, -(p->h / 2 > 1 ? p->h / 2 : 1)); return 1;
	case CR_ACT_HALF_DOWN: cr_pane_scroll_by(p, p->h / 2 > 1 ? p->h / 2 : 1); return 1;
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

/* A ladder line: the code's own arrow, between the marks, in the class
 * colour and bold (bold alone in monochrome). */
static void draw_flow_line(WINDOW *w, int y, int x, int cols, const char *s, int cls)
{
	bool on = false;
	int used = 0;
	while (*s && used < cols) {
		size_t n = strcspn(s, (char[]){ CR_MARK_ON, CR_MARK_OFF, '\0' });
		attr_t look = on ? cr_class_look(cls) | A_BOLD : cr_look(CR_LOOK_NORMAL);
		used += cr_draw(w, y, x + used, cols - used, s, n, look);
		s += n;
		if (*s) {
			on = *s == CR_MARK_ON;
			s++;
		}
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
		if (l->role == CR_ROLE_FLOW) {
			draw_flow_line(w, p->y + r, col, p->w - used, rest, l->cls);
			continue;
		}
		if (l->role == CR_ROLE_TITLE && l->cls) {
			/* The class colour on the title's own line. */
			cr_draw_marked(w, p->y + r, col, p->w - used, rest, strlen(rest),
			               cr_class_look(l->cls) | A_BOLD, marks, cr_look(CR_LOOK_MATCH));
		} else {
			cr_draw_marked(w, p->y + r, col, p->w - used, rest, strlen(rest), role_look(l->role),
			               marks, cr_look(CR_LOOK_MATCH));
		}
		for (size_t k = 0; k < p->nlink; k++) {
			const struct pane_link *lk = &p->link[k];
			if (lk->line != i)
				continue;
			int at = cr_width(l->text, lk->off);
			cr_draw(w, p->y + r, p->x + at, p->w - at, l->text + lk->off, lk->len,
			        cr_look((int)k == p->link_sel ? CR_LOOK_LINK_SELECTED : CR_LOOK_LINK));
		}
	}
}
