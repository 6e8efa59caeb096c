/* Colour pairs by role on the terminal's own background
 * (use_default_colors), or bold/reverse/underline when there are no
 * colours or NO_COLOR is set (https://no-color.org: any non-empty value). */
#include "config.h"

#include "tui/colors.h"
#include "palette.h"

#include <stdlib.h>

struct scheme {
	short fg, bg;
	attr_t attr;            /* added to the colour */
	attr_t mono;            /* used alone without colour */
};

/* -1: the terminal's default colour. */
static const struct scheme looks[CR_LOOK__MAX] = {
	[CR_LOOK_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[CR_LOOK_BAR] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[CR_LOOK_BAR_KEY] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
	[CR_LOOK_CLASS_HEADER] = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[CR_LOOK_SELECTED] = { -1, -1, A_REVERSE, A_REVERSE },
	[CR_LOOK_MATCH] = { COLOR_YELLOW, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE },
	[CR_LOOK_DIM] = { -1, -1, A_DIM, A_DIM },
	[CR_LOOK_DOC_TITLE] = { -1, -1, A_BOLD, A_BOLD },
	[CR_LOOK_HEADING] = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[CR_LOOK_LABEL] = { COLOR_BLUE, -1, A_BOLD, A_BOLD },
	[CR_LOOK_NOTICE] = { COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE },
	[CR_LOOK_SEARCH] = { -1, -1, A_BOLD, A_BOLD },
	[CR_LOOK_SEARCH_ACTIVE] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD },
	[CR_LOOK_LINK] = { COLOR_BLUE, -1, A_UNDERLINE, A_UNDERLINE },
	[CR_LOOK_LINK_SELECTED] = { -1, -1, A_REVERSE | A_UNDERLINE, A_REVERSE | A_UNDERLINE },
	[CR_LOOK_MARKED] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[CR_LOOK_OVERLAY] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[CR_LOOK_RULE] = { -1, -1, A_DIM, A_NORMAL },
	[CR_LOOK_FOCUS] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
};

#define CLASS_PAIR0 (CR_LOOK__MAX + 1)

static int colored;

void cr_colors_init(int wanted)
{
	colored = wanted && has_colors();
	if (!colored)
		return;
	start_color();
	int defaults = use_default_colors() == OK;
	for (int i = 0; i < CR_LOOK__MAX; i++) {
		short fg = looks[i].fg, bg = looks[i].bg;
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)(i + 1), fg, bg);
	}
	/* The class colours of the command line (palette.h): one scheme. */
	for (int c = 1; c <= 6; c++)
		init_pair((short)(CLASS_PAIR0 + c), (short)cr_class_color(c), defaults ? -1 : COLOR_BLACK);
}

attr_t cr_look(enum cr_look look)
{
	if (!colored)
		return looks[look].mono;
	return COLOR_PAIR(look + 1) | looks[look].attr;
}

attr_t cr_class_look(int cls)
{
	if (!colored)
		return A_BOLD;
	if (cls < 1 || cls > 6)
		return A_NORMAL;
	return COLOR_PAIR(CLASS_PAIR0 + cls) | A_BOLD;
}
