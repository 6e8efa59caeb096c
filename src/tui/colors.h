/* How things look, by role: one table with a colour scheme and a
 * monochrome one (no colours, or NO_COLOR set). */
#ifndef CODEREF_TUI_COLORS_H
#define CODEREF_TUI_COLORS_H

#include <curses.h>

enum cr_look {
	CR_LOOK_NORMAL,
	CR_LOOK_BAR,            /* title and status lines */
	CR_LOOK_BAR_KEY,        /* key names in the status hints */
	CR_LOOK_CLASS_HEADER,   /* "4xx Request Failure" in the list */
	CR_LOOK_SELECTED,
	CR_LOOK_MATCH,          /* search terms found */
	CR_LOOK_DIM,            /* deprecated, secondary */
	CR_LOOK_DOC_TITLE,
	CR_LOOK_HEADING,
	CR_LOOK_LABEL,          /* fact labels */
	CR_LOOK_NOTICE,
	CR_LOOK_SEARCH,         /* the search line, kept */
	CR_LOOK_SEARCH_ACTIVE,  /* the search line while typing */
	CR_LOOK_LINK,           /* a code mentioned in a card */
	CR_LOOK_LINK_SELECTED,
	CR_LOOK_MARKED,         /* the code marked for comparison */
	CR_LOOK_OVERLAY,
	CR_LOOK_RULE,           /* separators between panes */
	CR_LOOK_FOCUS,          /* the rule of the pane with the focus */
	CR_LOOK__MAX
};

/* Chooses colours or monochrome; call after newterm. */
void cr_colors_init(int wanted);
attr_t cr_look(enum cr_look look);
/* The marker colour of a response class (1..6); plain for others. */
attr_t cr_class_look(int cls);

#endif
