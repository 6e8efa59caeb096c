#include "config.h"

#include "lang.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *cr_lang_canonical(const char *name)
{
	/* The codes met so far, so that callers may keep the pointer. */
	static char seen[16][4];
	static int nseen;
	if (!name)
		return NULL;
	size_t n = 0;
	while (n < 4 && isalpha((unsigned char)name[n]))
		n++;
	if (n < 2 || n > 3 || !(name[n] == '\0' || name[n] == '_' || name[n] == '.' || name[n] == '-' ||
	                        name[n] == '@'))
		return NULL;
	char code[4] = { 0 };
	for (size_t i = 0; i < n; i++)
		code[i] = (char)tolower((unsigned char)name[i]);
	for (int i = 0; i < nseen; i++)
		if (strcmp(seen[i], code) == 0)
			return seen[i];
	if (nseen == 16)
		return NULL;
	memcpy(seen[nseen], code, sizeof code);
	return seen[nseen++];
}

const char *cr_lang_from_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			const char *lang = cr_lang_canonical(v);
			return lang ? lang : "en";
		}
	}
	return "en";
}
