/* The terminal: set-up with newterm, signals, the one input loop, the
 * history of views, the search line, the title and status lines, the help
 * overlay and the preview.  Views ask (struct cr_request); this file
 * decides. */
#include "config.h"

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "core/card.h"
#include "core/lang.h"
#include "core/wrap.h"
#include "i18n.h"
#include "palette.h"
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* How long a key read waits before the loop looks at signals and timers. */
#define POLL_MS 200
/* How long the bytes of one escape sequence may be apart (ms): an arrow
 * split by a slow link is still one key.  ncurses waits as long after a
 * lone Esc before it calls it a key. */
#define SEQ_MS 100
#define PAST_MAX 50
#define CR_CTRL(c) ((c) & 0x1f)

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
}

long long cr_tui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- reading keys ---- */

static int pending = -1;       /* a byte read but not yet used */

int cr_tui_key_waiting(void *data)
{
	(void)data;
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return pending >= 0 || poll(&p, 1, 0) > 0;
}

static int next_byte(int ms)
{
	if (pending >= 0) {
		int c = pending;
		pending = -1;
		return c;
	}
	wtimeout(stdscr, ms);
	return wgetch(stdscr);
}

/* The rest of a UTF-8 character after its first byte c.  UTF-8 is
 * assembled here rather than by wget_wch, which swallows up to a dozen
 * following keys (Esc among them) after an invalid byte; here an invalid
 * or cut-short sequence becomes U+FFFD at once and the byte that broke it
 * is read again as a key of its own. */
