/* The list of codes, grouped by class, or the results of a search.
 *
 *   1xx Provisional                         <- class header (cr_class_name)
 *    ● 100 Trying — request received, …     <- class marker, title
 *    ◆ 180 Ringing                          <- marked for comparison
 *        …the matched words of a result…    <- snippet, under the selected result
 *
 * The whole list is never loaded: the rows on screen are fetched from the
 * selected code with keyset paging (cr_list_after/before), so memory and
 * start-up do not grow with the database.  Search results (at most
 * SEARCH_LIMIT) are kept whole, but the codes and glosses of those on
 * screen only are read (cr_search_read, cr_search_gloss).  The list asks
 * the loop to open, compare or copy (struct cr_request); it never builds
 * another view. */
#include "config.h"

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "core/card.h"
#include "core/wrap.h"
#include "i18n.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_LIMIT 100
/* Results of the last queries kept: erasing what was typed goes back
 * through them without searching again (the database does not change). */
#define PAST_RESULTS 16

enum { HEADER, CODE, SNIPPET };

struct line {
	int kind;
	int number, cls;
	int key;                /* cr_code_key: results mix sets */
	char status;
	char *text;
};

/* The status letters of rows that carry a tag after their title (every
 * status but registered), in the order of list_view.tag. */
static const char tagged_status[] = "dontu";

struct list_view {
	struct view base;
	/* the whole list: a window of it */
	int top, sel;           /* code numbers; sel 0 when the list is empty */
	long pos, count;
	/* the search */
	bool searching;         /* since `/`: sel before it is kept in before */
	int before;
	char *query;
	struct cr_terms terms;
	bool results;
	struct cr_rows res;
	int rtop, rsel;
	bool nomatch;
	struct {
		char *key;      /* set, language and query */
		int result;
		struct cr_rows rows;
	} past[PAST_RESULTS];
	size_t past_next;       /* the oldest, replaced next */
	bool centre;            /* the next layout puts sel mid-screen */
	bool stale;             /* the lines on screen must be read again */
	bool pos_known;         /* pos is right for sel: no count needed */
	long class_total[10];   /* codes per class, for positions */
	sqlite3_stmt *in_class; /* codes of a class before a number */
	/* what is on screen */
	struct line *line;
	int nline;
	char *nomatch_text;     /* "No code matches …" in the display language */
	char *tag[sizeof tagged_status]; /* "  [deprecated]", by tagged_status */
};

static const char *status_tag(const struct list_view *l, char status)
{
	const char *at = status && status != 'r' ? strchr(tagged_status, status) : NULL;
	return at ? l->tag[at - tagged_status] : NULL;
}

static const enum cr_action hints[] = {
	CR_ACT_OPEN, CR_ACT_SEARCH, CR_ACT_QUIT, CR_ACT_COMPARE, CR_ACT_FILTER, CR_ACT_LANG,
	CR_ACT_COPY, CR_ACT_NONE
};

static const char *set(struct tui *t) { return t->c->set; }
static int lo(struct tui *t) { return t->filter ? t->filter : 0; }
static int hi(struct tui *t) { return t->filter ? t->filter : 9; }

static void lines_clear(struct list_view *l)
{
	for (int i = 0; i < l->nline; i++)
		free(l->line[i].text);
	l->nline = 0;
}

static void add(struct list_view *l, struct tui *t, int kind, const struct cr_row *r, char *text)
{
	int key = cr_code_key(t->c->db, r->set[0] ? r->set : set(t), r->number);
	l->line[l->nline++] = (struct line){ kind, r->number, r->cls, key, r->status, text };
}

/* "486 Busy Here — …"; a result of another set names it: "Q.850 17 User busy — …". */
static char *row_title(struct tui *t, const struct cr_row *r)
{
	struct cr_code fake = { .number = r->number, .reason = r->reason };
	fake.text[CR_FIELD_GLOSS] = r->gloss;
	char *title = cr_card_title(t->c->db, &fake, t->c->lang);
	if (r->set[0] && strcmp(r->set, set(t)) != 0) {
		char *named = cr_asprintf("%s %s", cr_db_set_name(t->c->db, r->set), title);
		free(title);
		title = named;
	}
	return title;
}

static int height(struct list_view *l) { return l->base.h > 0 ? l->base.h : 1; }

