/* Call-flow ladders: the parser of the flow text and the ladder renderer.
 *
 *     UAC               Proxy               UAS       <- names, one column each
 *      │                  │                  │
 *      │      INVITE      │                  │        <- label row
 *      │─────────────────▶│                  │        <- arrow row
 *      │                  │  486 Busy Here   │    The callee is on another
 *      │                  │◀─────────────────│    call.
 *      │                  │──┐               │    Timer C
 *      │                  │◀─┘               │    No final response in 3 min.
 *      │                  │                  │
 *
 * The code's own messages are marked (label and arrow), an action is a loop
 * on its element's lifeline, and notes go in a column beside the ladder
 * when the width leaves one, else under their arrow.  Each row is drawn on
 * a grid of cells, one per column, so that text can be laid over lifelines
 * and wide characters keep their two columns; the grid is then written out
 * as UTF-8 lines. */
#include "config.h"

#include "flow.h"
#include "code.h"
#include "db.h"
#include "util.h"
#include "wrap.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* ---- parsing -------------------------------------------------------------- */

/* Larger text is no flow: 100 steps with two long notes each fit well. */
#define MAX_TEXT (256 * 1024)

struct parser {
	struct cr_flow *f;
	const char *lang;
	int line;
	char *error;
	/* The step being read: which languages its notes were in ("en ja "),
	 * and whether the note kept is the one in lang. */
	char seen[64];
	bool note_exact, note_en;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct parser *p, const char *fmt, ...)
{
	char what[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	free(p->error);
	p->error = cr_asprintf("line %d: %s", p->line, what);
	return -1;
}

/* Text the parser accepts: valid UTF-8 without control characters other
 * than the newline; a damaged database must not reach the terminal. */
static int check_bytes(struct parser *p, const char *text, size_t n)
{
	const uint8_t *s = (const uint8_t *)text, *end = s + n;
	p->line = 1;
	while (s < end) {
		if (*s >= 0x20 && *s < 0x7F) {     /* printable ASCII: nothing to check */
			s++;
			continue;
		}
		ucs4_t c;
		int k = u8_mbtouc(&c, s, (size_t)(end - s));
		if (k <= 0 || c == 0xFFFD)
			return fail(p, "invalid UTF-8");
		if (c == '\n')
			p->line++;
		else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
			return fail(p, "control character");
		s += k;
	}
	return 0;
}

static bool is_key(const char *s, size_t n)
{
	if (n == 0 || n > CR_FLOW_MAX_KEY || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

static size_t word_len(const char *s, const char *end)
{
	size_t n = 0;
	while (s + n < end && s[n] != ' ' && s[n] != ':' && s[n] != '>')
		n++;
	return n;
}

static const char *skip_spaces(const char *s, const char *end)
{
	while (s < end && *s == ' ')
		s++;
	return s;
}

static int parse_entities(struct parser *p, const char *s, const char *end)
{
	struct cr_flow *f = p->f;
	for (s = skip_spaces(s, end); s < end; s = skip_spaces(s, end)) {
		size_t n = word_len(s, end);
		if (!is_key(s, n))
			return fail(p, "an element is a lowercase key such as 'uac' or 'proxy'");
		for (size_t i = 0; i < f->entities; i++)
			if (strlen(f->entity[i]) == n && memcmp(f->entity[i], s, n) == 0)
				return fail(p, "element '%s' listed twice", f->entity[i]);
		if (f->entities == CR_FLOW_MAX_ENTITIES)
			return fail(p, "more than %d elements", CR_FLOW_MAX_ENTITIES);
		f->entity = cr_xrealloc(f->entity, (f->entities + 1) * sizeof *f->entity);
		f->entity[f->entities++] = cr_xstrndup(s, n);
		s += n;
	}
	if (f->entities < 2)
		return fail(p, "a flow needs at least two elements");
	return 0;
}

static int find_entity(struct parser *p, const char *s, size_t n, size_t *out)
{
	if (!is_key(s, n))
		return fail(p, "expected an element key");
	for (size_t i = 0; i < p->f->entities; i++)
		if (strlen(p->f->entity[i]) == n && memcmp(p->f->entity[i], s, n) == 0) {
			*out = i;
			return 0;
		}
	char key[CR_FLOW_MAX_KEY + 1];
	memcpy(key, s, n);
	key[n] = '\0';
	return fail(p, "element '%s' is not in the first line", key);
}

/* A copy of s .. end without surrounding spaces, made safe for the terminal. */
static char *trimmed(const char *s, const char *end)
{
	s = skip_spaces(s, end);
	while (end > s && end[-1] == ' ')
		end--;
	char *raw = cr_xstrndup(s, (size_t)(end - s));
	char *safe = cr_sanitize(raw, 0);
	free(raw);
	return safe;
}

/* "Note-ja: text": a note on the step before it. */
static int parse_note(struct parser *p, const char *s, const char *end)
{
	struct cr_flow *f = p->f;
	const char *lang = s + strlen("Note-");
	const char *colon = memchr(lang, ':', (size_t)(end - lang));
	size_t n = colon ? (size_t)(colon - lang) : 0;
	if (!colon || n < 2 || n > 8 || strspn(lang, "abcdefghijklmnopqrstuvwxyz") < n)
		return fail(p, "expected 'Note-<language>: text'");
	if (f->steps == 0)
		return fail(p, "a note before any step");
	char tag[12];
	memcpy(tag, lang, n);
	tag[n] = ' ';
	tag[n + 1] = '\0';
	if (strstr(p->seen, tag))
		return fail(p, "two notes in one language on a step");
	if (strlen(p->seen) + n + 2 > sizeof p->seen)
		return fail(p, "notes in too many languages");
	strcat(p->seen, tag);
	if ((size_t)(end - colon - 1) > CR_FLOW_MAX_NOTE)
		return fail(p, "note longer than %d bytes", CR_FLOW_MAX_NOTE);
	const char *t = skip_spaces(colon + 1, end);
	if (t == end)
		return fail(p, "empty note");
	struct cr_flow_step *st = &f->step[f->steps - 1];
	bool exact = n == strlen(p->lang) && memcmp(lang, p->lang, n) == 0;
	bool english = n == 2 && memcmp(lang, "en", 2) == 0;
	if (english)
		p->note_en = true;
	/* Only the note kept is copied and made safe. */
	if (exact || (english && !p->note_exact)) {
		free(st->note);
		st->note = trimmed(t, end);
		p->note_exact = exact;
	}
	return 0;
}

/* Checks on a step once its notes are read. */
static int finish_step(struct parser *p)
{
	struct cr_flow *f = p->f;
	if (f->steps > 0) {
		const struct cr_flow_step *st = &f->step[f->steps - 1];
		if (st->action && !*st->label && !p->note_en)
			return fail(p, "an action without a label needs an English note");
	}
	p->seen[0] = '\0';
	p->note_exact = p->note_en = false;
	return 0;
}

/* "[* ]from > to: label" (a message) or "[* ]element: label" (an action). */
static int parse_step(struct parser *p, const char *s, const char *end)
{
	struct cr_flow *f = p->f;
	bool marked = false;
	if (*s == '*') {
		marked = true;
		s = skip_spaces(s + 1, end);
	}
	size_t from, to;
	size_t n = word_len(s, end);
	if (find_entity(p, s, n, &from) < 0)
		return -1;
	s = skip_spaces(s + n, end);
	bool action = s < end && *s == ':';
	if (action) {
		to = from;
	} else {
		if (s == end || *s != '>')
			return fail(p, "expected 'from > to: label' or 'element: label'");
		s = skip_spaces(s + 1, end);
		n = word_len(s, end);
		if (find_entity(p, s, n, &to) < 0)
			return -1;
		if (to == from)
			return fail(p, "a message from '%s' to itself (write 'element: label')", f->entity[from]);
		s = skip_spaces(s + n, end);
		if (s == end || *s != ':')
			return fail(p, "expected ':' and a label after the receiver");
	}
	s++;
	if ((size_t)(end - s) > CR_FLOW_MAX_LABEL)
		return fail(p, "label longer than %d bytes", CR_FLOW_MAX_LABEL);
	if (f->steps == CR_FLOW_MAX_STEPS)
		return fail(p, "more than %d steps", CR_FLOW_MAX_STEPS);
	char *label = trimmed(s, end);
	if (!*label && !action) {
		free(label);
		return fail(p, "a message without a label");
	}
	f->step = cr_xrealloc(f->step, (f->steps + 1) * sizeof *f->step);
	f->step[f->steps++] = (struct cr_flow_step){
		.from = from, .to = to, .action = action, .label = label, .marked = marked,
	};
	return 0;
}

static int parse_line(struct parser *p, const char *s, const char *end)
{
	s = skip_spaces(s, end);
	if (s == end)
		return 0;
	if (p->f->entities == 0)
		return parse_entities(p, s, end);
	if ((size_t)(end - s) >= strlen("Note-") && memcmp(s, "Note-", strlen("Note-")) == 0)
		return parse_note(p, s, end);
	if (finish_step(p) < 0)
		return -1;
	return parse_step(p, s, end);
}

int cr_flow_parse(const char *text, const char *lang, struct cr_flow *out, char **error)
{
	memset(out, 0, sizeof *out);
	struct parser p = { .f = out, .lang = lang ? lang : "en" };
	size_t n = text ? strlen(text) : 0;
	int rc = 0;
	if (n > MAX_TEXT) {
		p.line = 1;
		rc = fail(&p, "flow text longer than %d bytes", MAX_TEXT);
	} else {
		rc = check_bytes(&p, text ? text : "", n);
	}
	p.line = 0;
	for (const char *s = text; rc == 0 && s && *s;) {
		const char *end = strchr(s, '\n');
		if (!end)
			end = s + strlen(s);
		p.line++;
		rc = parse_line(&p, s, end);
		s = *end ? end + 1 : end;
	}
	if (rc == 0)
		rc = finish_step(&p);
	if (rc == 0 && out->entities == 0)
		rc = fail(&p, "empty flow");
	else if (rc == 0 && out->steps == 0)
		rc = fail(&p, "a flow without steps");
	if (rc < 0) {
		cr_flow_free(out);
		if (error)
			*error = p.error;
		else
			free(p.error);
		return -1;
	}
	if (error)
		*error = NULL;
	return 0;
}

void cr_flow_free(struct cr_flow *f)
{
	for (size_t i = 0; i < f->entities; i++)
		free(f->entity[i]);
	free(f->entity);
	for (size_t i = 0; i < f->steps; i++) {
		free(f->step[i].label);
		free(f->step[i].note);
	}
	free(f->step);
	memset(f, 0, sizeof *f);
}

int cr_flow_get(struct cr_db *db, long long code_id, const char *lang, struct cr_flow *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_FLOW);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, code_id);
	int found = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		found = cr_flow_parse(text ? text : "", lang, out, NULL) == 0 ? 1 : -1;
	}
	sqlite3_reset(st);
	return found;
}

