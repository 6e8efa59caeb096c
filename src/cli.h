/* What the command line hands to the full-screen browser. */
#ifndef CODEREF_CLI_H
#define CODEREF_CLI_H

#include "core/db.h"
#include "render.h"

/* What a command works with. */
struct context {
	struct cr_db *db;
	const char *lang;       /* "en", "ja" */
	const char *set;        /* the default set's key ("sip"), owned by db */
	int set_given;          /* --set: search only that set */
	struct cr_out out;
	int json;               /* --json: one JSON document on stdout */
	int color_mode;         /* enum cr_color_mode, for the browser */
	int no_flow;            /* --no-flow: cards without their call flow */
	int ascii;              /* --ascii, or a terminal that is not UTF-8 */
	int follow;             /* decode --follow: wait for more at the end */
	int only;               /* decode --only: the findings without the lines */
};

/* `coderef list [SET] [CLASS]`. */
int cr_cli_list(struct context *c, int argc, char **argv);

/* `coderef browse [CODE]` and `coderef` alone: the browser on a terminal,
 * the list when stdout is not one. */
int cr_cli_browse(struct context *c, int argc, char **argv);

#endif
