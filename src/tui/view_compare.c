/* Two codes side by side (cr_compare_build).
 *
 *   SIP 202 Accepted and SIP 437 …   <- head: title and summary, full width
 *   left card       < right card     <- each column scrolls; h/l or ←/→
 *   ─────────────────────────────       move the focus, `=` locks them
 *   Key differences                  <- tail, full width, scrolls too
 *   Which to use when
 *
 * Narrower than 80 columns the panes stack, each under a header naming
 * its code and position, and the pane with the focus gets most rows:
 *
 *   ─ 486 Busy Here  1-12/40 ─────   <- header, highlighted with the focus
 *   …                                <- upper pane
 *   ─ 480 Temporarily …  1-3/38 ──
 *   ─ Key differences  1-3/20 ────
 */
#include "config.h"

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "tui/pane.h"
#include "core/flow.h"
#include "core/card.h"
#include "core/wrap.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDE_COLS 80

enum { LEFT, RIGHT, TAIL, NPANES };

struct compare_view {
	struct view base;
	int a, b;
	bool loaded;
	struct cr_comparison cmp;
	char *name[2];          /* "486 Busy Here" */
	struct pane head, pane[NPANES];
	int focus;
	bool wide, lock;
	int rule_y[2];          /* wide: the rule above the tail, -1 for none */
	int header_y[NPANES];   /* stacked: each pane's header row, -1 for none */
	int split_x;            /* column of the vertical rule, -1 for none */
	struct cr_terms terms;
};

static const enum cr_action hints[] = {
	CR_ACT_BACK, CR_ACT_SWAP, CR_ACT_LOCK, CR_ACT_SEARCH, CR_ACT_COPY, CR_ACT_LANG, CR_ACT_NONE
};

static void compare_reflow(struct view *v, struct tui *t)
{
	struct compare_view *cv = (struct compare_view *)v;
	int y = v->y, h = v->h, w = v->w, x = v->x;
	for (int i = 0; i < NPANES; i++)
		cv->pane[i].flow_flags = t->c->ascii ? CR_FLOW_ASCII : 0;
	cv->wide = w >= WIDE_COLS;
	cv->rule_y[0] = cv->rule_y[1] = -1;
	for (int i = 0; i < NPANES; i++)
		cv->header_y[i] = -1;
	cv->split_x = -1;
	if (!cv->loaded) {
		cr_pane_layout(&cv->head, NULL, y, x + 1, h, w - 2);
		for (int i = 0; i < NPANES; i++)
			cr_pane_layout(&cv->pane[i], NULL, y, 0, 0, 0);
		return;
	}
	/* The head takes what it needs, up to a quarter of the screen. */
	cr_pane_layout(&cv->head, &cv->cmp.head, y, x + 1, h, w - 2);
	int hh = (int)cv->head.count;
	int cap = h / 4 > 1 ? h / 4 : 1;
	hh = hh < cap ? hh : cap;
	cr_pane_layout(&cv->head, &cv->cmp.head, y, x + 1, hh, w - 2);
	y += hh;
	h -= hh;
	const struct cr_doc *docs[NPANES] = { &cv->cmp.left, &cv->cmp.right, &cv->cmp.tail };
	if (cv->wide) {
		int colh = h * 3 / 5 > 1 ? h * 3 / 5 : 1;
		int tailh = h - colh - 1;
		if (tailh < 1) {
			colh = h;
			tailh = 0;
		}
		int lw = (w - 1) / 2;
		cr_pane_layout(&cv->pane[LEFT], docs[LEFT], y, x + 1, colh, lw - 1);
		cr_pane_layout(&cv->pane[RIGHT], docs[RIGHT], y, x + lw + 2, colh, w - lw - 3);
		cv->split_x = x + lw;
		if (tailh > 0)
			cv->rule_y[0] = y + colh;
		cr_pane_layout(&cv->pane[TAIL], docs[TAIL], y + colh + 1, x + 1, tailh, w - 2);
	} else {
		/* three headers; the focus takes what the two others leave */
		int room = h - NPANES;
		int other = room >= 9 ? room / 6 : room >= 3 ? 1 : 0;
		int mine = room - 2 * other;
		if (mine < 0)
			mine = 0;
		for (int i = 0; i < NPANES; i++) {
			int ph = i == cv->focus ? mine : other;
			if (y < v->y + v->h) {
				cv->header_y[i] = y;
				y++;
			}
			if (y + ph > v->y + v->h)
				ph = v->y + v->h - y;
			cr_pane_layout(&cv->pane[i], docs[i], y, x + 1, ph > 0 ? ph : 0, w - 2);
			y += ph > 0 ? ph : 0;
		}
	}
}