void cr_flow_names(struct cr_db *db, const char *lang, const struct cr_flow *f,
                   struct cr_flow_name *names)
{
	for (size_t i = 0; i < f->entities; i++) {
		char *key = cr_asprintf("flow.entity.%s", f->entity[i]);
		char *short_key = cr_asprintf("%s.short", key);
		bool known = cr_str_has(db, lang, key) || cr_str_has(db, "en", key);
		names[i].label = known ? cr_str(db, lang, key) : f->entity[i];
		names[i].short_label = cr_str_has(db, lang, short_key) || cr_str_has(db, "en", short_key)
		                               ? cr_str(db, lang, short_key)
		                               : NULL;
		free(short_key);
		free(key);
	}
}

/* ---- drawing -------------------------------------------------------------- */

/* The glyphs of one style. */
struct glyphs {
	const char *vline, *hline, *right, *left, *loop_top, *loop_bottom, *ellipsis;
};

static const struct glyphs box_glyphs = { "│", "─", "▶", "◀", "┐", "┘", "…" };
static const struct glyphs ascii_glyphs = { "|", "-", ">", "<", "+", "+", "~" };

/* Room for a character and a few combining marks after it. */
struct cell {
	char s[12];
	unsigned char len;
	bool mark;
	bool cont;              /* the right half of a two-column character */
};

