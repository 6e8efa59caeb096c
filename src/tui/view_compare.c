/* Two codes side by side (cr_compare_build).
 *
 *   SIP 202 Accepted and SIP 437 …   <- head: title and summary, full width
 *   left card       │ right card     <- each column scrolls; Tab moves focus
 *   ─────────────────────────────    
 *   Key differences                  <- tail, full width, scrolls too
 *   Which to use when
 *
 * Narrower than 80 columns the two cards stack, one above the other. */
#include "config.h"

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "tui/pane.h"
#include "core/card.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

#define WIDE_COLS 80

enum { LEFT, RIGHT, TAIL, NPANES };

struct compare_view {
	struct view base;
	int a, b;
	bool loaded;
	struct cr_comparison cmp;
	struct pane head, pane[NPANES];
	int focus;
	bool wide;
	int rule_y[2];          /* rows of horizontal rules, -1 for none */
	int split_x;            /* column of the vertical rule, -1 for none */
};

static void compare_reflow(struct view *v, struct tui *t)
{
	struct compare_view *cv = (struct compare_view *)v;
	int y = t->body_y, h = t->body_h, w = t->cols;
	cv->wide = w >= WIDE_COLS;
	cv->rule_y[0] = cv->rule_y[1] = -1;
	cv->split_x = -1;
	if (!cv->loaded) {
		cr_pane_layout(&cv->head, NULL, y, 1, h, w - 2);
		for (int i = 0; i < NPANES; i++)
			cr_pane_layout(&cv->pane[i], NULL, y, 0, 0, 0);
		return;
	}
	/* The head takes what it needs, up to a quarter of the screen. */
	cr_pane_layout(&cv->head, &cv->cmp.head, y, 1, h, w - 2);
	int hh = (int)cv->head.count;
	int cap = h / 4 > 1 ? h / 4 : 1;
	hh = hh < cap ? hh : cap;
	cr_pane_layout(&cv->head, &cv->cmp.head, y, 1, hh, w - 2);
	y += hh;
	h -= hh;
	if (cv->wide) {
		int colh = h * 3 / 5 > 1 ? h * 3 / 5 : 1;
		int tailh = h - colh - 1;
		if (tailh < 1) {
			colh = h;
			tailh = 0;
		}
		int lw = (w - 1) / 2;
		cr_pane_layout(&cv->pane[LEFT], &cv->cmp.left, y, 1, colh, lw - 1);
		cr_pane_layout(&cv->pane[RIGHT], &cv->cmp.right, y, lw + 2, colh, w - lw - 3);
		cv->split_x = lw;
		if (tailh > 0)
			cv->rule_y[0] = y + colh;
		cr_pane_layout(&cv->pane[TAIL], &cv->cmp.tail, y + colh + 1, 1, tailh, w - 2);
	} else {
		/* left, rule, right, rule, tail */
		int each = (h - 2) / 3;
		if (each < 1)
			each = 1;
		int y1 = y + each + 1, y2 = y1 + each + 1;
		cr_pane_layout(&cv->pane[LEFT], &cv->cmp.left, y, 1, each, w - 2);
		cr_pane_layout(&cv->pane[RIGHT], &cv->cmp.right, y1, 1,
		               y1 < y + h ? (each < y + h - y1 ? each : y + h - y1) : 0, w - 2);
		int tailh = y + h - y2;
		cr_pane_layout(&cv->pane[TAIL], &cv->cmp.tail, y2, 1, tailh > 0 ? tailh : 0, w - 2);
		if (y1 - 1 < y + h)
			cv->rule_y[0] = y1 - 1;
		if (y2 - 1 < y + h)
			cv->rule_y[1] = y2 - 1;
	}
}

static void compare_recalc(struct view *v, struct tui *t)
{
	struct compare_view *cv = (struct compare_view *)v;
	if (cv->loaded)
		cr_comparison_free(&cv->cmp);
	memset(&cv->cmp, 0, sizeof cv->cmp);
	struct cr_code a, b;
	cv->loaded = false;
	if (cr_code_get(t->c->db, t->c->set, cv->a, t->c->lang, &a) == CR_OK) {
		if (cr_code_get(t->c->db, t->c->set, cv->b, t->c->lang, &b) == CR_OK) {
			cr_compare_build(t->c->db, t->c->set, &a, &b, t->c->lang, &cv->cmp);
			cv->loaded = true;
			cr_code_free(&b);
		}
		cr_code_free(&a);
	}
	compare_reflow(v, t);
}

