/* `coderef browse [CODE]` and `coderef` alone: the full-screen browser on a
 * terminal that can do it, the printed list otherwise. */
#include "config.h"

#include "cli.h"
#include "tui/tui.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cr_cli_browse(struct context *c, int argc, char **argv)
{
	int number = 0;
	if (argc > 1 || (argc == 1 && (argv[0][0] == '\0' || strlen(argv[0]) > 6 ||
	                               argv[0][strspn(argv[0], "0123456789")] != '\0'))) {
		fprintf(stderr, "coderef: error: %s\n",
		        _("browse takes at most one code number (try 'coderef --help')"));
		return CR_USAGE;
	}
	if (argc == 1)
		number = atoi(argv[0]);
	/* Not a terminal, or one that cannot place the cursor (TERM unset,
	 * unknown or dumb): print the list instead of drawing. */
	if (!cr_tui_usable())
		return cr_cli_list(c, 0, NULL);
	int r = cr_tui_run(c, number);
	if (r < 0)
		return cr_cli_list(c, 0, NULL);
	return r;
}
