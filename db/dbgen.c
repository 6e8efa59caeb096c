/* dbgen: compile the readable sources in db/ into coderef.db.
 *
 *   dbgen OUT.db SCHEMA.sql LANG.txt... -- SETDIR...
 *       LANG.txt are db/lang/XX.txt; each SETDIR holds set.txt, codes.txt and
 *       one XX.txt of texts per loaded language (en.txt is required).
 *   dbgen --stamp EN.txt XX.txt
 *       print XX.txt with each stanza's Translated-From brought up to date
 *       with the English it follows (run after revisiting a translation).
 *
 * The database is written to OUT.db.tmp and renamed, so a failed build never
 * leaves a half-made file behind.  Any fault in the sources is an error with
 * its file and line: bad data must not reach users silently. */
#include "config.h"

#include "stanza.h"
#include "../src/core/db.h"
#include "../src/core/bigram.h"
#include "../src/core/hash.h"
#include "../src/core/norm.h"

#include <errno.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const scope_keys[] = {
	"hop", "progress", "request", "redirect", "branch", "server", "global", NULL
};
static const char *const retry_keys[] = {
	"none", "no", "modify", "authenticate", "redirect", "after", "backoff", "elsewhere", NULL
};
static const char *const sender_keys[] = {
	"uas", "proxy", "registrar", "redirect", "b2bua", "gateway", "notifier", "esc", "relay",
	"verifier", "any", NULL
};
static const char *const status_keys[] = { "registered", "deprecated", "unregistered", NULL };
static const char *const code_fields[] = {
	"Code", "Reason", "Former", "Status", "RFC", "Section", "Scope", "Retry",
	"Requires", "Related", "Request", "Sender", "Methods", "Deprecated-By", "Deprecated-For", NULL
};
static const char *const text_fields[] = {
	"Code", "Gloss", "Description", "When", "Fix", "Use", "Keywords", "Translated-From", NULL
};
/* The English fields a translation follows, in hash order. */
static const char *const translated_fields[] = { "Gloss", "Description", "When", "Fix", "Use" };

static sqlite3 *db;
static int errors;

static void fail(const char *path, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s:%d: ", path, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	errors++;
}

static void die_sql(const char *what)
{
	fprintf(stderr, "dbgen: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void exec(const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "dbgen: %s\n", err);
		exit(1);
	}
}

static sqlite3_stmt *prepare(const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die_sql(sql);
	return st;
}