struct grid {
	int width;
	struct cell *cell;      /* rows × width */
	size_t rows, cap;
};

/* Widest grid drawn: wider terminals get a ladder this wide. */
#define MAX_WIDTH 1000
/* Notes go beside the ladder when they get at least this many columns. */
#define NOTE_MIN_BESIDE 24
/* Under an arrow, a note block is never narrower than this; it stays
 * between the arrow's lifelines only when they are this far apart. */
#define NOTE_MIN_UNDER 16
#define NOTE_MIN_INSIDE 36
/* The widest gap between two lifelines, whatever the labels. */
#define GAP_MAX 40
#define GAP_MIN 2

struct layout {
	const struct glyphs *g;
	int width;
	int gap;
	int x[CR_FLOW_MAX_ENTITIES];    /* lifeline columns */
	char *name[CR_FLOW_MAX_ENTITIES];
	int ladder;                     /* columns the ladder takes */
	bool beside;                    /* notes in a column of their own */
	int note_col;
};

static struct cell *cells(struct grid *gr, size_t row)
{
	return gr->cell + row * (size_t)gr->width;
}

static void set_plain(struct cell *c, const char *s)
{
	size_t n = strlen(s);
	memcpy(c->s, s, n);
	c->len = (unsigned char)n;
	c->mark = false;
	c->cont = false;
}

