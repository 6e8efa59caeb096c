#include "config.h"

#include "cli.h"

#include <unistd.h>

int cr_cli_browse(struct context *c, int argc, char **argv)
{
	/* Not on a terminal: print the list instead of drawing. */
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))
		return cr_cli_list(c, 0, NULL);
	return cr_cli_list(c, 0, NULL);
}