/* The lines of the window starting at code top. */
static void fill_window(struct list_view *l, struct tui *t)
{
	lines_clear(l);
	int h = height(l);
	l->line = cr_xrealloc(l->line, (size_t)h * sizeof *l->line);
	struct cr_rows rows = { 0 };
	cr_list_after(t->c->db, set(t), t->c->lang, lo(t), hi(t), l->top - 1, h, &rows);
	int cls = -1;     /* the class of the first row is always named */
	for (size_t i = 0; i < rows.count && l->nline < h; i++) {
		const struct cr_row *r = &rows.row[i];
		if (r->cls != cls) {
			add(l, t, HEADER, r, cr_class_name(t->c->db, set(t), r->cls, t->c->lang));
			cls = r->cls;
			if (l->nline == h)
				break;
		}
		add(l, t, CODE, r, row_title(t, r));
	}
	cr_rows_free(&rows);
}

static int shown(const struct list_view *l, int number)
{
	for (int i = 0; i < l->nline; i++)
		if (l->line[i].kind == CODE && l->line[i].number == number)
			return 1;
	return 0;
}

/* The first code of a window that ends with code number on its line
 * `lines` (1: number is the top line), counting class headers. */
static int top_for(struct list_view *l, struct tui *t, int number, int lines)
{
	struct cr_rows rows = { 0 };
	cr_list_before(t->c->db, set(t), t->c->lang, lo(t), hi(t), number, lines, &rows);
	struct cr_rows me = { 0 };
	cr_list_after(t->c->db, set(t), t->c->lang, lo(t), hi(t), number - 1, 1, &me);
	if (me.count) {     /* the row itself, last */
		rows.row = cr_xrealloc(rows.row, (rows.count + 1) * sizeof *rows.row);
		rows.row[rows.count++] = me.row[0];
		rows.cap = rows.count;
		me.count = 0;
	}
	cr_rows_free(&me);
	(void)l;
	int top = number, changes = 0;
	int m = (int)rows.count - 1;
	for (int k = m; k >= 0; k--) {
		if (k < m && rows.row[k + 1].cls != rows.row[k].cls)
			changes++;
		/* rows k..m, the headers between them, and one for the first row
		 * (counted whether or not it opens its class) */
		if ((m - k + 1) + changes + 1 > lines)
			break;
		top = rows.row[k].number;
	}
	cr_rows_free(&rows);
	return top;
}

/* The code steps rows after (or before) a number; *moved: how many rows
 * it really is (fewer at the ends). */
static int code_steps(struct tui *t, int after, int back, int steps, long *moved)
{
	struct cr_rows rows = { 0 };
	int n = 0;
	if (back)
		cr_list_before(t->c->db, set(t), t->c->lang, lo(t), hi(t), after, steps, &rows);
	else
		cr_list_after(t->c->db, set(t), t->c->lang, lo(t), hi(t), after, steps, &rows);
	if (rows.count)
		n = back ? rows.row[0].number : rows.row[rows.count - 1].number;
	if (moved)
		*moved = (long)rows.count;
	cr_rows_free(&rows);
	return n;
}

static int first_code(struct tui *t, int after, int back, int steps)
{
	return code_steps(t, after, back, steps, NULL);
}

/* How many codes of the list come before number (of class cls): whole
 * classes from the totals, then the class's own codes before it.  One
 * count over classes lo..hi reads every index entry of them (the index is
 * by class, then number); this reads only the entries before number in
 * its class. */
static long position(struct list_view *l, struct tui *t, int number, int cls)
{
	if (!l->in_class && sqlite3_prepare_v2(cr_db_sqlite(t->c->db),
	        "SELECT count(*) FROM code c JOIN code_set s ON s.id = c.set_id"
	        " WHERE s.key = ?1 AND c.class = ?2 AND c.number < ?3", -1, &l->in_class, NULL) != SQLITE_OK) {
		sqlite3_finalize(l->in_class);
		l->in_class = NULL;
	}
	if (!l->in_class || cls < 0 || cls > 9)
		return cr_list_position(t->c->db, set(t), lo(t), hi(t), number);
	long n = 0;
	for (int c = lo(t); c < cls; c++)
		n += l->class_total[c];
	sqlite3_reset(l->in_class);
	sqlite3_bind_text(l->in_class, 1, set(t), -1, SQLITE_STATIC);
	sqlite3_bind_int(l->in_class, 2, cls);
	sqlite3_bind_int(l->in_class, 3, number);
	if (sqlite3_step(l->in_class) == SQLITE_ROW)
		n += (long)sqlite3_column_int64(l->in_class, 0);
	sqlite3_reset(l->in_class);
	return n;
}

