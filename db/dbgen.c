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
#include "../src/core/flow.h"
#include "../src/core/bigram.h"
#include "../src/core/hash.h"
#include "../src/core/norm.h"
#include "../src/core/util.h"

#include <errno.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* registered; deprecated or obsoleted (Deprecated-By may say by what);
 * unused (a number the registry reserves, "(Unused)"); temporary (a
 * registration with an expiry date); unregistered (no registry holds it). */
static const char *const status_keys[] = {
	"registered", "deprecated", "obsoleted", "unused", "temporary", "unregistered", NULL
};
/* The fields every set's codes.txt may have; its facts come on top. */
static const char *const code_fields[] = {
	"Code", "Reason", "Former", "Status", "RFC", "Section", "Deprecated-By", "Deprecated-For", NULL
};
static const char *const text_fields[] = {
	"Code", "Gloss", "Description", "When", "Fix", "Use", "Keywords", "Translated-From", NULL
};
/* The English fields a translation follows, in hash order. */
static const char *const translated_fields[] = { "Gloss", "Description", "When", "Fix", "Use" };
static const char *const fact_types[] = { "key", "keys", "fields", "items", "codes", "text", "date", NULL };

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
		sqlite3_stmt *l = prepare("INSERT INTO language(code, name, position) VALUES (?1, ?2, ?3)");
		bind_text(l, 1, base);
		bind_text(l, 2, name);
		sqlite3_bind_int(l, 3, nlangs - 1);
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

/* A fact kind a set declares: "Fact: Retry retry key same=none,no". */
struct fact_decl {
	char *field;        /* its field in codes.txt or the texts: "Retry" */
	char *kind;         /* "retry" */
	char *type;         /* one of fact_types */
	char *target;       /* codes: the set of the numbers */
	char *same;         /* key: values that say the same */
	int alias;          /* text: each item is a name the code is known by */
	int localized;      /* text: in each language's texts, not in codes.txt */
	int required;
};

#define MAX_FACTS 32
#define MAX_CLASSES 16
#define MAX_SETS 16

struct set_decl {
	sqlite3_int64 id;
	char *key, *dir;
	int by_field;                   /* Class-By: field */
	char *classes[MAX_CLASSES];     /* Class-By: field: class n is classes[n - 1] */
	int nclasses;
	struct fact_decl fact[MAX_FACTS];
	int nfacts;
};

static struct set_decl sets[MAX_SETS];
static int nsets;

static struct set_decl *find_set(const char *key)
{
	for (int i = 0; i < nsets; i++)
		if (strcmp(sets[i].key, key) == 0)
			return &sets[i];
	return NULL;
}

static sqlite3_int64 find_code(sqlite3_int64 set_id, int number)
{
	static sqlite3_stmt *find;
	if (!find)
		find = prepare("SELECT id FROM code WHERE set_id = ?1 AND number = ?2");
	sqlite3_bind_int64(find, 1, set_id);
	sqlite3_bind_int(find, 2, number);
	sqlite3_int64 id = sqlite3_step(find) == SQLITE_ROW ? sqlite3_column_int64(find, 0) : -1;
	sqlite3_reset(find);
	return id;
}

