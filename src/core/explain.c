#include "config.h"

#include "explain.h"
#include "card.h"
#include "code.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Distinct codes kept; past this the cache starts again (a log of random
 * numbers must not grow memory). */
#define CACHE_SLOTS 2048
#define CACHE_MAX 1536

struct alias {
	char *name;
	const char *set;
	int number;
};

struct cr_explain {
	struct cr_db *db;
	const char *lang;
	struct alias *alias;
	size_t nalias;
	/* Whether some name has this length (< 64) and first letter: most
	 * words of capitals in a log ([NOTICE], CS_EXECUTE) end here. */
	bool shape[64][26];
	struct cr_scan_names names;
	struct cr_meaning *slot[CACHE_SLOTS];
	size_t count;
	/* The scanner's set names (static strings) and the database's keys
	 * for them: looked up once each. */
	struct { const char *scanned, *key; } set_of[8];
};

static const char *set_key(struct cr_explain *ex, const char *scanned)
{
	size_t i = 0;
	for (; i < CR_ARRAY_SIZE(ex->set_of) && ex->set_of[i].scanned; i++)
		if (ex->set_of[i].scanned == scanned)
			return ex->set_of[i].key;
	const char *key = cr_db_set_key(ex->db, scanned);
	if (i < CR_ARRAY_SIZE(ex->set_of))
		ex->set_of[i].scanned = scanned, ex->set_of[i].key = key;
	return key;
}

static int alias_cmp(const void *a, const void *b)
{
	return strcmp(((const struct alias *)a)->name, ((const struct alias *)b)->name);
}

/* A name against the n bytes at s, which may hold NULs (a log's), in the
 * order strcmp sorts names. */
static int name_cmp(const char *name, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char a = (unsigned char)name[i], b = (unsigned char)s[i];
		if (a == '\0')
			return -1;          /* the name ends first */
		if (a != b)
			return a < b ? -1 : 1;
	}
	return name[n] == '\0' ? 0 : 1;
}

static const struct alias *alias_find(const struct cr_explain *ex, const char *s, size_t n)
{
	size_t lo = 0, hi = ex->nalias;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = name_cmp(ex->alias[mid].name, s, n);
		if (c == 0)
			return &ex->alias[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool is_name(void *data, const char *s, size_t n)
{
	const struct cr_explain *ex = data;
	if (n >= 64 || s[0] < 'A' || s[0] > 'Z' || !ex->shape[n][s[0] - 'A'])
		return false;
	return alias_find(ex, s, n) != NULL;
}

static void load_aliases(struct cr_explain *ex)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(cr_db_sqlite(ex->db),
	                       "SELECT a.alias, s.key, c.number FROM code_alias a JOIN code c ON c.id = a.code_id"
	                       " JOIN code_set s ON s.id = c.set_id ORDER BY c.set_id, c.number",
	                       -1, &st, NULL) != SQLITE_OK)
		return;
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *set = cr_db_set_key(ex->db, (const char *)sqlite3_column_text(st, 1));
		if (!name || !set)
			continue;
		if (ex->nalias == cap) {
			cap = cap ? cap * 2 : 64;
			ex->alias = cr_xrealloc(ex->alias, cap * sizeof *ex->alias);
		}
		ex->alias[ex->nalias++] = (struct alias){ cr_xstrdup(name), set, sqlite3_column_int(st, 2) };
		size_t len = strlen(name);
		if (len < 64 && name[0] >= 'A' && name[0] <= 'Z')
			ex->shape[len][name[0] - 'A'] = true;
	}
	sqlite3_finalize(st);
	/* Stable for equal names: the first set's code wins, as in addresses. */
	if (ex->nalias)
		qsort(ex->alias, ex->nalias, sizeof *ex->alias, alias_cmp);
}

struct cr_explain *cr_explain_new(struct cr_db *db, const char *lang)
{
	struct cr_explain *ex = cr_xcalloc(1, sizeof *ex);
	ex->db = db;
	ex->lang = lang;
	ex->names = (struct cr_scan_names){ is_name, ex };
	load_aliases(ex);
	return ex;
}

static void meaning_free(struct cr_meaning *m)
{
	free(m->reason);
	free(m->former);
	free(m->title);
	free(m->meaning);
	free(m->shown);
	free(m->shown_json);
	cr_doc_free(&m->mapping);
	for (size_t i = 0; i < m->nmap; i++)
		free(m->map[i].source);
	free(m->map);
	free(m);
}

static void cache_clear(struct cr_explain *ex)
{
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		if (ex->slot[i])
			meaning_free(ex->slot[i]);
		ex->slot[i] = NULL;
	}
	ex->count = 0;
}

void cr_explain_set_lang(struct cr_explain *ex, const char *lang)
{
	cache_clear(ex);
	ex->lang = lang;
}

void cr_explain_free(struct cr_explain *ex)
{
	if (!ex)
		return;
	cache_clear(ex);
	for (size_t i = 0; i < ex->nalias; i++)
		free(ex->alias[i].name);
	free(ex->alias);
	free(ex);
}

