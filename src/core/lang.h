/* Which language to show: --lang, else $CODEREF_LANG, else the locale.  Which
 * languages there are is the database's to say (cr_db_languages). */
#ifndef CODEREF_LANG_H
#define CODEREF_LANG_H

/* The language code ("ja") of a name such as "ja", "ja_JP.UTF-8", "EN":
 * two or three letters, lower case.  NULL when name is no language name.
 * The pointer stays valid for the whole run. */
const char *cr_lang_canonical(const char *name);

/* The language of LC_ALL, LC_MESSAGES or LANG (the first one set), "en"
 * when that names none ("C", "POSIX"). */
const char *cr_lang_from_locale(void);

#endif
