#include "config.h"

#include "palette.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cr_color_mode_parse(const char *s)
{
	if (!s || strcmp(s, "auto") == 0 || strcmp(s, "tty") == 0 || strcmp(s, "if-tty") == 0)
		return CR_COLOR_AUTO;
	if (strcmp(s, "always") == 0 || strcmp(s, "yes") == 0 || strcmp(s, "force") == 0)
		return CR_COLOR_ALWAYS;
	if (strcmp(s, "never") == 0 || strcmp(s, "no") == 0 || strcmp(s, "none") == 0)
		return CR_COLOR_NEVER;
	return -1;
}

int cr_color_wanted(enum cr_color_mode mode, int fd)
{
	if (mode == CR_COLOR_ALWAYS)
		return 1;
	if (mode == CR_COLOR_NEVER)
		return 0;
	const char *no_color = getenv("NO_COLOR");
	if (no_color && *no_color)
		return 0;
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fd);
}