/* Whether English has a string for KIND.VALUE: what makes a key valid. */
static int has_string(const char *kind, const char *value)
{
	static sqlite3_stmt *st;
	if (!st)
		st = prepare("SELECT 1 FROM string WHERE lang = 'en' AND key = ?1 || '.' || ?2");
	bind_text(st, 1, kind);
	bind_text(st, 2, value);
	int found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static void parse_fact(struct set_decl *set, const char *value, const char *path, int line)
{
	char *copy = strdup(value), *save = NULL;
	char *field = strtok_r(copy, " ", &save), *kind = strtok_r(NULL, " ", &save),
	     *type = strtok_r(NULL, " ", &save);
	if (!field || !kind || !type || !in_list(type, fact_types) || set->nfacts == MAX_FACTS) {
		fail(path, line, "expected 'Fact: Field kind type [option...]' with a type of key, keys, fields, items, codes, text");
		free(copy);
		return;
	}
	struct fact_decl *f = &set->fact[set->nfacts++];
	memset(f, 0, sizeof *f);
	f->field = strdup(field);
	f->kind = strdup(kind);
	f->type = strdup(type);
	for (char *opt = strtok_r(NULL, " ", &save); opt; opt = strtok_r(NULL, " ", &save)) {
		if (strncmp(opt, "same=", 5) == 0)
			f->same = strdup(opt + 5);
		else if (strncmp(opt, "target=", 7) == 0)
			f->target = strdup(opt + 7);
		else if (strcmp(opt, "alias") == 0)
			f->alias = 1;
		else if (strcmp(opt, "localized") == 0)
			f->localized = 1;
		else if (strcmp(opt, "required") == 0)
			f->required = 1;
		else
			fail(path, line, "unknown fact option '%s'", opt);
	}
	if ((strcmp(f->type, "codes") == 0) != (f->target != NULL))
		fail(path, line, "a codes fact needs target=SET, and only it");
	else if (f->target && !find_set(f->target))
		fail(path, line, "target set '%s' is not loaded before this one", f->target);
	if ((f->alias || f->localized) && strcmp(f->type, "text") != 0)
		fail(path, line, "alias and localized are for text facts");
	free(copy);
}

static struct set_decl *load_set_header(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/set.txt", dir);
	struct stanza_reader r;
	struct stanza s;
	static const char *const repeatable[] = { "Fact", NULL };
	int opened = stanza_open(&r, path);
	r.repeatable = repeatable;
	if (opened < 0 || stanza_next(&r, &s) <= 0) {
		fprintf(stderr, "dbgen: %s: cannot read the set header\n", path);
		exit(1);
	}
	const char *key = stanza_value(&s, "Set"), *name = stanza_value(&s, "Name"),
	           *registry = stanza_value(&s, "Registry"), *class_by = stanza_value(&s, "Class-By");
	if (!key || !name || !registry || !class_by) {
		fprintf(stderr, "%s:%d: Set, Name, Registry and Class-By are required\n", path, s.line);
		exit(1);
	}
	if (nsets == MAX_SETS || find_set(key) || key[strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789")]) {
		fprintf(stderr, "%s:%d: too many sets, a set loaded twice, or a key not in [a-z0-9]\n", path, s.line);
		exit(1);
	}
	struct set_decl *set = &sets[nsets];
	memset(set, 0, sizeof *set);
	set->key = strdup(key);
	set->dir = strdup(dir);
	set->by_field = strcmp(class_by, "field") == 0;
	if (!set->by_field && strcmp(class_by, "hundreds") != 0)
		fail(path, s.line, "Class-By is hundreds or field");
	const char *classes = stanza_value(&s, "Classes");
	if (set->by_field && classes) {
		char **items;
		size_t n = cr_split_list(classes, &items);
		for (size_t i = 0; i < n && i < MAX_CLASSES; i++)
			set->classes[set->nclasses++] = strdup(items[i]);
		cr_free_list(items, n);
	}
	if (set->by_field && set->nclasses == 0)
		fail(path, s.line, "Class-By: field needs Classes");
	for (size_t i = 0; i < s.count; i++) {
		const char *f = s.fields[i].name;
		if (strcmp(f, "Fact") == 0)
			parse_fact(set, s.fields[i].value, path, s.fields[i].line);
		else if (!in_list(f, (const char *const[]){ "Set", "Name", "Registry", "Class-By", "Classes", NULL }))
			fail(path, s.fields[i].line, "unknown field '%s'", f);
	}
	sqlite3_stmt *st = prepare("INSERT INTO code_set(id, key, name, registry, class_by) VALUES (?1, ?2, ?3, ?4, ?5)");
	sqlite3_bind_int(st, 1, nsets + 1);
	bind_text(st, 2, key);
	bind_text(st, 3, name);
	bind_text(st, 4, registry);
	bind_text(st, 5, class_by);
	step_done(st, path, s.line);
	sqlite3_finalize(st);
	set->id = nsets + 1;
	st = prepare("INSERT INTO set_fact(set_id, kind, position, type, target, same) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	for (int i = 0; i < set->nfacts; i++) {
		sqlite3_bind_int64(st, 1, set->id);
		bind_text(st, 2, set->fact[i].kind);
		sqlite3_bind_int(st, 3, i);
		bind_text(st, 4, set->fact[i].type);
		bind_text(st, 5, set->fact[i].target);
		bind_text(st, 6, set->fact[i].same);
		step_done(st, path, s.line);
	}
	sqlite3_finalize(st);
	/* Every named class needs its name in English. */
	for (int c = 1; set->by_field && c <= set->nclasses; c++) {
		char kind[64], value[16];
		snprintf(kind, sizeof kind, "%s.class", key);
		snprintf(value, sizeof value, "%d", c);
		if (!has_string(kind, value))
			fail(path, s.line, "no string %s.%s in lang/en.txt", kind, value);
	}
	stanza_free(&s);
	stanza_close(&r);
	nsets++;
	return set;
}

/* Checks a fact's value against its type; 0 when it is bad (reported). */
static int check_fact(const struct fact_decl *f, const char *v, int n, const char *path, int line)
{
	char **items;
	size_t count = cr_split_list(v, &items);
	int ok = count > 0;
	for (size_t i = 0; i < count; i++) {
		const char *item = items[i];
		if (strcmp(f->type, "key") == 0 || strcmp(f->type, "keys") == 0) {
			if ((strcmp(f->type, "key") == 0 && count != 1) || !has_string(f->kind, item)) {
				fail(path, line, "code %d: bad %s '%s' (no string %s.%s)", n, f->field, item, f->kind, item);
				ok = 0;
			}
		} else if (strcmp(f->type, "codes") == 0) {
			char *end;
			long number = strtol(item, &end, 10);
			if (!(strcmp(item, "any") == 0 && has_string(f->kind, item)) &&
			    (*end || find_code(find_set(f->target)->id, (int)number) < 0)) {
				fail(path, line, "code %d: %s names '%s', which set %s does not have", n, f->field, item, f->target);
				ok = 0;
			}
		} else if (strcmp(f->type, "date") == 0) {
			int y, m, d;
			char end;
			if (count != 1 || sscanf(item, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || strlen(item) != 10 ||
			    m < 1 || m > 12 || d < 1 || d > 31) {
				fail(path, line, "code %d: %s '%s' is not one date YYYY-MM-DD", n, f->field, item);
				ok = 0;
			}
		} else if (strcmp(f->type, "text") != 0 &&
		           item[strspn(item, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")]) {
			fail(path, line, "code %d: bad %s '%s'", n, f->field, item);
			ok = 0;
		}
	}
	cr_free_list(items, count);
	return ok;
}

static void insert_fact(sqlite3_int64 code_id, const struct fact_decl *f, const char *lang,
                        const char *value, const char *path, int line)
{
	static sqlite3_stmt *ins, *alias;
	if (!ins) {
		ins = prepare("INSERT INTO fact(code_id, kind, lang, value) VALUES (?1, ?2, ?3, ?4)");
		alias = prepare("INSERT OR IGNORE INTO code_alias(alias, code_id) VALUES (upper(?1), ?2)");
	}
	sqlite3_bind_int64(ins, 1, code_id);
	bind_text(ins, 2, f->kind);
	bind_text(ins, 3, lang);
	bind_text(ins, 4, value);
	step_done(ins, path, line);
	if (!f->alias)
		return;
	char **items;
	size_t n = cr_split_list(value, &items);
	for (size_t i = 0; i < n; i++) {
		bind_text(alias, 1, items[i]);
		sqlite3_bind_int64(alias, 2, code_id);
		step_done(alias, path, line);
	}
	cr_free_list(items, n);
}

static const struct fact_decl *fact_of_field(const struct set_decl *set, const char *field)
{
	for (int i = 0; i < set->nfacts; i++)
		if (strcmp(set->fact[i].field, field) == 0)
			return &set->fact[i];
	return NULL;
}

static void load_codes(const struct set_decl *set)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/codes.txt", set->dir);
	struct stanza_reader r;
	if (stanza_open(&r, path) < 0) {
		fprintf(stderr, "dbgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	sqlite3_stmt *ins = prepare(
		"INSERT INTO code(set_id, number, reason, former, class, status, rfc, section,"
		" deprecated_by, deprecated_for)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		int n = parse_code(&s, path);
		for (size_t i = 0; i < s.count; i++) {
			const char *name = s.fields[i].name;
			const struct fact_decl *f = fact_of_field(set, name);
			if (!in_list(name, code_fields) && !(set->by_field && strcmp(name, "Class") == 0) &&
			    !(f && !f->localized))
				fail(path, s.fields[i].line, "unknown field '%s'", name);
		}
		static const char *const required[] = { "Reason", "Status", "RFC", NULL };
		for (const char *const *f = required; *f; f++)
			if (!stanza_value(&s, *f))
				fail(path, s.line, "code %d: no %s", n, *f);
		for (int i = 0; i < set->nfacts; i++)
			if (set->fact[i].required && !stanza_value(&s, set->fact[i].field))
				fail(path, s.line, "code %d: no %s", n, set->fact[i].field);
		const char *status = stanza_value(&s, "Status");
		if (status && !in_list(status, status_keys))
			fail(path, s.line, "code %d: bad Status '%s'", n, status);
		if (stanza_value(&s, "Deprecated-For"))
			check_list(stanza_value(&s, "Deprecated-For"), NULL, "Deprecated-For", path, s.line);
		int cls = n / 100;
		if (set->by_field) {
			const char *c = stanza_value(&s, "Class");
			cls = 0;
			for (int i = 0; c && i < set->nclasses; i++)
				if (strcmp(c, set->classes[i]) == 0)
					cls = i + 1;
			if (!cls)
				fail(path, s.line, "code %d: Class must be one of the set's Classes", n);
		}
		if (n < 0) {
			stanza_free(&s);
			continue;
		}
		sqlite3_bind_int64(ins, 1, set->id);
		sqlite3_bind_int(ins, 2, n);
		bind_text(ins, 3, stanza_value(&s, "Reason"));
		bind_text(ins, 4, stanza_value(&s, "Former"));
		sqlite3_bind_int(ins, 5, cls);
		bind_text(ins, 6, status);
		bind_text(ins, 7, stanza_value(&s, "RFC"));
		bind_text(ins, 8, stanza_value(&s, "Section"));
		bind_text(ins, 9, stanza_value(&s, "Deprecated-By"));
		bind_text(ins, 10, stanza_value(&s, "Deprecated-For"));
		if (stanza_value(&s, "Deprecated-By") &&
		    !(status && (strcmp(status, "deprecated") == 0 || strcmp(status, "obsoleted") == 0)))
			fail(path, s.line, "code %d: Deprecated-By on a code that is neither deprecated nor obsoleted", n);
		step_done(ins, path, s.line);
		sqlite3_int64 id = sqlite3_last_insert_rowid(db);
		for (int i = 0; i < set->nfacts; i++) {
			const struct fact_decl *f = &set->fact[i];
			const char *v = f->localized ? NULL : stanza_value(&s, f->field);
			if (v && check_fact(f, v, n, path, s.line))
				insert_fact(id, f, "", v, path, s.line);
		}
		stanza_free(&s);
	}
	if (rc < 0)
		errors++;
	sqlite3_finalize(ins);
	stanza_close(&r);
}

static void load_texts(const struct set_decl *set, const char *lang)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.txt", set->dir, lang);
	struct stanza_reader r;
	if (stanza_open(&r, path) < 0) {
		if (strcmp(lang, "en") == 0) {
			fprintf(stderr, "dbgen: %s: %s\n", path, strerror(errno));
			exit(1);
		}
		return; /* an untranslated set falls back to English */
	}
	sqlite3_stmt *ins = prepare(
		"INSERT INTO code_text(code_id, lang, gloss, description, seen, fix, use, keywords,"
		" source_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		int n = parse_code(&s, path);
		for (size_t i = 0; i < s.count; i++) {
			const struct fact_decl *f = fact_of_field(set, s.fields[i].name);
			if (!in_list(s.fields[i].name, text_fields) && !(f && f->localized))
				fail(path, s.fields[i].line, "unknown field '%s'", s.fields[i].name);
		}
		const char *from = stanza_value(&s, "Translated-From");
		if (strcmp(lang, "en") == 0 && from)
			fail(path, s.line, "code %d: Translated-From belongs in translations", n);
		sqlite3_int64 id = n >= 0 ? find_code(set->id, n) : -1;
		if (id >= 0) {
			sqlite3_bind_int64(ins, 1, id);
			bind_text(ins, 2, lang);
			bind_text(ins, 3, stanza_value(&s, "Gloss"));
			bind_text(ins, 4, stanza_value(&s, "Description"));
			bind_text(ins, 5, stanza_value(&s, "When"));
			bind_text(ins, 6, stanza_value(&s, "Fix"));
			bind_text(ins, 7, stanza_value(&s, "Use"));
			bind_text(ins, 8, stanza_value(&s, "Keywords"));
			bind_text(ins, 9, from);
			step_done(ins, path, s.line);
			for (int i = 0; i < set->nfacts; i++) {
				const struct fact_decl *f = &set->fact[i];
				const char *v = f->localized ? stanza_value(&s, f->field) : NULL;
				if (v)
					insert_fact(id, f, lang, v, path, s.line);
			}
		} else if (n >= 0) {
			fail(path, s.line, "text for code %d, which codes.txt does not have", n);
		}
		stanza_free(&s);
	}
	if (rc < 0)
		errors++;
	sqlite3_finalize(ins);
	stanza_close(&r);
}

/* One side of a pair: "486", a code of the file's own set, or "sip:503", a
 * code of any loaded set.  Its id, or -1 (reported). */
static sqlite3_int64 pair_side(const struct set_decl *own, const char *token, const char *path,
                               int line)
{
	const struct set_decl *set = own;
	const char *colon = strchr(token, ':');
	if (colon) {
		char key[32];
		size_t n = (size_t)(colon - token);
		snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), token);
		set = find_set(key);
		if (!set) {
			fail(path, line, "pair names set '%s', which is not loaded", key);
			return -1;
		}
		token = colon + 1;
	}
	char *end;
	long number = strtol(token, &end, 10);
	sqlite3_int64 id = *token && !*end ? find_code(set->id, (int)number) : -1;
	if (id < 0)
		fail(path, line, "pair names code %s of set %s, which it does not have", token, set->key);
	return id;
}

/* pairs.txt (optional): "Pair: A B" and one field per language holding the
 * hand-written note on how the two codes really differ.  A and B are
 * numbers of the file's set, smaller first; either may be SET:N, a code of
 * another set (a note across sets lives with the set that names the other). */
static void load_pairs(const struct set_decl *set)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/pairs.txt", set->dir);
	struct stanza_reader r;
	if (stanza_open(&r, path) < 0)
		return;
	sqlite3_stmt *ins = prepare(
		"INSERT INTO pair_note(a_id, b_id, lang, note) VALUES (?1, ?2, ?3, ?4)");
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		const char *pair = stanza_value(&s, "Pair");
		char ta[40], tb[40], end[2];
		int a, b;
		if (!pair || sscanf(pair, "%39s %39s %1s", ta, tb, end) != 2 ||
		    (sscanf(ta, "%d%1s", &a, end) == 1 && sscanf(tb, "%d%1s", &b, end) == 1 && a >= b)) {
			fail(path, s.line, "expected 'Pair: A B' (A < B when both are of this set)");
			stanza_free(&s);
			continue;
		}
		sqlite3_int64 id[2] = { pair_side(set, ta, path, s.line), pair_side(set, tb, path, s.line) };
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
	sqlite3_finalize(ins);
	stanza_close(&r);
}

/* ---- mapping.txt: interworking between two sets ---- */

/* One line of mapping.txt: from SET:N, SET:Nxx (a class of a hundreds set),
 * SET:A-B or SET:* to SET:N or none, by a source. */
struct map_rule {
	struct set_decl *from_set, *to_set;
	int lo, hi;             /* the numbers it covers */
	int rank;               /* 0 a code, 1 a class, 2 a range, 3 every code */
	int to;                 /* -1: none */
	char *source;
	/* Note (English) and Note-LANG: why the source maps it so. */
	char *note[MAX_LANGS];
	int line;
};

static struct map_rule *rules;
static size_t nrules;

/* "sip:486" and the other forms; 0 when bad. */
static int parse_spec(const char *spec, struct set_decl **set, int *lo, int *hi, int *rank)
{
	const char *colon = strchr(spec, ':');
	if (!colon)
		return 0;
	char key[32];
	size_t n = (size_t)(colon - spec);
	if (n >= sizeof key)
		return 0;
	memcpy(key, spec, n);
	key[n] = '\0';
	*set = find_set(key);
	const char *v = colon + 1;
	int a, b;
	char x1, x2, end;
	if (!*set)
		return 0;
	if (strcmp(v, "*") == 0) {
		*lo = 0, *hi = 999999, *rank = 3;
	} else if (sscanf(v, "%d%c%c%c", &a, &x1, &x2, &end) == 3 && x1 == 'x' && x2 == 'x' &&
	           a >= 1 && a <= 9 && !(*set)->by_field) {
		*lo = a * 100, *hi = a * 100 + 99, *rank = 1;
	} else if (sscanf(v, "%d-%d%c", &a, &b, &end) == 2 && a <= b) {
		*lo = a, *hi = b, *rank = 2;
	} else if (sscanf(v, "%d%c", &a, &end) == 1) {
		*lo = *hi = a, *rank = 0;
	} else {
		return 0;
	}
	return 1;
}

static void load_mapping(const struct set_decl *set)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/mapping.txt", set->dir);
	struct stanza_reader r;
	if (stanza_open(&r, path) < 0)
		return;
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		for (size_t i = 0; i < s.count; i++) {
			const char *name = s.fields[i].name;
			int known = in_list(name, (const char *const[]){ "From", "To", "Source", "Note", NULL });
			for (int l = 0; l < nlangs && !known; l++)
				known = strncmp(name, "Note-", 5) == 0 && strcmp(name + 5, langs[l]) == 0 &&
				        strcmp(langs[l], "en") != 0;
			if (!known)
				fail(path, s.fields[i].line, "unknown field '%s' (Note-LANG takes a language of lang/)", name);
		}
		const char *from = stanza_value(&s, "From"), *to = stanza_value(&s, "To"),
		           *source = stanza_value(&s, "Source");
		struct map_rule m = { .line = s.line, .to = -1 };
		int lo, hi, rank;
		if (!from || !to || !source || !parse_spec(from, &m.from_set, &m.lo, &m.hi, &m.rank)) {
			fail(path, s.line, "expected From: SET:N (or SET:Nxx, SET:A-B, SET:*), To: SET:N or none, Source");
		} else if (strcmp(to, "none") != 0 &&
		           (!parse_spec(to, &m.to_set, &lo, &hi, &rank) || rank != 0 ||
		            find_code(m.to_set->id, lo) < 0)) {
			fail(path, s.line, "To names '%s', which no loaded set has", to);
		} else if (m.rank == 0 && find_code(m.from_set->id, m.lo) < 0) {
			fail(path, s.line, "From names '%s', which no loaded set has", from);
		} else {
			if (m.to_set)
				m.to = lo;
			m.source = strdup(source);
			int translated = 0;
			for (int l = 0; l < nlangs; l++) {
				char field[16] = "Note";
				if (strcmp(langs[l], "en") != 0)
					snprintf(field, sizeof field, "Note-%s", langs[l]);
				const char *note = stanza_value(&s, field);
				m.note[l] = note ? strdup(note) : NULL;
				translated |= note && strcmp(langs[l], "en") != 0;
			}
			if (translated && !stanza_value(&s, "Note"))
				fail(path, s.line, "a Note-LANG needs the English Note");
			rules = realloc(rules, (nrules + 1) * sizeof *rules);
			rules[nrules++] = m;
		}
		stanza_free(&s);
	}
	if (rc < 0)
		errors++;
	stanza_close(&r);
}