/* Puts one character of w columns (1 or 2) at column x, keeping the wide
 * characters it overlaps whole or blank. */
static void put_char(struct grid *gr, size_t row, int x, const char *s, size_t n, int w, bool mark)
{
	struct cell *r = cells(gr, row);
	if (x < 0 || x + w > gr->width || n > sizeof r[x].s)
		return;
	if (r[x].cont && x > 0)
		set_plain(&r[x - 1], " ");
	if (x + w < gr->width && r[x + w].cont)
		set_plain(&r[x + w], " ");
	memcpy(r[x].s, s, n);
	r[x].len = (unsigned char)n;
	r[x].mark = mark;
	r[x].cont = false;
	if (w == 2) {
		r[x + 1].len = 0;
		r[x + 1].mark = mark;
		r[x + 1].cont = true;
	}
}

/* Lays text over the row from column x, stopping before column limit.
 * Returns the column after the last character put. */
static int put_text(struct grid *gr, size_t row, int x, int limit, const char *s, size_t n, bool mark)
{
	if (limit > gr->width)
		limit = gr->width;
	int last = -1;
	const char *end = s + n;
	while (s < end) {
		int k, w;
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F) {
			k = w = 1;      /* printable ASCII: most of a ladder, measured for free */
		} else {
			k = u8_mblen((const uint8_t *)s, (size_t)(end - s));
			if (k <= 0)
				k = 1;
			w = cr_width(s, (size_t)k);
		}
		if (w == 0) {
			/* A combining mark joins the character before it. */
			struct cell *c = last >= 0 ? &cells(gr, row)[last] : NULL;
			if (c && c->len + (size_t)k <= sizeof c->s) {
				memcpy(c->s + c->len, s, (size_t)k);
				c->len = (unsigned char)(c->len + k);
			}
		} else {
			if (x + w > limit)
				break;
			put_char(gr, row, x, s, (size_t)k, w, mark);
			last = x;
			x += w;
		}
		s += k;
	}
	return x;
}

static void blank(struct grid *gr, size_t row, int from, int to)
{
	for (int x = from < 0 ? 0 : from; x < to && x < gr->width; x++)
		put_char(gr, row, x, " ", 1, 1, false);
}

/* A new row with the lifelines drawn. */
static size_t add_row(struct grid *gr, const struct layout *lay, size_t entities)
{
	if (gr->rows == gr->cap) {
		gr->cap = gr->cap ? gr->cap * 2 : 32;
		gr->cell = cr_xrealloc(gr->cell, gr->cap * (size_t)gr->width * sizeof *gr->cell);
	}
	size_t row = gr->rows++;
	struct cell *r = cells(gr, row);
	for (int x = 0; x < gr->width; x++)
		set_plain(&r[x], " ");
	for (size_t i = 0; i < entities; i++)
		put_text(gr, row, lay->x[i], gr->width, lay->g->vline, strlen(lay->g->vline), false);
	return row;
}

/* The row at index row, adding rows as needed. */
static size_t row_at(struct grid *gr, const struct layout *lay, size_t entities, size_t row)
{
	while (gr->rows <= row)
		add_row(gr, lay, entities);
	return row;
}