static void compare_recalc(struct view *v, struct tui *t)
{
	struct compare_view *cv = (struct compare_view *)v;
	if (cv->loaded)
		cr_comparison_free(&cv->cmp);
	memset(&cv->cmp, 0, sizeof cv->cmp);
	free(cv->name[0]);
	free(cv->name[1]);
	cv->name[0] = cv->name[1] = NULL;
	struct cr_code a, b;
	cv->loaded = false;
	if (cr_tui_code_get(t, cv->a, &a) == CR_OK) {
		if (cr_tui_code_get(t, cv->b, &b) == CR_OK) {
			cr_compare_build(t->c->db, &a, &b, t->c->lang, &cv->cmp);
			cv->loaded = true;
			cv->name[0] = cr_code_name(&a);
			cv->name[1] = cr_code_name(&b);
			cr_code_free(&b);
		}
		cr_code_free(&a);
	}
	compare_reflow(v, t);
}

static void rule(struct view *v, int y, bool focus)
{
	attr_t look = cr_look(focus ? CR_LOOK_FOCUS : CR_LOOK_RULE);
	wattr_set(stdscr, look & ~A_COLOR, (short)PAIR_NUMBER(look), NULL);
	mvwhline(stdscr, y, v->x, ACS_HLINE, v->w);
	wattr_set(stdscr, A_NORMAL, 0, NULL);
}

/* "486 Busy Here  1-12/40" on the rule above a stacked pane. */
static void header(struct compare_view *cv, struct tui *t, int i)
{
	const struct pane *p = &cv->pane[i];
	const char *name = i == TAIL ? cr_str(t->c->db, t->c->lang, "heading.differences")
	                             : cv->name[i] ? cv->name[i] : "";
	int last = p->top + p->h < (int)p->count ? p->top + p->h : (int)p->count;
	char *s = cr_asprintf(" %s  %d-%d/%zu ", name, p->count ? p->top + 1 : 0, last, p->count);
	rule(&cv->base, cv->header_y[i], cv->focus == i);
	attr_t look = cr_look(cv->focus == i ? CR_LOOK_FOCUS : CR_LOOK_LABEL);
	cr_draw_cut(stdscr, cv->header_y[i], cv->base.x + 2, cv->base.w - 4, s, strlen(s),
	            look | (cv->focus == i ? A_REVERSE : 0));
	free(s);
}

static void compare_draw(struct view *v, struct tui *t)
{
	struct compare_view *cv = (struct compare_view *)v;
	for (int r = 0; r < v->h; r++)
		cr_draw_blank(stdscr, v->y + r, v->x, v->w, A_NORMAL);
	const struct cr_terms *marks = cv->terms.count ? &cv->terms : NULL;
	cr_pane_draw(&cv->head, stdscr, NULL);
	for (int i = 0; i < NPANES; i++)
		cr_pane_draw(&cv->pane[i], stdscr, marks);
	if (cv->split_x >= 0 && cv->pane[LEFT].h > 0) {
		attr_t look = cr_look(CR_LOOK_RULE);
		wattr_set(stdscr, look & ~A_COLOR, (short)PAIR_NUMBER(look), NULL);
		mvwvline(stdscr, cv->pane[LEFT].y, cv->split_x, ACS_VLINE, cv->pane[LEFT].h);
		wattr_set(stdscr, A_NORMAL, 0, NULL);
		/* An arrow at the top of the rule points at the column with the
		 * focus ("=" when they scroll together). */
		if (cv->focus != TAIL)
			cr_draw(stdscr, cv->pane[LEFT].y, cv->split_x, 1,
			        cv->lock ? "=" : cv->focus == LEFT ? "<" : ">", 1, cr_look(CR_LOOK_FOCUS));
	}
	if (cv->rule_y[0] >= 0)
		rule(v, cv->rule_y[0], cv->focus == TAIL);
	for (int i = 0; i < NPANES; i++)
		if (cv->header_y[i] >= 0)
			header(cv, t, i);
}

static bool compare_find(struct view *v, struct tui *t, const char *query)
{
	struct compare_view *cv = (struct compare_view *)v;
	(void)t;
	cr_terms_free(&cv->terms);
	if (query)
		cr_terms_parse(query, &cv->terms);
	for (int i = 0; i < NPANES; i++)
		cr_pane_find(&cv->pane[i], cv->terms.count ? &cv->terms : NULL);
	return true;
}

static void set_focus(struct compare_view *cv, struct tui *t, int focus)
{
	cv->focus = focus;
	if (!cv->wide)      /* the focus takes the most rows */
		compare_reflow(&cv->base, t);
}

