/* The list of codes, grouped by class, or the results of a search.
 *
 *   1xx Provisional                         <- class header (cr_class_name)
 *    ● 100 Trying — request received, …     <- class marker, title
 *    ● 199 Early Dialog Terminated
 *
 * The whole list is never loaded: the rows on screen are fetched from the
 * selected code with keyset paging (cr_list_after/before), so memory and
 * start-up do not grow with the database.  Search results (at most
 * SEARCH_LIMIT) are kept whole. */
#include "config.h"

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "core/card.h"
#include "core/wrap.h"
#include "i18n.h"

#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEARCH_LIMIT 200
#define ALL_LO 0
#define ALL_HI 9

struct line {
	int kind;               /* 0 header, 1 code */
	int number, cls;
	char status;
	char *text;
};

struct list_view {
	struct view base;
	/* the whole list: a window of it */
	int top, sel;           /* code numbers; sel 0 before loading */
	long pos, count;
	/* search results */
	bool results;
	struct cr_rows res;
	int rtop, rsel;
	bool nomatch;
	/* what is on screen */
	struct line *line;
	int nline;
	char *nomatch_text;     /* "No code matches …" in the display language */
	char *deprecated;       /* "  [deprecated]" */
};

static const char *set(struct tui *t) { return t->c->set; }

static void lines_clear(struct list_view *l)
{
	for (int i = 0; i < l->nline; i++)
		free(l->line[i].text);
	l->nline = 0;
}

static void add(struct list_view *l, struct tui *t, int kind, const struct cr_row *r, char *text)
{
	(void)t;
	l->line[l->nline++] = (struct line){ kind, r->number, r->cls, r->status, text };
}

static char *row_title(struct tui *t, const struct cr_row *r)
{
	struct cr_code fake = { .number = r->number, .reason = r->reason };
	fake.text[CR_FIELD_GLOSS] = r->gloss;
	return cr_card_title(t->c->db, &fake, t->c->lang);
}

static int height(struct tui *t) { return t->body_h > 0 ? t->body_h : 1; }

/* The lines of the window starting at code top. */
static void fill_window(struct list_view *l, struct tui *t)
{
	lines_clear(l);
	int h = height(t);
	l->line = cr_xrealloc(l->line, (size_t)h * sizeof *l->line);
	struct cr_rows rows = { 0 };
	cr_list_after(t->c->db, set(t), t->c->lang, ALL_LO, ALL_HI, l->top - 1, h, &rows);
	int cls = -1;     /* the class of the first row is always named */
	for (size_t i = 0; i < rows.count && l->nline < h; i++) {
		const struct cr_row *r = &rows.row[i];
		if (r->cls != cls) {
			add(l, t, 0, r, cr_class_name(t->c->db, set(t), r->cls, t->c->lang));
			cls = r->cls;
			if (l->nline == h)
				break;
		}
		add(l, t, 1, r, row_title(t, r));
	}
	cr_rows_free(&rows);
}

static int shown(const struct list_view *l, int number)
{
	for (int i = 0; i < l->nline; i++)
		if (l->line[i].kind == 1 && l->line[i].number == number)
			return 1;
	return 0;
}

/* Scrolls the window so that the selected code is in it. */
static void follow(struct list_view *l, struct tui *t)
{
	if (l->sel < l->top)
		l->top = l->sel;
	fill_window(l, t);
	if (shown(l, l->sel) || l->nline == 0)
		goto done;
	/* Put sel on the last line: walk back from it counting the lines
	 * its rows and class headers take. */
	int h = height(t);
	struct cr_rows rows = { 0 };
	cr_list_before(t->c->db, set(t), t->c->lang, ALL_LO, ALL_HI, l->sel, h, &rows);
	struct cr_rows me = { 0 };
	cr_list_after(t->c->db, set(t), t->c->lang, ALL_LO, ALL_HI, l->sel - 1, 1, &me);
	if (me.count) {     /* the selected row itself, last */
		rows.row = cr_xrealloc(rows.row, (rows.count + 1) * sizeof *rows.row);
		rows.row[rows.count++] = me.row[0];
		rows.cap = rows.count;
		me.count = 0;
	}
	cr_rows_free(&me);
	int top = l->sel, changes = 0;
	int m = (int)rows.count - 1;
	for (int k = m; k >= 0; k--) {
		if (k < m && rows.row[k + 1].cls != rows.row[k].cls)
			changes++;
		/* rows k..m, the headers between them, and one for the first row
		 * (counted whether or not it opens its class) */
		if ((m - k + 1) + changes + 1 > h)
			break;
		top = rows.row[k].number;
	}
	cr_rows_free(&rows);
	l->top = top;
	fill_window(l, t);
done:
	l->pos = cr_list_position(t->c->db, set(t), ALL_LO, ALL_HI, l->sel) + 1;
}

