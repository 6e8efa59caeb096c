#include "config.h"

#include "lang.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const cr_languages[] = { "en", "ja", NULL };

const char *cr_lang_canonical(const char *name)
{
	if (!name)
		return NULL;
	for (const char *const *l = cr_languages; *l; l++) {
		size_t n = strlen(*l);
		if (strncasecmp(name, *l, n) == 0 && (name[n] == '\0' || name[n] == '_' || name[n] == '.' ||
		                                      name[n] == '-' || name[n] == '@'))
			return *l;
	}
	return NULL;
}

const char *cr_lang_from_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "ja", 2) == 0 ? "ja" : "en";
	}
	return "en";
}

const char *cr_lang_next(const char *lang)
{
	for (const char *const *l = cr_languages; *l; l++)
		if (strcmp(*l, lang) == 0)
			return l[1] ? l[1] : cr_languages[0];
	return cr_languages[0];
}
