/* One code's card (cr_card_build, CR_CARD_FULL) in a scrolling pane.
 * Codes its texts mention are links: Tab and Shift-Tab select one, Enter
 * asks the loop to open it.  As the preview beside the list, the same
 * card without a selection. */
#include "config.h"

#include "tui/tui.h"
#include "tui/draw.h"
#include "tui/pane.h"
#include "core/flow.h"
#include "core/card.h"
#include "core/mention.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

struct card_view {
	struct view base;
	int number;             /* the code's key (cr_code_key) */
	bool preview;
	bool loaded;
	struct cr_doc doc;
	struct pane pane;
	int *codes;             /* the codes the texts mention (keys), sorted */
	size_t ncodes;
	struct cr_terms terms;  /* of the search line, for `/` in the card */
};

static const enum cr_action hints[] = {
	CR_ACT_BACK, CR_ACT_SEARCH, CR_ACT_NEXT, CR_ACT_FIND_NEXT, CR_ACT_COMPARE, CR_ACT_COPY,
	CR_ACT_LANG, CR_ACT_NONE
};

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

static bool exists(struct tui *t, int key)
{
	const char *set = cr_key_set(t->c->db, key);
	int number = cr_key_number(key);
	struct cr_rows rows = { 0 };
	cr_list_after(t->c->db, set, t->c->lang, 0, 9, number - 1, 1, &rows);
	bool yes = set && rows.count && rows.row[0].number == number;
	cr_rows_free(&rows);
	return yes;
}

/* The codes mentioned anywhere in the card that the set has. */
static void collect_codes(struct card_view *cv, struct tui *t)
{
	free(cv->codes);
	cv->codes = NULL;
	cv->ncodes = 0;
	size_t cap = 0;
	for (size_t i = 0; i < cv->doc.count; i++) {
		const char *s = cv->doc.block[i].text;
		if (!s)
			continue;
		size_t n = strlen(s), len, at = 0;
		int number;
		while ((at = cr_pane_mention(&cv->pane, t->c->db, s, n, at, &len, &number)) < n) {
			at += len;
			if (number == cv->number)
				continue;
			bool seen = false;
			for (size_t k = 0; k < cv->ncodes && !seen; k++)
				seen = cv->codes[k] == number;
			if (seen || !exists(t, number))
				continue;
			if (cv->ncodes == cap) {
				cap = cap ? cap * 2 : 8;
				cv->codes = cr_xrealloc(cv->codes, cap * sizeof *cv->codes);
			}
			cv->codes[cv->ncodes++] = number;
		}
	}
	if (cv->ncodes)
		qsort(cv->codes, cv->ncodes, sizeof *cv->codes, cmp_int);
}

static void card_reflow(struct view *v, struct tui *t)
{
	struct card_view *cv = (struct card_view *)v;
	cv->pane.flow_flags = t->c->ascii ? CR_FLOW_ASCII : 0;
	cv->pane.codes = cv->preview ? NULL : cv->codes;
	cv->pane.ncodes = cv->preview ? 0 : cv->ncodes;
	cr_pane_layout(&cv->pane, &cv->doc, v->y, v->x + 1, v->h, v->w - 2);
}

static void card_recalc(struct view *v, struct tui *t)
{
	struct card_view *cv = (struct card_view *)v;
	cr_doc_free(&cv->doc);
	memset(&cv->doc, 0, sizeof cv->doc);
	struct cr_code code;
	cv->loaded = cr_tui_code_get(t, cv->number, &code) == CR_OK;
	if (cv->loaded) {
		cv->pane.own_set = cr_key_set(t->c->db, cv->number);
		cv->pane.db = t->c->db;
		cr_card_build(t->c->db, &code, t->c->lang, CR_CARD_FULL, &cv->doc);
		cr_code_free(&code);
	}
	if (!cv->preview)
		collect_codes(cv, t);
	card_reflow(v, t);
}

static void card_draw(struct view *v, struct tui *t)
{
	struct card_view *cv = (struct card_view *)v;
	(void)t;
	for (int r = 0; r < v->h; r++)
		cr_draw_blank(stdscr, v->y + r, v->x, v->w, A_NORMAL);
	cr_pane_draw(&cv->pane, stdscr, cv->terms.count ? &cv->terms : NULL);
}