static int first_code(struct tui *t, int after, int back, int steps)
{
	struct cr_rows rows = { 0 };
	int n = 0;
	if (back)
		cr_list_before(t->c->db, set(t), t->c->lang, ALL_LO, ALL_HI, after, steps, &rows);
	else
		cr_list_after(t->c->db, set(t), t->c->lang, ALL_LO, ALL_HI, after, steps, &rows);
	if (rows.count)
		n = back ? rows.row[0].number : rows.row[rows.count - 1].number;
	cr_rows_free(&rows);
	return n;
}

/* ---- search results ---- */

static void results_window(struct list_view *l, struct tui *t)
{
	lines_clear(l);
	int h = height(t);
	l->line = cr_xrealloc(l->line, (size_t)h * sizeof *l->line);
	if (l->rsel >= (int)l->res.count)
		l->rsel = (int)l->res.count - 1;
	if (l->rsel < 0)
		l->rsel = 0;
	if (l->rsel < l->rtop)
		l->rtop = l->rsel;
	if (l->rsel >= l->rtop + h)
		l->rtop = l->rsel - h + 1;
	if (l->rtop < 0)
		l->rtop = 0;
	for (int i = l->rtop; i < (int)l->res.count && l->nline < h; i++)
		add(l, t, 1, &l->res.row[i], row_title(t, &l->res.row[i]));
	l->pos = l->rsel + 1;
}

/* A key waiting on the terminal: the search being run is already stale. */
static int key_waiting(void *data)
{
	(void)data;
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&p, 1, 0) > 0;
}

/* Runs the search line's query into the results.  While typing, a query
 * that a waiting key makes stale is given up (false), the old results stay
 * on screen, and the loop searches again once the keys are read: a slow
 * query (a short term scanned over 100,000 codes) never holds up typing. */
static bool run_search(struct list_view *l, struct tui *t, bool interruptible)
{
	int keep = l->results && l->rsel < (int)l->res.count ? l->res.row[l->rsel].number : -1;
	const char *text = t->search.text.s;
	bool want = t->search.shown && text && *text;
	struct cr_rows fresh = { 0 };
	int r = CR_NOT_FOUND;
	if (want) {
		if (interruptible)
			cr_db_set_interrupt(t->c->db, key_waiting, NULL);
		r = cr_search(t->c->db, set(t), t->c->lang, text, SEARCH_LIMIT, &fresh);
		cr_db_set_interrupt(t->c->db, NULL, NULL);
		if (r == CR_INTERRUPTED) {
			cr_rows_free(&fresh);
			t->need_search = true;
			return false;
		}
	}
	cr_rows_free(&l->res);
	l->res = fresh;
	l->results = want;
	l->nomatch = false;
	if (!l->results)
		return true;
	l->nomatch = r != CR_OK || l->res.count == 0;
	free(l->nomatch_text);
	l->nomatch_text = l->nomatch ? cr_asprintf(_("No code matches \"%s\"."), text) : NULL;
	l->rsel = 0;
	for (size_t i = 0; i < l->res.count; i++)
		if (l->res.row[i].number == keep)
			l->rsel = (int)i;
	return true;
}

static void relayout(struct list_view *l, struct tui *t)
{
	if (l->results)
		results_window(l, t);
	else
		follow(l, t);
}

void cr_view_list_search_changed(struct view *v, struct tui *t)
{
	struct list_view *l = (struct list_view *)v;
	bool was = l->results;
	int sel = l->results && l->rsel < (int)l->res.count ? l->res.row[l->rsel].number : 0;
	if (!run_search(l, t, true))
		return;
	l->rtop = 0;
	/* Leaving the results: back in the full list at the code chosen there. */
	if (was && !l->results && sel > 0)
		l->sel = sel;
	relayout(l, t);
}