static wint_t utf8_rest(int c)
{
	c &= 0xff;
	int need = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2
	         : c >= 0xf0 && c < 0xf5 ? 3 : -1;
	if (need < 0)
		return 0xFFFD;
	wint_t value = need == 0 ? (wint_t)c : (wint_t)(c & (0x3f >> need));
	for (int i = 0; i < need; i++) {
		int next = next_byte(0);
		if (next == ERR || next >= KEY_MIN || (next & 0xc0) != 0x80) {
			pending = next == ERR ? -1 : next;
			return 0xFFFD;
		}
		value = (value << 6) | (wint_t)(next & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not keys. */
	if ((need == 2 && value < 0x800) || (need == 3 && (value < 0x10000 || value > 0x10FFFF)) ||
	    (value >= 0xD800 && value <= 0xDFFF))
		value = 0xFFFD;
	return value;
}

/* What ncurses read from a sequence named by another terminal's terminfo
 * (vt220's Find and Select sit where Home and End are on others). */
static wint_t same_key(int c)
{
	switch (c) {
	case KEY_FIND: return KEY_HOME;
	case KEY_SELECT: return KEY_END;
	default: return (wint_t)c;
	}
}

/* One key: a function key (KEY_CODE_YES) or a character (OK), ERR when none
 * came in first_ms.  *alt: the character came right after Esc.  An escape
 * sequence that ncurses does not know from terminfo is read whole here:
 * Home/End/PgUp… in every usual form become their keys, and any other
 * complete CSI or SS3 sequence CR_KEY_IGNORE, never Esc and letters. */
static int read_key(int first_ms, wint_t *ch, int *alt)
{
	*alt = 0;
	int c = next_byte(first_ms);
	if (c == ERR)
		return ERR;
	if (c >= KEY_MIN) {
		*ch = same_key(c);
		return KEY_CODE_YES;
	}
	if (c != 27) {
		*ch = utf8_rest(c);
		return OK;
	}
	int n = next_byte(0);
	if (n == ERR || n >= KEY_MIN || n == 27) {
		pending = n == ERR ? -1 : n;
		*ch = 27;
		return OK;
	}
	if (n == '[' || n == 'O') {
		char params[32];
		size_t k = 0;
		for (;;) {
			int b = next_byte(SEQ_MS);
			if (b >= 0x40 && b <= 0x7e) {
				params[k] = '\0';
				*ch = (wint_t)cr_key_from_sequence((char)n, params, k, (char)b);
				return KEY_CODE_YES;
			}
			if (b == ERR || b >= KEY_MIN || b < 0x20 || b > 0x7e) {
				/* Cut short: what came is dropped, what broke it is a key. */
				pending = b == ERR ? -1 : b;
				*ch = CR_KEY_IGNORE;
				return KEY_CODE_YES;
			}
			if (k < sizeof params - 1)
				params[k++] = (char)b;
		}
	}
	*alt = 1;
	*ch = utf8_rest(n);
	return OK;
}

/* ---- the history of views ---- */

static struct view *top(struct tui *t)
{
	return t->depth ? t->hist[t->depth - 1].v : NULL;
}

static bool preview_wanted(struct tui *t)
{
	return !t->too_small && t->depth == 1 && t->cols >= CR_TUI_PREVIEW_COLS;
}

/* Where a view goes: the body, or its left part beside the preview. */
static void place(struct tui *t, struct view *v)
{
	v->y = t->body_y;
	v->h = t->body_h;
	v->x = 0;
	v->w = t->cols;
	if (v == t->preview) {
		v->x = t->cols / 2 + 1;
		v->w = t->cols - v->x;
	} else if (preview_wanted(t) && v == t->hist[0].v) {
		v->w = t->cols / 2;
	}
}

static void layout(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	t->too_small = t->rows < CR_TUI_MIN_ROWS || t->cols < CR_TUI_MIN_COLS;
	t->body_y = 1;
	t->body_h = t->rows - 2 - (t->line_shown ? 1 : 0);
	if (t->body_h < 1)
		t->body_h = 1;
}

static void line_close(struct tui *t)
{
	if (t->line_shown)
		t->need_reflow = true;
	t->line_shown = t->line_active = false;
	t->need_search = false;
	cr_line_free(&t->line);
}

static void push(struct tui *t, struct view *v)
{
	struct entry *cur = &t->hist[t->depth - 1];
	free(cur->query);
	cur->query = t->line_shown ? cr_xstrdup(cr_line_text(&t->line)) : NULL;
	line_close(t);
	layout(t);
	if (t->depth == CR_TUI_MAX_VIEWS) {
		/* Deep enough: the oldest view above the list is let go. */
		t->hist[1].v->ops->destroy(t->hist[1].v);
		free(t->hist[1].query);
		memmove(&t->hist[1], &t->hist[2], (size_t)(t->depth - 2) * sizeof t->hist[0]);
		t->depth--;
	}
	t->hist[t->depth++] = (struct entry){ v, NULL };
	place(t, v);
	v->ops->recalc(v, t);
}

static void pop(struct tui *t)
{
	if (t->depth <= 1)
		return;
	struct entry *e = &t->hist[--t->depth];
	e->v->ops->destroy(e->v);
	free(e->query);
	line_close(t);
	/* The view below gets its search line back as it was. */
	struct entry *below = &t->hist[t->depth - 1];
	if (below->query) {
		t->line_shown = true;
		t->line_active = false;
		cr_line_set(&t->line, below->query);
		free(below->query);
		below->query = NULL;
	}
	t->need_reflow = true;
}

/* ---- requests ---- */

static char *card_text(struct tui *t, int a, int b)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	if (!fp)
		return NULL;
	struct cr_out o = { .fp = fp, .ascii = t->c->ascii };   /* flows as on screen, 80 columns */
	struct cr_code ca, cb;
	if (cr_tui_code_get(t, a, &ca) == CR_OK) {
		if (b > 0 && cr_tui_code_get(t, b, &cb) == CR_OK) {
			struct cr_comparison cmp;
			cr_compare_build(t->c->db, &ca, &cb, t->c->lang, &cmp);
			cr_render_doc(&o, &cmp.head);
			fputc('\n', fp);
			cr_render_doc(&o, &cmp.left);
			fputc('\n', fp);
			cr_render_doc(&o, &cmp.right);
			cr_render_doc(&o, &cmp.tail);
			cr_comparison_free(&cmp);
			cr_code_free(&cb);
		} else if (b <= 0) {
			struct cr_doc doc = { 0 };
			cr_card_build(t->c->db, &ca, t->c->lang, CR_CARD_FULL, &doc);
			cr_render_doc(&o, &doc);
			cr_doc_free(&doc);
		}
		cr_code_free(&ca);
	}
	fclose(fp);
	if (text && !*text) {
		free(text);
		text = NULL;
	}
	return text;
}

static char *code_line(struct tui *t, int number)
{
	struct cr_code c;
	if (cr_tui_code_get(t, number, &c) != CR_OK)
		return NULL;
	char *s = cr_asprintf("%s %d %s", c.set_name ? c.set_name : "", c.number, c.reason ? c.reason : "");
	cr_code_free(&c);
	return s;
}

/* OSC 52: the terminal (or tmux, or the terminal at the far end of ssh)
 * puts the text on the clipboard. */
static char *osc52(const char *text)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(text);
	struct cr_buf b = { 0 };
	cr_buf_adds(&b, "\033]52;c;");
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
		             (i + 2 < n ? s[i + 2] : 0);
		char q[4] = { b64[v >> 18 & 63], b64[v >> 12 & 63],
		              i + 1 < n ? b64[v >> 6 & 63] : '=', i + 2 < n ? b64[v & 63] : '=' };
		cr_buf_add(&b, q, 4);
	}
	cr_buf_adds(&b, "\a");
	return cr_buf_take(&b);
}