static void rule(struct tui *t, int y, bool focus)
{
	attr_t look = cr_look(focus ? CR_LOOK_FOCUS : CR_LOOK_RULE);
	wattr_set(stdscr, look & ~A_COLOR, (short)PAIR_NUMBER(look), NULL);
	mvwhline(stdscr, y, 0, ACS_HLINE, t->cols);
	wattr_set(stdscr, A_NORMAL, 0, NULL);
}

static void compare_draw(struct view *v, struct tui *t)
{
	struct compare_view *cv = (struct compare_view *)v;
	for (int r = 0; r < t->body_h; r++) {
		wmove(stdscr, t->body_y + r, 0);
		wclrtoeol(stdscr);
	}
	cr_pane_draw(&cv->head, stdscr, NULL);
	for (int i = 0; i < NPANES; i++)
		cr_pane_draw(&cv->pane[i], stdscr, NULL);
	if (cv->split_x >= 0 && cv->pane[LEFT].h > 0) {
		attr_t look = cr_look(CR_LOOK_RULE);
		wattr_set(stdscr, look & ~A_COLOR, (short)PAIR_NUMBER(look), NULL);
		mvwvline(stdscr, cv->pane[LEFT].y, cv->split_x, ACS_VLINE, cv->pane[LEFT].h);
		wattr_set(stdscr, A_NORMAL, 0, NULL);
		/* An arrow at the top of the rule points at the column with the
		 * focus. */
		if (cv->focus != TAIL)
			cr_draw(stdscr, cv->pane[LEFT].y, cv->split_x, 1, cv->focus == LEFT ? "<" : ">", 1,
			        cr_look(CR_LOOK_FOCUS));
	}
	/* The rule above the pane with the focus is highlighted. */
	for (int i = 0; i < 2; i++)
		if (cv->rule_y[i] >= 0)
			rule(t, cv->rule_y[i], cv->focus == (cv->wide ? TAIL : i + 1));
}

static int compare_action(struct view *v, struct tui *t, enum cr_action a, wint_t ch)
{
	struct compare_view *cv = (struct compare_view *)v;
	(void)ch;
	if (cr_pane_scroll(&cv->pane[cv->focus], a))
		return 1;
	switch (a) {
	case CR_ACT_FOCUS:
		cv->focus = (cv->focus + 1) % NPANES;
		return 1;
	case CR_ACT_BACK:
	case CR_ACT_QUIT:
		cr_tui_pop(t);
		return 1;
	case CR_ACT_OPEN:
		cr_tui_push(t, cr_view_card_new(t, cv->focus == RIGHT ? cv->b : cv->a));
		return 1;
	default:
		return 0;
	}
}

static void compare_mouse(struct view *v, struct tui *t, const MEVENT *ev)
{
	struct compare_view *cv = (struct compare_view *)v;
	(void)t;
	for (int i = 0; i < NPANES; i++) {
		struct pane *p = &cv->pane[i];
		if (ev->y < p->y || ev->y >= p->y + p->h || ev->x < p->x - 1 || ev->x > p->x + p->w)
			continue;
		cv->focus = i;
		if (ev->bstate & BUTTON4_PRESSED)
			cr_pane_scroll_by(p, -3);
		else if (ev->bstate & BUTTON5_PRESSED)
			cr_pane_scroll_by(p, 3);
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
	free(cv);
}

static const struct view_ops compare_ops = {
	.recalc = compare_recalc,
	.reflow = compare_reflow,
	.draw = compare_draw,
	.action = compare_action,
	.mouse = compare_mouse,
	.status = compare_status,
	.current = compare_current,
	.destroy = compare_destroy,
};

struct view *cr_view_compare_new(struct tui *t, int a, int b)
{
	(void)t;
	struct compare_view *cv = cr_xcalloc(1, sizeof *cv);
	cv->base.ops = &compare_ops;
	cv->a = a;
	cv->b = b;
	return &cv->base;
}
