/* Opening the code database read-only and keeping its prepared statements. */
#include "config.h"

#include "db.h"
#include "bigram.h"
#include "util.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every query the core runs, in one place. */
static const char *const stmt_sql[CR_STMT__MAX] = {
	[CR_STMT_CODE] =
		"SELECT c.id, c.number, c.reason, c.former, c.class, c.status, c.rfc, c.section,"
		" s.key, c.deprecated_by, c.deprecated_for"
		" FROM code c JOIN code_set s ON s.id = c.set_id"
		" WHERE s.key = ?1 AND c.number = ?2",
	/* A code's facts in its set's order: language-neutral values, and text
	 * values in the display language or English. */
	[CR_STMT_FACTS] =
		"SELECT f.kind, f.lang, f.value, d.type, d.target, d.same FROM fact f"
		" JOIN code c ON c.id = f.code_id"
		" JOIN set_fact d ON d.set_id = c.set_id AND d.kind = f.kind"
		" WHERE f.code_id = ?1 AND f.lang IN ('', ?2, 'en')"
		" ORDER BY d.position, f.lang = ?2 DESC, f.lang = ''",
	/* Where a code goes in other sets, by source; and the codes that come
	 * to it by a row of their own (not by a default). */
	[CR_STMT_MAPPING_FROM] =
		"SELECT m.source, m.standard, m.by_default, s.key, t.number, ts.key,"
		" coalesce(nl.note, ne.note)"
		" FROM mapping m JOIN code_set s ON s.id = m.to_set"
		" LEFT JOIN code t ON t.id = m.to_id LEFT JOIN code_set ts ON ts.id = t.set_id"
		" LEFT JOIN mapping_note ne ON ne.from_id = m.from_id AND ne.to_set = m.to_set"
		"  AND ne.source = m.source AND ne.lang = 'en'"
		" LEFT JOIN mapping_note nl ON nl.from_id = m.from_id AND nl.to_set = m.to_set"
		"  AND nl.source = m.source AND nl.lang = ?2"
		" WHERE m.from_id = ?1 ORDER BY m.to_set, m.standard DESC, m.position",
	[CR_STMT_MAPPING_TO] =
		"SELECT m.source, m.standard, fs.key, f.number FROM mapping m"
		" JOIN code f ON f.id = m.from_id JOIN code_set fs ON fs.id = f.set_id"
		" WHERE m.to_id = ?1 AND m.by_default = 0"
		" ORDER BY f.set_id, m.standard DESC, m.position, f.number",
	/* A name an implementation prints (USER_BUSY), upper case. */
	[CR_STMT_ALIAS] =
		"SELECT s.key, c.number FROM code_alias a JOIN code c ON c.id = a.code_id"
		" JOIN code_set s ON s.id = c.set_id WHERE a.alias = upper(?1) ORDER BY c.set_id, c.number",
	/* The sets that have a number, in set order. */
	[CR_STMT_SETS_WITH] =
		"SELECT s.key FROM code c JOIN code_set s ON s.id = c.set_id WHERE c.number = ?1"
		" ORDER BY s.id",
	[CR_STMT_TEXT] =
		"SELECT lang, gloss, description, seen, fix, use, keywords FROM code_text"
		" WHERE code_id = ?1 AND lang IN (?2, 'en')",
	/* The list is read in windows (keyset paging on the number index), so
	 * nothing grows with the size of the database; the glosses from the
	 * narrow table (schema.sql). */
	[CR_STMT_LIST_AFTER] =
		"SELECT c.number, c.class, c.reason, c.status, coalesce(t.gloss, e.gloss), s.key"
		" FROM code c JOIN code_set s ON s.id = c.set_id"
		" LEFT JOIN code_gloss t ON t.code_id = c.id AND t.lang = ?2"
		" LEFT JOIN code_gloss e ON e.code_id = c.id AND e.lang = 'en'"
		" WHERE s.key = ?1 AND c.number > ?3 AND +c.class BETWEEN ?5 AND ?6"
		" ORDER BY c.number LIMIT ?4",
	[CR_STMT_LIST_BEFORE] =
		"SELECT c.number, c.class, c.reason, c.status, coalesce(t.gloss, e.gloss), s.key"
		" FROM code c JOIN code_set s ON s.id = c.set_id"
		" LEFT JOIN code_gloss t ON t.code_id = c.id AND t.lang = ?2"
		" LEFT JOIN code_gloss e ON e.code_id = c.id AND e.lang = 'en'"
		" WHERE s.key = ?1 AND c.number < ?3 AND +c.class BETWEEN ?5 AND ?6"
		" ORDER BY c.number DESC LIMIT ?4",
	[CR_STMT_COUNT_BEFORE] =
		"SELECT count(*) FROM code c JOIN code_set s ON s.id = c.set_id"
		" WHERE s.key = ?1 AND c.number < ?2 AND c.class BETWEEN ?3 AND ?4",
	[CR_STMT_COUNT] =
		"SELECT count(*) FROM code c JOIN code_set s ON s.id = c.set_id"
		" WHERE s.key = ?1 AND c.class BETWEEN ?2 AND ?3",
	/* Numbers that start with the digits typed: one range per length, in
	 * the order of the number index (search.c runs the ranges in turn). */
	[CR_STMT_SEARCH_NUMBER] =
		"SELECT c.id, c.number FROM code c JOIN code_set s ON s.id = c.set_id"
		" WHERE (?1 IS NULL OR s.key = ?1) AND c.number BETWEEN ?2 AND ?3"
		" ORDER BY c.number, c.set_id LIMIT ?4",
	/* One statement per index and per scope: the name fields (reason and
	 * former name, keywords, gloss) are searched on their own first, in
	 * their own small indexes (cr_columns * 2: their bits moved past the
	 * number column), so that the best name matches are found wherever
	 * they stand in the file; then every field, the first matches in
	 * document order, counted as text (16: the description's bit) without
	 * reading their positions, which costs more than the match itself.  ?1 is
	 * an FTS5 expression built by search.c from quoted, bound terms only.
	 * cr_columns() gives the bitmask of the columns that hold a hit. */
	[CR_STMT_SEARCH_WORDS_NAME] =
		"SELECT d.code_id, d.lang, cr_columns(search_names_words) * 2 FROM search_names_words"
		" CROSS JOIN search_doc d ON d.id = search_names_words.rowid"
		" WHERE search_names_words MATCH ?1"
		"  AND (?2 IS NULL OR d.set_id = (SELECT id FROM code_set WHERE key = ?2))"
		" LIMIT ?3",
	[CR_STMT_SEARCH_WORDS_ALL] =
		"SELECT d.code_id, d.lang, 16 FROM search_words"
		" CROSS JOIN search_doc d ON d.id = search_words.rowid"
		" WHERE search_words MATCH ?1 AND (?2 IS NULL OR d.set_id = (SELECT id FROM code_set WHERE key = ?2))"
		" LIMIT ?3",
	[CR_STMT_SEARCH_TRI_NAME] =
		"SELECT d.code_id, d.lang, cr_columns(search_names_tri) * 2 FROM search_names_tri"
		" CROSS JOIN search_doc d ON d.id = search_names_tri.rowid"
		" WHERE search_names_tri MATCH ?1"
		"  AND (?2 IS NULL OR d.set_id = (SELECT id FROM code_set WHERE key = ?2))"
		" LIMIT ?3",
	[CR_STMT_SEARCH_BI_NAME] =
		"SELECT d.code_id, d.lang, cr_columns(search_names_bi) * 2 FROM search_names_bi"
		" CROSS JOIN search_doc d ON d.id = search_names_bi.rowid"
		" WHERE search_names_bi MATCH ?1"
		"  AND (?2 IS NULL OR d.set_id = (SELECT id FROM code_set WHERE key = ?2))"
		" LIMIT ?3",
	[CR_STMT_SEARCH_TRI_ALL] =
		"SELECT d.code_id, d.lang, 16 FROM search"
		" CROSS JOIN search_doc d ON d.id = search.rowid"
		" WHERE search MATCH ?1 AND (?2 IS NULL OR d.set_id = (SELECT id FROM code_set WHERE key = ?2))"
		" LIMIT ?3",
	/* The same, for the browser once it has read where each document
	 * belongs (search.c): the documents only, not read. */
	[CR_STMT_SEARCH_WORDS_NAME_IDS] =
		"SELECT rowid, cr_columns(search_names_words) * 2 FROM search_names_words"
		" WHERE search_names_words MATCH ?1",
	[CR_STMT_SEARCH_WORDS_ALL_IDS] =
		"SELECT rowid, 16 FROM search_words WHERE search_words MATCH ?1",
	[CR_STMT_SEARCH_TRI_NAME_IDS] =
		"SELECT rowid, cr_columns(search_names_tri) * 2 FROM search_names_tri"
		" WHERE search_names_tri MATCH ?1",
	[CR_STMT_SEARCH_BI_NAME_IDS] =
		"SELECT rowid, cr_columns(search_names_bi) * 2 FROM search_names_bi"
		" WHERE search_names_bi MATCH ?1",
	[CR_STMT_SEARCH_TRI_ALL_IDS] =
		"SELECT rowid, 16 FROM search WHERE search MATCH ?1",
	/* Terms under three characters, which trigram cannot match: a scan of
	 * the content. */
	[CR_STMT_SEARCH_SCAN_ALL] =
		"SELECT d.code_id, d.lang,"
		" cr_find(?1, d.number, d.name, d.keywords, d.gloss, d.description, d.seen, d.fix) AS m"
		" FROM search_doc d WHERE d.id <= ?4 AND m != 0"
		"  AND (?2 IS NULL OR d.set_id = (SELECT id FROM code_set WHERE key = ?2)) LIMIT ?3",
	/* The original texts behind a hit, for its snippet. */
	[CR_STMT_SEARCH_TEXTS] =
		"SELECT c.reason, c.former, t.keywords, t.gloss, t.description, t.seen, t.fix"
		" FROM code c LEFT JOIN code_text t ON t.code_id = c.id AND t.lang = ?2 WHERE c.id = ?1",
	/* Words for "did you mean", long enough to be within reach. */
	[CR_STMT_SEARCH_VOCABULARY] =
		"SELECT word FROM search_word WHERE length(word) >= ?1",
	/* Codes one of whose names is exactly ?1, and the language of that name
	 * ('' for reason phrases and former names). */
	[CR_STMT_SEARCH_NAMES] =
		"SELECT n.code_id, n.lang FROM search_name n"
		" WHERE n.name = ?1 AND (?2 IS NULL OR (SELECT c.set_id FROM code c WHERE c.id = n.code_id)"
		"  = (SELECT id FROM code_set WHERE key = ?2)) LIMIT 1000",
	/* A result's row, its gloss apart: the browser reads the glosses of
	 * the rows shown only. */
	[CR_STMT_SEARCH_ROW] =
		"SELECT c.number, c.class, c.reason, c.status, NULL, s.key"
		" FROM code c JOIN code_set s ON s.id = c.set_id WHERE c.id = ?1",
	/* The display language's gloss, else English (read only when needed). */
	[CR_STMT_SEARCH_GLOSS] =
		"SELECT coalesce((SELECT gloss FROM code_gloss WHERE code_id = ?1 AND lang = ?2),"
		" (SELECT gloss FROM code_gloss WHERE code_id = ?1 AND lang = 'en'))",
	/* The hand-written note on a pair, in either order; the display
	 * language's first, else English. */
	[CR_STMT_PAIR_NOTE] =
		"SELECT note, lang FROM ("
		"  SELECT note, lang FROM pair_note WHERE a_id = ?1 AND b_id = ?2 AND lang IN (?3, 'en')"
		"  UNION ALL"
		"  SELECT note, lang FROM pair_note WHERE a_id = ?2 AND b_id = ?1 AND lang IN (?3, 'en'))"
		" ORDER BY lang = ?3 DESC LIMIT 1",
	/* Where each search document belongs, read from the indexes (the
	 * tables' rows hold the texts: a page or more each). */
	[CR_STMT_SEARCH_DOCS] =
		"SELECT max(id) FROM search_doc",
	[CR_STMT_SEARCH_CODE_MAX] =
		"SELECT max(id) FROM code",
	[CR_STMT_SEARCH_CODE_SETS] =
		"SELECT c.id, s.key FROM code_set s JOIN code c ON c.set_id = s.id",
	[CR_STMT_SEARCH_DOC_CODES] =
		"SELECT id, code_id, lang FROM search_doc",
	[CR_STMT_FLOW] = "SELECT text FROM flow WHERE code_id = ?1",
};

