#include "config.h"
#include "i18n.h"
#include "paths.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* glibc caches translations by locale name, not by LANGUAGE; bumping this
 * counter is the gettext manual's way to make it look again. */
extern int _nl_msg_cat_cntr;

int cr_i18n_init(void)
{
	setlocale(LC_ALL, "");
	const char *codeset = nl_langinfo(CODESET);
	int utf8 = codeset && strcmp(codeset, "UTF-8") == 0;
	if (!utf8) {
		/* Under C/POSIX (containers, CI, ssh without locales) assume the
		 * terminal is UTF-8, as nearly all are: that is what lets --lang ja
		 * show Japanese with no Japanese locale installed. */
		const char *ctype = setlocale(LC_CTYPE, NULL);
		if (ctype && (strcmp(ctype, "C") == 0 || strcmp(ctype, "POSIX") == 0))
			setlocale(LC_CTYPE, "C.UTF-8");
	}
	bindtextdomain(PACKAGE, cr_locale_dir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	codeset = nl_langinfo(CODESET);
	return codeset && strcmp(codeset, "UTF-8") == 0;
}

void cr_i18n_set(const char *lang)
{
	/* LANGUAGE is ignored while LC_MESSAGES is C or POSIX. */
	const char *messages = setlocale(LC_MESSAGES, NULL);
	if (!messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
}
