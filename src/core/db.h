/* Opening the code database, read-only, and the prepared statements on it. */
#ifndef CODEREF_DB_H
#define CODEREF_DB_H

#include <sqlite3.h>
#include <stddef.h>

/* Bumped whenever db/schema.sql changes incompatibly. */
#define CR_SCHEMA_VERSION 6

/* Results shared by the core; the command line uses them as exit statuses. */
enum cr_result {
	CR_OK = 0,
	CR_NOT_FOUND = 1,
	CR_USAGE = 2,
	CR_DB_ERROR = 3,
	/* Not an exit status: a query stopped by the interrupt callback. */
	CR_INTERRUPTED = 4,
};

/* Statements prepared once per database and reused. */
enum cr_stmt {
	CR_STMT_CODE,
	CR_STMT_FACTS,
	CR_STMT_MAPPING_FROM,
	CR_STMT_MAPPING_TO,
	CR_STMT_ALIAS,
	CR_STMT_SETS_WITH,
	CR_STMT_TEXT,
	CR_STMT_LIST_AFTER,
	CR_STMT_LIST_BEFORE,
	CR_STMT_COUNT_BEFORE,
	CR_STMT_COUNT,
	CR_STMT_SEARCH_NUMBER,
	CR_STMT_SEARCH_WORDS_NAME,      /* the FTS statements stay together */
	CR_STMT_SEARCH_WORDS_ALL,
	CR_STMT_SEARCH_TRI_NAME,
	CR_STMT_SEARCH_BI_NAME,
	CR_STMT_SEARCH_TRI_ALL,
	CR_STMT_SEARCH_WORDS_NAME_IDS,  /* the same, documents only (search.c) */
	CR_STMT_SEARCH_WORDS_ALL_IDS,
	CR_STMT_SEARCH_TRI_NAME_IDS,
	CR_STMT_SEARCH_BI_NAME_IDS,
	CR_STMT_SEARCH_TRI_ALL_IDS,
	CR_STMT_SEARCH_SCAN_ALL,
	CR_STMT_SEARCH_TEXTS,
	CR_STMT_SEARCH_VOCABULARY,
	CR_STMT_SEARCH_NAMES,
	CR_STMT_SEARCH_ROW,
	CR_STMT_SEARCH_GLOSS,
	CR_STMT_PAIR_NOTE,
	CR_STMT_FLOW,
	/* The browser's map of the search documents (search.c). */
	CR_STMT_SEARCH_DOCS,
	CR_STMT_SEARCH_CODE_MAX,
	CR_STMT_SEARCH_CODE_SETS,
	CR_STMT_SEARCH_DOC_CODES,
	CR_STMT__MAX
};

struct cr_db;

/* Opens path read-only, with defensive mode on and untrusted schema off, and
 * checks that it is a coderef database of this schema version.  On failure
 * returns CR_DB_ERROR and sets *error to a one-line message naming the file
 * (free it with free()). */
enum cr_result cr_db_open(const char *path, struct cr_db **out, char **error);
void cr_db_close(struct cr_db *db);

sqlite3 *cr_db_sqlite(struct cr_db *db);
const char *cr_db_path(const struct cr_db *db);
/* The statement, reset and with bindings cleared; NULL on a prepare error. */
sqlite3_stmt *cr_db_stmt(struct cr_db *db, enum cr_stmt id);

/* While set, stop asks every few thousand SQLite steps whether to give up
 * the running query (the browser: a key is waiting, so this search is
 * already stale); a query so stopped gives CR_INTERRUPTED.  NULL clears. */
void cr_db_set_interrupt(struct cr_db *db, int (*stop)(void *data), void *data);

/* What search.c derives from the database once and keeps with it (where
 * each search document belongs); drop frees it, with the database or when
 * another replaces it.  NULL until set. */
void *cr_db_search_map(struct cr_db *db);
void cr_db_set_search_map(struct cr_db *db, void *map, void (*drop)(void *map));

/* A localized string from the database's string table: the language's own,
 * else English, else "?" (so a gap in a damaged file is visible, not a crash). */
const char *cr_str(struct cr_db *db, const char *lang, const char *key);
/* Whether the language has this key of its own (not through fallback). */
int cr_str_has(struct cr_db *db, const char *lang, const char *key);
/* Whether the database has texts or strings for this language. */
int cr_db_has_language(struct cr_db *db, const char *lang);

/* A code set of the database, in the database's order. */
struct cr_set {
	char *key;              /* "sip", "q850": what SET:NUMBER is written with */
	char *name;             /* "SIP", "Q.850" */
	int by_hundreds;        /* classes are hundreds (4xx), else named per code */
};

/* The set with this key, ignoring case; NULL if absent.  Its strings live as
 * long as db, so callers keep set->key instead of copies. */
const struct cr_set *cr_db_set(struct cr_db *db, const char *key);
const struct cr_set *cr_db_sets(struct cr_db *db, size_t *count);
/* The set's display name ("SIP") and its key as the database spells it
 * (a pointer that lives as long as db); NULL if absent. */
const char *cr_db_set_name(struct cr_db *db, const char *set);
const char *cr_db_set_key(struct cr_db *db, const char *set);

/* The languages of the database ("en" first), for --lang and the runtime
 * switch; cr_db_language gives the database's own copy of lang, or NULL. */
const char *const *cr_db_languages(struct cr_db *db, size_t *count);
const char *cr_db_lang_next(struct cr_db *db, const char *lang);
const char *cr_db_language(struct cr_db *db, const char *lang);

#endif
