/* Search as people type it: the words engineers use, in every language,
 * ranked codes with the reason each matched. */
#ifndef CODEREF_SEARCH_H
#define CODEREF_SEARCH_H

#include "code.h"

/* The input split at white space (ASCII or ideographic), as typed: for
 * highlighting the words of a query in text. */
struct cr_terms {
	char **term;
	size_t count;
};

void cr_terms_parse(const char *input, struct cr_terms *out);
void cr_terms_free(struct cr_terms *t);

/* Codes of the set matching the input, best first (search.c says how),
 * at most limit, each with a snippet of where it matched.  out->suggestion
 * is set when a word was corrected.  Nothing typed is search syntax but a
 * quoted phrase.  CR_NOT_FOUND when nothing matches (or the input has no
 * terms); CR_INTERRUPTED when the database's interrupt callback stopped it
 * (cr_db_set_interrupt). */
enum cr_result cr_search(struct cr_db *db, const char *set, const char *lang,
                         const char *input, int limit, struct cr_rows *out);

/* As cr_search, with the first `details` rows read whole only (the
 * browser shows a screenful, and the snippet of the selected row): the
 * others have their code (code_id) and where they matched, and once
 * cr_search_warm has run, nothing else (reason NULL) until cr_search_read
 * reads them; cr_search_gloss and cr_search_snippet make their glosses and
 * snippets.  A row or a gloss not in SQLite's cache is a page read each,
 * so a hundred of them would be most of a keystroke's search. */
enum cr_result cr_search_ex(struct cr_db *db, const char *set, const char *lang,
                            const char *input, int limit, int details, struct cr_rows *out);
/* Reads the number, class, reason and status of the rows[0..n) of a search
 * that lack them (reason NULL). */
void cr_search_read(struct cr_db *db, struct cr_row *rows, size_t n);
/* Reads where each search document belongs, once, so that the searches
 * after it find their codes without reading the documents, and keeps the
 * glosses they read (the browser: while no key waits).  CR_INTERRUPTED
 * when the database's interrupt callback stopped it (call again), CR_OK
 * once read, CR_NOT_FOUND for a database too odd to map (searches then
 * read the documents, as the command line's do). */
enum cr_result cr_search_warm(struct cr_db *db);
/* Fills row->gloss for a row of a search in the display language lang,
 * unless that was done. */
void cr_search_gloss(struct cr_db *db, const char *lang, struct cr_row *row);
/* Fills row->snippet and row->field for a row of a search of input, unless
 * that was done; both stay NULL when no snippet can be cut. */
void cr_search_snippet(struct cr_db *db, const char *input, struct cr_row *row);

/* A snippet without its marks (never NULL; NULL gives ""). */
char *cr_unmark(const char *snippet);

/* The first match of any term in s[0..n), ignoring ASCII case: its offset
 * (n when none) and, in *len, its length.  For highlighting. */
size_t cr_terms_find(const struct cr_terms *t, const char *s, size_t n, size_t *len);

#endif