struct cr_string {
	/* In the language's block, except a value once sanitized (on first
	 * use: most never are), which is its own allocation. */
	char *key, *value;
	bool clean;
};

/* One language's strings, read when it is first asked for: a `show` in
 * English never reads the Japanese ones. */
struct cr_strings {
	char lang[8];
	struct cr_string *s;            /* sorted by key */
	size_t n;
	char *text;                     /* every key and value, one block */
};

#define CR_MAX_STRING_LANGS 8

struct cr_db {
	sqlite3 *sql;
	char *path;
	sqlite3_stmt *stmt[CR_STMT__MAX];
	struct cr_strings strings[CR_MAX_STRING_LANGS];
	size_t nstring_langs;
	struct cr_set *sets;
	size_t nsets;
	char **langs;                   /* language table order */
	size_t nlangs;
	void *search_map;
	void (*drop_search_map)(void *map);
};

/* cr_find(term, column...): the bitmask of the columns (bit 0 for the
 * first) that hold term, ignoring ASCII case.  Columns are searched one by
 * one: no concatenation of long texts per row. */
static void find_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *term = argc > 0 ? (const char *)sqlite3_value_text(argv[0]) : NULL;
	int mask = 0;
	size_t n = term ? strlen(term) : 0;
	/* Without ASCII letters case does not matter, and the C library's
	 * search is many times faster than a byte-by-byte caseless one. */
	int caseless = 0;
	for (size_t k = 0; k < n && !caseless; k++)
		caseless = (term[k] >= 'A' && term[k] <= 'Z') || (term[k] >= 'a' && term[k] <= 'z');
	for (int i = 1; i < argc && i <= 16 && n; i++) {
		const char *hay = (const char *)sqlite3_value_text(argv[i]);
		if (hay && (caseless ? cr_strncasestr(hay, term, n) != NULL : strstr(hay, term) != NULL))
			mask |= 1 << (i - 1);
	}
	sqlite3_result_int(ctx, mask);
}

