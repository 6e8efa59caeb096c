/* The colour of each class of codes, shared by the command line (ANSI SGR)
 * and the browser (curses COLOR_*, which use the same numbers). */
#ifndef CODEREF_PALETTE_H
#define CODEREF_PALETTE_H

enum cr_color_mode { CR_COLOR_AUTO, CR_COLOR_ALWAYS, CR_COLOR_NEVER };

/* 1xx blue, 2xx green, 3xx cyan, 4xx yellow, 5xx red, 6xx magenta;
 * -1 (the terminal's default) for anything else. */
static inline int cr_class_color(int cls)
{
	static const int colors[] = { -1, 4, 2, 6, 3, 1, 5 };
	return cls >= 1 && cls <= 6 ? colors[cls] : -1;
}

/* --color=WHEN as typed; -1 when it is none of auto, always, never. */
int cr_color_mode_parse(const char *s);

/* Whether to colour output to fd: the mode, NO_COLOR and TERM=dumb. */
int cr_color_wanted(enum cr_color_mode mode, int fd);

#endif