static void copy(struct tui *t, char *text, const char *what)
{
	free(t->message);
	if (!text) {
		t->message = NULL;
		return;
	}
	free(t->clip);
	t->clip = osc52(text);
	/* TRANSLATORS: the status line after y or Y; %s is what was copied. */
	t->message = cr_asprintf(_("copied %s"), what);
	free(text);
}

static void act(struct tui *t, const struct cr_request *req)
{
	switch (req->kind) {
	case CR_REQ_NONE:
		break;
	case CR_REQ_OPEN:
		if (req->a > 0)
			push(t, cr_view_card_new(t, req->a, false));
		break;
	case CR_REQ_COMPARE:
		if (req->a <= 0)
			break;
		if (t->mark == req->a) {          /* `c` on the marked code: unmark */
			t->mark = 0;
		} else if (t->mark == 0) {
			t->mark = req->a;
		} else {
			int a = t->mark;
			t->mark = 0;
			push(t, cr_view_compare_new(t, a, req->a));
		}
		break;
	case CR_REQ_BACK:
		pop(t);
		break;
	case CR_REQ_QUIT:
		t->quit = true;
		break;
	case CR_REQ_COPY: {
		char *what = req->b > 0 ? cr_asprintf("%d ⇄ %d", req->a, req->b)
		                        : cr_asprintf("%d", req->a);
		copy(t, card_text(t, req->a, req->b), what);
		free(what);
		break;
	}
	case CR_REQ_COPY_LINE: {
		char *line = code_line(t, req->a);
		char *what = line ? cr_xstrdup(line) : NULL;
		copy(t, line, what ? what : "");
		free(what);
		break;
	}
	}
}

/* ---- the preview ---- */

static void preview_drop(struct tui *t)
{
	if (t->preview)
		t->preview->ops->destroy(t->preview);
	t->preview = NULL;
	t->preview_number = 0;
}

/* The card beside the list follows the list's selection. */
static void preview_sync(struct tui *t)
{
	if (!preview_wanted(t)) {
		preview_drop(t);
		return;
	}
	struct view *list = t->hist[0].v;
	int n = list->ops->current(list, t);
	if (n == t->preview_number && t->preview)
		return;
	preview_drop(t);
	if (n <= 0)
		return;
	t->preview = cr_view_card_new(t, n, true);
	t->preview_number = n;
	place(t, t->preview);
	t->preview->ops->recalc(t->preview, t);
}

/* ---- layout and drawing ---- */

/* Bytes for the terminal that are not drawing: modes, OSC 52.  Written
 * when ncurses has nothing buffered (before the first paint, after one). */
