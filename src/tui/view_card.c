/* One code's card (cr_card_build, CR_CARD_FULL) in a scrolling pane. */
#include "config.h"

#include "tui/tui.h"
#include "tui/pane.h"
#include "core/card.h"

#include <stdlib.h>
#include <string.h>

struct card_view {
	struct view base;
	int number;
	bool loaded;
	struct cr_doc doc;
	struct pane pane;
};

static void card_recalc(struct view *v, struct tui *t)
{
	struct card_view *cv = (struct card_view *)v;
	cr_doc_free(&cv->doc);
	memset(&cv->doc, 0, sizeof cv->doc);
	struct cr_code code;
	cv->loaded = cr_code_get(t->c->db, t->c->set, cv->number, t->c->lang, &code) == CR_OK;
	if (cv->loaded) {
		cr_card_build(t->c->db, t->c->set, &code, t->c->lang, CR_CARD_FULL, &cv->doc);
		cr_code_free(&code);
	}
	cr_pane_layout(&cv->pane, &cv->doc, t->body_y, 1, t->body_h, t->cols - 2);
}

static void card_reflow(struct view *v, struct tui *t)
{
	struct card_view *cv = (struct card_view *)v;
	cr_pane_layout(&cv->pane, &cv->doc, t->body_y, 1, t->body_h, t->cols - 2);
}

static void card_draw(struct view *v, struct tui *t)
{
	struct card_view *cv = (struct card_view *)v;
	for (int r = 0; r < t->body_h; r++) {
		wmove(stdscr, t->body_y + r, 0);
		wclrtoeol(stdscr);
	}
	cr_pane_draw(&cv->pane, stdscr, t->search.shown ? &t->search.terms : NULL);
}

static int card_action(struct view *v, struct tui *t, enum cr_action a, wint_t ch)
{
	struct card_view *cv = (struct card_view *)v;
	(void)ch;
	if (cr_pane_scroll(&cv->pane, a))
		return 1;
	switch (a) {
	case CR_ACT_BACK:
	case CR_ACT_QUIT:
		cr_tui_pop(t);
		return 1;
	case CR_ACT_COMPARE:
		cr_tui_compare(t, cv->number);
		return 1;
	default:
		return 0;
	}
}

static void card_mouse(struct view *v, struct tui *t, const MEVENT *ev)
{
	struct card_view *cv = (struct card_view *)v;
	(void)t;
	if (ev->bstate & BUTTON4_PRESSED)
		cr_pane_scroll_by(&cv->pane, -3);
	else if (ev->bstate & BUTTON5_PRESSED)
		cr_pane_scroll_by(&cv->pane, 3);
}

static void card_status(struct view *v, struct tui *t, struct cr_buf *b)
{
	struct card_view *cv = (struct card_view *)v;
	(void)t;
	int last = cv->pane.top + cv->pane.h;
	if (last > (int)cv->pane.count)
		last = (int)cv->pane.count;
	cr_buf_addf(b, "%d  %d-%d/%zu", cv->number, cv->pane.count ? cv->pane.top + 1 : 0, last,
	            cv->pane.count);
}

static int card_current(struct view *v, struct tui *t)
{
	(void)t;
	return ((struct card_view *)v)->number;
}

static void card_destroy(struct view *v)
{
	struct card_view *cv = (struct card_view *)v;
	cr_pane_clear(&cv->pane);
	cr_doc_free(&cv->doc);
	free(cv);
}

static const struct view_ops card_ops = {
	.recalc = card_recalc,
	.reflow = card_reflow,
	.draw = card_draw,
	.action = card_action,
	.mouse = card_mouse,
	.status = card_status,
	.current = card_current,
	.destroy = card_destroy,
};

struct view *cr_view_card_new(struct tui *t, int number)
{
	(void)t;
	struct card_view *cv = cr_xcalloc(1, sizeof *cv);
	cv->base.ops = &card_ops;
	cv->number = number;
	return &cv->base;
}
