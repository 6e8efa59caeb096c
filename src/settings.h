/* The user's config file: $XDG_CONFIG_HOME/coderef/config, else
 * ~/.config/coderef/config.  "key = value" lines, '#' comments:
 *
 *   lang = ja          # a language of the database: en or ja
 *   set = q850         # the code set of a bare number: sip, q850, warning
 *   color = never      # auto, always or never
 *
 * A bad line is warned about with its line number and skipped; the file
 * never stops coderef from starting. */
#ifndef CODEREF_SETTINGS_H
#define CODEREF_SETTINGS_H

struct cr_settings {
	const char *lang;   /* canonical code, or NULL when not set */
	char set[32];       /* a set key as written, "" when not set (checked once the database is open) */
	int color;          /* enum cr_color_mode, or -1 when not set */
};

/* Reads the file if there is one; warnings go to stderr. */
void cr_settings_load(struct cr_settings *s);
/* The path it reads (for the manual and messages); static storage. */
const char *cr_settings_path(void);

#endif