static void raw_write(const char *s)
{
	size_t n = strlen(s), off = 0;
	fflush(stdout);
	while (off < n) {
		ssize_t w = write(STDOUT_FILENO, s + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
}

/* The interface's own strings, after a language switch or a filter. */
static void recalc_title(struct tui *t)
{
	free(t->title);
	if (t->log_name) {
		char *name = cr_sanitize(t->log_name, 0);
		/* TRANSLATORS: the title of the log view; %s is the file. */
		t->title = cr_asprintf(_("coderef decode — %s"), name);
		free(name);
		return;
	}
	const char *set = cr_db_set_name(t->c->db, t->c->set);
	/* TRANSLATORS: the title line; %s is the code set, "SIP", "Q.850". */
	char *base = cr_asprintf(_("coderef — %s codes"), set ? set : "");
	if (t->filter) {
		char *cls = cr_class_name(t->c->db, t->c->set, t->filter, t->c->lang);
		/* TRANSLATORS: the title while the list shows one class; %s is
		 * the title, %s the class ("4xx Request Failure"). */
		t->title = cr_asprintf(_("%s — only %s"), base, cls);
		free(cls);
		free(base);
	} else {
		t->title = base;
	}
}

static void help_lines(struct tui *t)
{
	cr_key_lines_free(t->help_lines);
	int w = t->cols - 4;
	t->help_lines = cr_key_help_lines(w > 76 ? 76 : w > 10 ? w : 10);
}

static void draw_title(struct tui *t)
{
	attr_t bar = cr_look(CR_LOOK_BAR);
	cr_draw_blank(stdscr, 0, 0, t->cols, bar);
	cr_draw_cut(stdscr, 0, 1, t->cols - 1, t->title, strlen(t->title), bar | A_BOLD);
}

static void draw_status(struct tui *t)
{
	int y = t->rows - 1;
	attr_t bar = cr_look(CR_LOOK_BAR);
	cr_draw_blank(stdscr, y, 0, t->cols, bar);
	struct view *v = top(t);
	struct cr_buf b = { 0 };
	cr_buf_addf(&b, "%s  ", cr_str(t->c->db, t->c->lang, "lang.name"));
	v->ops->status(v, t, &b);
	if (t->digits[0] && cr_tui_now_ms() - t->digits_at <= CR_TUI_DIGITS_MS) {
		/* TRANSLATORS: while a code number is being typed in the list. */
		char *s = cr_asprintf(_("go to %s"), t->digits);
		cr_buf_addf(&b, "  %s", s);
		free(s);
	}
	if (t->filter_wait)
		/* TRANSLATORS: after f in the list: the class digit comes next. */
		cr_buf_addf(&b, "  %s", _("class? 1-6"));
	if (t->mark) {
		/* TRANSLATORS: a code is marked; `c` on another compares them. */
		char *s = cr_asprintf(_("compare %d with…"), t->mark);
		cr_buf_addf(&b, "  %s", s);
		free(s);
	}
	if (t->message)
		cr_buf_addf(&b, "  %s", t->message);
	/* The hints take what the position leaves; "? help" is always there. */
	int lw = cr_width(b.s, b.len);
	char *hints = cr_key_hints(v->ops->kind, v->ops->hints, t->cols - lw - 5);
	int hw = cr_width(hints, strlen(hints));
	int x = t->cols - hw - 1;
	if (x < 1)
		x = 1;
	cr_draw_cut(stdscr, y, 1, x - 2, b.s, b.len, bar | A_BOLD);
	cr_buf_free(&b);
	cr_draw(stdscr, y, x, t->cols - x, hints, strlen(hints), bar);
	free(hints);
}

static int help_visible(struct tui *t)
{
	int bh = t->rows;
	return bh - 2 > 1 ? bh - 2 : 1;
}

static void draw_help(struct tui *t)
{
	char **text = t->help_lines;
	const char *title = _("Keys");
	/* TRANSLATORS: the foot of the help overlay. */
	const char *foot = _("↑↓ PgUp PgDn scroll, any other key closes");
	int n = 0, w = cr_width(title, strlen(title));
	for (char **p = text; *p; p++, n++) {
		int lw = cr_width(*p, strlen(*p));
		w = lw > w ? lw : w;
	}
	int bw = w + 4 < t->cols ? w + 4 : t->cols;
	int bh = n + 2 < t->rows ? n + 2 : t->rows;
	int shown = bh - 2;
	if (t->help_top > n - shown)
		t->help_top = n - shown;
	if (t->help_top < 0)
		t->help_top = 0;
	int y0 = (t->rows - bh) / 2, x0 = (t->cols - bw) / 2;
	attr_t look = cr_look(CR_LOOK_OVERLAY);
	for (int r = 0; r < bh; r++)
		cr_draw_blank(stdscr, y0 + r, x0, bw, look);
	int used = cr_draw(stdscr, y0, x0 + 2, bw - 2, title, strlen(title), look | A_BOLD);
	char pos[48];
	snprintf(pos, sizeof pos, "  %d-%d/%d", n ? t->help_top + 1 : 0,
	         t->help_top + shown < n ? t->help_top + shown : n, n);
	cr_draw(stdscr, y0, x0 + 2 + used, bw - 3 - used, pos, strlen(pos), look);
	for (int i = 0; i < shown && t->help_top + i < n; i++) {
		const char *s = text[t->help_top + i];
		cr_draw_cut(stdscr, y0 + 1 + i, x0 + 2, bw - 3, s, strlen(s), look);
	}
	cr_draw_cut(stdscr, y0 + bh - 1, x0 + 2, bw - 3, foot, strlen(foot), look | A_DIM);
}

struct small_ctx {
	struct tui *t;
	int y;
};

static void small_line(const char *line, size_t len, void *data)
{
	struct small_ctx *c = data;
	if (c->y < c->t->rows)
		cr_draw(stdscr, c->y++, 0, c->t->cols, line, len, A_BOLD);
}

static void draw(struct tui *t)
{
	curs_set(0);
	werase(stdscr);
	if (t->too_small) {
		struct small_ctx c = { t, 0 };
		cr_wrap(_("terminal too small"), t->cols, small_line, &c);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	draw_title(t);
	struct view *v = top(t);
	v->ops->draw(v, t);
	if (t->preview && v == t->hist[0].v) {
		t->preview->ops->draw(t->preview, t);
		attr_t look = cr_look(CR_LOOK_RULE);
		wattr_set(stdscr, look & ~A_COLOR, (short)PAIR_NUMBER(look), NULL);
		mvwvline(stdscr, t->body_y, t->preview->x - 1, ACS_VLINE, t->body_h);
		wattr_set(stdscr, A_NORMAL, 0, NULL);
	}
	draw_status(t);
	if (t->line_shown)
		/* TRANSLATORS: the prompt of the search line. */
		cr_line_draw(&t->line, t->rows - 2, t->cols, _("Search: "), t->line_active && !t->help);
	if (t->help) {
		curs_set(0);
		draw_help(t);
	}
	wnoutrefresh(stdscr);
	doupdate();
	if (t->clip) {
		/* After the paint, so it is never cut into ncurses's output. */
		raw_write(t->clip);
		free(t->clip);
		t->clip = NULL;
	}
}

/* ---- the search line ---- */

static void line_open(struct tui *t)
{
	if (!t->line_shown) {
		cr_line_set(&t->line, "");
		t->need_reflow = true;
	}
	t->line_shown = t->line_active = true;
	t->line.cur = t->line.text.len;
	t->past_at = t->npast;
}

/* Esc: the search given up; the view goes back to where it was. */
static void line_cancel(struct tui *t)
{
	line_close(t);
	struct view *v = top(t);
	v->ops->find(v, t, NULL);
}

static void remember(struct tui *t, const char *q)
{
	if (!*q || (t->npast && strcmp(t->past[t->npast - 1], q) == 0))
		return;
	if (t->npast == PAST_MAX) {
		free(t->past[0]);
		memmove(t->past, t->past + 1, (PAST_MAX - 1) * sizeof *t->past);
		t->npast--;
	}
	t->past = cr_xrealloc(t->past, (t->npast + 1) * sizeof *t->past);
	t->past[t->npast++] = cr_xstrdup(q);
}

/* Up and Down on an empty line (or on one taken from the history) go
 * through the queries searched before. */
static bool recall(struct tui *t, int dir)
{
	const char *text = cr_line_text(&t->line);
	bool from_past = t->past_at < t->npast && strcmp(text, t->past[t->past_at]) == 0;
	if (*text && !from_past)
		return false;
	if (dir < 0 && t->past_at == 0)
		return t->npast > 0;
	if (dir > 0 && t->past_at >= t->npast)
		return !*text ? false : true;
	t->past_at = (size_t)((long)t->past_at + dir);
	cr_line_set(&t->line, t->past_at < t->npast ? t->past[t->past_at] : "");
	t->need_search = true;
	return true;
}

static void view_action(struct tui *t, enum cr_action a, wint_t ch)
{
	struct view *v = top(t);
	struct cr_request req = { 0 };
	if (!v->ops->action(v, t, a, ch, &req)) {
		if (a == CR_ACT_BACK || a == CR_ACT_QUIT)
			req.kind = t->depth > 1 ? CR_REQ_BACK : a == CR_ACT_QUIT ? CR_REQ_QUIT : CR_REQ_NONE;
	}
	act(t, &req);
}

/* A key while the search line is active; false when it is not the line's. */
static bool line_key(struct tui *t, int is_key, wint_t ch, int alt)
{
	switch (cr_line_key(&t->line, is_key, ch, alt)) {
	case CR_LINE_EDITED:
		t->need_search = true;
		t->past_at = t->npast;
		return true;
	case CR_LINE_MOVED:
		return true;
	case CR_LINE_PASS:
		break;
	}
	if (alt)
		return true;
	enum cr_action move = CR_ACT_NONE;
	if (is_key) {
		switch (ch) {
		case KEY_UP: move = CR_ACT_UP; break;
		case KEY_DOWN: move = CR_ACT_DOWN; break;
		case KEY_PPAGE: move = CR_ACT_PAGE_UP; break;
		case KEY_NPAGE: move = CR_ACT_PAGE_DOWN; break;
		case KEY_ENTER: break;
		default: return false;
		}
	} else {
		switch (ch) {
		case CR_CTRL('p'): case CR_CTRL('k'): move = CR_ACT_UP; break;
		case CR_CTRL('n'): case CR_CTRL('j'): move = CR_ACT_DOWN; break;
		case '\r': break;
		case 27:
			line_cancel(t);
			return true;
		default:
			return false;
		}
	}
	if (move != CR_ACT_NONE) {
		bool arrow = is_key || ch == CR_CTRL('p') || ch == CR_CTRL('n');
		if (arrow && (move == CR_ACT_UP || move == CR_ACT_DOWN) &&
		    recall(t, move == CR_ACT_UP ? -1 : 1))
			return true;
		if (t->need_search) {           /* move in the results of what is typed */
			struct view *v = top(t);
			if (v->ops->find(v, t, cr_line_text(&t->line)))
				t->need_search = false;
		}
		view_action(t, move, 0);
		return true;
	}
	/* Enter: one Enter opens the selected result; in a card, the line is
	 * put away and n/N go through the matches. */
	const char *text = cr_line_text(&t->line);
	remember(t, text);
	t->line_active = false;
	if (!*text) {
		line_cancel(t);
		return true;
	}
	struct view *v = top(t);
	if (t->need_search && v->ops->find(v, t, text))
		t->need_search = false;
	if (v->ops->kind == CR_IN_LIST)
		view_action(t, CR_ACT_OPEN, 0);
	return true;
}

/* Pasted text is typed text: into the search line, never commands. */
static void paste_done(struct tui *t)
{
	if (!t->paste.len)
		return;
	if (!t->line_active)
		line_open(t);
	cr_line_insert(&t->line, t->paste.s, t->paste.len);
	cr_buf_free(&t->paste);
	t->need_search = true;
}

static void paste_char(struct tui *t, wint_t ch)
{
	if (ch == '\n' || ch == '\r' || ch == '\t')
		ch = ' ';
	if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || t->paste.len > 65536)
		return;
	char mb[8];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n != (size_t)-1)
		cr_buf_add(&t->paste, mb, n);
}

/* ---- input ---- */

enum cr_result cr_tui_code_get(struct tui *t, int key, struct cr_code *out)
{
	const char *set = cr_key_set(t->c->db, key);
	if (!set) {
		memset(out, 0, sizeof *out);
		return CR_NOT_FOUND;
	}
	return cr_code_get(t->c->db, set, cr_key_number(key), t->c->lang, out);
}

/* The list shows the next set, from its first code, unfiltered; a code
 * marked for comparison stays marked, since comparisons may mix sets. */
static void switch_set(struct tui *t)
{
	if (t->depth != 1)
		return;
	size_t count;
	const struct cr_set *sets = cr_db_sets(t->c->db, &count);
	size_t i = 0;
	while (i < count && strcmp(sets[i].key, t->c->set) != 0)
		i++;
	t->c->set = sets[(i + 1) % count].key;
	t->filter = 0;
	t->hist[0].v->ops->destroy(t->hist[0].v);
	free(t->hist[0].query);
	t->hist[0] = (struct entry){ cr_view_list_new(t, 0), NULL };
	place(t, t->hist[0].v);
	recalc_title(t);
	t->need_recalc = true;
}

static void switch_language(struct tui *t)
{
	t->c->lang = cr_db_lang_next(t->c->db, t->c->lang);
	cr_i18n_set(t->c->lang);
	t->need_recalc = true;
}

static void help_key(struct tui *t, int is_key, wint_t ch)
{
	int page = help_visible(t) - 1;
	switch (cr_key_action(CR_IN_ALL, is_key, ch, 0)) {
	case CR_ACT_UP: t->help_top--; break;
	case CR_ACT_DOWN: t->help_top++; break;
	case CR_ACT_PAGE_UP: case CR_ACT_HALF_UP: t->help_top -= page > 0 ? page : 1; break;
	case CR_ACT_PAGE_DOWN: case CR_ACT_HALF_DOWN: t->help_top += page > 0 ? page : 1; break;
	case CR_ACT_FIRST: t->help_top = 0; break;
	case CR_ACT_LAST: t->help_top = 1 << 20; break;
	default: t->help = false; break;
	}
}

static void handle(struct tui *t, int r, wint_t ch, int alt)
{
	bool is_key = r == KEY_CODE_YES;
	/* Esc and a key typed quickly after it: Alt and the key only where
	 * Alt means something (words in the search line), else both keys. */
	if (alt && !t->pasting &&
	    !(t->line_active && !t->help && ch > 0 && ch < 128 && strchr("bBfFdD\177\b", (int)ch))) {
		handle(t, OK, 27, 0);
		alt = 0;
	}
	if (is_key && ch == KEY_RESIZE) {
		t->need_reflow = true;
		/* Terminals keep, cut or reflow their cells on a resize as they
		 * please: repaint every cell rather than trust what was there. */
		clearok(curscr, TRUE);
		return;
	}
	if (is_key && ch == CR_KEY_IGNORE)
		return;
	if (t->pasting) {
		if (is_key && ch == CR_KEY_PASTE_END) {
			t->pasting = false;
			if (!t->help && !t->too_small)
				paste_done(t);
			cr_buf_free(&t->paste);
		} else if (!is_key) {
			paste_char(t, ch);
		}
		return;
	}
	if (is_key && (ch == CR_KEY_PASTE_BEGIN || ch == CR_KEY_PASTE_END)) {
		t->pasting = ch == CR_KEY_PASTE_BEGIN;
		return;
	}
	free(t->message);
	t->message = NULL;
	if (t->help) {
		help_key(t, is_key, ch);
		return;
	}
	if (t->too_small) {
		if (!is_key && (ch == 'q' || ch == 'Q'))
			t->quit = true;
		return;
	}
	struct view *v = top(t);
	if (is_key && ch == KEY_MOUSE) {
		MEVENT ev;
		struct cr_request req = { 0 };
		if (getmouse(&ev) == OK && v->ops->mouse)
			v->ops->mouse(v, t, &ev, &req);
		act(t, &req);
		return;
	}
	if (t->line_active && line_key(t, is_key, ch, alt))
		return;
	if (t->filter_wait) {            /* `f` then the class digit */
		t->filter_wait = false;
		view_action(t, CR_ACT_FILTER, is_key || alt ? 0 : ch);
		return;
	}
	enum cr_action a = cr_key_action(v->ops->kind, is_key, ch, alt);
	switch (a) {
	case CR_ACT_NONE:
		return;
	case CR_ACT_HELP:
		t->help = true;
		t->help_top = 0;
		help_lines(t);
		return;
	case CR_ACT_LANG:
		switch_language(t);
		return;
	case CR_ACT_SET:
		switch_set(t);
		return;
	case CR_ACT_QUIT_ALL:
		t->quit = true;
		return;
	case CR_ACT_REDRAW:
		clearok(curscr, TRUE);
		return;
	case CR_ACT_SEARCH:
		line_open(t);
		return;
	case CR_ACT_BACK:
	case CR_ACT_QUIT:
		if (t->line_shown) {      /* first the search, then the view */
			line_cancel(t);
			return;
		}
		break;
	default:
		break;
	}
	view_action(t, a, ch);
}

static void reflow_all(struct tui *t, bool recalc)
{
	layout(t);
	if (recalc) {
		recalc_title(t);
		/* Views under the top are built again when they come back. */
		for (int i = 0; i < t->depth; i++) {
			struct view *v = t->hist[i].v;
			place(t, v);
			v->ops->recalc(v, t);
		}
	} else {
		struct view *v = top(t);
		place(t, v);
		v->ops->reflow(v, t);
	}
	if (t->preview) {
		place(t, t->preview);
		if (recalc)
			t->preview->ops->recalc(t->preview, t);
		else
			t->preview->ops->reflow(t->preview, t);
	}
	if (t->help)
		help_lines(t);
}

/* While no key waits, what makes searching fast is read (cr_search_warm:
 * tens of milliseconds at 100,000 codes); a key stops it, to go on later. */
static void warm_search(struct tui *t)
{
	cr_db_set_interrupt(t->c->db, cr_tui_key_waiting, NULL);
	t->search_warm = cr_search_warm(t->c->db) != CR_INTERRUPTED;
	cr_db_set_interrupt(t->c->db, NULL, NULL);
}

static void run(struct tui *t)
{
	layout(t);
	recalc_title(t);
	for (int i = 0; i < t->depth; i++) {
		place(t, t->hist[i].v);
		t->hist[i].v->ops->recalc(t->hist[i].v, t);
	}
	bool dirty = true;
	int title_filter = t->filter;
	while (!t->quit && !caught) {
		if (t->need_recalc || t->need_reflow) {
			reflow_all(t, t->need_recalc);
			t->need_recalc = t->need_reflow = false;
			dirty = true;
		}
		if (t->need_search) {
			struct view *v = top(t);
			t->need_search = false;
			if (!v->ops->find(v, t, t->line_shown ? cr_line_text(&t->line) : NULL))
				t->need_search = true;
			dirty = true;
		}
		if (title_filter != t->filter) {
			title_filter = t->filter;
			recalc_title(t);
		}
		if (dirty) {
			preview_sync(t);
			draw(t);
		}
		dirty = false;
		if (!t->search_warm)    /* after the paint: the screen first */
			warm_search(t);
		wint_t ch;
		int alt;
		int r = read_key(POLL_MS, &ch, &alt);
		if (r == ERR) {
			/* The number being typed is forgotten after a pause. */
			if (t->digits[0] && cr_tui_now_ms() - t->digits_at > CR_TUI_DIGITS_MS) {
				t->digits[0] = '\0';
				dirty = true;
			}
			continue;
		}
		handle(t, r, ch, alt);
		dirty = true;
		/* Everything already typed (a paste, a held key, resizes) is
		 * handled before the next paint. */
		while (!t->quit && (r = read_key(0, &ch, &alt)) != ERR) {
			handle(t, r, ch, alt);
			if (t->need_reflow && !t->need_recalc)
				layout(t);
		}
	}
}

/* Whether the terminal on stdout can be drawn on: a TERM with cursor
 * addressing. */
static int can_draw(void)
{
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0)
		return 0;
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return 0;
	const char *cup = tigetstr("cup");
	int ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	return ok;
}

