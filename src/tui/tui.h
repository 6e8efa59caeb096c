/* The browser's shared state and what a view is.
 *
 *   row 0        title line
 *   rows 1..     the view on top of the stack (list, card, comparison)
 *   row H-2      the search line, while there is a search
 *   row H-1      status line: language, position, marks, key hints
 *
 * Three kinds of event, kept apart: recalc (language switch, new search:
 * documents are built again from the core), reflow (size: text wrapped
 * again) and draw (paint only). */
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
#define CR_TUI_MAX_VIEWS 4
/* A pause this long (ms) ends the code number being typed. */
#define CR_TUI_DIGITS_MS 1500

struct tui;

struct view {
	const struct view_ops *ops;
};

struct view_ops {
	void (*recalc)(struct view *v, struct tui *t);
	void (*reflow)(struct view *v, struct tui *t);
	void (*draw)(struct view *v, struct tui *t);
	/* 1 when the view handled the action. */
	int (*action)(struct view *v, struct tui *t, enum cr_action a, wint_t ch);
	void (*mouse)(struct view *v, struct tui *t, const MEVENT *ev);
	/* Position for the status line ("12/75"). */
	void (*status)(struct view *v, struct tui *t, struct cr_buf *b);
	/* The code the view is about (for `c`), 0 if none. */
	int (*current)(struct view *v, struct tui *t);
	void (*destroy)(struct view *v);
};

struct search_line {
	bool shown;             /* a search is there (being typed or kept) */
	bool editing;           /* keys go to the line */
	struct cr_buf text;     /* UTF-8 */
	struct cr_terms terms;  /* of text, for highlighting */
};

struct tui {
	struct context *c;
	int rows, cols;
	int body_y, body_h;     /* the view's rows */
	bool too_small;
	struct view *stack[CR_TUI_MAX_VIEWS];
	int depth;
	struct search_line search;
	int mark;               /* code marked for comparison, 0 if none */
	char digits[8];         /* code number being typed */
	long long digits_at;    /* when the last digit came, ms */
	bool help;              /* help overlay shown */
	char *title, *hints;    /* in the interface language */
	bool quit;
	bool need_recalc, need_reflow, need_search;
};

/* Views: each file keeps its state private. */
struct view *cr_view_list_new(struct tui *t, int number);
struct view *cr_view_card_new(struct tui *t, int number);
struct view *cr_view_compare_new(struct tui *t, int a, int b);
/* The list view's search results: new text typed, or cleared. */
void cr_view_list_search_changed(struct view *v, struct tui *t);

void cr_tui_push(struct tui *t, struct view *v);
void cr_tui_pop(struct tui *t);
/* The action of `c` on code number: mark it, or compare with the mark. */
void cr_tui_compare(struct tui *t, int number);

/* Search line editing; 1 when the key was taken. */
int cr_search_key(struct tui *t, int is_key, wint_t ch);
void cr_search_open(struct tui *t);
void cr_search_close(struct tui *t);
void cr_search_draw(struct tui *t);
/* Runs the search typed since the last paint. */
void cr_search_apply(struct tui *t);
void cr_search_free(struct tui *t);

long long cr_tui_now_ms(void);

/* Whether stdin and stdout are a terminal that can place the cursor. */
int cr_tui_usable(void);
/* Runs the browser on it, at code number if not 0.  The exit status, or -1
 * when the terminal cannot be set up. */
int cr_tui_run(struct context *c, int number);

#endif