/* s cut to cols columns with an ellipsis when it is wider. */
static char *fit(const char *s, int cols, const struct glyphs *g)
{
	size_t n = strlen(s);
	if (cr_width(s, n) <= cols)
		return cr_xstrdup(s);
	int ell = cr_width(g->ellipsis, strlen(g->ellipsis));
	if (cols < ell)
		return cr_xstrndup(s, cr_fit(s, n, cols));
	size_t keep = cr_fit(s, n, cols - ell);
	return cr_asprintf("%.*s%s", (int)keep, s, g->ellipsis);
}

static int text_width(const char *s)
{
	return cr_width(s, strlen(s));
}

/* An element's name in at most cols columns: the label, the short label,
 * or the shorter of them cut. */
static char *element_name(const struct cr_flow_name *name, const char *key, int cols,
                          const struct glyphs *g)
{
	const char *label = name && name->label ? name->label : key;
	const char *short_label = name && name->short_label ? name->short_label : NULL;
	char *safe = cr_sanitize(label, 0);
	char *safe_short = short_label ? cr_sanitize(short_label, 0) : NULL;
	const char *pick = safe;
	if (text_width(safe) > cols && safe_short &&
	    text_width(safe_short) < text_width(safe))
		pick = safe_short;
	char *out = fit(pick, cols, g);
	free(safe);
	free(safe_short);
	return out;
}

static void free_names(struct layout *lay, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(lay->name[i]);
		lay->name[i] = NULL;
	}
}

/* Places the lifelines gap columns apart; the columns the ladder then takes. */
static int place(const struct cr_flow *f, const struct cr_flow_name *names, int gap,
                 struct layout *lay)
{
	free_names(lay, f->entities);
	for (size_t i = 0; i < f->entities; i++)
		lay->name[i] = element_name(names ? &names[i] : NULL, f->entity[i], gap - 1, lay->g);
	size_t last = f->entities - 1;
	int w0 = text_width(lay->name[0]), wl = text_width(lay->name[last]);
	lay->gap = gap;
	lay->x[0] = w0 / 2 > 1 ? w0 / 2 : 1;
	for (size_t i = 1; i < f->entities; i++)
		lay->x[i] = lay->x[i - 1] + gap;
	int right = lay->x[last] + (wl - wl / 2);
	int end = lay->x[last] + 2;
	for (size_t i = 0; i < f->steps; i++)
		if (f->step[i].action && f->step[i].from == last)
			end = lay->x[last] + 4;   /* the loop: ──┐ */
	return right > end ? right : end;
}

/* The gap the labels would like: each message's label fits between its
 * lifelines with a little air, each name fits over its lifeline. */
static int ideal_gap(const struct cr_flow *f, const struct cr_flow_name *names)
{
	int gap = 10;
	for (size_t i = 0; i < f->entities; i++) {
		const char *label = names && names[i].label ? names[i].label : f->entity[i];
		int w = text_width(label) + 2;
		if (w > gap)
			gap = w;
	}
	for (size_t i = 0; i < f->steps; i++) {
		const struct cr_flow_step *st = &f->step[i];
		if (st->action)
			continue;
		int span = (int)(st->from > st->to ? st->from - st->to : st->to - st->from);
		int need = (text_width(st->label) + 4 + span - 1) / span;
		if (need > gap)
			gap = need;
	}
	return gap > GAP_MAX ? GAP_MAX : gap;
}

static bool has_notes(const struct cr_flow *f)
{
	for (size_t i = 0; i < f->steps; i++)
		if (f->step[i].note || (f->step[i].action && *f->step[i].label))
			return true;
	return false;
}

static int lay_out(const struct cr_flow *f, const struct cr_flow_name *names, int width,
                   struct layout *lay)
{
	int gap = ideal_gap(f, names);
	int ladder = place(f, names, gap, lay);
	if (has_notes(f) && ladder + 2 + NOTE_MIN_BESIDE <= width) {
		lay->beside = true;
		lay->note_col = ladder + 2;
		lay->ladder = ladder;
		return 0;
	}
	for (; gap >= GAP_MIN; gap--) {
		ladder = place(f, names, gap, lay);
		if (ladder <= width) {
			lay->ladder = ladder;
			return 0;
		}
	}
	free_names(lay, f->entities);
	return -1;
}

