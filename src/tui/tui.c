/* The terminal: set-up with newterm, signals, the one input loop, the
 * title and status lines, the help overlay and the view stack. */
#include "config.h"

#include "tui/tui.h"
#include "tui/colors.h"
#include "tui/draw.h"
#include "core/lang.h"
#include "core/wrap.h"
#include "i18n.h"
#include "palette.h"

#include <errno.h>
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

/* One key: a function key (KEY_CODE_YES) or a character (OK), ERR when none
 * came in time.  UTF-8 is assembled here rather than by wget_wch, which
 * swallows up to a dozen following keys (Esc among them) after an invalid
 * byte; here an invalid or cut-short sequence becomes U+FFFD at once and
 * the byte that broke it is read again as a key of its own. */
static int read_key(wint_t *ch)
{
	static int pending = -1;   /* a byte read but not yet used */
	int c = pending >= 0 ? pending : wgetch(stdscr);
	pending = -1;
	if (c == ERR)
		return ERR;
	if (c >= KEY_MIN) {
		*ch = (wint_t)c;
		return KEY_CODE_YES;
	}
	c &= 0xff;
	int need = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2
	         : c >= 0xf0 && c < 0xf5 ? 3 : -1;
	if (need < 0) {
		*ch = 0xFFFD;
		return OK;
	}
	wint_t value = need == 0 ? (wint_t)c : (wint_t)(c & (0x3f >> need));
	for (int i = 0; i < need; i++) {
		int next = wgetch(stdscr);
		if (next == ERR || next >= KEY_MIN || (next & 0xc0) != 0x80) {
			pending = next == ERR ? -1 : next;
			*ch = 0xFFFD;
			return OK;
		}
		value = (value << 6) | (wint_t)(next & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not keys. */
	if ((need == 2 && value < 0x800) || (need == 3 && (value < 0x10000 || value > 0x10FFFF)) ||
	    (value >= 0xD800 && value <= 0xDFFF))
		value = 0xFFFD;
	*ch = value;
	return OK;
}

static struct view *top(struct tui *t)
{
	return t->depth ? t->stack[t->depth - 1] : NULL;
}

void cr_tui_push(struct tui *t, struct view *v)
{
	if (t->depth == CR_TUI_MAX_VIEWS) {
		/* Deep enough: the new view replaces the one on top. */
		struct view *old = t->stack[--t->depth];
		old->ops->destroy(old);
	}
	t->stack[t->depth++] = v;
	v->ops->recalc(v, t);
}

void cr_tui_pop(struct tui *t)
{
	if (t->depth <= 1) {
		t->quit = true;
		return;
	}
	struct view *v = t->stack[--t->depth];
	v->ops->destroy(v);
	t->need_reflow = true;
}

void cr_tui_compare(struct tui *t, int number)
{
	if (t->mark == 0 || t->mark == number) {
		t->mark = number;
		return;
	}
	int a = t->mark;
	t->mark = 0;
	cr_tui_push(t, cr_view_compare_new(t, a, number));
}

/* ---- layout and drawing ---- */

/* The interface's own strings, after a language switch. */
static void recalc_strings(struct tui *t)
{
	free(t->title);
	free(t->hints);
	const char *set = cr_db_set_name(t->c->db, t->c->set);
	/* TRANSLATORS: the title line; %s is the code set, "SIP". */
	t->title = cr_asprintf(_("coderef — %s response codes"), set ? set : "");
	t->hints = cr_key_hints();
}

static void layout(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	t->too_small = t->rows < CR_TUI_MIN_ROWS || t->cols < CR_TUI_MIN_COLS;
	t->body_y = 1;
	t->body_h = t->rows - 2 - (t->search.shown ? 1 : 0);
	if (t->body_h < 1)
		t->body_h = 1;
}

static void draw_title(struct tui *t)
{
	attr_t bar = cr_look(CR_LOOK_BAR);
	cr_draw_blank(stdscr, 0, 0, t->cols, bar);
	cr_draw(stdscr, 0, 1, t->cols - 1, t->title, strlen(t->title), bar | A_BOLD);
}

static void draw_status(struct tui *t)
{
	int y = t->rows - 1;
	attr_t bar = cr_look(CR_LOOK_BAR);
	cr_draw_blank(stdscr, y, 0, t->cols, bar);
	struct cr_buf b = { 0 };
	cr_buf_addf(&b, "%s  ", cr_str(t->c->db, t->c->lang, "lang.name"));
	top(t)->ops->status(top(t), t, &b);
	if (t->digits[0] && cr_tui_now_ms() - t->digits_at <= CR_TUI_DIGITS_MS) {
		/* TRANSLATORS: while a code number is being typed in the list. */
		char *s = cr_asprintf(_("go to %s"), t->digits);
		cr_buf_addf(&b, "  %s", s);
		free(s);
	}
	if (t->mark) {
		/* TRANSLATORS: a code is marked; `c` on another compares them. */
		char *s = cr_asprintf(_("compare %d with…"), t->mark);
		cr_buf_addf(&b, "  %s", s);
		free(s);
	}
	int used = 1;
	used += cr_draw(stdscr, y, used, t->cols - used, b.s, b.len, bar | A_BOLD);
	cr_buf_free(&b);
	int hw = cr_width(t->hints, strlen(t->hints));
	int x = t->cols - hw - 1;
	if (x < used + 2)
		x = used + 2;
	cr_draw(stdscr, y, x, t->cols - x, t->hints, strlen(t->hints), bar);
}

static void draw_help(struct tui *t)
{
	char **text = cr_key_help_lines();
	const char *title = _("Keys");
	const char *close = _("Press any key to close this help.");
	int n = 0, w = cr_width(close, strlen(close));
	for (char **p = text; *p; p++, n++) {
		int lw = cr_width(*p, strlen(*p));
		w = lw > w ? lw : w;
	}
	int bw = w + 4, bh = n + 4;
	if (bw > t->cols)
		bw = t->cols;
	if (bh > t->rows)
		bh = t->rows;
	int y0 = (t->rows - bh) / 2, x0 = (t->cols - bw) / 2;
	attr_t look = cr_look(CR_LOOK_OVERLAY);
	for (int r = 0; r < bh; r++)
		cr_draw_blank(stdscr, y0 + r, x0, bw, look);
	cr_draw(stdscr, y0, x0 + 2, bw - 2, title, strlen(title), look | A_BOLD);
	for (int i = 0; i < n && 2 + i < bh - 1; i++)
		cr_draw(stdscr, y0 + 1 + i, x0 + 2, bw - 3, text[i], strlen(text[i]), look);
	if (bh >= 3)
		cr_draw(stdscr, y0 + bh - 1, x0 + 2, bw - 3, close, strlen(close), look | A_DIM);
	cr_key_lines_free(text);
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
	draw_status(t);
	if (t->help)
		draw_help(t);
	else if (v == t->stack[0] || t->search.editing)
		cr_search_draw(t);
	else if (t->search.shown)
		cr_search_draw(t);
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- input ---- */

static void switch_language(struct tui *t)
{
	t->c->lang = cr_lang_next(t->c->lang);
	cr_i18n_set(t->c->lang);
	t->need_recalc = true;
}

static void handle(struct tui *t, int r, wint_t ch)
{
	if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
		t->need_reflow = true;
		/* Terminals keep, cut or reflow their cells on a resize as they
		 * please: repaint every cell rather than trust what was there. */
		clearok(curscr, TRUE);
		return;
	}
	if (t->help) {          /* any key closes the help */
		t->help = false;
		return;
	}
	if (t->too_small) {
		if (r == OK && (ch == 'q' || ch == 3))
			t->quit = true;
		return;
	}
	if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
		MEVENT ev;
		if (getmouse(&ev) == OK && top(t)->ops->mouse)
			top(t)->ops->mouse(top(t), t, &ev);
		return;
	}
	if (top(t) == t->stack[0] && cr_search_key(t, r == KEY_CODE_YES, ch))
		return;
	enum cr_action a = cr_key_action(r == KEY_CODE_YES, ch);
	struct view *v = top(t);
	switch (a) {
	case CR_ACT_NONE:
		return;
	case CR_ACT_HELP:
		t->help = true;
		return;
	case CR_ACT_LANG:
		switch_language(t);
		return;
	case CR_ACT_SEARCH:
		while (t->depth > 1)
			cr_tui_pop(t);
		cr_search_open(t);
		return;
	default:
		break;
	}
	v->ops->action(v, t, a, ch);
}

static void run(struct tui *t)
{
	layout(t);
	recalc_strings(t);
	for (int i = 0; i < t->depth; i++)
		t->stack[i]->ops->recalc(t->stack[i], t);
	bool dirty = true;
	while (!t->quit && !caught) {
		if (t->need_recalc || t->need_reflow) {
			layout(t);
			if (t->need_recalc)
				recalc_strings(t);
			for (int i = 0; i < t->depth; i++) {
				struct view *v = t->stack[i];
				if (t->need_recalc)
					v->ops->recalc(v, t);
				else
					v->ops->reflow(v, t);
			}
			t->need_recalc = t->need_reflow = false;
			dirty = true;
		}
		if (t->need_search) {
			cr_search_apply(t);
			dirty = true;
		}
		if (dirty)
			draw(t);
		dirty = false;
		wint_t ch;
		wtimeout(stdscr, POLL_MS);
		int r = read_key(&ch);
		if (r == ERR) {
			/* The number being typed is forgotten after a pause. */
			if (t->digits[0] && cr_tui_now_ms() - t->digits_at > CR_TUI_DIGITS_MS) {
				t->digits[0] = '\0';
				dirty = true;
			}
			continue;
		}
		handle(t, r, ch);
		dirty = true;
		/* Everything already typed (a paste, a held key, resizes) is
		 * handled before the next paint. */
		wtimeout(stdscr, 0);
		while (!t->quit && (r = read_key(&ch)) != ERR) {
			handle(t, r, ch);
			if (t->need_reflow && !t->need_recalc)
				layout(t);
		}
	}
}

int cr_tui_usable(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return 0;
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

int cr_tui_run(struct context *c, int number)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	struct sigaction old[3];
	const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);

	SCREEN *screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		for (int i = 0; i < 3; i++)
			sigaction(sigs[i], &old[i], NULL);
		return -1;
	}
	set_term(screen);
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	/* Ctrl-S must not freeze the screen (XON/XOFF flow control): take it
	 * off for the browser; endwin gives the user's setting back. */
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		def_prog_mode();
	}
	curs_set(0);
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	cr_colors_init(cr_color_wanted(c->color_mode, STDOUT_FILENO));

	struct tui t = { .c = c };
	layout(&t);
	t.stack[t.depth++] = cr_view_list_new(&t, number);
	if (number > 0)
		t.stack[t.depth++] = cr_view_card_new(&t, number);
	run(&t);

	while (t.depth > 0) {
		struct view *v = t.stack[--t.depth];
		v->ops->destroy(v);
	}
	cr_search_free(&t);
	free(t.title);
	free(t.hints);
	endwin();
	delscreen(screen);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (caught)
		return 128 + caught;
	return 0;
}
