/* The log view of `coderef decode FILE`: the log as less shows it, with
 * what the scanner found highlighted.  n and N go from finding to finding
 * (the current one in the selection's look), Enter asks the loop for the
 * current finding's card, `/` finds text in the log (↑↓ on the search
 * line: the previous and next line holding it).
 *
 *   row y        line top (cut at the view's width)
 *   …            a finding: match look; the current finding: selected look
 *   status       file  line/lines  finding i/k  SIP 486 Busy Here — gloss
 *
 * The model (core/logfile.h) is built once when the view is made; drawing
 * reads the visible lines back from the file. */
#include "config.h"

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "core/explain.h"
#include "core/logfile.h"
#include "i18n.h"

#include "core/wrap.h"

#include <stdlib.h>
#include <string.h>

/* Bytes of a line read for drawing: more than any screen is wide. */
#define SHOWN_BYTES 4096
/* How far ← and → scroll, in columns. */
#define SIDE_STEP 20

struct log_view {
	struct view base;
	char *name;             /* the file as given */
	struct cr_logfile lf;
	struct cr_explain *ex;
	long top;
	int left;               /* columns scrolled off to the left */
	size_t cur;             /* the current finding; nfind: none */
	char *query;            /* the search line's text, NULL if none */
	long search_from;       /* where the view was when the search began */
	bool found;             /* the query matched a line */
};

static const enum cr_action hints[] = {
	CR_ACT_FIND_NEXT, CR_ACT_OPEN, CR_ACT_SEARCH, CR_ACT_QUIT, CR_ACT_LANG, CR_ACT_NONE
};

static long max_top(const struct log_view *lv)
{
	long m = lv->lf.nlines - lv->base.h;
	return m > 0 ? m : 0;
}

static void clamp(struct log_view *lv)
{
	if (lv->top > max_top(lv))
		lv->top = max_top(lv);
	if (lv->top < 0)
		lv->top = 0;
}

/* Brings line into view, a few lines below the top when it was out. */
static void show_line(struct log_view *lv, long line)
{
	if (line < lv->top || line >= lv->top + lv->base.h) {
		lv->top = line - lv->base.h / 3;
		clamp(lv);
	}
}

static void log_recalc(struct view *v, struct tui *t)
{
	struct log_view *lv = (struct log_view *)v;
	cr_explain_set_lang(lv->ex, t->c->lang);
	clamp(lv);
}

static void log_reflow(struct view *v, struct tui *t)
{
	(void)t;
	clamp((struct log_view *)v);
}

/* Bytes s..s+n in attr, made safe; the columns used. */
static int draw_part(struct view *v, int y, int x, const char *s, size_t n, attr_t attr)
{
	if (x >= v->x + v->w || !n)
		return 0;
	struct cr_buf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\0')
			cr_buf_adds(&b, "\xe2\x90\x80");        /* ␀ */
		else
			cr_buf_add(&b, s + i, 1);
	}
	char *safe = cr_sanitize(b.s ? b.s : "", 0);
	cr_buf_free(&b);
	int used = cr_draw(stdscr, y, x, v->x + v->w - x, safe, strlen(safe), attr);
	free(safe);
	return used;
}

/* The columns the n bytes at s take once made safe: controls and bad
 * bytes become one-column symbols, as draw_part shows them. */
static int safe_width(const char *s, size_t n)
{
	struct cr_buf b = { 0 };
	for (size_t i = 0; i < n; i++)
		cr_buf_add(&b, s[i] ? s + i : " ", 1);
	char *safe = cr_sanitize(b.s ? b.s : "", 0);
	int w = cr_width(safe, strlen(safe));
	free(safe);
	cr_buf_free(&b);
	return w;
}

/* The byte where the column `left` begins: whole characters skipped. */
static size_t skip_columns(const char *s, size_t n, int left)
{
	size_t i = 0;
	while (i < n && left > 0) {
		size_t k = 1;
		unsigned char c = (unsigned char)s[i];
		size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		while (k < want && i + k < n && ((unsigned char)s[i + k] & 0xc0) == 0x80)
			k++;
		left -= safe_width(s + i, k);
		i += k;
	}
	return i;
}