/* ---- the rows of each step ---- */

struct wrapped {
	char **line;
	size_t count;
};

static void collect(const char *line, size_t len, void *data)
{
	struct wrapped *w = data;
	w->line = cr_xrealloc(w->line, (w->count + 1) * sizeof *w->line);
	w->line[w->count++] = cr_xstrndup(line, len);
}

/* Writes text wrapped to the block [col, end) from row on; the block's
 * lifelines are hidden.  Returns the row after the last one written. */
static size_t put_block(struct grid *gr, const struct layout *lay, size_t entities, size_t row,
                        int col, int end, const char *text, bool mark)
{
	struct wrapped w = { 0 };
	cr_wrap(text, end - col, collect, &w);
	for (size_t i = 0; i < w.count; i++) {
		size_t r = row_at(gr, lay, entities, row++);
		blank(gr, r, col, end);
		put_text(gr, r, col, end, w.line[i], strlen(w.line[i]), mark);
		free(w.line[i]);
	}
	free(w.line);
	return row;
}

/* Where a note under a step goes: from just right of the step's leftmost
 * lifeline, inside the step when it is wide, else to the edge. */
static void under_block(const struct layout *lay, int lo, int hi, int *col, int *end)
{
	*col = lo + 2;
	*end = hi - 1 - *col >= NOTE_MIN_INSIDE ? hi - 1 : lay->width;
	if (*end - *col < NOTE_MIN_UNDER)
		*col = *end - NOTE_MIN_UNDER > 0 ? *end - NOTE_MIN_UNDER : 0;
}

static void draw_message(struct grid *gr, const struct layout *lay, const struct cr_flow *f,
                         const struct cr_flow_step *st)
{
	const struct glyphs *g = lay->g;
	size_t n = f->entities;
	int a = lay->x[st->from], b = lay->x[st->to];
	int lo = a < b ? a : b, hi = a < b ? b : a;
	int limit = lay->beside ? lay->note_col - 1 : lay->width;
	size_t label_row = add_row(gr, lay, n), arrow_row = add_row(gr, lay, n);

	/* The label: centred between the lifelines, else from the left one on,
	 * over the lifelines it meets, else cut. */
	char *label = fit(st->label, limit, g);
	int lw = text_width(label), inside = hi - lo - 1;
	int start = lw <= inside ? lo + 1 + (inside - lw) / 2 : lo + 1;
	if (start + lw > limit)
		start = limit - lw > 0 ? limit - lw : 0;
	blank(gr, label_row, start, start + lw);
	put_text(gr, label_row, start, limit, label, strlen(label), st->marked);
	free(label);

	for (int x = lo + 1; x < hi; x++)
		put_text(gr, arrow_row, x, hi, g->hline, strlen(g->hline), st->marked);
	const char *head = a < b ? g->right : g->left;
	put_text(gr, arrow_row, a < b ? hi - 1 : lo + 1, hi, head, strlen(head), st->marked);

	if (!st->note)
		return;
	if (lay->beside) {
		put_block(gr, lay, n, label_row, lay->note_col, lay->width, st->note, false);
	} else {
		int col, end;
		under_block(lay, lo, hi, &col, &end);
		put_block(gr, lay, n, arrow_row + 1, col, end, st->note, false);
	}
}

/* An action: a loop on the element's lifeline, its label and note beside
 * it, or under it when the element is too near the edge. */