/* ---- view operations ---- */

static void list_recalc(struct view *v, struct tui *t)
{
	struct list_view *l = (struct list_view *)v;
	l->count = cr_list_count(t->c->db, set(t), ALL_LO, ALL_HI);
	free(l->deprecated);
	l->deprecated = cr_asprintf("  [%s]", cr_str(t->c->db, t->c->lang, "status.deprecated"));
	if (l->results)
		run_search(l, t, false);
	relayout(l, t);
}

static void list_reflow(struct view *v, struct tui *t)
{
	relayout((struct list_view *)v, t);
}

static int selected(const struct list_view *l)
{
	if (l->results)
		return l->rsel < (int)l->res.count ? l->res.row[l->rsel].number : 0;
	return l->sel;
}

static void list_draw(struct view *v, struct tui *t)
{
	struct list_view *l = (struct list_view *)v;
	int w = t->cols;
	for (int r = 0; r < t->body_h; r++)
		cr_draw_blank(stdscr, t->body_y + r, 0, w, cr_look(CR_LOOK_NORMAL));
	if (l->results && l->nomatch && l->nomatch_text) {
		cr_draw(stdscr, t->body_y, 1, w - 1, l->nomatch_text, strlen(l->nomatch_text),
		        cr_look(CR_LOOK_NOTICE));
		return;
	}
	int sel = selected(l);
	const struct cr_terms *marks = l->results ? &t->search.terms : NULL;
	for (int i = 0; i < l->nline && i < t->body_h; i++) {
		const struct line *ln = &l->line[i];
		int y = t->body_y + i;
		if (ln->kind == 0) {
			cr_draw(stdscr, y, 0, w, ln->text, strlen(ln->text), cr_look(CR_LOOK_CLASS_HEADER));
			continue;
		}
		bool on = ln->number == sel;
		attr_t base = on ? cr_look(CR_LOOK_SELECTED) : cr_look(CR_LOOK_NORMAL);
		if (on)
			cr_draw_blank(stdscr, y, 0, w, base);
		int x = 1;
		x += cr_draw(stdscr, y, x, w - x, "●", strlen("●"),
		             on ? base : cr_class_look(ln->cls));
		x += cr_draw(stdscr, y, x, w - x, " ", 1, base);
		x += cr_draw_marked(stdscr, y, x, w - x, ln->text, strlen(ln->text),
		                    ln->status == 'd' ? base | A_DIM : base, marks,
		                    on ? base | A_BOLD | A_UNDERLINE : cr_look(CR_LOOK_MATCH));
		if (ln->status == 'd' && l->deprecated)
			cr_draw(stdscr, y, x, w - x, l->deprecated, strlen(l->deprecated),
			        on ? base : cr_look(CR_LOOK_DIM));
	}
}

static void move_results(struct list_view *l, int by)
{
	l->rsel += by;
	if (l->rsel >= (int)l->res.count)
		l->rsel = (int)l->res.count - 1;
	if (l->rsel < 0)
		l->rsel = 0;
}

/* Goes to the first code at or after the number typed so far. */
static void jump(struct list_view *l, struct tui *t, int number)
{
	if (l->results) {
		for (size_t i = 0; i < l->res.count; i++)
			if (l->res.row[i].number >= number) {
				l->rsel = (int)i;
				break;
			}
		return;
	}
	int n = first_code(t, number - 1, 0, 1);
	l->sel = n ? n : first_code(t, INT_MAX, 1, 1);
}

static void typed_digit(struct list_view *l, struct tui *t, wint_t ch)
{
	long long now = cr_tui_now_ms();
	size_t len = strlen(t->digits);
	if (now - t->digits_at > CR_TUI_DIGITS_MS || len >= 6)
		len = 0;
	t->digits[len] = (char)ch;
	t->digits[len + 1] = '\0';
	t->digits_at = now;
	jump(l, t, atoi(t->digits));
}

