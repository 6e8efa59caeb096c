/* `coderef browse [CODE]` and `coderef` alone: the full-screen browser on a
 * terminal that can do it, the printed list otherwise. */
#include "config.h"

#include "cli.h"
#include "core/address.h"
#include "tui/tui.h"
#include "core/code.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cr_cli_browse(struct context *c, int argc, char **argv)
{
	int number = 0;
	struct cr_address addr = { 0 };
	if (argc > 1 || (argc == 1 && cr_address_parse(c->db, argv[0], c->set, &addr) != CR_OK)) {
		fprintf(stderr, "coderef: error: %s\n",
		        _("browse takes at most one code: a number, SET:NUMBER or a name (try 'coderef --help')"));
		return CR_USAGE;
	}
	if (argc == 1) {
		number = addr.number;
		c->set = addr.set;      /* the list behind the card is of the code's set */
	}
	if (argc == 1) {   /* said before the screen is taken, not on it */
		struct cr_code code;
		int r = cr_code_get(c->db, c->set, number, c->lang, &code);
		if (r != CR_OK) {
			if (r == CR_NOT_FOUND) {
				fputs("coderef: error: ", stderr);
				fprintf(stderr, _("no %s code %d in %s"), cr_db_set_name(c->db, c->set),
				        number, cr_db_path(c->db));
				fputc('\n', stderr);
			} else {
				fputs("coderef: error: ", stderr);
				fprintf(stderr, _("%s: cannot read: %s"), cr_db_path(c->db),
				        sqlite3_errmsg(cr_db_sqlite(c->db)));
				fputc('\n', stderr);
			}
			return r;
		}
		cr_code_free(&code);
	}
	/* Not a terminal, or one that cannot place the cursor (TERM unset,
	 * unknown or dumb): print the list instead of drawing. */
	/* The set the browser would have shown. */
	char *this_set[] = { (char *)c->set };
	if (!cr_tui_usable())
		return cr_cli_list(c, 1, this_set);
	int r = cr_tui_run(c, number > 0 ? cr_code_key(c->db, c->set, number) : 0);
	if (r < 0)
		return cr_cli_list(c, 1, this_set);
	return r;
}
