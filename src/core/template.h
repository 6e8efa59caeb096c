/* Filling the sentence templates of the string table. */
#ifndef CODEREF_TEMPLATE_H
#define CODEREF_TEMPLATE_H

#include <stddef.h>

struct cr_slot {
	const char *name;       /* "a" fills {a} */
	const char *value;
};

/* The template with each {name} replaced by its slot's value.  Where a value
 * meets Japanese text, a space is put between Latin letters or digits and
 * kana or kanji (the Japanese templates are written without them), so
 * "{a}は" gives "486 Busy Here は".  An unknown {name} is left as it is. */
char *cr_fill(const char *tpl, const struct cr_slot *slots, size_t nslots);

/* Whether c is kana, kanji or another CJK letter. */
int cr_is_cjk(unsigned int c);

#endif