static int compare_action(struct view *v, struct tui *t, enum cr_action a, wint_t ch,
                          struct cr_request *req)
{
	struct compare_view *cv = (struct compare_view *)v;
	(void)ch;
	if (cr_pane_scroll(&cv->pane[cv->focus], a)) {
		if (cv->lock && cv->focus != TAIL)
			cr_pane_scroll(&cv->pane[cv->focus == LEFT ? RIGHT : LEFT], a);
		return 1;
	}
	switch (a) {
	case CR_ACT_NEXT:
		set_focus(cv, t, (cv->focus + 1) % NPANES);
		return 1;
	case CR_ACT_PREV:
		set_focus(cv, t, (cv->focus + NPANES - 1) % NPANES);
		return 1;
	case CR_ACT_LEFT:
		set_focus(cv, t, LEFT);
		return 1;
	case CR_ACT_RIGHT:
		set_focus(cv, t, RIGHT);
		return 1;
	case CR_ACT_SWAP: {
		int x = cv->a;
		cv->a = cv->b;
		cv->b = x;
		struct pane p = cv->pane[LEFT];
		cv->pane[LEFT] = cv->pane[RIGHT];
		cv->pane[RIGHT] = p;
		compare_recalc(v, t);
		return 1;
	}
	case CR_ACT_LOCK:
		cv->lock = !cv->lock;
		if (cv->lock)       /* together from the top of the one in focus */
			cv->pane[RIGHT].top = cv->pane[LEFT].top =
				cv->pane[cv->focus == RIGHT ? RIGHT : LEFT].top;
		cr_pane_scroll_by(&cv->pane[LEFT], 0);
		cr_pane_scroll_by(&cv->pane[RIGHT], 0);
		return 1;
	case CR_ACT_FIND_NEXT:
	case CR_ACT_FIND_PREV:
		cr_pane_find_step(&cv->pane[cv->focus], a == CR_ACT_FIND_NEXT ? 1 : -1);
		return 1;
	case CR_ACT_OPEN:
		if (cv->focus != TAIL)
			*req = (struct cr_request){ CR_REQ_OPEN, cv->focus == RIGHT ? cv->b : cv->a, 0 };
		return 1;
	case CR_ACT_COPY:
		*req = (struct cr_request){ CR_REQ_COPY, cv->a, cv->b };
		return 1;
	case CR_ACT_COPY_LINE:
		*req = (struct cr_request){ CR_REQ_COPY_LINE, cv->focus == RIGHT ? cv->b : cv->a, 0 };
		return 1;
	case CR_ACT_COMPARE:
		return 1;
	default:
		return 0;
	}
}

static void compare_mouse(struct view *v, struct tui *t, const MEVENT *ev, struct cr_request *req)
{
	struct compare_view *cv = (struct compare_view *)v;
	(void)req;
	for (int i = 0; i < NPANES; i++) {
		struct pane *p = &cv->pane[i];
		if (ev->y < p->y || ev->y >= p->y + p->h || ev->x < p->x - 1 || ev->x > p->x + p->w)
			continue;
		if (cv->focus != i)
			set_focus(cv, t, i);
		if (ev->bstate & BUTTON4_PRESSED)
			cr_pane_scroll_by(&cv->pane[i], -3);
		else if (ev->bstate & BUTTON5_PRESSED)
			cr_pane_scroll_by(&cv->pane[i], 3);
		return;
	}
}

static void compare_status(struct view *v, struct tui *t, struct cr_buf *b)
{
	struct compare_view *cv = (struct compare_view *)v;
	(void)t;
	/* TRANSLATORS: which part of the comparison scrolls with the keys. */
	const char *where[NPANES] = { N_("left"), N_("right"), N_("below") };
	const char *stacked[NPANES] = { N_("upper"), N_("lower"), N_("below") };
	cr_buf_addf(b, "%d ⇄ %d  [%s]", cv->a, cv->b,
	            _(cv->wide ? where[cv->focus] : stacked[cv->focus]));
	if (cv->lock)
		/* TRANSLATORS: `=` in a comparison: both columns scroll together. */
		cr_buf_addf(b, " [%s]", _("locked"));
	if (cv->terms.count)
		cr_buf_addf(b, "  %s %d/%zu", _("match"), cv->pane[cv->focus].match_at + 1,
		            cv->pane[cv->focus].nmatch);
}

static int compare_current(struct view *v, struct tui *t)
{
	struct compare_view *cv = (struct compare_view *)v;
	(void)t;
	return cv->focus == RIGHT ? cv->b : cv->a;
}

static void compare_destroy(struct view *v)
{
	struct compare_view *cv = (struct compare_view *)v;
	cr_pane_clear(&cv->head);
	for (int i = 0; i < NPANES; i++)
		cr_pane_clear(&cv->pane[i]);
	if (cv->loaded)
		cr_comparison_free(&cv->cmp);
	free(cv->name[0]);
	free(cv->name[1]);
	cr_terms_free(&cv->terms);
	free(cv);
}

static const struct view_ops compare_ops = {
	.kind = CR_IN_COMPARE,
	.hints = hints,
	.recalc = compare_recalc,
	.reflow = compare_reflow,
	.draw = compare_draw,
	.action = compare_action,
	.mouse = compare_mouse,
	.status = compare_status,
	.current = compare_current,
	.find = compare_find,
	.destroy = compare_destroy,
};

struct view *cr_view_compare_new(struct tui *t, int a, int b)
{
	(void)t;
	struct compare_view *cv = cr_xcalloc(1, sizeof *cv);
	cv->base.ops = &compare_ops;
	cv->a = a;
	cv->b = b;
	for (int i = 0; i < NPANES; i++) {
		cv->pane[i].link_sel = -1;
		cv->pane[i].match_at = -1;
	}
	cv->head.link_sel = -1;
	return &cv->base;
}