/* cr_columns(fts): the bitmask of the columns that hold a hit of any phrase. */
static void columns_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                       int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	int ninst = 0, mask = 0;
	if (api->xInstCount(fts, &ninst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "cr_columns: cannot read the hits", -1);
		return;
	}
	for (int i = 0; i < ninst; i++) {
		int phrase, col, off;
		if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && col >= 0 && col < 16)
			mask |= 1 << col;
	}
	sqlite3_result_int(ctx, mask);
}

static int register_rank(sqlite3 *sql)
{
	fts5_api *api = cr_fts5_api(sql);
	return api && api->xCreateFunction(api, "cr_columns", NULL, columns_fn, NULL) == SQLITE_OK ? 0 : -1;
}

static int string_cmp(const void *a, const void *b)
{
	const struct cr_string *x = a, *y = b;
	return strcmp(x->key, y->key);
}

static enum cr_result fail(struct cr_db *db, char **error, const char *why)
{
	*error = cr_asprintf("%s: %s", db->path, why);
	cr_db_close(db);
	return CR_DB_ERROR;
}

/* Reads one language's strings into t; -1 on a database fault. */
static int read_strings(struct cr_db *db, const char *lang, struct cr_strings *t)
{
	sqlite3_stmt *st;
	/* In the primary key's order, which is string_cmp's: no sort needed
	 * unless the file is damaged. */
	if (sqlite3_prepare_v2(db->sql, "SELECT key, value FROM string WHERE lang = ?1 ORDER BY key", -1, &st, NULL)
	    != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, lang, -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	int rc;
	/* One block for the text (a malloc per string was a tenth of a
	 * `show`); offsets first, pointers once the block stops moving. */
	struct cr_buf text = { 0 };
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* A damaged file may hold NULLs where the schema says NOT NULL. */
		if (!sqlite3_column_text(st, 0) || !sqlite3_column_text(st, 1))
			continue;
		if (t->n == cap) {
			cap = cap ? cap * 2 : 256;
			t->s = cr_xrealloc(t->s, cap * sizeof *t->s);
		}
		size_t at[2];
		for (int i = 0; i < 2; i++) {
			at[i] = text.len;
			cr_buf_add(&text, (const char *)sqlite3_column_text(st, i),
			           (size_t)sqlite3_column_bytes(st, i) + 1);
		}
		t->s[t->n++] = (struct cr_string){ (char *)at[0], (char *)at[1], false };
	}
	sqlite3_finalize(st);
	t->text = text.s;
	for (size_t i = 0; i < t->n; i++) {
		t->s[i].key = t->text + (size_t)t->s[i].key;
		t->s[i].value = t->text + (size_t)t->s[i].value;
	}
	if (rc != SQLITE_DONE)
		return -1;
	for (size_t i = 1; i < t->n; i++)
		if (string_cmp(&t->s[i - 1], &t->s[i]) > 0) {
			qsort(t->s, t->n, sizeof *t->s, string_cmp);
			break;
		}
	return 0;
}

