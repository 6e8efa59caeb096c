/* Search as people type it: literal terms, ranked codes. */
#ifndef CODEREF_SEARCH_H
#define CODEREF_SEARCH_H

#include "code.h"

/* The input split at white space (ASCII or ideographic).  Nothing in a term
 * is syntax: quotes, '*', AND, NEAR( are searched for as they are. */
struct cr_terms {
	char **term;
	size_t count;
};

void cr_terms_parse(const char *input, struct cr_terms *out);
void cr_terms_free(struct cr_terms *t);

/* Codes matching every term, best first: the exact number, numbers that
 * start with the digits typed, codes whose reason phrase (or former name or
 * gloss) holds the terms, then the rest by rank (bm25 without the document
 * frequency) over number, reason and the texts in the display language and
 * in English.  When a term matches far more documents than limit, each tier
 * ranks a window of them, the first in document order, so that the time
 * does not grow with the database; with only terms under three characters,
 * documents are read in order until limit codes are found.  CR_NOT_FOUND
 * when nothing matches (or the input has no terms); CR_INTERRUPTED when the
 * database's interrupt callback stopped it (cr_db_set_interrupt). */
enum cr_result cr_search(struct cr_db *db, const char *set, const char *lang,
                         const char *input, int limit, struct cr_rows *out);

/* As cr_search, with the snippets of the first `snippets` rows only (the
 * browser shows one, of the selected row): cr_search_snippet makes the
 * others when they are wanted. */
enum cr_result cr_search_ex(struct cr_db *db, const char *set, const char *lang,
                            const char *input, int limit, int snippets, struct cr_rows *out);
/* Fills row->snippet and row->field for a row of a search of input, unless
 * that was done; both stay NULL when no snippet can be cut. */
void cr_search_snippet(struct cr_db *db, const char *input, struct cr_row *row);

/* The first match of any term in s[0..n), ignoring ASCII case: its offset
 * (n when none) and, in *len, its length.  For highlighting. */
size_t cr_terms_find(const struct cr_terms *t, const char *s, size_t n, size_t *len);

#endif
