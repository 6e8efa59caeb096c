/* Opening the code database read-only and keeping its prepared statements. */
#include "config.h"

#include "db.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every query the core runs, in one place. */
static const char *const stmt_sql[CR_STMT__MAX] = {
	[CR_STMT_CODE] =
		"SELECT c.id, c.number, c.reason, c.former, c.class, c.status, c.rfc, c.section,"
		" c.final, c.scope, c.retry, c.requires, c.related, c.sender, c.methods, s.name"
		" FROM code c JOIN code_set s ON s.id = c.set_id"
		" WHERE s.key = ?1 AND c.number = ?2",
	[CR_STMT_TEXT] =
		"SELECT lang, gloss, description, seen, fix, use FROM code_text"
		" WHERE code_id = ?1 AND lang IN (?2, 'en')",
	/* The list is read in windows (keyset paging on the number index), so
	 * nothing grows with the size of the database. */
	[CR_STMT_LIST_AFTER] =
		"SELECT c.number, c.class, c.reason, c.status, coalesce(t.gloss, e.gloss)"
		" FROM code c JOIN code_set s ON s.id = c.set_id"
		" LEFT JOIN code_text t ON t.code_id = c.id AND t.lang = ?2"
		" LEFT JOIN code_text e ON e.code_id = c.id AND e.lang = 'en'"
		" WHERE s.key = ?1 AND c.number > ?3 AND c.class BETWEEN ?5 AND ?6"
		" ORDER BY c.number LIMIT ?4",
	[CR_STMT_LIST_BEFORE] =
		"SELECT c.number, c.class, c.reason, c.status, coalesce(t.gloss, e.gloss)"
		" FROM code c JOIN code_set s ON s.id = c.set_id"
		" LEFT JOIN code_text t ON t.code_id = c.id AND t.lang = ?2"
		" LEFT JOIN code_text e ON e.code_id = c.id AND e.lang = 'en'"
		" WHERE s.key = ?1 AND c.number < ?3 AND c.class BETWEEN ?5 AND ?6"
		" ORDER BY c.number DESC LIMIT ?4",
	[CR_STMT_COUNT_BEFORE] =
		"SELECT count(*) FROM code c JOIN code_set s ON s.id = c.set_id"
		" WHERE s.key = ?1 AND c.number < ?2 AND c.class BETWEEN ?3 AND ?4",
	[CR_STMT_COUNT] =
		"SELECT count(*) FROM code c JOIN code_set s ON s.id = c.set_id"
		" WHERE s.key = ?1 AND c.class BETWEEN ?2 AND ?3",
	/* Numbers that start with the digits typed: one range per length. */
	[CR_STMT_SEARCH_NUMBER] =
		"SELECT c.id FROM code c JOIN code_set s ON s.id = c.set_id"
		" WHERE s.key = ?1 AND (c.number BETWEEN ?2 AND ?3 OR c.number BETWEEN ?4 AND ?5"
		"  OR c.number BETWEEN ?6 AND ?7 OR c.number BETWEEN ?8 AND ?9"
		"  OR c.number BETWEEN ?10 AND ?11 OR c.number BETWEEN ?12 AND ?13)"
		" ORDER BY length(c.number), c.number LIMIT ?14",
	/* Terms of three characters or more go through the trigram index; tier 2
	 * marks codes whose reason (with former name and gloss) holds every term.
	 * Shorter terms, which trigram cannot match, are checked on the content. */
	[CR_STMT_SEARCH_TEXT] =
		"WITH m AS MATERIALIZED ("
		"  SELECT rowid AS id, bm25(search, 0.0, 10.0, 3.0, 1.5, 1.0) AS score"
		"  FROM search WHERE search MATCH ?3),"
		" r AS MATERIALIZED (SELECT rowid AS id FROM search WHERE search MATCH ?4)"
		" SELECT d.code_id,"
		" min(CASE WHEN d.id IN r AND cr_contains_all(d.reason, ?5) THEN 2 ELSE 3 END) AS tier,"
		" min(m.score) AS score"
		" FROM m CROSS JOIN search_doc d ON d.id = m.id"
		" JOIN code c ON c.id = d.code_id JOIN code_set s ON s.id = c.set_id"
		" WHERE s.key = ?1 AND d.lang IN (?2, 'en')"
		"  AND cr_contains_all(d.reason || ' ' || coalesce(d.description, '') || ' '"
		"      || coalesce(d.seen, '') || ' ' || coalesce(d.fix, ''), ?5)"
		" GROUP BY d.code_id ORDER BY tier, score, c.number LIMIT ?6",
	[CR_STMT_SEARCH_SHORT] =
		"SELECT d.code_id,"
		" min(CASE WHEN cr_contains_all(d.reason, ?3) THEN 2 ELSE 3 END) AS tier,"
		" 0.0 AS score"
		" FROM search_doc d JOIN code c ON c.id = d.code_id JOIN code_set s ON s.id = c.set_id"
		" WHERE s.key = ?1 AND d.lang IN (?2, 'en')"
		"  AND cr_contains_all(d.reason || ' ' || coalesce(d.description, '') || ' '"
		"      || coalesce(d.seen, '') || ' ' || coalesce(d.fix, ''), ?3)"
		" GROUP BY d.code_id ORDER BY tier, c.number LIMIT ?4",
	[CR_STMT_SNIPPET] =
		"SELECT c.number, c.class, c.reason, c.status, coalesce(t.gloss, e.gloss)"
		" FROM code c"
		" LEFT JOIN code_text t ON t.code_id = c.id AND t.lang = ?2"
		" LEFT JOIN code_text e ON e.code_id = c.id AND e.lang = 'en'"
		" WHERE c.id = ?1",
	[CR_STMT_GLOSS] =
		"SELECT d.description, d.seen, d.fix FROM search_doc d"
		" WHERE d.code_id = ?1 AND d.lang = ?2",
};