/* The strings of lang, read on first use; NULL when it cannot be read. */
static struct cr_strings *strings_of(struct cr_db *db, const char *lang)
{
	for (size_t i = 0; i < db->nstring_langs; i++)
		if (strcmp(db->strings[i].lang, lang) == 0)
			return &db->strings[i];
	if (db->nstring_langs == CR_MAX_STRING_LANGS || strlen(lang) >= sizeof db->strings[0].lang)
		return NULL;
	struct cr_strings *t = &db->strings[db->nstring_langs++];
	snprintf(t->lang, sizeof t->lang, "%s", lang);
	if (read_strings(db, lang, t) != 0)
		t->n = 0;   /* a fault reads as no strings: the English fallback shows */
	return t;
}

static int load_strings(struct cr_db *db)
{
	sqlite3_stmt *st;
	size_t cap;
	int rc;
	/* English is every string's fallback: read it now, so that a damaged
	 * string table is refused at open. */
	struct cr_strings *en = &db->strings[db->nstring_langs++];
	snprintf(en->lang, sizeof en->lang, "en");
	if (read_strings(db, "en", en) != 0)
		return -1;

	if (sqlite3_prepare_v2(db->sql, "SELECT key, name, class_by = 'hundreds' FROM code_set ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!sqlite3_column_text(st, 0) || !sqlite3_column_text(st, 1))
			continue;
		if (db->nsets == cap) {
			cap = cap ? cap * 2 : 4;
			db->sets = cr_xrealloc(db->sets, cap * sizeof *db->sets);
		}
		struct cr_set *set = &db->sets[db->nsets++];
		set->key = cr_sanitize((const char *)sqlite3_column_text(st, 0), 0);
		set->name = cr_sanitize((const char *)sqlite3_column_text(st, 1), 0);
		set->by_hundreds = sqlite3_column_int(st, 2) != 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || db->nsets == 0)
		return -1;

	if (sqlite3_prepare_v2(db->sql, "SELECT code FROM language ORDER BY position", -1, &st, NULL) != SQLITE_OK)
		return -1;
	cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!sqlite3_column_text(st, 0))
			continue;
		if (db->nlangs == cap) {
			cap = cap ? cap * 2 : 4;
			db->langs = cr_xrealloc(db->langs, cap * sizeof *db->langs);
		}
		db->langs[db->nlangs++] = cr_sanitize((const char *)sqlite3_column_text(st, 0), 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE && db->nlangs > 0 ? 0 : -1;
}

/* Every column of every plain table of db/schema.sql, prepared (never run;
 * no constant WHERE, which SQLite would fold away before naming columns) at
 * open: one statement refuses a file whose tables lack a column, where
 * preparing each of the program's statements cost a third of a `show`.
 * test_hostile renames each column and drops each table in turn. */
#define CR_DB_COLUMNS "SELECT 1 WHERE" \
	" EXISTS (SELECT id, key, name, registry, class_by FROM code_set)" \
	" AND EXISTS (SELECT set_id, kind, position, type, target, same FROM set_fact)" \
	" AND EXISTS (SELECT code, name, position FROM language)" \
	" AND EXISTS (SELECT id, set_id, number, reason, former, class, status, rfc, section, deprecated_by, deprecated_for FROM code)" \
	" AND EXISTS (SELECT code_id, kind, lang, value FROM fact)" \
	" AND EXISTS (SELECT alias, code_id FROM code_alias)" \
	" AND EXISTS (SELECT from_id, source, to_set, to_id, standard, by_default, position FROM mapping)" \
	" AND EXISTS (SELECT from_id, to_set, source, lang, note FROM mapping_note)" \
	" AND EXISTS (SELECT code_id, lang, gloss, description, seen, fix, use, keywords, source_hash FROM code_text)" \
	" AND EXISTS (SELECT code_id, lang, gloss FROM code_gloss)" \
	" AND EXISTS (SELECT a_id, b_id, lang, note FROM pair_note)" \
	" AND EXISTS (SELECT code_id, text FROM flow)" \
	" AND EXISTS (SELECT lang, key, value FROM string)" \
	" AND EXISTS (SELECT id, code_id, set_id, lang, number, name, keywords, gloss, description, seen, fix FROM search_doc)" \
	" AND EXISTS (SELECT name, code_id, lang FROM search_name)" \
	" AND EXISTS (SELECT word FROM search_word)"

/* The tables of db/schema.sql, the FTS5 ones included, whose columns a
 * statement cannot name without connecting to the index. */
#define CR_DB_TABLES "'code_set', 'set_fact', 'language', 'code', 'fact', 'code_alias', 'mapping'," \
	" 'mapping_note', 'code_text', 'code_gloss', 'pair_note', 'flow', 'string', 'search_doc', 'search', 'search_words'," \
	" 'search_names_words', 'search_names_tri', 'search_names_bi', 'search_name', 'search_word'"
#define CR_DB_NTABLES 21

static int prepare(struct cr_db *db, int id)
{
	return sqlite3_prepare_v3(db->sql, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
	                          &db->stmt[id], NULL) == SQLITE_OK ? 0 : -1;
}

enum cr_result cr_db_open(const char *path, struct cr_db **out, char **error)
{
	struct cr_db *db = cr_xcalloc(1, sizeof *db);
	db->path = cr_xstrdup(path);
	*out = NULL;
	*error = NULL;

	/* SQLite opens a directory or a missing file without complaint until the
	 * first query; say what is wrong in plain words first. */
	struct stat st;
	if (stat(path, &st) != 0)
		return fail(db, error, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return fail(db, error, "is a directory, not a database");
	if (access(path, R_OK) != 0)
		return fail(db, error, strerror(errno));
	if (st.st_size == 0)
		return fail(db, error, "empty file, not a coderef database");

	if (sqlite3_open_v2(path, &db->sql, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return fail(db, error, db->sql ? sqlite3_errmsg(db->sql) : "cannot open");
	/* A database may come from anyone: no triggers, views or functions from
	 * its schema may run, and nothing may be written. */
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_busy_timeout(db->sql, 1000);
	/* Keep the shared lock and the page cache from one statement to the
	 * next instead of locking and checking the file again for each (a
	 * fifth of a keystroke's search at 100,000 codes).  Nothing is ever
	 * written here, and a rebuilt database replaces the file by rename. */
	sqlite3_exec(db->sql, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);
	/* 8 MiB of page cache (SQLite's default is 2): the search indexes'
	 * pages a session of typing keeps reading stay in memory. */
	sqlite3_exec(db->sql, "PRAGMA cache_size = -8192", NULL, NULL, NULL);

	sqlite3_stmt *v;
	if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &v, NULL) != SQLITE_OK)
		return fail(db, error, "not a coderef database (not SQLite, or damaged)");
	int rc = sqlite3_step(v);
	int version = rc == SQLITE_ROW ? sqlite3_column_int(v, 0) : -1;
	sqlite3_finalize(v);
	if (rc != SQLITE_ROW)
		return fail(db, error, "not a coderef database (not SQLite, or damaged)");
	if (version != CR_SCHEMA_VERSION) {
		char why[160];
		if (version > 0 && version < CR_SCHEMA_VERSION)
			snprintf(why, sizeof why, "database of an older coderef (schema version %d, this one "
			         "reads %d): rebuild it with make or reinstall coderef", version, CR_SCHEMA_VERSION);
		else
			snprintf(why, sizeof why, "schema version %d, but this coderef reads version %d",
			         version, CR_SCHEMA_VERSION);
		return fail(db, error, why);
	}
	if (sqlite3_create_function_v2(db->sql, "cr_find", -1,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
	                               NULL, find_fn, NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, error, sqlite3_errmsg(db->sql));
	if (register_rank(db->sql) != 0 || cr_bigram_register(db->sql) != 0)
		return fail(db, error, "SQLite without FTS5: cannot search");
	/* Every table must be there, as a table: a damaged or crafted file (a
	 * view in a table's place) is refused at once.  Statements are prepared
	 * when first used: preparing them all here cost a third of a `show`. */
	if (sqlite3_prepare_v2(db->sql, "SELECT count(DISTINCT name) FROM sqlite_schema WHERE type = 'table'"
	                       " AND name IN (" CR_DB_TABLES ")", -1, &v, NULL) != SQLITE_OK)
		return fail(db, error, "not a coderef database (not SQLite, or damaged)");
	int tables = sqlite3_step(v) == SQLITE_ROW ? sqlite3_column_int(v, 0) : 0;
	sqlite3_finalize(v);
	if (tables != CR_DB_NTABLES)
		return fail(db, error, "not a coderef database (tables missing or damaged)");
	if (sqlite3_prepare_v2(db->sql, CR_DB_COLUMNS, -1, &v, NULL) != SQLITE_OK)
		return fail(db, error, "not a coderef database (tables missing or damaged)");
	sqlite3_finalize(v);
	if (load_strings(db) != 0)
		return fail(db, error, "not a coderef database (damaged string table)");
	*out = db;
	return CR_OK;
}

void cr_db_close(struct cr_db *db)
{
	if (!db)
		return;
	for (int i = 0; i < CR_STMT__MAX; i++)
		sqlite3_finalize(db->stmt[i]);
	if (db->search_map)
		db->drop_search_map(db->search_map);
	for (size_t l = 0; l < db->nstring_langs; l++) {
		struct cr_strings *t = &db->strings[l];
		for (size_t i = 0; i < t->n; i++)
			if (t->s[i].clean)
				free(t->s[i].value);
		free(t->s);
		free(t->text);
	}
	for (size_t i = 0; i < db->nsets; i++) {
		free(db->sets[i].key);
		free(db->sets[i].name);
	}
	free(db->sets);
	for (size_t i = 0; i < db->nlangs; i++)
		free(db->langs[i]);
	free(db->langs);
	sqlite3_close(db->sql);
	free(db->path);
	free(db);
}

void cr_db_set_interrupt(struct cr_db *db, int (*stop)(void *data), void *data)
{
	sqlite3_progress_handler(db->sql, stop ? 4000 : 0, stop, data);
}

void *cr_db_search_map(struct cr_db *db)
{
	return db->search_map;
}

void cr_db_set_search_map(struct cr_db *db, void *map, void (*drop)(void *map))
{
	if (db->search_map)
		db->drop_search_map(db->search_map);
	db->search_map = map;
	db->drop_search_map = drop;
}

sqlite3 *cr_db_sqlite(struct cr_db *db)
{
	return db->sql;
}

const char *cr_db_path(const struct cr_db *db)
{
	return db->path;
}

sqlite3_stmt *cr_db_stmt(struct cr_db *db, enum cr_stmt id)
{
	if (!db->stmt[id] && prepare(db, id) != 0)
		return NULL;
	sqlite3_stmt *st = db->stmt[id];
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

static const struct cr_string *find_string(struct cr_db *db, const char *lang, const char *key)
{
	struct cr_strings *t = strings_of(db, lang);
	struct cr_string probe = { (char *)key, NULL, false };
	return t && t->n ? bsearch(&probe, t->s, t->n, sizeof *t->s, string_cmp) : NULL;
}

const char *cr_str(struct cr_db *db, const char *lang, const char *key)
{
	const struct cr_string *s = find_string(db, lang, key);
	if (!s)
		s = find_string(db, "en", key);
	if (!s)
		return "?";     /* not the key itself: callers build keys in short-lived buffers */
	struct cr_string *w = (struct cr_string *)s;
	if (!w->clean) {
		w->value = cr_sanitize(w->value, 0);   /* the block's copy stays in the block */
		w->clean = true;
	}
	return w->value;
}

int cr_str_has(struct cr_db *db, const char *lang, const char *key)
{
	return find_string(db, lang, key) != NULL;
}

int cr_db_has_language(struct cr_db *db, const char *lang)
{
	return find_string(db, lang, "lang.name") != NULL;
}

const struct cr_set *cr_db_set(struct cr_db *db, const char *key)
{
	for (size_t i = 0; key && i < db->nsets; i++)
		if (strcasecmp(db->sets[i].key, key) == 0)
			return &db->sets[i];
	return NULL;
}

const struct cr_set *cr_db_sets(struct cr_db *db, size_t *count)
{
	*count = db->nsets;
	return db->sets;
}

const char *cr_db_set_name(struct cr_db *db, const char *set)
{
	const struct cr_set *s = cr_db_set(db, set);
	return s ? s->name : NULL;
}

const char *cr_db_set_key(struct cr_db *db, const char *set)
{
	const struct cr_set *s = cr_db_set(db, set);
	return s ? s->key : NULL;
}

const char *const *cr_db_languages(struct cr_db *db, size_t *count)
{
	*count = db->nlangs;
	return (const char *const *)db->langs;
}

const char *cr_db_lang_next(struct cr_db *db, const char *lang)
{
	for (size_t i = 0; i < db->nlangs; i++)
		if (strcmp(db->langs[i], lang) == 0)
			return db->langs[(i + 1) % db->nlangs];
	return db->langs[0];
}

const char *cr_db_language(struct cr_db *db, const char *lang)
{
	for (size_t i = 0; lang && i < db->nlangs; i++)
		if (strcmp(db->langs[i], lang) == 0)
			return db->langs[i];
	return NULL;
}
