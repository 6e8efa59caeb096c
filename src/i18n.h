/* gettext set-up and switching the interface language at run time. */
#ifndef CODEREF_I18N_H
#define CODEREF_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* setlocale, a UTF-8 character type even under LANG=C when the system has
 * C.UTF-8, and the text domain bound to the installed (or, run from the
 * build tree, the built) catalogs.  Returns 1 when the terminal's character
 * set is UTF-8. */
int cr_i18n_init(void);

/* Makes gettext answer in lang from now on, whatever the locale. */
void cr_i18n_set(const char *lang);

#endif