static void count_classes(struct list_view *l, struct tui *t)
{
	for (int c = 0; c <= 9; c++)
		l->class_total[c] = cr_list_count(t->c->db, set(t), c, c);
}

/* Scrolls the window so that the selected code is in it: mid-screen after
 * a jump (centre), else as little as needed.  A window that the end of the
 * list leaves half empty (the screen grew) is filled from above. */
static void follow(struct list_view *l, struct tui *t, bool centre)
{
	int h = height(l);
	if (l->sel <= 0) {
		lines_clear(l);
		l->pos = 0;
		return;
	}
	if (centre) {
		l->top = top_for(l, t, l->sel, h / 2 + 1);
		fill_window(l, t);
	} else {
		/* Moving on the screen: the lines there are still right. */
		if (!l->stale && l->nline == h && shown(l, l->sel))
			goto done;
		if (l->sel < l->top)
			l->top = l->sel;
		fill_window(l, t);
		if (!shown(l, l->sel)) {
			l->top = top_for(l, t, l->sel, h);
			fill_window(l, t);
		}
	}
	if (l->nline < h) {
		int last = first_code(t, INT_MAX, 1, 1);
		int top = last > 0 ? top_for(l, t, last, h) : l->top;
		if (top < l->top) {
			l->top = top;
			fill_window(l, t);
		}
	}
done:
	l->stale = false;
	/* Counting the codes before sel reads the index up to it: only when
	 * the move does not say where it went. */
	if (!l->pos_known) {
		int cls = -1;
		for (int i = 0; i < l->nline; i++)
			if (l->line[i].kind == CODE && l->line[i].number == l->sel)
				cls = l->line[i].cls;
		l->pos = position(l, t, l->sel, cls) + 1;
	}
	l->pos_known = false;
}

/* ---- search results ---- */

static const char *snippet_of(const struct list_view *l, int i)
{
	if (i < 0 || i >= (int)l->res.count)
		return NULL;
	const char *s = l->res.row[i].snippet;
	return s && *s ? s : NULL;
}

static void results_window(struct list_view *l, struct tui *t)
{
	lines_clear(l);
	int h = height(l);
	l->line = cr_xrealloc(l->line, (size_t)h * sizeof *l->line);
	if (l->rsel >= (int)l->res.count)
		l->rsel = (int)l->res.count - 1;
	if (l->rsel < 0)
		l->rsel = 0;
	/* the selected result's snippet takes a line under it */
	if (l->rsel >= 0 && l->rsel < (int)l->res.count && l->query)
		cr_search_snippet(t->c->db, l->query, &l->res.row[l->rsel]);
	int room = snippet_of(l, l->rsel) && h > 1 ? h - 1 : h;
	if (l->rsel < l->rtop)
		l->rtop = l->rsel;
	if (l->rsel >= l->rtop + room)
		l->rtop = l->rsel - room + 1;
	if (l->rtop < 0)
		l->rtop = 0;
	/* The codes and glosses of the rows shown only. */
	int n = (int)l->res.count - l->rtop < room ? (int)l->res.count - l->rtop : room;
	if (n > 0)
		cr_search_read(t->c->db, l->res.row + l->rtop, (size_t)n);
	for (int i = l->rtop; i < (int)l->res.count && l->nline < h; i++) {
		cr_search_gloss(t->c->db, t->c->lang, &l->res.row[i]);
		add(l, t, CODE, &l->res.row[i], row_title(t, &l->res.row[i]));
		if (i == l->rsel && snippet_of(l, i) && l->nline < h)
			add(l, t, SNIPPET, &l->res.row[i], cr_xstrdup(snippet_of(l, i)));
	}
	l->pos = l->rsel + 1;
}

static void rows_copy(const struct cr_rows *from, struct cr_rows *to)
{
	memset(to, 0, sizeof *to);
	if (from->count) {
		to->row = cr_xcalloc(from->count, sizeof *to->row);
		to->count = to->cap = from->count;
	}
	for (size_t i = 0; i < from->count; i++) {
		struct cr_row *r = &to->row[i];
		*r = from->row[i];
		r->reason = from->row[i].reason ? cr_xstrdup(from->row[i].reason) : NULL;
		r->gloss = from->row[i].gloss ? cr_xstrdup(from->row[i].gloss) : NULL;
		r->snippet = from->row[i].snippet ? cr_xstrdup(from->row[i].snippet) : NULL;
	}
	to->suggestion = from->suggestion ? cr_xstrdup(from->suggestion) : NULL;
}