const struct cr_scan_names *cr_explain_names(struct cr_explain *ex)
{
	return &ex->names;
}

/* The first sentence of a description: what the code means, in one line. */
static char *first_sentence(const char *text)
{
	if (!text)
		return NULL;
	size_t n = strcspn(text, "\n");
	const char *maru = strstr(text, "。");
	size_t end = n;
	if (maru && (size_t)(maru - text) < end)
		end = (size_t)(maru - text) + strlen("。");
	for (size_t i = 0; i + 1 < end; i++)
		if (text[i] == '.' && (text[i + 1] == ' ' || text[i + 1] == '\n') && i > 0 &&
		    !(i >= 2 && text[i - 2] == ' ' && text[i - 1] >= 'a' && text[i - 1] <= 'z') &&
		    !(i >= 3 && strncmp(text + i - 3, "e.g", 3) == 0) &&
		    !(i >= 3 && strncmp(text + i - 3, "i.e", 3) == 0)) {
			end = i + 1;
			break;
		}
	return cr_xstrndup(text, end);
}

static void load_map(struct cr_explain *ex, struct cr_meaning *m, long long id)
{
	sqlite3_stmt *st = cr_db_stmt(ex->db, CR_STMT_MAPPING_FROM);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *set = cr_db_set_key(ex->db, (const char *)sqlite3_column_text(st, 3));
		const char *source = (const char *)sqlite3_column_text(st, 0);
		if (!set || !source)
			continue;
		m->map = cr_xrealloc(m->map, (m->nmap + 1) * sizeof *m->map);
		m->map[m->nmap++] = (struct cr_map){
			.set = set,
			.number = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4),
			.source = cr_sanitize(source, 0),
			.standard = sqlite3_column_int(st, 1),
			.by_default = sqlite3_column_int(st, 2),
		};
	}
	sqlite3_reset(st);
}

static struct cr_meaning *look_up(struct cr_explain *ex, const char *set, int number)
{
	struct cr_meaning *m = cr_xcalloc(1, sizeof *m);
	m->set = set;
	m->set_name = cr_db_set_name(ex->db, set);
	m->number = number;
	m->key = cr_code_key(ex->db, set, number);
	struct cr_code c;
	if (cr_code_get(ex->db, set, number, ex->lang, &c) != CR_OK) {
		m->unregistered = true;
		return m;
	}
	m->known = true;
	m->cls = c.cls;
	m->deprecated = c.status && strcmp(c.status, "deprecated") == 0;
	m->unregistered = c.status && strcmp(c.status, "unregistered") == 0;
	m->reason = c.reason ? cr_xstrdup(c.reason) : NULL;
	m->former = c.former ? cr_xstrdup(c.former) : NULL;
	m->title = cr_card_title(ex->db, &c, ex->lang);
	m->meaning = first_sentence(c.text[CR_FIELD_DESCRIPTION]);
	cr_card_mappings(ex->db, &c, ex->lang, &m->mapping);
	load_map(ex, m, c.id);
	cr_code_free(&c);
	return m;
}

static struct cr_meaning *meaning_of(struct cr_explain *ex, const char *set, int number)
{
	size_t h = ((size_t)(uintptr_t)set * 31u + (size_t)number * 2654435761u) % CACHE_SLOTS;
	for (size_t k = 0; k < CACHE_SLOTS; k++) {
		struct cr_meaning *m = ex->slot[(h + k) % CACHE_SLOTS];
		if (!m)
			break;
		if (m->set == set && m->number == number)
			return m;
	}
	if (ex->count >= CACHE_MAX)
		cache_clear(ex);
	struct cr_meaning *m = look_up(ex, set, number);
	size_t k = h;
	while (ex->slot[k])
		k = (k + 1) % CACHE_SLOTS;
	ex->slot[k] = m;
	ex->count++;
	return m;
}

struct cr_meaning *cr_explain_finding(struct cr_explain *ex, const char *line,
                                            const struct cr_finding *f)
{
	if (f->kind == CR_FIND_CALL_ID || f->kind == CR_FIND_REQUEST_LINE)
		return NULL;
	const char *set = f->set ? set_key(ex, f->set) : NULL;
	int number = f->number;
	if (number < 0) {
		const struct alias *a = f->name_len ? alias_find(ex, line + f->name_at, f->name_len) : NULL;
		if (!a)
			return NULL;
		set = a->set;
		number = a->number;
	}
	if (!set)
		return NULL;
	return meaning_of(ex, set, number);
}

bool cr_explain_phrase_differs(struct cr_explain *ex, const struct cr_meaning *m, const char *phrase,
                               size_t n)
{
	if (!n || !m->known)
		return false;
	if ((m->reason && cr_scan_same_phrase(phrase, n, m->reason, strlen(m->reason))) ||
	    (m->former && cr_scan_same_phrase(phrase, n, m->former, strlen(m->former))))
		return false;
	/* text="USER_BUSY": a name of the code is no other phrase. */
	const struct alias *a = alias_find(ex, phrase, n);
	return !(a && a->set == m->set && a->number == m->number);
}