static void step_done(sqlite3_stmt *st, const char *path, int line)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		fail(path, line, "%s", sqlite3_errmsg(db));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static int in_list(const char *v, const char *const *keys)
{
	for (; *keys; keys++)
		if (strcmp(v, *keys) == 0)
			return 1;
	return 0;
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp) {
		fprintf(stderr, "dbgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		fwrite(chunk, 1, n, mem);
	fclose(fp);
	fclose(mem);
	return buf;
}

static void check_fields(const struct stanza *s, const char *const *allowed, const char *path)
{
	for (size_t i = 0; i < s->count; i++)
		if (!in_list(s->fields[i].name, allowed))
			fail(path, s->fields[i].line, "unknown field '%s'", s->fields[i].name);
}

/* Check every comma-separated item of a list against keys (NULL: any token
 * of letters, digits and '-'). */
static void check_list(const char *v, const char *const *keys, const char *what,
                       const char *path, int line)
{
	char *copy = strdup(v), *save = NULL;
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		item += strspn(item, " ");
		size_t n = strlen(item);
		while (n > 0 && item[n - 1] == ' ')
			item[--n] = '\0';
		if (keys ? !in_list(item, keys)
		         : (n == 0 || item[strspn(item, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")] != '\0'))
			fail(path, line, "bad %s '%s'", what, item);
	}
	free(copy);
}

static int parse_code(const struct stanza *s, const char *path)
{
	const char *v = stanza_value(s, "Code");
	char *end;
	long n = v ? strtol(v, &end, 10) : -1;
	if (!v || *end || n < 0 || n > 999999) {
		fail(path, s->line, "stanza without a valid Code");
		return -1;
	}
	return (int)n;
}

/* ---- languages ---- */

#define MAX_LANGS 16
static char langs[MAX_LANGS][8];
static int nlangs;

static void load_language(const char *path)
{
	char *copy = strdup(path), *base = basename(copy);
	char *dot = strrchr(base, '.');
	if (dot)
		*dot = '\0';
	if (nlangs == MAX_LANGS || strlen(base) >= sizeof langs[0]) {
		fprintf(stderr, "dbgen: %s: too many languages or bad name\n", path);
		exit(1);
	}
	strcpy(langs[nlangs++], base);

	struct stanza_reader r;
	if (stanza_open(&r, path) < 0) {
		fprintf(stderr, "dbgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	sqlite3_stmt *ins = prepare("INSERT INTO string(lang, key, value) VALUES (?1, ?2, ?3)");
	char *name = NULL;
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		for (size_t i = 0; i < s.count; i++) {
			bind_text(ins, 1, base);
			bind_text(ins, 2, s.fields[i].name);
			bind_text(ins, 3, s.fields[i].value);
			step_done(ins, path, s.fields[i].line);
			if (strcmp(s.fields[i].name, "lang.name") == 0) {
				free(name);
				name = strdup(s.fields[i].value);
			}
		}
		stanza_free(&s);
	}
	if (rc < 0)
		errors++;
	if (name) {
		sqlite3_stmt *l = prepare("INSERT INTO language(code, name) VALUES (?1, ?2)");
		bind_text(l, 1, base);
		bind_text(l, 2, name);
		step_done(l, path, 1);
		sqlite3_finalize(l);
		free(name);
	} else {
		fail(path, 1, "no lang.name");
	}
	sqlite3_finalize(ins);
	stanza_close(&r);
	free(copy);
}

/* ---- code sets ---- */

static sqlite3_int64 load_set_header(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/set.txt", dir);
	struct stanza_reader r;
	struct stanza s;
	if (stanza_open(&r, path) < 0 || stanza_next(&r, &s) <= 0) {
		fprintf(stderr, "dbgen: %s: cannot read the set header\n", path);
		exit(1);
	}
	const char *key = stanza_value(&s, "Set"), *name = stanza_value(&s, "Name"),
	           *registry = stanza_value(&s, "Registry");
	if (!key || !name || !registry) {
		fprintf(stderr, "%s:%d: Set, Name and Registry are required\n", path, s.line);
		exit(1);
	}
	sqlite3_stmt *st = prepare("INSERT INTO code_set(key, name, registry) VALUES (?1, ?2, ?3)");
	bind_text(st, 1, key);
	bind_text(st, 2, name);
	bind_text(st, 3, registry);
	step_done(st, path, s.line);
	sqlite3_finalize(st);
	stanza_free(&s);
	stanza_close(&r);
	return sqlite3_last_insert_rowid(db);
}

static void load_codes(sqlite3_int64 set_id, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/codes.txt", dir);
	struct stanza_reader r;
	if (stanza_open(&r, path) < 0) {
		fprintf(stderr, "dbgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	sqlite3_stmt *ins = prepare(
		"INSERT INTO code(set_id, number, reason, former, class, status, rfc, section,"
		" final, scope, retry, requires, related, request, sender, methods,"
		" deprecated_by, deprecated_for)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		int n = parse_code(&s, path);
		check_fields(&s, code_fields, path);
		static const char *const required[] = {
			"Reason", "Status", "RFC", "Scope", "Retry", "Sender", "Methods", NULL
		};
		for (const char *const *f = required; *f; f++)
			if (!stanza_value(&s, *f))
				fail(path, s.line, "code %d: no %s", n, *f);
		const char *status = stanza_value(&s, "Status"), *scope = stanza_value(&s, "Scope"),
		           *retry = stanza_value(&s, "Retry"), *sender = stanza_value(&s, "Sender");
		if (status && !in_list(status, status_keys))
			fail(path, s.line, "code %d: bad Status '%s'", n, status);
		if (scope && !in_list(scope, scope_keys))
			fail(path, s.line, "code %d: bad Scope '%s'", n, scope);
		if (retry && !in_list(retry, retry_keys))
			fail(path, s.line, "code %d: bad Retry '%s'", n, retry);
		if (sender)
			check_list(sender, sender_keys, "Sender", path, s.line);
		static const char *const lists[] = {
			"Requires", "Related", "Request", "Methods", "Deprecated-For", NULL
		};
		for (const char *const *f = lists; *f; f++)
			if (stanza_value(&s, *f))
				check_list(stanza_value(&s, *f), NULL, *f, path, s.line);
		if (n >= 0) {
			sqlite3_bind_int64(ins, 1, set_id);
			sqlite3_bind_int(ins, 2, n);
			bind_text(ins, 3, stanza_value(&s, "Reason"));
			bind_text(ins, 4, stanza_value(&s, "Former"));
			sqlite3_bind_int(ins, 5, n / 100);
			bind_text(ins, 6, status);
			bind_text(ins, 7, stanza_value(&s, "RFC"));
			bind_text(ins, 8, stanza_value(&s, "Section"));
			sqlite3_bind_int(ins, 9, n >= 200);
			bind_text(ins, 10, scope);
			bind_text(ins, 11, retry);
			bind_text(ins, 12, stanza_value(&s, "Requires"));
			bind_text(ins, 13, stanza_value(&s, "Related"));
			bind_text(ins, 14, stanza_value(&s, "Request"));
			bind_text(ins, 15, sender);
			bind_text(ins, 16, stanza_value(&s, "Methods"));
			bind_text(ins, 17, stanza_value(&s, "Deprecated-By"));
			bind_text(ins, 18, stanza_value(&s, "Deprecated-For"));
			if (stanza_value(&s, "Deprecated-By") && (!status || strcmp(status, "deprecated") != 0))
				fail(path, s.line, "code %d: Deprecated-By on a code that is not deprecated", n);
			step_done(ins, path, s.line);
		}
		stanza_free(&s);
	}
	if (rc < 0)
		errors++;
	sqlite3_finalize(ins);
	stanza_close(&r);
}

static void load_texts(sqlite3_int64 set_id, const char *dir, const char *lang)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.txt", dir, lang);
	struct stanza_reader r;
	if (stanza_open(&r, path) < 0) {
		if (strcmp(lang, "en") == 0) {
			fprintf(stderr, "dbgen: %s: %s\n", path, strerror(errno));
			exit(1);
		}
		return; /* an untranslated set falls back to English */
	}
	sqlite3_stmt *find = prepare("SELECT id FROM code WHERE set_id = ?1 AND number = ?2");
	sqlite3_stmt *ins = prepare(
		"INSERT INTO code_text(code_id, lang, gloss, description, seen, fix, use, keywords,"
		" source_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		int n = parse_code(&s, path);
		check_fields(&s, text_fields, path);
		const char *from = stanza_value(&s, "Translated-From");
		if (strcmp(lang, "en") == 0 && from)
			fail(path, s.line, "code %d: Translated-From belongs in translations", n);
		sqlite3_bind_int64(find, 1, set_id);
		sqlite3_bind_int(find, 2, n);
		if (n >= 0 && sqlite3_step(find) == SQLITE_ROW) {
			sqlite3_bind_int64(ins, 1, sqlite3_column_int64(find, 0));
			bind_text(ins, 2, lang);
			bind_text(ins, 3, stanza_value(&s, "Gloss"));
			bind_text(ins, 4, stanza_value(&s, "Description"));
			bind_text(ins, 5, stanza_value(&s, "When"));
			bind_text(ins, 6, stanza_value(&s, "Fix"));
			bind_text(ins, 7, stanza_value(&s, "Use"));
			bind_text(ins, 8, stanza_value(&s, "Keywords"));
			bind_text(ins, 9, from);
			step_done(ins, path, s.line);
		} else if (n >= 0) {
			fail(path, s.line, "text for code %d, which codes.txt does not have", n);
		}
		sqlite3_reset(find);
		stanza_free(&s);
	}
	if (rc < 0)
		errors++;
	sqlite3_finalize(find);
	sqlite3_finalize(ins);
	stanza_close(&r);
}

/* pairs.txt (optional): "Pair: A B" and one field per language holding the
 * hand-written note on how the two codes really differ. */
static void load_pairs(sqlite3_int64 set_id, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/pairs.txt", dir);
	struct stanza_reader r;
	if (stanza_open(&r, path) < 0)
		return;
	sqlite3_stmt *find = prepare("SELECT id FROM code WHERE set_id = ?1 AND number = ?2");
	sqlite3_stmt *ins = prepare(
		"INSERT INTO pair_note(a_id, b_id, lang, note) VALUES (?1, ?2, ?3, ?4)");
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		const char *pair = stanza_value(&s, "Pair");
		int a, b;
		char end;
		if (!pair || sscanf(pair, "%d %d %c", &a, &b, &end) != 2 || a >= b) {
			fail(path, s.line, "expected 'Pair: A B' with A < B");
			stanza_free(&s);
			continue;
		}
		sqlite3_int64 id[2] = { -1, -1 };
		int num[2] = { a, b };
		for (int k = 0; k < 2; k++) {
			sqlite3_bind_int64(find, 1, set_id);
			sqlite3_bind_int(find, 2, num[k]);
			if (sqlite3_step(find) == SQLITE_ROW)
				id[k] = sqlite3_column_int64(find, 0);
			else
				fail(path, s.line, "pair names code %d, which codes.txt does not have", num[k]);
			sqlite3_reset(find);
		}
		for (size_t i = 0; i < s.count; i++) {
			const char *name = s.fields[i].name;
			if (strcmp(name, "Pair") == 0)
				continue;
			int known = 0;
			for (int l = 0; l < nlangs; l++)
				known |= strcmp(name, langs[l]) == 0;
			if (!known) {
				fail(path, s.fields[i].line, "unknown field '%s'", name);
				continue;
			}
			if (id[0] < 0 || id[1] < 0)
				continue;
			sqlite3_bind_int64(ins, 1, id[0]);
			sqlite3_bind_int64(ins, 2, id[1]);
			bind_text(ins, 3, name);
			bind_text(ins, 4, s.fields[i].value);
			step_done(ins, path, s.fields[i].line);
		}
		stanza_free(&s);
	}
	if (rc < 0)
		errors++;
	sqlite3_finalize(find);
	sqlite3_finalize(ins);
	stanza_close(&r);
}

static void norm_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, cr_norm(text), -1, free);
}

static void add_name(sqlite3_stmt *name, sqlite3_stmt *word, sqlite3_int64 code_id,
                     const char *lang, const char *text)
{
	if (!text || !*text)
		return;
	char *norm = cr_norm(text);
	sqlite3_bind_text(name, 1, norm, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(name, 2, code_id);
	sqlite3_bind_text(name, 3, lang, -1, SQLITE_TRANSIENT);
	step_done(name, "search_name", 0);
	for (const char *p = norm; *p;) {
		while (*p && !(*p >= 'a' && *p <= 'z'))
			p++;
		const char *s = p;
		while (*p >= 'a' && *p <= 'z')
			p++;
		if (p - s >= 3 && p - s <= 40) {
			sqlite3_bind_text(word, 1, s, (int)(p - s), SQLITE_TRANSIENT);
			step_done(word, "search_word", 0);
		}
	}
	free(norm);
}

/* search_name and search_word from the reason phrases, former names,
 * keywords and glosses. */
static void build_names(void)
{
	sqlite3_stmt *name = prepare("INSERT OR IGNORE INTO search_name(name, code_id, lang) VALUES (?1, ?2, ?3)");
	sqlite3_stmt *word = prepare("INSERT OR IGNORE INTO search_word(word) VALUES (?1)");
	sqlite3_stmt *st = prepare("SELECT id, reason, former FROM code");
	while (sqlite3_step(st) == SQLITE_ROW) {
		add_name(name, word, sqlite3_column_int64(st, 0), "", (const char *)sqlite3_column_text(st, 1));
		add_name(name, word, sqlite3_column_int64(st, 0), "", (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	st = prepare("SELECT code_id, lang, keywords, gloss FROM code_text");
	while (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		const char *lang = (const char *)sqlite3_column_text(st, 1);
		const char *keywords = (const char *)sqlite3_column_text(st, 2);
		add_name(name, word, id, lang, (const char *)sqlite3_column_text(st, 3));
		if (!keywords)
			continue;
		char *copy = strdup(keywords), *save = NULL;
		for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save))
			add_name(name, word, id, lang, item + strspn(item, " "));
		free(copy);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(name);
	sqlite3_finalize(word);
}

static void build_search(void)
{
	/* One document per code and language with texts of its own, normalized
	 * as queries are; every language is searched, so none borrows English. */
	if (sqlite3_create_function(db, "cr_norm", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                            norm_fn, NULL, NULL) != SQLITE_OK)
		die_sql("cr_norm");
	exec("INSERT INTO search_doc(code_id, set_id, lang, number, name, keywords, gloss, description,"
	     " seen, fix)"
	     " SELECT c.id, c.set_id, t.lang, c.number, cr_norm(c.reason || coalesce(' ' || c.former, '')),"
	     "   cr_norm(t.keywords), cr_norm(t.gloss), cr_norm(t.description), cr_norm(t.seen),"
	     "   cr_norm(t.fix)"
	     " FROM code c JOIN code_text t ON t.code_id = c.id"
	     " ORDER BY c.id, t.lang");
	exec("INSERT INTO search(search) VALUES ('rebuild')");
	exec("INSERT INTO search_words(search_words) VALUES ('rebuild')");
	exec("INSERT INTO search_names_words(search_names_words) VALUES ('rebuild')");
	exec("INSERT INTO search_names_tri(search_names_tri) VALUES ('rebuild')");
	exec("INSERT INTO search_names_bi(search_names_bi) VALUES ('rebuild')");
	build_names();
}

/* ---- --stamp ---- */

static int stamp(const char *en_path, const char *tr_path)
{
	/* Hash each English stanza by code. */
	struct stanza_reader r;
	struct stanza s;
	struct { int code; char hash[CR_HASH_HEX]; } *hashes = NULL;
	size_t n = 0;
	if (stanza_open(&r, en_path) < 0) {
		fprintf(stderr, "dbgen: %s: %s\n", en_path, strerror(errno));
		return 1;
	}
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		hashes = realloc(hashes, (n + 1) * sizeof *hashes);
		hashes[n].code = parse_code(&s, en_path);
		const char *v[5];
		for (int i = 0; i < 5; i++)
			v[i] = stanza_value(&s, translated_fields[i]);
		cr_hash_fields(v, 5, hashes[n].hash);
		n++;
		stanza_free(&s);
	}
	stanza_close(&r);
	if (rc < 0 || errors)
		return 1;

	/* Copy the translation line by line, replacing Translated-From. */
	FILE *fp = fopen(tr_path, "r");
	if (!fp) {
		fprintf(stderr, "dbgen: %s: %s\n", tr_path, strerror(errno));
		return 1;
	}
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, fp) > 0) {
		if (strncmp(line, "Translated-From:", 16) == 0)
			continue;
		fputs(line, stdout);
		int code;
		if (sscanf(line, "Code: %d", &code) == 1) {
			for (size_t i = 0; i < n; i++)
				if (hashes[i].code == code)
					printf("Translated-From: %s\n", hashes[i].hash);
		}
	}
	free(line);
	free(hashes);
	fclose(fp);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--stamp") == 0)
		return stamp(argv[2], argv[3]);
	if (argc < 5) {
		fprintf(stderr, "usage: dbgen OUT.db SCHEMA.sql LANG.txt... -- SETDIR...\n"
		                "       dbgen --stamp EN.txt XX.txt\n");
		return 2;
	}
	const char *out = argv[1];
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", out);
	remove(tmp);
	if (sqlite3_open(tmp, &db) != SQLITE_OK)
		die_sql(tmp);
	exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;");
	if (cr_bigram_register(db) != 0)
		die_sql("the cr_bigram tokenizer");
	char *schema = slurp(argv[2]);
	exec(schema);
	free(schema);
	exec("BEGIN");
	exec("PRAGMA defer_foreign_keys = ON");

	int i = 3;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++)
		load_language(argv[i]);
	if (i == argc) {
		fprintf(stderr, "dbgen: no '--' before the set folders\n");
		return 2;
	}
	for (i++; i < argc; i++) {
		sqlite3_int64 set_id = load_set_header(argv[i]);
		load_codes(set_id, argv[i]);
		for (int l = 0; l < nlangs; l++)
			load_texts(set_id, argv[i], langs[l]);
		load_pairs(set_id, argv[i]);
	}
	if (errors) {
		fprintf(stderr, "dbgen: %d error(s); %s not written\n", errors, out);
		sqlite3_close(db);
		remove(tmp);
		return 1;
	}
	build_search();
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", CR_SCHEMA_VERSION);
	exec(pragma);
	exec("COMMIT");
	exec("INSERT INTO search(search) VALUES ('optimize');"
	     " INSERT INTO search_words(search_words) VALUES ('optimize');"
	     " INSERT INTO search_names_words(search_names_words) VALUES ('optimize');"
	     " INSERT INTO search_names_tri(search_names_tri) VALUES ('optimize');"
	     " INSERT INTO search_names_bi(search_names_bi) VALUES ('optimize'); VACUUM; ANALYZE;");
	if (sqlite3_close(db) != SQLITE_OK)
		die_sql("close");
	if (rename(tmp, out) != 0) {
		fprintf(stderr, "dbgen: %s: %s\n", out, strerror(errno));
		return 1;
	}
	return 0;
}