static int is_standard(const char *source)
{
	return strncmp(source, "RFC ", 4) == 0;
}

/* The rule of source that decides number: its own row, else its most
 * specific default (class, range, every code). */
static const struct map_rule *rule_for(const struct set_decl *from, const char *source, int number,
                                       int max_rank)
{
	const struct map_rule *best = NULL;
	for (size_t i = 0; i < nrules; i++) {
		const struct map_rule *m = &rules[i];
		if (m->from_set == from && strcmp(m->source, source) == 0 && m->rank <= max_rank &&
		    number >= m->lo && number <= m->hi && (!best || m->rank < best->rank))
			best = m;
	}
	return best;
}

static int has_default(const struct set_decl *from, const char *source)
{
	for (size_t i = 0; i < nrules; i++)
		if (rules[i].from_set == from && rules[i].rank > 0 && strcmp(rules[i].source, source) == 0)
			return 1;
	return 0;
}

/* Resolves the rules into the mapping table, for every code of every set
 * that has rules.  A specification with a default of its own ("any other
 * cause: 500") covers every code; one without covers only its rows (RFC
 * 4497: where it differs).  An implementation's file lists only where it
 * differs from the specification, so where it has no row of its own, it
 * follows the specification's row, then its own defaults, then the
 * specification's. */