int cr_tui_usable(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && can_draw();
}

int cr_tui_usable_for_log(void)
{
	/* The keys come from /dev/tty when stdin is the log. */
	if (!isatty(STDOUT_FILENO))
		return 0;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return 0;
	close(fd);
	return can_draw();
}

/* The terminal set up, the first views made (the list, or the log), the
 * loop run, everything given back.  keys: where keys come from. */
static int run_screen(struct context *c, int number, const char *log_name, int log_fd)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	struct sigaction old[3];
	const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);

	/* Keys from the terminal, as less reads them, when stdin is the log. */
	FILE *keys = stdin;
	if (log_name && !isatty(STDIN_FILENO))
		keys = fopen("/dev/tty", "r");
	SCREEN *screen = keys ? newterm(NULL, stdout, keys) : NULL;
	if (!screen) {
		for (int i = 0; i < 3; i++)
			sigaction(sigs[i], &old[i], NULL);
		if (keys && keys != stdin)
			fclose(keys);
		if (log_fd >= 0)
			close(log_fd);
		return -1;
	}
	set_term(screen);
	set_escdelay(SEQ_MS);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	/* The usual forms of Home, End, PgUp… whatever terminfo says. */
	for (size_t i = 0; i < cr_key_nseqs; i++)
		define_key(cr_key_seqs[i].seq, cr_key_seqs[i].key);
	/* Ctrl-S must not freeze the screen (XON/XOFF flow control): take it
	 * off for the browser; endwin gives the user's setting back. */
	struct termios tio;
	if (tcgetattr(fileno(keys), &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(fileno(keys), TCSANOW, &tio);
		def_prog_mode();
	}
	curs_set(0);
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	cr_colors_init(cr_color_wanted(c->color_mode, STDOUT_FILENO));
	/* ncurses 6.4 writes out its buffer at every cursor move of a refresh
	 * until the screen has once been left (endwin) and taken back (the
	 * next refresh): a repaint went out as a write per line, sixty for a
	 * keystroke, each a wake-up for the terminal or ssh at the other end.
	 * Left now, before anything is drawn, it is one write per refresh.
	 * The cursor keys' mode, which endwin turns off, goes back on at once
	 * rather than at the first key read. */
	endwin();
	keypad(stdscr, TRUE);
	raw_write("\033[?2004h");       /* bracketed paste */

	struct tui t = { .c = c, .log_name = log_name };
	layout(&t);
	int status = 0, load_errno = 0;
	if (log_name) {
		struct view *log = cr_view_log_new(&t, log_name, log_fd);
		if (log) {
			t.hist[t.depth++] = (struct entry){ log, NULL };
			status = cr_view_log_findings(log) ? 0 : 1;
		} else {
			status = 2;
			load_errno = errno;
		}
	} else {
		t.hist[t.depth++] = (struct entry){ cr_view_list_new(&t, number), NULL };
		if (number > 0)
			t.hist[t.depth++] = (struct entry){ cr_view_card_new(&t, number, false), NULL };
	}
	if (t.depth)
		run(&t);

	while (t.depth > 0) {
		struct entry *e = &t.hist[--t.depth];
		e->v->ops->destroy(e->v);
		free(e->query);
	}
	preview_drop(&t);
	cr_line_free(&t.line);
	for (size_t i = 0; i < t.npast; i++)
		free(t.past[i]);
	free(t.past);
	cr_buf_free(&t.paste);
	cr_key_lines_free(t.help_lines);
	free(t.message);
	free(t.clip);
	free(t.title);
	endwin();
	delscreen(screen);
	if (keys != stdin)
		fclose(keys);
	raw_write("\033[?2004l");
	if (load_errno) {
		char *name = cr_sanitize(log_name, 0);
		fputs("coderef: error: ", stderr);
		fprintf(stderr, _("%s: cannot read: %s"), name, strerror(load_errno));
		fputc('\n', stderr);
		free(name);
	}
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (caught)
		return 128 + caught;
	return status;
}

int cr_tui_run(struct context *c, int number)
{
	return run_screen(c, number, NULL, -1);
}

int cr_tui_run_log(struct context *c, const char *name, int fd)
{
	return run_screen(c, 0, name, fd);
}
