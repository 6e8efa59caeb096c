/* Call-flow ladders: one typical exchange around a code, as SIP engineers
 * draw it (columns of elements, arrows between them).  The text format is
 * described in db/FORMAT.md ("flows.txt"); this module parses it into
 * entities and steps and draws the ladder as lines of text for a width. */
#ifndef CODEREF_FLOW_H
#define CODEREF_FLOW_H

#include <stdbool.h>
#include <stddef.h>

struct cr_db;

/* Limits past which a flow is rejected as damaged: real flows have a few
 * elements, a few dozen steps and short protocol tokens as labels. */
#define CR_FLOW_MAX_ENTITIES 8
#define CR_FLOW_MAX_KEY 16        /* bytes of an entity key ("registrar") */
#define CR_FLOW_MAX_STEPS 100
#define CR_FLOW_MAX_LABEL 100     /* bytes of an arrow label */
#define CR_FLOW_MAX_NOTE 1000     /* bytes of one note */

struct cr_flow_step {
	size_t from, to;        /* entity indexes; equal for an action */
	bool action;            /* something an element does itself (a timer) */
	char *label;            /* "486 Busy Here"; "" only for an action with a note */
	bool marked;            /* the code's own message */
	char *note;             /* in the language asked for, else English; or NULL */
};

/* For JSON and other tools, walk step[0 .. steps - 1]: entity[from] and
 * entity[to] name the elements (the same one for an action), then label,
 * marked and note. */
struct cr_flow {
	char **entity;          /* keys, left to right: "uac", "proxy", "uas" */
	size_t entities;
	struct cr_flow_step *step;
	size_t steps;
};

/* Parses flow text, keeping each step's note in lang (English when the step
 * has none in lang).  Labels and notes are made safe for the terminal.  On
 * bad text returns -1, *out empty, and *error a one-line English message
 * with the line number (free it); 0 on success. */
int cr_flow_parse(const char *text, const char *lang, struct cr_flow *out, char **error);
void cr_flow_free(struct cr_flow *f);

/* The stored flow of a code (cr_code.id), parsed for lang: 1 when it has
 * one, 0 when it has none, -1 when the stored text is damaged (*out empty;
 * a card says so instead of drawing). */
int cr_flow_get(struct cr_db *db, long long code_id, const char *lang, struct cr_flow *out);

enum cr_flow_flags {
	CR_FLOW_ASCII = 1,      /* | - > < instead of box drawing (--ascii, non-UTF-8) */
};

/* What to call each entity: label ("Registrar", "発信側 UA") and, for
 * narrow screens, short ("Reg", "UAC"; may be NULL). */
struct cr_flow_name {
	const char *label;
	const char *short_label;
};

/* Looks the names up in the string table: flow.entity.<key> and
 * flow.entity.<key>.short, in lang, else English, else the key itself.
 * Fills names[0 .. f->entities - 1]; the strings belong to db. */
void cr_flow_names(struct cr_db *db, const char *lang, const struct cr_flow *f,
                   struct cr_flow_name *names);

struct cr_flow_lines {
	char **line;            /* UTF-8, no newline, no trailing spaces */
	size_t count;
};

/* Draws the ladder in at most width columns (40 and up look right; fewer
 * still fit as long as each element gets two columns).  The marked steps'
 * labels and arrows are between CR_MARK_ON and CR_MARK_OFF (src/core/code.h),
 * which take no column.  Notes go beside the ladder when there is room,
 * else under their arrow.  Returns -1 (out empty) when the width cannot
 * hold the elements, else 0. */
int cr_flow_render(const struct cr_flow *f, const struct cr_flow_name *names, int width,
                   unsigned flags, struct cr_flow_lines *out);
void cr_flow_lines_free(struct cr_flow_lines *l);

#endif