static void build_mapping(void)
{
	sqlite3_stmt *codes = prepare("SELECT id, number FROM code WHERE set_id = ?1 ORDER BY number");
	sqlite3_stmt *ins = prepare(
		"INSERT INTO mapping(from_id, source, to_set, to_id, standard, by_default, position)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	sqlite3_stmt *note = prepare(
		"INSERT INTO mapping_note(from_id, to_set, source, lang, note) VALUES (?1, ?2, ?3, ?4, ?5)");
	for (int fs = 0; fs < nsets; fs++) {
		/* Sources in order of first appearance, per target set. */
		const char *src[32];
		const struct set_decl *dst[32];
		int nsrc = 0;
		for (size_t i = 0; i < nrules; i++) {
			if (rules[i].from_set != &sets[fs])
				continue;
			int known = 0;
			for (int k = 0; k < nsrc; k++)
				known |= strcmp(src[k], rules[i].source) == 0;
			if (!known && nsrc < 32) {
				dst[nsrc] = NULL;
				src[nsrc++] = rules[i].source;
			}
			for (int k = 0; k < nsrc; k++)
				if (strcmp(src[k], rules[i].source) == 0 && rules[i].to_set)
					dst[k] = rules[i].to_set;
		}
		for (int k = 0; k < nsrc; k++) {
			if (!dst[k]) {  /* only "none" rows: the set the others map to */
				for (int o = 0; o < nsrc; o++)
					if (dst[o])
						dst[k] = dst[o];
			}
		}
		sqlite3_bind_int64(codes, 1, sets[fs].id);
		while (sqlite3_step(codes) == SQLITE_ROW) {
			sqlite3_int64 id = sqlite3_column_int64(codes, 0);
			int number = sqlite3_column_int(codes, 1);
			for (int k = 0; k < nsrc; k++) {
				if (!dst[k])
					continue;
				const struct map_rule *m = NULL;
				int by_default = 1;
				/* The specification this source follows: a complete one to the same set. */
				const char *spec = NULL;
				for (int o = 0; o < nsrc && !spec; o++)
					if (dst[o] == dst[k] && is_standard(src[o]) && has_default(&sets[fs], src[o]))
						spec = src[o];
				if (is_standard(src[k])) {
					int complete = spec && strcmp(spec, src[k]) == 0;
					m = rule_for(&sets[fs], src[k], number, complete ? 3 : 0);
				} else {
					m = rule_for(&sets[fs], src[k], number, 0);
					if (!m && spec)
						m = rule_for(&sets[fs], spec, number, 0);
					if (!m)
						m = rule_for(&sets[fs], src[k], number, 3);
					if (!m && spec)
						m = rule_for(&sets[fs], spec, number, 3);
				}
				if (!m)
					continue;
				by_default = m->rank != 0;
				sqlite3_bind_int64(ins, 1, id);
				bind_text(ins, 2, src[k]);
				sqlite3_bind_int64(ins, 3, dst[k]->id);
				if (m->to >= 0)
					sqlite3_bind_int64(ins, 4, find_code(dst[k]->id, m->to));
				sqlite3_bind_int(ins, 5, is_standard(src[k]));
				sqlite3_bind_int(ins, 6, by_default);
				sqlite3_bind_int(ins, 7, k);
				step_done(ins, "mapping.txt", m->line);
				/* A note explains its own stanza, not a default's
				 * codes or another source's row. */
				for (int l = 0; l < nlangs && m->rank == 0 && strcmp(m->source, src[k]) == 0; l++) {
					if (!m->note[l])
						continue;
					sqlite3_bind_int64(note, 1, id);
					sqlite3_bind_int64(note, 2, dst[k]->id);
					bind_text(note, 3, src[k]);
					bind_text(note, 4, langs[l]);
					bind_text(note, 5, m->note[l]);
					step_done(note, "mapping.txt", m->line);
				}
			}
		}
		sqlite3_reset(codes);
	}
	sqlite3_finalize(codes);
	sqlite3_finalize(ins);
	sqlite3_finalize(note);
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
	exec("INSERT INTO code_gloss(code_id, lang, gloss)"
	     " SELECT code_id, lang, gloss FROM code_text WHERE gloss IS NOT NULL");
	/* One document per code and language with texts of its own, normalized
	 * as queries are; every language is searched, so none borrows English.
	 * A code without texts has one document of its name alone. */
	if (sqlite3_create_function(db, "cr_norm", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                            norm_fn, NULL, NULL) != SQLITE_OK)
		die_sql("cr_norm");
	exec("INSERT INTO search_doc(code_id, set_id, lang, number, name, keywords, gloss, description,"
	     " seen, fix)"
	     " SELECT c.id, c.set_id, t.lang, c.number, cr_norm(c.reason || coalesce(' ' || c.former, '')),"
	     "   cr_norm(t.keywords), cr_norm(t.gloss), cr_norm(t.description), cr_norm(t.seen),"
	     "   cr_norm(t.fix)"
	     " FROM code c JOIN code_text t ON t.code_id = c.id"
	     /* A code with no texts yet is still found by its number and name. */
	     " UNION ALL SELECT c.id, c.set_id, 'en', c.number,"
	     "   cr_norm(c.reason || coalesce(' ' || c.former, '')), NULL, NULL, NULL, NULL, NULL"
	     " FROM code c WHERE NOT EXISTS (SELECT 1 FROM code_text t WHERE t.code_id = c.id)"
	     " ORDER BY 1, 3");
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

/* ---- flows.txt: call flows ---- */

/* A slot of a template flow, {to.sip} and the like: the code's mapping
 * into another set, resolved from the mapping table.  kind is "to" (the
 * first specification row, when it has a row of its own for the code),
 * "default" (the same row, when it maps the code by its default) or "from"
 * (the lowest code of the other set that the first specification the other
 * way maps to this one by a row of its own); want "code" ("486 Busy Here"), "source" ("RFC 3398 §7.2.4.1"),
 * or its parts "rfc" ("RFC 3398") and "section" ("7.2.4.1"), which a
 * language may write in an order of its own.
 * NULL when the mapping has no such row. */
static char *slot_value(sqlite3_int64 code_id, const char *kind, const char *set,
                        const char *want)
{
	static sqlite3_stmt *to, *from;
	if (!to)
		to = prepare("SELECT m.by_default, c.number, c.reason, m.source FROM mapping m"
		             " JOIN code_set s ON s.id = m.to_set LEFT JOIN code c ON c.id = m.to_id"
		             " WHERE m.from_id = ?1 AND s.key = ?2 AND m.standard = 1"
		             " ORDER BY m.position LIMIT 1");
	if (!from)
		from = prepare("SELECT 0, c.number, c.reason, m.source FROM mapping m"
		               " JOIN code c ON c.id = m.from_id JOIN code_set s ON s.id = c.set_id"
		               " WHERE m.to_id = ?1 AND s.key = ?2 AND m.standard = 1 AND m.by_default = 0"
		               " AND m.position = (SELECT MIN(m2.position) FROM mapping m2"
		               "  JOIN code c2 ON c2.id = m2.from_id"
		               "  WHERE c2.set_id = c.set_id AND m2.to_set = m.to_set AND m2.standard = 1)"
		               " ORDER BY c.number LIMIT 1");
	sqlite3_stmt *st = strcmp(kind, "from") == 0 ? from : to;
	sqlite3_bind_int64(st, 1, code_id);
	bind_text(st, 2, set);
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL &&
	    sqlite3_column_int(st, 0) == (strcmp(kind, "default") == 0)) {
		const char *source = (const char *)sqlite3_column_text(st, 3);
		const char *mark = strstr(source, " \xC2\xA7");   /* "RFC 3398 §7.2.4.1" */
		if (strcmp(want, "source") == 0)
			v = cr_xstrdup(source);
		else if (strcmp(want, "rfc") == 0)
			v = mark ? cr_xstrndup(source, (size_t)(mark - source)) : cr_xstrdup(source);
		else if (strcmp(want, "section") == 0)
			v = mark ? cr_xstrdup(mark + 3) : NULL;
		else
			v = cr_asprintf("%d %s", sqlite3_column_int(st, 1),
			                (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	return v;
}

/* "to.sip" or "to.sip.source": the slot's value for a code, or NULL. */
static char *slot(sqlite3_int64 code_id, int number, const char *name, size_t n)
{
	char buf[64];
	if (n >= sizeof buf)
		return NULL;
	memcpy(buf, name, n);
	buf[n] = '\0';
	if (strcmp(buf, "number") == 0)
		return cr_asprintf("%d", number);
	char *save = NULL;
	const char *kind = strtok_r(buf, ".", &save), *set = strtok_r(NULL, ".", &save);
	const char *want = strtok_r(NULL, ".", &save);
	if (!kind || !set || strtok_r(NULL, ".", &save) ||
	    !(strcmp(kind, "to") == 0 || strcmp(kind, "from") == 0 || strcmp(kind, "default") == 0) ||
	    (want && strcmp(want, "source") != 0 && strcmp(want, "rfc") != 0 &&
	     strcmp(want, "section") != 0))
		return NULL;
	return slot_value(code_id, kind, set, want ? want : "code");
}

/* The template's text with its slots filled for a code; NULL when a slot
 * has no value for it (the next template is tried). */
static char *expand(const char *text, sqlite3_int64 code_id, int number)
{
	struct cr_buf b = { 0 };
	for (const char *p = text; *p;) {
		const char *open = strchr(p, '{');
		if (!open) {
			cr_buf_adds(&b, p);
			break;
		}
		const char *close = strchr(open, '}');
		if (!close) {
			cr_buf_adds(&b, p);
			break;
		}
		cr_buf_add(&b, p, (size_t)(open - p));
		char *v = slot(code_id, number, open + 1, (size_t)(close - open - 1));
		if (!v) {
			cr_buf_free(&b);
			return NULL;
		}
		cr_buf_adds(&b, v);
		free(v);
		p = close + 1;
	}
	return cr_buf_take(&b);
}

/* Checks a flow as the program will read it, in every language; errors
 * name the file line of the flow's own line. */
static int check_flow(const char *text, const char *path, int line, const char *what)
{
	int ok = 1;
	for (int l = 0; l < nlangs && ok; l++) {
		struct cr_flow f;
		char *why = NULL;
		if (cr_flow_parse(text, langs[l], &f, &why) < 0) {
			int at = 1;
			const char *msg = why ? why : "bad flow";
			if (why && sscanf(why, "line %d:", &at) == 1)
				msg = strchr(why, ':') + 2;
			fail(path, line + at - 1, "%s: %s", what, msg);
			free(why);
			return 0;
		}
		size_t marked = 0;
		for (size_t i = 0; i < f.steps; i++)
			marked += f.step[i].marked;
		if (marked == 0) {
			fail(path, line, "%s: no step is marked as the code's own ('* ')", what);
			ok = 0;
		}
		for (size_t i = 0; i < f.entities && l == 0; i++)
			if (!has_string("flow.entity", f.entity[i])) {
				fail(path, line, "%s: element '%s' has no name (flow.entity.%s in db/lang/en.txt)",
				     what, f.entity[i], f.entity[i]);
				ok = 0;
			}
		cr_flow_free(&f);
	}
	return ok;
}

/* flows.txt (optional): one call flow per code ("Code: 486"), and template
 * flows for the codes without one ("Code: *"), tried in order: the first
 * whose slots all have values for a code is filled in for it. */
static void load_flows(const struct set_decl *set)
{
	static const char *const fields[] = { "Code", "Flow", NULL };
	char path[4096];
	snprintf(path, sizeof path, "%s/flows.txt", set->dir);
	struct stanza_reader r;
	if (stanza_open(&r, path) < 0)
		return;
	sqlite3_stmt *ins = prepare("INSERT INTO flow(code_id, text) VALUES (?1, ?2)");
	struct template { char *text; int line; int used; } *tpl = NULL;
	size_t ntpl = 0;
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		for (size_t i = 0; i < s.count; i++)
			if (!in_list(s.fields[i].name, fields))
				fail(path, s.fields[i].line, "unknown field '%s'", s.fields[i].name);
		const struct stanza_field *flow = stanza_get(&s, "Flow");
		const char *code = stanza_value(&s, "Code");
		if (!flow) {
			fail(path, s.line, "stanza without a Flow");
		} else if (code && strcmp(code, "*") == 0) {
			tpl = cr_xrealloc(tpl, (ntpl + 1) * sizeof *tpl);
			tpl[ntpl++] = (struct template){ cr_xstrdup(flow->value), flow->line, 0 };
		} else {
			int number = parse_code(&s, path);
			sqlite3_int64 id = number < 0 ? -1 : find_code(set->id, number);
			char what[32];
			snprintf(what, sizeof what, "code %d", number);
			if (number >= 0 && id < 0)
				fail(path, s.line, "flow for code %d, which codes.txt does not have", number);
			else if (id >= 0 && check_flow(flow->value, path, flow->line, what)) {
				sqlite3_bind_int64(ins, 1, id);
				bind_text(ins, 2, flow->value);
				step_done(ins, path, s.line);   /* a second flow breaks the key */
			}
		}
		stanza_free(&s);
	}
	if (rc < 0)
		errors++;
	if (ntpl) {
		sqlite3_stmt *rest = prepare("SELECT c.id, c.number FROM code c WHERE c.set_id = ?1"
		                             " AND c.id NOT IN (SELECT code_id FROM flow) ORDER BY c.number");
		sqlite3_bind_int64(rest, 1, set->id);
		while (sqlite3_step(rest) == SQLITE_ROW) {
			sqlite3_int64 id = sqlite3_column_int64(rest, 0);
			int number = sqlite3_column_int(rest, 1);
			for (size_t t = 0; t < ntpl; t++) {
				char *text = expand(tpl[t].text, id, number);
				if (!text)
					continue;
				char what[48];
				snprintf(what, sizeof what, "template for code %d", number);
				if (check_flow(text, path, tpl[t].line, what)) {
					sqlite3_stmt *one = prepare("INSERT INTO flow(code_id, text) VALUES (?1, ?2)");
					sqlite3_bind_int64(one, 1, id);
					bind_text(one, 2, text);
					step_done(one, path, tpl[t].line);
					sqlite3_finalize(one);
				}
				free(text);
				tpl[t].used++;
				break;
			}
		}
		sqlite3_finalize(rest);
	}
	/* A template no code takes has a slot misspelt, or is dead. */
	for (size_t t = 0; t < ntpl; t++)
		if (!tpl[t].used)
			fail(path, tpl[t].line, "a template flow that no code takes (is a slot misspelt?)");
	for (size_t t = 0; t < ntpl; t++)
		free(tpl[t].text);
	free(tpl);
	sqlite3_finalize(ins);
	stanza_close(&r);
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
		struct set_decl *set = load_set_header(argv[i]);
		load_codes(set);
		for (int l = 0; l < nlangs; l++)
			load_texts(set, langs[l]);
	}
	/* After every set, so that a note may pair codes of two sets. */
	for (int k = 0; k < nsets; k++) {
		load_pairs(&sets[k]);
		load_mapping(&sets[k]);
	}
	if (!errors)
		build_mapping();
	/* After the mapping: template flows are filled in from it. */
	for (int k = 0; k < nsets && !errors; k++)
		load_flows(&sets[k]);
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
	/* The statements kept for the whole run (find_code, insert_fact). */
	for (sqlite3_stmt *st; (st = sqlite3_next_stmt(db, NULL)) != NULL;)
		sqlite3_finalize(st);
	if (sqlite3_close(db) != SQLITE_OK)
		die_sql("close");
	if (rename(tmp, out) != 0) {
		fprintf(stderr, "dbgen: %s: %s\n", out, strerror(errno));
		return 1;
	}
	return 0;
}