static void draw_action(struct grid *gr, const struct layout *lay, const struct cr_flow *f,
                        const struct cr_flow_step *st)
{
	const struct glyphs *g = lay->g;
	size_t n = f->entities;
	int x = lay->x[st->from];
	size_t top = add_row(gr, lay, n), bottom = add_row(gr, lay, n);
	blank(gr, top, x + 1, x + 4);
	blank(gr, bottom, x + 1, x + 4);
	put_text(gr, top, x + 1, x + 2, g->hline, strlen(g->hline), st->marked);
	put_text(gr, top, x + 2, x + 3, g->hline, strlen(g->hline), st->marked);
	put_text(gr, top, x + 3, x + 4, g->loop_top, strlen(g->loop_top), st->marked);
	put_text(gr, bottom, x + 1, x + 2, g->left, strlen(g->left), st->marked);
	put_text(gr, bottom, x + 2, x + 3, g->hline, strlen(g->hline), st->marked);
	put_text(gr, bottom, x + 3, x + 4, g->loop_bottom, strlen(g->loop_bottom), st->marked);

	int col, end;
	size_t row = top;
	if (lay->beside) {
		col = lay->note_col;
		end = lay->width;
	} else if (lay->width - (x + 5) >= NOTE_MIN_UNDER) {
		col = x + 5;
		end = lay->width;
	} else {
		/* Near the right edge: the text goes left of the lifeline. */
		end = x - 1;
		col = end - NOTE_MIN_UNDER < lay->x[0] + 2 ? end - NOTE_MIN_UNDER : lay->x[0] + 2;
		if (col < 0)
			col = 0;
		if (end - col < NOTE_MIN_UNDER) {
			under_block(lay, x, x, &col, &end);
			row = bottom + 1;
		}
	}
	if (*st->label)
		row = put_block(gr, lay, n, row, col, end, st->label, st->marked);
	if (st->note)
		put_block(gr, lay, n, row, col, end, st->note, false);
}

static void draw_header(struct grid *gr, const struct layout *lay, size_t entities)
{
	size_t row = add_row(gr, lay, entities);
	blank(gr, row, 0, gr->width);
	for (size_t i = 0; i < entities; i++) {
		int w = text_width(lay->name[i]);
		int start = lay->x[i] - w / 2;
		put_text(gr, row, start < 0 ? 0 : start, gr->width, lay->name[i], strlen(lay->name[i]),
		         false);
	}
	add_row(gr, lay, entities);
}

/* One grid row as UTF-8, marks around marked cells, no trailing spaces. */
static char *row_text(struct grid *gr, size_t row)
{
	const struct cell *r = cells(gr, row);
	int used = gr->width;
	while (used > 0 && !r[used - 1].cont && r[used - 1].len == 1 && r[used - 1].s[0] == ' ')
		used--;
	/* Sized for the worst case (a mark before every cell), filled directly:
	 * this runs for every row of every ladder drawn. */
	char *out = cr_xcalloc((size_t)used * (sizeof r->s + 1) + 2, 1), *p = out;
	bool on = false;
	for (int x = 0; x < used; x++) {
		if (r[x].cont)
			continue;
		if (r[x].mark != on) {
			on = r[x].mark;
			*p++ = on ? CR_MARK_ON : CR_MARK_OFF;
		}
		memcpy(p, r[x].s, r[x].len);
		p += r[x].len;
	}
	if (on)
		*p++ = CR_MARK_OFF;
	*p = '\0';
	return out;
}

int cr_flow_render(const struct cr_flow *f, const struct cr_flow_name *names, int width,
                   unsigned flags, struct cr_flow_lines *out)
{
	memset(out, 0, sizeof *out);
	if (f->entities < 2 || f->entities > CR_FLOW_MAX_ENTITIES || width < 1)
		return -1;
	struct layout lay = {
		.g = flags & CR_FLOW_ASCII ? &ascii_glyphs : &box_glyphs,
		.width = width > MAX_WIDTH ? MAX_WIDTH : width,
	};
	if (lay_out(f, names, lay.width, &lay) < 0)
		return -1;

	struct grid gr = { .width = lay.width };
	draw_header(&gr, &lay, f->entities);
	for (size_t i = 0; i < f->steps; i++) {
		const struct cr_flow_step *st = &f->step[i];
		if (st->to >= f->entities || st->from >= f->entities)
			continue;
		if (st->action)
			draw_action(&gr, &lay, f, st);
		else
			draw_message(&gr, &lay, f, st);
	}
	add_row(&gr, &lay, f->entities);

	out->line = cr_xcalloc(gr.rows, sizeof *out->line);
	for (size_t r = 0; r < gr.rows; r++)
		out->line[out->count++] = row_text(&gr, r);
	free(gr.cell);
	free_names(&lay, f->entities);
	return 0;
}

void cr_flow_lines_free(struct cr_flow_lines *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->line[i]);
	free(l->line);
	memset(l, 0, sizeof *l);
}
