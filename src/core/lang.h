/* Which language to show: --lang, else $CODEREF_LANG, else the locale. */
#ifndef CODEREF_LANG_H
#define CODEREF_LANG_H

/* The languages coderef speaks, "en" first; NULL-terminated. */
extern const char *const cr_languages[];

/* The canonical code ("ja") for a name such as "ja", "ja_JP.UTF-8", "EN";
 * NULL when coderef has no such language. */
const char *cr_lang_canonical(const char *name);

/* From LC_ALL, LC_MESSAGES, LANG (the first one set): "ja" for ja*, else "en". */
const char *cr_lang_from_locale(void);

/* The language after a switch (English ⇄ Japanese, and on round the list). */
const char *cr_lang_next(const char *lang);

#endif