struct cr_string {
	char *lang, *key, *value;
};

struct cr_db {
	sqlite3 *sql;
	char *path;
	sqlite3_stmt *stmt[CR_STMT__MAX];
	struct cr_string *strings;      /* sorted by (key, lang) */
	size_t nstrings;
	struct { char *key, *name; } *sets;
	size_t nsets;
};

/* cr_contains_all(haystack, terms): 1 when every term (separated by 0x1f)
 * occurs in haystack, ignoring ASCII case.  An empty terms list matches. */
static void contains_all_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *hay = (const char *)sqlite3_value_text(argv[0]);
	const char *terms = (const char *)sqlite3_value_text(argv[1]);
	if (!terms || !*terms) {
		sqlite3_result_int(ctx, 1);
		return;
	}
	if (!hay) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	const char *t = terms;
	while (*t) {
		size_t n = strcspn(t, "\x1f");
		if (n > 0 && !cr_strncasestr(hay, t, n)) {
			sqlite3_result_int(ctx, 0);
			return;
		}
		t += n;
		if (*t)
			t++;
	}
	sqlite3_result_int(ctx, 1);
}

static int string_cmp(const void *a, const void *b)
{
	const struct cr_string *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->lang, y->lang);
}

static enum cr_result fail(struct cr_db *db, char **error, const char *why)
{
	*error = cr_asprintf("%s: %s", db->path, why);
	cr_db_close(db);
	return CR_DB_ERROR;
}

static int load_strings(struct cr_db *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, "SELECT lang, key, value FROM string", -1, &st, NULL) != SQLITE_OK)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (db->nstrings == cap) {
			cap = cap ? cap * 2 : 256;
			db->strings = cr_xrealloc(db->strings, cap * sizeof *db->strings);
		}
		struct cr_string *s = &db->strings[db->nstrings++];
		s->lang = cr_xstrdup((const char *)sqlite3_column_text(st, 0));
		s->key = cr_xstrdup((const char *)sqlite3_column_text(st, 1));
		s->value = cr_sanitize((const char *)sqlite3_column_text(st, 2), 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	if (db->nstrings)
		qsort(db->strings, db->nstrings, sizeof *db->strings, string_cmp);

	if (sqlite3_prepare_v2(db->sql, "SELECT key, name FROM code_set", -1, &st, NULL) != SQLITE_OK)
		return -1;
	cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (db->nsets == cap) {
			cap = cap ? cap * 2 : 4;
			db->sets = cr_xrealloc(db->sets, cap * sizeof *db->sets);
		}
		db->sets[db->nsets].key = cr_xstrdup((const char *)sqlite3_column_text(st, 0));
		db->sets[db->nsets].name = cr_sanitize((const char *)sqlite3_column_text(st, 1), 0);
		db->nsets++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
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

	sqlite3_stmt *v;
	if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &v, NULL) != SQLITE_OK)
		return fail(db, error, "not a coderef database (not SQLite, or damaged)");
	int rc = sqlite3_step(v);
	int version = rc == SQLITE_ROW ? sqlite3_column_int(v, 0) : -1;
	sqlite3_finalize(v);
	if (rc != SQLITE_ROW)
		return fail(db, error, "not a coderef database (not SQLite, or damaged)");
	if (version != CR_SCHEMA_VERSION) {
		char why[128];
		snprintf(why, sizeof why, "schema version %d, but this coderef reads version %d",
		         version, CR_SCHEMA_VERSION);
		return fail(db, error, why);
	}
	if (sqlite3_create_function_v2(db->sql, "cr_contains_all", 2,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
	                               NULL, contains_all_fn, NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, error, sqlite3_errmsg(db->sql));
	for (int i = 0; i < CR_STMT__MAX; i++)
		if (sqlite3_prepare_v3(db->sql, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
		                       &db->stmt[i], NULL) != SQLITE_OK)
			return fail(db, error, "not a coderef database (tables missing or damaged)");
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
	for (size_t i = 0; i < db->nstrings; i++) {
		free(db->strings[i].lang);
		free(db->strings[i].key);
		free(db->strings[i].value);
	}
	free(db->strings);
	for (size_t i = 0; i < db->nsets; i++) {
		free(db->sets[i].key);
		free(db->sets[i].name);
	}
	free(db->sets);
	sqlite3_close(db->sql);
	free(db->path);
	free(db);
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
	sqlite3_stmt *st = db->stmt[id];
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

static const struct cr_string *find_string(struct cr_db *db, const char *lang, const char *key)
{
	struct cr_string probe = { (char *)lang, (char *)key, NULL };
	return db->nstrings ? bsearch(&probe, db->strings, db->nstrings, sizeof *db->strings, string_cmp)
	                    : NULL;
}

const char *cr_str(struct cr_db *db, const char *lang, const char *key)
{
	const struct cr_string *s = find_string(db, lang, key);
	if (!s)
		s = find_string(db, "en", key);
	return s ? s->value : key;
}

int cr_str_has(struct cr_db *db, const char *lang, const char *key)
{
	return find_string(db, lang, key) != NULL;
}

int cr_db_has_language(struct cr_db *db, const char *lang)
{
	return find_string(db, lang, "lang.name") != NULL;
}

const char *cr_db_set_name(struct cr_db *db, const char *set)
{
	for (size_t i = 0; i < db->nsets; i++)
		if (strcmp(db->sets[i].key, set) == 0)
			return db->sets[i].name;
	return NULL;
}