static void log_draw(struct view *v, struct tui *t)
{
	struct log_view *lv = (struct log_view *)v;
	(void)t;
	char *buf = cr_xmalloc(SHOWN_BYTES);
	attr_t mark = cr_look(CR_LOOK_MATCH), sel = cr_look(CR_LOOK_SELECTED);
	for (int r = 0; r < v->h; r++) {
		long line = lv->top + r;
		int y = v->y + r;
		cr_draw_blank(stdscr, y, v->x, v->w, A_NORMAL);
		if (line >= lv->lf.nlines)
			continue;
		size_t n = cr_logfile_text(&lv->lf, line, buf, SHOWN_BYTES);
		/* The line's findings in order; the text between them plain. */
		size_t at = skip_columns(buf, n, lv->left);
		int x = v->x;
		for (size_t k = cr_logfile_finding_at(&lv->lf, line);
		     k < lv->lf.nfind && lv->lf.find[k].line == line; k++) {
			const struct cr_log_finding *f = &lv->lf.find[k];
			size_t e = f->col + f->len < n ? f->col + f->len : n;
			if (e <= at || f->col >= n)
				continue;
			size_t b = f->col > at ? f->col : at;
			x += draw_part(v, y, x, buf + at, b - at, A_NORMAL);
			x += draw_part(v, y, x, buf + b, e - b, k == lv->cur ? sel : mark);
			at = e;
		}
		draw_part(v, y, x, buf + at, n - at, A_NORMAL);
	}
	free(buf);
}

/* Scrolls sideways so the current finding's start is on the screen. */
static void show_finding_column(struct log_view *lv)
{
	const struct cr_log_finding *f = &lv->lf.find[lv->cur];
	if (f->col >= SHOWN_BYTES)
		return;
	char *buf = cr_xmalloc(SHOWN_BYTES);
	size_t n = cr_logfile_text(&lv->lf, f->line, buf, SHOWN_BYTES);
	int col = safe_width(buf, f->col < n ? f->col : n);
	free(buf);
	if (col < lv->left || col >= lv->left + lv->base.w - 1)
		lv->left = col > lv->base.w / 4 ? col - lv->base.w / 4 : 0;
}

static void step_finding(struct log_view *lv, int dir)
{
	size_t n = lv->lf.nfind;
	if (!n)
		return;
	if (lv->cur >= n) {
		/* None yet: the first below the top, or the last above it. */
		size_t k = cr_logfile_finding_at(&lv->lf, lv->top);
		lv->cur = dir > 0 ? (k < n ? k : n - 1) : (k > 0 ? k - 1 : 0);
	} else if (dir > 0 && lv->cur + 1 < n) {
		lv->cur++;
	} else if (dir < 0 && lv->cur > 0) {
		lv->cur--;
	}
	show_line(lv, lv->lf.find[lv->cur].line);
	show_finding_column(lv);
}

static void search_step(struct log_view *lv, int dir)
{
	if (!lv->query)
		return;
	long from = lv->found ? lv->top + lv->base.h / 3 : lv->search_from;
	if (lv->found && from >= lv->lf.nlines)
		from = lv->lf.nlines - 1;
	long l = cr_logfile_search(&lv->lf, from, dir, false, lv->query);
	if (l >= 0) {
		lv->top = l - lv->base.h / 3;
		clamp(lv);
		lv->found = true;
	}
}

static int log_action(struct view *v, struct tui *t, enum cr_action a, wint_t ch,
                      struct cr_request *req)
{
	struct log_view *lv = (struct log_view *)v;
	(void)ch;
	long page = v->h > 1 ? v->h - 1 : 1;
	if (t->line_active && lv->query && (a == CR_ACT_UP || a == CR_ACT_DOWN)) {
		search_step(lv, a == CR_ACT_DOWN ? 1 : -1);
		return 1;
	}
	switch (a) {
	case CR_ACT_UP: lv->top--; break;
	case CR_ACT_DOWN: lv->top++; break;
	case CR_ACT_PAGE_UP: lv->top -= page; break;
	case CR_ACT_PAGE_DOWN: lv->top += page; break;
	case CR_ACT_HALF_UP: lv->top -= v->h / 2; break;
	case CR_ACT_HALF_DOWN: lv->top += v->h / 2; break;
	case CR_ACT_LEFT: lv->left = lv->left > SIDE_STEP ? lv->left - SIDE_STEP : 0; break;
	case CR_ACT_RIGHT: lv->left = lv->left + SIDE_STEP < SHOWN_BYTES ? lv->left + SIDE_STEP : lv->left; break;
	case CR_ACT_FIRST: lv->top = 0; break;
	case CR_ACT_LAST: lv->top = max_top(lv); break;
	case CR_ACT_FIND_NEXT:
	case CR_ACT_FIND_PREV:
		step_finding(lv, a == CR_ACT_FIND_NEXT ? 1 : -1);
		return 1;
	case CR_ACT_OPEN:
		if (lv->cur >= lv->lf.nfind)
			step_finding(lv, 1);
		if (lv->cur < lv->lf.nfind && lv->lf.find[lv->cur].key > 0)
			*req = (struct cr_request){ CR_REQ_OPEN, lv->lf.find[lv->cur].key, 0 };
		return 1;
	case CR_ACT_COMPARE:
	case CR_ACT_COPY:
	case CR_ACT_COPY_LINE:
		if (lv->cur < lv->lf.nfind && lv->lf.find[lv->cur].key > 0)
			*req = (struct cr_request){ a == CR_ACT_COMPARE ? CR_REQ_COMPARE
			                            : a == CR_ACT_COPY ? CR_REQ_COPY : CR_REQ_COPY_LINE,
			                            lv->lf.find[lv->cur].key, 0 };
		return 1;
	default:
		return 0;
	}
	clamp(lv);
	return 1;
}