static void past_clear(struct list_view *l)
{
	for (size_t i = 0; i < PAST_RESULTS; i++) {
		free(l->past[i].key);
		l->past[i].key = NULL;
		cr_rows_free(&l->past[i].rows);
	}
}

/* The results of key searched before into out, else false. */
static bool past_results(struct list_view *l, const char *key, struct cr_rows *out, int *result)
{
	for (size_t i = 0; i < PAST_RESULTS; i++)
		if (l->past[i].key && strcmp(l->past[i].key, key) == 0) {
			rows_copy(&l->past[i].rows, out);
			*result = l->past[i].result;
			return true;
		}
	return false;
}

static void keep_results(struct list_view *l, char *key, const struct cr_rows *rows, int result)
{
	size_t i = l->past_next;
	l->past_next = (i + 1) % PAST_RESULTS;
	free(l->past[i].key);
	cr_rows_free(&l->past[i].rows);
	l->past[i].key = key;
	l->past[i].result = result;
	rows_copy(rows, &l->past[i].rows);
}

/* Runs the query into the results.  While typing, a query that a waiting
 * key makes stale is given up (false), the old results stay on screen,
 * and the loop searches again once the keys are read: a slow query (a
 * short term scanned over 100,000 codes) never holds up typing.  keep:
 * the same code stays selected (a language switch), else the best. */
static bool run_search(struct list_view *l, struct tui *t, bool interruptible, bool keep)
{
	/* By its row (code_id): results mix sets, and may not be read yet. */
	long long was = l->results && l->rsel < (int)l->res.count ? l->res.row[l->rsel].code_id : -1;
	const char *text = l->query;
	bool want = text && *text;
	struct cr_rows fresh = { 0 };
	int r = CR_NOT_FOUND;
	char *key = want ? cr_asprintf("%s\x1f%s\x1f%s", set(t) ? set(t) : "", t->c->lang, text) : NULL;
	if (want && past_results(l, key, &fresh, &r)) {
		free(key);
	} else if (want) {
		if (interruptible)
			cr_db_set_interrupt(t->c->db, cr_tui_key_waiting, NULL);
		/* Search crosses sets: a word finds SIP responses and Q.850 causes
		 * alike.  Glosses and snippets when they are shown. */
		r = cr_search_ex(t->c->db, NULL, t->c->lang, text, SEARCH_LIMIT, 0, &fresh);
		cr_rows_prefer_set(&fresh, set(t));
		cr_db_set_interrupt(t->c->db, NULL, NULL);
		if (r == CR_INTERRUPTED) {
			free(key);
			cr_rows_free(&fresh);
			return false;
		}
		if (r == CR_OK || r == CR_NOT_FOUND)
			keep_results(l, key, &fresh, r);
		else
			free(key);
	}
	cr_rows_free(&l->res);
	l->res = fresh;
	l->results = want;
	l->nomatch = false;
	free(l->nomatch_text);
	l->nomatch_text = NULL;
	if (!l->results)
		return true;
	l->nomatch = r != CR_OK || l->res.count == 0;
	if (l->nomatch)
		l->nomatch_text = cr_asprintf(_("No code matches \"%s\"."), text);
	l->rsel = 0;
	l->rtop = 0;
	for (size_t i = 0; keep && i < l->res.count; i++)
		if (l->res.row[i].code_id == was)
			l->rsel = (int)i;
	return true;
}

static void relayout(struct list_view *l, struct tui *t, bool centre)
{
	l->stale = true;
	if (l->results)
		results_window(l, t);
	else
		follow(l, t, centre);
}

static bool list_find(struct view *v, struct tui *t, const char *query)
{
	struct list_view *l = (struct list_view *)v;
	if (!query) {           /* given up: back where `/` was typed */
		if (!l->searching)
			return true;
		l->searching = false;
		free(l->query);
		l->query = NULL;
		cr_terms_free(&l->terms);
		run_search(l, t, false, false);
		l->sel = l->before;
		relayout(l, t, true);
		return true;
	}
	if (!l->searching) {
		l->searching = true;
		l->before = l->sel;
	}
	char *old = l->query;
	l->query = cr_xstrdup(query);
	if (!run_search(l, t, t->line_active, false)) {
		free(l->query);
		l->query = old;
		return false;
	}
	free(old);
	cr_terms_free(&l->terms);
	cr_terms_parse(query, &l->terms);
	if (!l->results)
		l->sel = l->before;
	relayout(l, t, !l->results);
	return true;
}