static int list_action(struct view *v, struct tui *t, enum cr_action a, wint_t ch)
{
	struct list_view *l = (struct list_view *)v;
	int h = height(t), n = 0;
	if (a != CR_ACT_JUMP)
		t->digits[0] = '\0';
	if (l->results) {
		switch (a) {
		case CR_ACT_UP: move_results(l, -1); break;
		case CR_ACT_DOWN: move_results(l, 1); break;
		case CR_ACT_PAGE_UP: move_results(l, -(h - 1)); break;
		case CR_ACT_PAGE_DOWN: move_results(l, h - 1); break;
		case CR_ACT_FIRST: l->rsel = 0; break;
		case CR_ACT_LAST: l->rsel = (int)l->res.count - 1; break;
		case CR_ACT_JUMP: typed_digit(l, t, ch); break;
		case CR_ACT_BACK:
			cr_search_close(t);
			return 1;
		default: goto common;
		}
		results_window(l, t);
		return 1;
	}
	switch (a) {
	case CR_ACT_UP: n = first_code(t, l->sel, 1, 1); break;
	case CR_ACT_DOWN: n = first_code(t, l->sel, 0, 1); break;
	case CR_ACT_PAGE_UP: n = first_code(t, l->sel, 1, h > 2 ? h - 2 : 1); break;
	case CR_ACT_PAGE_DOWN: n = first_code(t, l->sel, 0, h > 2 ? h - 2 : 1); break;
	case CR_ACT_FIRST: n = first_code(t, -1, 0, 1); break;
	case CR_ACT_LAST: n = first_code(t, INT_MAX, 1, 1); break;
	case CR_ACT_JUMP: typed_digit(l, t, ch); follow(l, t); return 1;
	case CR_ACT_BACK: return 1;
	default: goto common;
	}
	if (n > 0) {
		l->sel = n;
		follow(l, t);
	}
	return 1;
common:
	switch (a) {
	case CR_ACT_OPEN:
		if (selected(l) > 0)
			cr_tui_push(t, cr_view_card_new(t, selected(l)));
		return 1;
	case CR_ACT_COMPARE:
		if (selected(l) > 0)
			cr_tui_compare(t, selected(l));
		return 1;
	case CR_ACT_QUIT:
		t->quit = true;
		return 1;
	default:
		return 0;
	}
}

static void list_mouse(struct view *v, struct tui *t, const MEVENT *ev)
{
	struct list_view *l = (struct list_view *)v;
	if (ev->bstate & BUTTON4_PRESSED) {
		for (int i = 0; i < 3; i++)
			list_action(v, t, CR_ACT_UP, 0);
		return;
	}
	if (ev->bstate & BUTTON5_PRESSED) {
		for (int i = 0; i < 3; i++)
			list_action(v, t, CR_ACT_DOWN, 0);
		return;
	}
	if (!(ev->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	int i = ev->y - t->body_y;
	if (i < 0 || i >= l->nline || l->line[i].kind != 1)
		return;
	int number = l->line[i].number;
	if (number == selected(l)) {    /* a click on the selected code opens it */
		list_action(v, t, CR_ACT_OPEN, 0);
		return;
	}
	if (l->results) {
		l->rsel = l->rtop + i;
		results_window(l, t);
	} else {
		l->sel = number;
		follow(l, t);
	}
}

static void list_status(struct view *v, struct tui *t, struct cr_buf *b)
{
	struct list_view *l = (struct list_view *)v;
	(void)t;
	if (l->results)
		cr_buf_addf(b, "%ld/%zu", l->nomatch ? 0 : l->pos, l->nomatch ? 0 : l->res.count);
	else
		cr_buf_addf(b, "%ld/%ld", l->pos, l->count);
}

static int list_current(struct view *v, struct tui *t)
{
	(void)t;
	return selected((struct list_view *)v);
}

static void list_destroy(struct view *v)
{
	struct list_view *l = (struct list_view *)v;
	lines_clear(l);
	free(l->line);
	cr_rows_free(&l->res);
	free(l->nomatch_text);
	free(l->deprecated);
	free(l);
}

static const struct view_ops list_ops = {
	.recalc = list_recalc,
	.reflow = list_reflow,
	.draw = list_draw,
	.action = list_action,
	.mouse = list_mouse,
	.status = list_status,
	.current = list_current,
	.destroy = list_destroy,
};

struct view *cr_view_list_new(struct tui *t, int number)
{
	struct list_view *l = cr_xcalloc(1, sizeof *l);
	l->base.ops = &list_ops;
	int n = first_code(t, number > 0 ? number - 1 : -1, 0, 1);
	l->sel = l->top = n;
	return &l->base;
}
