/* One code's facts and texts, and windows over the list of codes. */
#ifndef CODEREF_CODE_H
#define CODEREF_CODE_H

#include "db.h"

#include <stdbool.h>
#include <stddef.h>

/* The texts kept per code and language, in display order. */
enum cr_field {
	CR_FIELD_GLOSS,
	CR_FIELD_DESCRIPTION,
	CR_FIELD_SEEN,
	CR_FIELD_FIX,
	CR_FIELD_USE,
	CR_FIELD__MAX
};

/* One fact of a code, of a kind its set declares (db/FORMAT.md): the kind
 * names its wording in the string table (label.KIND, KIND.VALUE, diff.KIND). */
struct cr_fact {
	char *kind;              /* "retry" */
	char *type;              /* key, keys, fields, items, codes, text */
	char *target;            /* codes: the set of the numbers */
	char *same;              /* key: values that say the same to a reader */
	char *value;             /* sanitized */
	bool fallback;           /* a text shown in English for lack of a translation */
};

struct cr_code {
	int number;
	long long id;            /* the database row */
	int cls;                 /* SIP: the first digit; named classes: 1.. in the set's order */
	const char *set;         /* the set's key ("sip"), owned by the database */
	char *set_name;          /* "SIP" */
	char *reason, *former, *status, *rfc, *section;
	char *deprecated_by, *deprecated_for;   /* deprecated codes only */
	struct cr_fact *fact;    /* in the set's order */
	size_t nfacts;
	char *keywords;          /* display language only, never from English */
	/* In the display language; from English when it has none there, with
	 * fallback[] set so the front end can say so. */
	char *text[CR_FIELD__MAX];
	bool fallback[CR_FIELD__MAX];
};

/* Fills *out (all text sanitized for the terminal).  CR_NOT_FOUND when the
 * set (a key, any case) has no such number, CR_DB_ERROR on a database fault. */
enum cr_result cr_code_get(struct cr_db *db, const char *set, int number,
                           const char *lang, struct cr_code *out);
void cr_code_free(struct cr_code *c);

/* The value of a fact kind, NULL when the code has none. */
const char *cr_code_fact(const struct cr_code *c, const char *kind);
const struct cr_fact *cr_code_fact_of(const struct cr_code *c, const char *kind);

/* "SIP 437 Unsupported Credential" without the set: "437 Unsupported Credential". */
char *cr_code_name(const struct cr_code *c);
/* With the set: "Q.850 17 User busy", for a code named among another set's. */
char *cr_code_full_name(const struct cr_code *c);

/* A code as one int, for the browser's views and requests: the set's
 * position times CR_KEY_STRIDE plus the number.  The first set's keys are
 * its numbers.  -1 for a set the database lacks. */
#define CR_KEY_STRIDE 1000000
int cr_code_key(struct cr_db *db, const char *set, int number);
const char *cr_key_set(struct cr_db *db, int key);   /* NULL when out of range */
int cr_key_number(int key);

/* A row of the code list: what the list view and `coderef list` show. */
struct cr_row {
	int number;
	char set[16];            /* the set's key: search results mix sets */
	int cls;
	char status;             /* 'r'egistered, 'd'eprecated, 'o'bsoleted, u'n'used,
	                            'u'nregistered, 't'emporary: cr_row_status */
	char *reason;
	char *gloss;             /* in the display language, else English */
	/* Search results only (NULL elsewhere): why the row matched.  snippet is
	 * sanitized text with the matched words between CR_MARK_ON and
	 * CR_MARK_OFF; field names where it was found ("reason", "keywords",
	 * "gloss", "description", "seen", "fix"). */
	char *snippet;
	const char *field;
	/* Search only: how surely the row answers the query (3 the code's
	 * number, 2 the whole query as one of its names, 1 every term, 0 some),
	 * so that preferring a set never buries a better match of another. */
	int tier;
	/* Search only: where the best match is, for a snippet asked for later
	 * (cr_search_snippet); whether the gloss was read (cr_search_gloss). */
	long long code_id;
	int match_col;
	char match_lang[8];
	bool snippet_done;
	bool gloss_done;
};

#define CR_MARK_ON '\x01'
#define CR_MARK_OFF '\x02'

struct cr_rows {
	struct cr_row *row;
	size_t count, cap;
	/* Search only: the query as corrected when a word of it matched
	 * nothing ("did you mean"), else NULL. */
	char *suggestion;
};

/* Classes lo..hi (0..9 for all).  Rows with numbers after `after` (forward)
 * or before `before` (backward, returned in ascending order), at most limit. */
enum cr_result cr_list_after(struct cr_db *db, const char *set, const char *lang,
                             int lo, int hi, int after, int limit, struct cr_rows *out);
enum cr_result cr_list_before(struct cr_db *db, const char *set, const char *lang,
                              int lo, int hi, int before, int limit, struct cr_rows *out);
/* How many codes in classes lo..hi come before number; and in all. */
long cr_list_position(struct cr_db *db, const char *set, int lo, int hi, int number);
long cr_list_count(struct cr_db *db, const char *set, int lo, int hi);
/* The registry status key ("registered", "deprecated", "obsoleted", "unused",
 * "temporary", "unregistered") of a row's status letter. */
const char *cr_row_status(const struct cr_row *r);
/* Moves the rows of set first within each tier (struct cr_row), keeping the
 * order otherwise: a search across sets shows the set being browsed before
 * the others, but not before a surer match of another set ("too many
 * requests" finds HTTP 429 while browsing SIP). */
void cr_rows_prefer_set(struct cr_rows *rows, const char *set);
void cr_rows_clear(struct cr_rows *rows);
void cr_rows_free(struct cr_rows *rows);
/* Reads one result row of the list statements into rows. */
void cr_rows_push_stmt(struct cr_rows *rows, sqlite3_stmt *st);
/* Fills r's number, class, reason, status, gloss and set from a row of the
 * list statements' shape (freeing what r held there), leaving the rest. */
void cr_row_read_stmt(struct cr_row *r, sqlite3_stmt *st);

#endif