/* ---- view operations ---- */

static void list_recalc(struct view *v, struct tui *t)
{
	struct list_view *l = (struct list_view *)v;
	count_classes(l, t);
	l->count = 0;
	for (int c = lo(t); c <= hi(t); c++)
		l->count += l->class_total[c];
	for (size_t i = 0; tagged_status[i]; i++) {
		struct cr_row r = { .status = tagged_status[i] };
		char key[64];
		snprintf(key, sizeof key, "status.%s", cr_row_status(&r));
		free(l->tag[i]);
		l->tag[i] = cr_asprintf("  [%s]", cr_str(t->c->db, t->c->lang, key));
	}
	if (l->results)
		run_search(l, t, false, true);
	relayout(l, t, l->centre);
	l->centre = false;
}

static void list_reflow(struct view *v, struct tui *t)
{
	relayout((struct list_view *)v, t, false);
}

/* The selected code's key (cr_code_key), 0 when none. */
static int selected(struct list_view *l, struct tui *t)
{
	if (l->results) {
		if (l->rsel >= (int)l->res.count)
			return 0;
		struct cr_row *r = &l->res.row[l->rsel];
		cr_search_read(t->c->db, r, 1);
		return cr_code_key(t->c->db, r->set, r->number);
	}
	return l->sel ? cr_code_key(t->c->db, set(t), l->sel) : 0;
}