static bool card_find(struct view *v, struct tui *t, const char *query)
{
	struct card_view *cv = (struct card_view *)v;
	(void)t;
	cr_terms_free(&cv->terms);
	if (query)
		cr_terms_parse(query, &cv->terms);
	cr_pane_find(&cv->pane, cv->terms.count ? &cv->terms : NULL);
	return true;
}

static int card_action(struct view *v, struct tui *t, enum cr_action a, wint_t ch,
                       struct cr_request *req)
{
	struct card_view *cv = (struct card_view *)v;
	(void)t;
	(void)ch;
	if (cr_pane_scroll(&cv->pane, a))
		return 1;
	switch (a) {
	case CR_ACT_NEXT:
	case CR_ACT_PREV:
		cr_pane_link_step(&cv->pane, a == CR_ACT_NEXT ? 1 : -1);
		return 1;
	case CR_ACT_FIND_NEXT:
	case CR_ACT_FIND_PREV:
		cr_pane_find_step(&cv->pane, a == CR_ACT_FIND_NEXT ? 1 : -1);
		return 1;
	case CR_ACT_OPEN:
		if (cr_pane_link(&cv->pane))
			*req = (struct cr_request){ CR_REQ_OPEN, cr_pane_link(&cv->pane), 0 };
		return 1;
	case CR_ACT_COMPARE:
		*req = (struct cr_request){ CR_REQ_COMPARE, cv->number, 0 };
		return 1;
	case CR_ACT_COPY:
		*req = (struct cr_request){ CR_REQ_COPY, cv->number, 0 };
		return 1;
	case CR_ACT_COPY_LINE:
		*req = (struct cr_request){ CR_REQ_COPY_LINE, cv->number, 0 };
		return 1;
	default:
		return 0;
	}
}

static void card_mouse(struct view *v, struct tui *t, const MEVENT *ev, struct cr_request *req)
{
	struct card_view *cv = (struct card_view *)v;
	(void)t;
	(void)req;
	if (ev->bstate & BUTTON4_PRESSED)
		cr_pane_scroll_by(&cv->pane, -3);
	else if (ev->bstate & BUTTON5_PRESSED)
		cr_pane_scroll_by(&cv->pane, 3);
}

static void card_status(struct view *v, struct tui *t, struct cr_buf *b)
{
	struct card_view *cv = (struct card_view *)v;
	int last = cv->pane.top + cv->pane.h;
	if (last > (int)cv->pane.count)
		last = (int)cv->pane.count;
	const char *set = cr_db_set_name(t->c->db, cr_key_set(t->c->db, cv->number));
	cr_buf_addf(b, "%s %d  %d-%d/%zu", set ? set : "", cr_key_number(cv->number),
	            cv->pane.count ? cv->pane.top + 1 : 0, last, cv->pane.count);
	if (cv->terms.count)
		/* TRANSLATORS: `/` in a card: which match, of how many. */
		cr_buf_addf(b, "  %s %d/%zu", _("match"), cv->pane.match_at + 1, cv->pane.nmatch);
	if (cr_pane_link(&cv->pane)) {
		/* "link 480"; a code of another set by its set: "link Q.850 17".
		 * TRANSLATORS: a link is selected with Tab; Enter opens the code. */
		int link = cr_pane_link(&cv->pane);
		const char *link_set = cr_key_set(t->c->db, link);
		if (link_set && link_set == cr_key_set(t->c->db, cv->number))
			cr_buf_addf(b, "  %s %d", _("link"), cr_key_number(link));
		else
			cr_buf_addf(b, "  %s %s %d", _("link"), cr_db_set_name(t->c->db, link_set), cr_key_number(link));
	}
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
	cr_terms_free(&cv->terms);
	free(cv->codes);
	free(cv);
}

static const struct view_ops card_ops = {
	.kind = CR_IN_CARD,
	.hints = hints,
	.recalc = card_recalc,
	.reflow = card_reflow,
	.draw = card_draw,
	.action = card_action,
	.mouse = card_mouse,
	.status = card_status,
	.current = card_current,
	.find = card_find,
	.destroy = card_destroy,
};

struct view *cr_view_card_new(struct tui *t, int number, bool preview)
{
	(void)t;
	struct card_view *cv = cr_xcalloc(1, sizeof *cv);
	cv->base.ops = &card_ops;
	cv->number = number;
	cv->preview = preview;
	cv->pane.link_sel = -1;
	cv->pane.match_at = -1;
	return &cv->base;
}
