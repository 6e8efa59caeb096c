/* The browser's shared state and what a view is.
 *
 *   row 0        title line
 *   rows 1..     the view on top of the history (list, card, comparison);
 *                on 160 columns and more, the list with a preview beside it
 *   row H-2      the search line, while there is a search
 *   row H-1      status line: language, position, marks, key hints
 *
 * Views ask, the loop decides: a view's action fills a request ("open
 * card 486", "compare", "back", "copy"), and only tui.c creates views,
 * keeps the history of views and owns the search line.  No view calls
 * another's functions.
 *
 * Three kinds of event, kept apart: recalc (language switch: documents are
 * built again from the core), reflow (size: text wrapped again) and draw
 * (paint only). */
#ifndef CODEREF_TUI_H
#define CODEREF_TUI_H

#include "cli.h"
#include "core/search.h"
#include "core/util.h"
#include "tui/keys.h"

#include <curses.h>
#include <stdbool.h>

#define CR_TUI_MIN_COLS 20
#define CR_TUI_MIN_ROWS 6
/* Views kept for going back; the oldest above the list are let go. */
#define CR_TUI_MAX_VIEWS 32
/* A pause this long (ms) ends the code number being typed. */
#define CR_TUI_DIGITS_MS 1500
/* From this width the list shows the selected code's card beside it. */
#define CR_TUI_PREVIEW_COLS 160

struct tui;

struct view {
	const struct view_ops *ops;
	int y, x, h, w;         /* where the loop put it */
};

/* What a view asks of the loop. */
enum cr_req {
	CR_REQ_NONE,
	CR_REQ_OPEN,            /* the card of a */
	CR_REQ_COMPARE,         /* `c` on code a: mark it, or compare with the mark */
	CR_REQ_BACK,
	CR_REQ_QUIT,
	CR_REQ_COPY,            /* the card of a, or the comparison of a and b */
	CR_REQ_COPY_LINE,       /* "SIP 486 Busy Here" of a */
};

struct cr_request {
	enum cr_req kind;
	int a, b;
};

struct view_ops {
	int kind;               /* CR_IN_LIST, CR_IN_CARD or CR_IN_COMPARE */
	/* Status hints, most important first, ended by CR_ACT_NONE. */
	const enum cr_action *hints;
	void (*recalc)(struct view *v, struct tui *t);
	void (*reflow)(struct view *v, struct tui *t);
	void (*draw)(struct view *v, struct tui *t);
	/* 1 when the view handled the action; it may ask for more in *req. */
	int (*action)(struct view *v, struct tui *t, enum cr_action a, wint_t ch,
	              struct cr_request *req);
	void (*mouse)(struct view *v, struct tui *t, const MEVENT *ev, struct cr_request *req);
	/* Position for the status line ("12/75"). */
	void (*status)(struct view *v, struct tui *t, struct cr_buf *b);
	/* The code the view is about, 0 if none. */
	int (*current)(struct view *v, struct tui *t);
	/* The search line's text changed (NULL: the search was given up, go
	 * back to where the view was before it).  false when a waiting key
	 * made the search stale: the loop asks again. */
	bool (*find)(struct view *v, struct tui *t, const char *query);
	void (*destroy)(struct view *v);
};

/* The search line: one line edited like a shell's. */
struct cr_line {
	struct cr_buf text;     /* UTF-8 */
	size_t cur;             /* the cursor, a byte offset */
};

enum cr_line_result { CR_LINE_PASS, CR_LINE_EDITED, CR_LINE_MOVED };

/* One step of the history: a view and its search line. */
struct entry {
	struct view *v;
	char *query;            /* the line's text, NULL when no search */
};

struct tui {
	struct context *c;
	int rows, cols;
	int body_y, body_h;     /* the view's rows */
	bool too_small;
	struct entry hist[CR_TUI_MAX_VIEWS];
	int depth;
	/* the search line of the view on top */
	bool line_shown, line_active;
	struct cr_line line;
	char **past;            /* queries searched before, oldest first */
	size_t npast;
	size_t past_at;         /* where Up/Down is in them */
	int mark;               /* code marked for comparison, 0 if none */
	char digits[8];         /* code number being typed */
	long long digits_at;    /* when the last digit came, ms */
	bool filter_wait;       /* `f` typed: a class digit comes next */
	int filter;             /* the list's class, 0 for all */
	bool help;              /* help overlay shown */
	int help_top;
	char **help_lines;
	struct view *preview;   /* the card beside the list, on a wide screen */
	int preview_number;
	bool pasting;
	struct cr_buf paste;
	char *message;          /* for the status line until the next key */
	char *clip;             /* OSC 52 to write after the next paint */
	char *title;            /* in the interface language */
	const char *log_name;   /* coderef decode FILE: the log under the cards */
	bool quit;
	bool need_recalc, need_reflow, need_search;
	bool search_warm;       /* cr_search_warm done (or not possible) */
};

/* Views: each file keeps its state private.  Only tui.c calls these. */
/* Views and requests name codes by key (cr_code_key): set and number in one. */
enum cr_result cr_tui_code_get(struct tui *t, int key, struct cr_code *out);

struct view *cr_view_list_new(struct tui *t, int number);
struct view *cr_view_card_new(struct tui *t, int number, bool preview);
struct view *cr_view_compare_new(struct tui *t, int a, int b);
/* The log view of `coderef decode`: reads fd (a file or a pipe) to its
 * end and takes it over; NULL when it cannot be read. */
struct view *cr_view_log_new(struct tui *t, const char *name, int fd);
size_t cr_view_log_findings(struct view *v);

/* The search line's editing keys: characters, Backspace, Delete, ←/→,
 * Home/End, Ctrl-A/E/B/F/W/U, Alt-B/F/D. */
enum cr_line_result cr_line_key(struct cr_line *l, int is_key, wint_t ch, int alt);
void cr_line_insert(struct cr_line *l, const char *s, size_t n);
void cr_line_set(struct cr_line *l, const char *s);
const char *cr_line_text(const struct cr_line *l);
void cr_line_free(struct cr_line *l);
void cr_line_draw(const struct cr_line *l, int y, int cols, const char *prompt, bool active);

long long cr_tui_now_ms(void);
/* Whether a key waits to be read: the work under way is already stale
 * (an interrupt callback for cr_db_set_interrupt). */
int cr_tui_key_waiting(void *data);

/* Whether stdin and stdout are a terminal that can place the cursor. */
int cr_tui_usable(void);
/* Whether stdout and the controlling terminal (/dev/tty: stdin may be a
 * pipe) are a terminal that can place the cursor. */
int cr_tui_usable_for_log(void);
/* Runs the browser on it, at code number if not 0.  The exit status, or -1
 * when the terminal cannot be set up. */
int cr_tui_run(struct context *c, int number);
/* The log view of fd (taken over) in the browser, keys from the terminal
 * even when stdin is a pipe: 0 when something was found, 1 when nothing
 * was, 2 when fd cannot be read, -1 when the terminal cannot be set up. */
int cr_tui_run_log(struct context *c, const char *name, int fd);

#endif