static void list_draw(struct view *v, struct tui *t)
{
	struct list_view *l = (struct list_view *)v;
	int w = v->w, x0 = v->x;
	for (int r = 0; r < v->h; r++)
		cr_draw_blank(stdscr, v->y + r, x0, w, cr_look(CR_LOOK_NORMAL));
	if (l->results && l->nomatch && l->nomatch_text) {
		cr_draw_cut(stdscr, v->y, x0 + 1, w - 1, l->nomatch_text, strlen(l->nomatch_text),
		            cr_look(CR_LOOK_NOTICE));
		return;
	}
	int sel = selected(l, t);
	const struct cr_terms *marks = l->results ? &l->terms : NULL;
	for (int i = 0; i < l->nline && i < v->h; i++) {
		const struct line *ln = &l->line[i];
		int y = v->y + i;
		if (ln->kind == HEADER) {
			cr_draw_cut(stdscr, y, x0, w, ln->text, strlen(ln->text),
			            cr_look(CR_LOOK_CLASS_HEADER));
			continue;
		}
		if (ln->kind == SNIPPET) {
			cr_draw_snippet(stdscr, y, x0 + 5, w - 5, ln->text, cr_look(CR_LOOK_DIM),
			                cr_look(CR_LOOK_MATCH));
			continue;
		}
		bool on = ln->key == sel;
		bool marked = ln->key == t->mark;
		attr_t base = on ? cr_look(CR_LOOK_SELECTED) : cr_look(CR_LOOK_NORMAL);
		if (on)
			cr_draw_blank(stdscr, y, x0, w, base);
		int x = 1;
		const char *dot = marked ? "◆" : "●";
		x += cr_draw(stdscr, y, x0 + x, w - x, dot, strlen(dot),
		             marked ? cr_look(CR_LOOK_MARKED) | (on ? A_REVERSE : 0)
		                    : on ? base : cr_class_look(ln->cls));
		x += cr_draw(stdscr, y, x0 + x, w - x, " ", 1, base);
		const char *tagtext = status_tag(l, ln->status);
		/* withdrawn numbers read dimmed: deprecated, obsoleted, unused */
		bool dim = ln->status == 'd' || ln->status == 'o' || ln->status == 'n';
		int tag = tagtext ? cr_width(tagtext, strlen(tagtext)) : 0;
		int room = w - x - 1;
		int tw = cr_width(ln->text, strlen(ln->text));
		/* The title first and the tag when there is room; but a code no
		 * registry holds, or one the registry withdrew, keeps its tag and
		 * cuts its gloss, so that it is never shown as an ordinary code. */
		if (tag && tw + tag > room && (ln->status == 'd' || room - tag < 16))
			tag = 0;
		x += cr_draw_marked_cut(stdscr, y, x0 + x, room - tag, ln->text, strlen(ln->text),
		                        dim ? base | A_DIM : base, marks,
		                        on ? base | A_BOLD | A_UNDERLINE : cr_look(CR_LOOK_MATCH));
		if (tag)
			cr_draw(stdscr, y, x0 + x, w - x, tagtext, strlen(tagtext),
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

/* The first code with the digits typed as its prefix (4 → 400, 48 → 480),
 * else the first after where such a code would be. */
static void jump(struct list_view *l, struct tui *t)
{
	size_t len = strlen(t->digits);
	int number = atoi(t->digits);
	for (size_t i = len; i < 3; i++)
		number *= 10;
	if (l->results) {
		char s[16];
		cr_search_read(t->c->db, l->res.row, l->res.count);
		for (size_t i = 0; i < l->res.count; i++) {
			snprintf(s, sizeof s, "%d", l->res.row[i].number);
			if (strncmp(s, t->digits, len) == 0) {
				l->rsel = (int)i;
				return;
			}
		}
		for (size_t i = 0; i < l->res.count; i++)
			if (l->res.row[i].number >= number) {
				l->rsel = (int)i;
				return;
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
	jump(l, t);
}

/* `f` then a class digit: only that class; anything else leaves it. */
static void class_filter(struct list_view *l, struct tui *t, wint_t ch)
{
	if (ch == 0) {
		t->filter_wait = true;
		return;
	}
	if (ch < '1' || ch > '9')
		return;
	int cls = (int)(ch - '0');
	if (l->class_total[cls] == 0)
		return;
	t->filter = cls;
	l->count = l->class_total[cls];
	if (l->sel / 100 != cls || l->sel <= 0)
		l->sel = first_code(t, -1, 0, 1);
	follow(l, t, true);
}

static void unfilter(struct list_view *l, struct tui *t)
{
	t->filter = 0;
	l->count = 0;
	for (int c = lo(t); c <= hi(t); c++)
		l->count += l->class_total[c];
	follow(l, t, true);
}

static int list_action(struct view *v, struct tui *t, enum cr_action a, wint_t ch,
                       struct cr_request *req)
{
	struct list_view *l = (struct list_view *)v;
	int h = height(l), n = 0;
	if (a != CR_ACT_JUMP)
		t->digits[0] = '\0';
	if (a == CR_ACT_FILTER) {
		if (l->results) {       /* a filter is for the list, not for results */
			t->filter_wait = false;
			return 1;
		}
		/* the first `f` waits (ch 0 from the key table), the digit decides */
		if (ch == 'f' && !t->filter_wait)
			ch = 0;
		class_filter(l, t, ch);
		return 1;
	}
	if (l->results) {
		switch (a) {
		case CR_ACT_UP: move_results(l, -1); break;
		case CR_ACT_DOWN: move_results(l, 1); break;
		case CR_ACT_PAGE_UP: move_results(l, -(h - 1)); break;
		case CR_ACT_PAGE_DOWN: move_results(l, h - 1); break;
		case CR_ACT_HALF_UP: move_results(l, -(h / 2)); break;
		case CR_ACT_HALF_DOWN: move_results(l, h / 2); break;
		case CR_ACT_FIRST: l->rsel = 0; break;
		case CR_ACT_LAST: l->rsel = (int)l->res.count - 1; break;
		case CR_ACT_JUMP: typed_digit(l, t, ch); break;
		default: goto common;
		}
		results_window(l, t);
		return 1;
	}
	int step = h > 2 ? h - 2 : 1, half = h / 2 > 1 ? h / 2 : 1;
	long moved = 0, pos = -1;
	switch (a) {
	case CR_ACT_UP: n = code_steps(t, l->sel, 1, 1, &moved); pos = l->pos - moved; break;
	case CR_ACT_DOWN: n = code_steps(t, l->sel, 0, 1, &moved); pos = l->pos + moved; break;
	case CR_ACT_PAGE_UP: n = code_steps(t, l->sel, 1, step, &moved); pos = l->pos - moved; break;
	case CR_ACT_PAGE_DOWN: n = code_steps(t, l->sel, 0, step, &moved); pos = l->pos + moved; break;
	case CR_ACT_HALF_UP: n = code_steps(t, l->sel, 1, half, &moved); pos = l->pos - moved; break;
	case CR_ACT_HALF_DOWN: n = code_steps(t, l->sel, 0, half, &moved); pos = l->pos + moved; break;
	case CR_ACT_FIRST: n = first_code(t, -1, 0, 1); pos = 1; break;
	case CR_ACT_LAST: n = first_code(t, INT_MAX, 1, 1); pos = l->count; break;
	case CR_ACT_JUMP:
		typed_digit(l, t, ch);
		follow(l, t, true);
		return 1;
	default: goto common;
	}
	if (n > 0) {
		l->sel = n;
		l->pos_known = pos >= 1 && l->pos > 0;
		if (l->pos_known)
			l->pos = pos;
		follow(l, t, false);
	}
	return 1;
common:
	switch (a) {
	case CR_ACT_OPEN:
		*req = (struct cr_request){ CR_REQ_OPEN, selected(l, t), 0 };
		return 1;
	case CR_ACT_COMPARE:
		*req = (struct cr_request){ CR_REQ_COMPARE, selected(l, t), 0 };
		return 1;
	case CR_ACT_COPY:
		*req = (struct cr_request){ CR_REQ_COPY, selected(l, t), 0 };
		return 1;
	case CR_ACT_COPY_LINE:
		*req = (struct cr_request){ CR_REQ_COPY_LINE, selected(l, t), 0 };
		return 1;
	case CR_ACT_BACK:
	case CR_ACT_QUIT:
		/* Esc takes back what the list shows first: the mark, the filter. */
		if (a == CR_ACT_BACK && t->mark) {
			t->mark = 0;
			return 1;
		}
		if (a == CR_ACT_BACK && t->filter) {
			unfilter(l, t);
			return 1;
		}
		return 0;
	default:
		return 0;
	}
}

static void list_mouse(struct view *v, struct tui *t, const MEVENT *ev, struct cr_request *req)
{
	struct list_view *l = (struct list_view *)v;
	if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		enum cr_action a = ev->bstate & BUTTON4_PRESSED ? CR_ACT_UP : CR_ACT_DOWN;
		for (int i = 0; i < 3; i++)
			list_action(v, t, a, 0, req);
		return;
	}
	if (!(ev->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	int i = ev->y - v->y;
	if (ev->x < v->x || ev->x >= v->x + v->w || i < 0 || i >= l->nline || l->line[i].kind != CODE)
		return;
	int number = l->line[i].number, key = l->line[i].key;
	if (key == selected(l, t)) {    /* a click on the selected code opens it */
		list_action(v, t, CR_ACT_OPEN, 0, req);
		return;
	}
	if (l->results) {
		cr_search_read(t->c->db, l->res.row, l->res.count);
		for (size_t k = 0; k < l->res.count; k++)
			if (cr_code_key(t->c->db, l->res.row[k].set, l->res.row[k].number) == key)
				l->rsel = (int)k;
		results_window(l, t);
	} else {
		l->sel = number;
		follow(l, t, false);
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
	return selected((struct list_view *)v, t);
}

static void list_destroy(struct view *v)
{
	struct list_view *l = (struct list_view *)v;
	lines_clear(l);
	free(l->line);
	cr_rows_free(&l->res);
	past_clear(l);
	cr_terms_free(&l->terms);
	sqlite3_finalize(l->in_class);
	free(l->query);
	free(l->nomatch_text);
	for (size_t i = 0; i < sizeof l->tag / sizeof *l->tag; i++)
		free(l->tag[i]);
	free(l);
}

static const struct view_ops list_ops = {
	.kind = CR_IN_LIST,
	.hints = hints,
	.recalc = list_recalc,
	.reflow = list_reflow,
	.draw = list_draw,
	.action = list_action,
	.mouse = list_mouse,
	.status = list_status,
	.current = list_current,
	.find = list_find,
	.destroy = list_destroy,
};

struct view *cr_view_list_new(struct tui *t, int number)
{
	struct list_view *l = cr_xcalloc(1, sizeof *l);
	l->base.ops = &list_ops;
	number = cr_key_number(number);     /* a key of the list's own set */
	int n = first_code(t, number > 0 ? number - 1 : -1, 0, 1);
	l->sel = l->top = n;
	l->centre = number > 0;     /* opened on a code: mid-screen behind its card */
	return &l->base;
}