static void log_mouse(struct view *v, struct tui *t, const MEVENT *ev, struct cr_request *req)
{
	struct log_view *lv = (struct log_view *)v;
	(void)t;
	(void)req;
	if (ev->bstate & BUTTON4_PRESSED)
		lv->top -= 3;
	else if (ev->bstate & BUTTON5_PRESSED)
		lv->top += 3;
	clamp(lv);
}

static void log_status(struct view *v, struct tui *t, struct cr_buf *b)
{
	struct log_view *lv = (struct log_view *)v;
	long last = lv->top + v->h < lv->lf.nlines ? lv->top + v->h : lv->lf.nlines;
	/* The file's whole name is in the title. */
	const char *slash = strrchr(lv->name, '/');
	cr_buf_addf(b, "%s  %ld-%ld/%ld", slash && slash[1] ? slash + 1 : lv->name,
	            lv->lf.nlines ? lv->top + 1 : 0, last, lv->lf.nlines);
	/* TRANSLATORS: the log view: which finding is current, of how many. */
	if (lv->cur < lv->lf.nfind) {
		cr_buf_addf(b, "  %s %zu/%zu", _("finding"), lv->cur + 1, lv->lf.nfind);
		const struct cr_log_finding *f = &lv->lf.find[lv->cur];
		const char *set = f->key > 0 ? cr_key_set(t->c->db, f->key) : NULL;
		const struct cr_meaning *m = set ? cr_explain_finding(lv->ex, "",
		        &(struct cr_finding){ .set = set, .number = cr_key_number(f->key) }) : NULL;
		if (f->phrase_differs)
			/* TRANSLATORS: the finding's own phrase is not the registry's. */
			cr_buf_addf(b, "  [%s]", _("phrase differs"));
		if (m && m->known)
			cr_buf_addf(b, "  %s %d %s", m->set_name, m->number, m->reason);
	} else {
		/* TRANSLATORS: the log view before n: how many findings. */
		cr_buf_adds(b, "  ");
		cr_buf_addf(b, ngettext("%zu finding", "%zu findings", lv->lf.nfind), lv->lf.nfind);
	}
	if (lv->left)
		/* TRANSLATORS: the log view scrolled sideways: the first column shown. */
		cr_buf_addf(b, "  "), cr_buf_addf(b, _("column %d"), lv->left + 1);
	if (lv->query && !lv->found)
		/* TRANSLATORS: `/` in the log found no line. */
		cr_buf_addf(b, "  %s", _("not found"));
}

static int log_current(struct view *v, struct tui *t)
{
	struct log_view *lv = (struct log_view *)v;
	(void)t;
	return lv->cur < lv->lf.nfind ? lv->lf.find[lv->cur].key : 0;
}

static bool log_find(struct view *v, struct tui *t, const char *query)
{
	struct log_view *lv = (struct log_view *)v;
	(void)t;
	if (!lv->query)
		lv->search_from = lv->top;
	free(lv->query);
	lv->query = NULL;
	lv->found = false;
	if (!query || !*query) {
		lv->top = lv->search_from;   /* given up: back where it began */
		clamp(lv);
		return true;
	}
	lv->query = cr_xstrdup(query);
	long l = cr_logfile_search(&lv->lf, lv->search_from, 1, true, query);
	if (l >= 0) {
		lv->top = l - lv->base.h / 3;
		clamp(lv);
		lv->found = true;
	}
	return true;
}

static void log_destroy(struct view *v)
{
	struct log_view *lv = (struct log_view *)v;
	cr_logfile_free(&lv->lf);
	cr_explain_free(lv->ex);
	free(lv->query);
	free(lv->name);
	free(lv);
}

static const struct view_ops log_ops = {
	.kind = CR_IN_LOG,
	.hints = hints,
	.recalc = log_recalc,
	.reflow = log_reflow,
	.draw = log_draw,
	.action = log_action,
	.mouse = log_mouse,
	.status = log_status,
	.current = log_current,
	.find = log_find,
	.destroy = log_destroy,
};

struct view *cr_view_log_new(struct tui *t, const char *name, int fd)
{
	struct log_view *lv = cr_xcalloc(1, sizeof *lv);
	lv->base.ops = &log_ops;
	lv->name = cr_sanitize(name, 0);
	lv->ex = cr_explain_new(t->c->db, t->c->lang);
	if (cr_logfile_load(&lv->lf, fd, lv->ex) != CR_OK) {
		log_destroy(&lv->base);
		return NULL;
	}
	lv->cur = lv->lf.nfind;
	return &lv->base;
}

size_t cr_view_log_findings(struct view *v)
{
	return ((struct log_view *)v)->lf.nfind;
}
