#include "config.h"

#include "code.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *column(sqlite3_stmt *st, int i)
{
	return cr_sanitize((const char *)sqlite3_column_text(st, i), 0);
}

/* Texts keep their paragraph breaks. */
static char *column_text(sqlite3_stmt *st, int i)
{
	return cr_sanitize((const char *)sqlite3_column_text(st, i), 1);
}

enum cr_result cr_code_get(struct cr_db *db, const char *set, int number,
                           const char *lang, struct cr_code *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_CODE);
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, number);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return CR_NOT_FOUND;
	if (rc != SQLITE_ROW)
		return CR_DB_ERROR;
	sqlite3_int64 id = sqlite3_column_int64(st, 0);
	out->number = sqlite3_column_int(st, 1);
	out->reason = column(st, 2);
	out->former = column(st, 3);
	out->cls = sqlite3_column_int(st, 4);
	out->status = column(st, 5);
	out->rfc = column(st, 6);
	out->section = column(st, 7);
	out->set = cr_db_set_key(db, (const char *)sqlite3_column_text(st, 8));
	out->deprecated_by = column(st, 9);
	out->deprecated_for = column(st, 10);
	out->id = id;
	sqlite3_reset(st);
	if (!out->set) {
		cr_code_free(out);
		return CR_DB_ERROR;
	}
	out->set_name = cr_xstrdup(cr_db_set_name(db, out->set));
	if (!out->reason)
		out->reason = cr_xstrdup("");

	/* Facts: the first row of each kind is the display language's, else
	 * the language-neutral value, else English. */
	st = cr_db_stmt(db, CR_STMT_FACTS);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);
		const char *row_lang = (const char *)sqlite3_column_text(st, 1);
		if (!kind || !row_lang || !sqlite3_column_text(st, 2) || !sqlite3_column_text(st, 3) ||
		    (out->nfacts && strcmp(out->fact[out->nfacts - 1].kind, kind) == 0))
			continue;
		out->fact = cr_xrealloc(out->fact, (out->nfacts + 1) * sizeof *out->fact);
		struct cr_fact *f = &out->fact[out->nfacts++];
		f->kind = column(st, 0);
		f->value = column_text(st, 2);
		f->type = column(st, 3);
		f->target = column(st, 4);
		f->same = column(st, 5);
		f->fallback = *row_lang && strcmp(row_lang, lang) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		cr_code_free(out);
		return CR_DB_ERROR;
	}

	/* The display language's row and the English row, in either order. */
	st = cr_db_stmt(db, CR_STMT_TEXT);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	char *english[CR_FIELD__MAX] = { 0 };
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *row_lang = (const char *)sqlite3_column_text(st, 0);
		int own = row_lang && strcmp(row_lang, lang) == 0;
		if (own && sqlite3_column_type(st, 1 + CR_FIELD__MAX) != SQLITE_NULL) {
			free(out->keywords);
			out->keywords = column(st, 1 + CR_FIELD__MAX);
		}
		for (int f = 0; f < CR_FIELD__MAX; f++) {
			if (sqlite3_column_type(st, 1 + f) == SQLITE_NULL)
				continue;
			char **slot = own ? &out->text[f] : &english[f];
			free(*slot);
			*slot = column_text(st, 1 + f);
		}
	}
	sqlite3_reset(st);
	for (int f = 0; f < CR_FIELD__MAX; f++) {
		if (!out->text[f] && english[f]) {
			out->text[f] = english[f];
			out->fallback[f] = strcmp(lang, "en") != 0;
		} else {
			free(english[f]);
		}
	}
	if (rc != SQLITE_DONE) {
		cr_code_free(out);
		return CR_DB_ERROR;
	}
	return CR_OK;
}

void cr_code_free(struct cr_code *c)
{
	char **strings[] = {
		&c->set_name, &c->reason, &c->former, &c->status, &c->rfc, &c->section,
		&c->deprecated_by, &c->deprecated_for, &c->keywords,
	};
	for (size_t i = 0; i < CR_ARRAY_SIZE(strings); i++)
		free(*strings[i]);
	for (size_t i = 0; i < c->nfacts; i++) {
		free(c->fact[i].kind);
		free(c->fact[i].type);
		free(c->fact[i].target);
		free(c->fact[i].same);
		free(c->fact[i].value);
	}
	free(c->fact);
	for (int f = 0; f < CR_FIELD__MAX; f++)
		free(c->text[f]);
	memset(c, 0, sizeof *c);
}

const struct cr_fact *cr_code_fact_of(const struct cr_code *c, const char *kind)
{
	for (size_t i = 0; i < c->nfacts; i++)
		if (strcmp(c->fact[i].kind, kind) == 0)
			return &c->fact[i];
	return NULL;
}

const char *cr_code_fact(const struct cr_code *c, const char *kind)
{
	const struct cr_fact *f = cr_code_fact_of(c, kind);
	return f ? f->value : NULL;
}

char *cr_code_name(const struct cr_code *c)
{
	return cr_asprintf("%d %s", c->number, c->reason);
}

char *cr_code_full_name(const struct cr_code *c)
{
	return cr_asprintf("%s %d %s", c->set_name ? c->set_name : "", c->number, c->reason);
}

/* A row keeps its registry status in one letter (the schema's status keys). */
static const struct { char letter; const char *key; } status_letters[] = {
	{ 'r', "registered" }, { 'd', "deprecated" }, { 'o', "obsoleted" },
	{ 'n', "unused" }, { 't', "temporary" }, { 'u', "unregistered" },
};

static char status_letter(const char *key)
{
	for (size_t i = 0; key && i < sizeof status_letters / sizeof *status_letters; i++)
		if (strcmp(status_letters[i].key, key) == 0)
			return status_letters[i].letter;
	return 'r';
}

void cr_row_read_stmt(struct cr_row *r, sqlite3_stmt *st)
{
	r->number = sqlite3_column_int(st, 0);
	r->cls = sqlite3_column_int(st, 1);
	free(r->reason);
	r->reason = column(st, 2);
	if (!r->reason)
		r->reason = cr_xstrdup("");
	r->status = status_letter((const char *)sqlite3_column_text(st, 3));
	free(r->gloss);
	r->gloss = column(st, 4);
	const char *set = (const char *)sqlite3_column_text(st, 5);
	snprintf(r->set, sizeof r->set, "%s", set ? set : "");
}

void cr_rows_push_stmt(struct cr_rows *rows, sqlite3_stmt *st)
{
	if (rows->count == rows->cap) {
		rows->cap = rows->cap ? rows->cap * 2 : 64;
		rows->row = cr_xrealloc(rows->row, rows->cap * sizeof *rows->row);
	}
	struct cr_row *r = &rows->row[rows->count++];
	r->reason = r->gloss = NULL;
	cr_row_read_stmt(r, st);
	r->snippet = NULL;
	r->field = NULL;
	r->code_id = 0;
	r->match_col = -1;
	r->match_lang[0] = '\0';
	r->snippet_done = false;
}

static enum cr_result list_window(struct cr_db *db, enum cr_stmt id, const char *set,
                                  const char *lang, int lo, int hi, int key, int limit,
                                  struct cr_rows *out)
{
	cr_rows_clear(out);
	sqlite3_stmt *st = cr_db_stmt(db, id);
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, key);
	sqlite3_bind_int(st, 4, limit);
	sqlite3_bind_int(st, 5, lo);
	sqlite3_bind_int(st, 6, hi);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cr_rows_push_stmt(out, st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CR_OK : CR_DB_ERROR;
}

enum cr_result cr_list_after(struct cr_db *db, const char *set, const char *lang,
                             int lo, int hi, int after, int limit, struct cr_rows *out)
{
	return list_window(db, CR_STMT_LIST_AFTER, set, lang, lo, hi, after, limit, out);
}

enum cr_result cr_list_before(struct cr_db *db, const char *set, const char *lang,
                              int lo, int hi, int before, int limit, struct cr_rows *out)
{
	enum cr_result r = list_window(db, CR_STMT_LIST_BEFORE, set, lang, lo, hi, before, limit, out);
	for (size_t i = 0; i < out->count / 2; i++) {
		struct cr_row t = out->row[i];
		out->row[i] = out->row[out->count - 1 - i];
		out->row[out->count - 1 - i] = t;
	}
	return r;
}

static long count(struct cr_db *db, enum cr_stmt id, const char *set, int a, int b, int c, int nargs)
{
	sqlite3_stmt *st = cr_db_stmt(db, id);
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, a);
	sqlite3_bind_int(st, 3, b);
	if (nargs > 3)
		sqlite3_bind_int(st, 4, c);
	long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

long cr_list_position(struct cr_db *db, const char *set, int lo, int hi, int number)
{
	return count(db, CR_STMT_COUNT_BEFORE, set, number, lo, hi, 4);
}

long cr_list_count(struct cr_db *db, const char *set, int lo, int hi)
{
	return count(db, CR_STMT_COUNT, set, lo, hi, 0, 3);
}

const char *cr_row_status(const struct cr_row *r)
{
	for (size_t i = 0; i < sizeof status_letters / sizeof *status_letters; i++)
		if (status_letters[i].letter == r->status)
			return status_letters[i].key;
	return "registered";
}

void cr_rows_clear(struct cr_rows *rows)
{
	for (size_t i = 0; i < rows->count; i++) {
		free(rows->row[i].reason);
		free(rows->row[i].gloss);
		free(rows->row[i].snippet);
	}
	rows->count = 0;
	free(rows->suggestion);
	rows->suggestion = NULL;
}

void cr_rows_free(struct cr_rows *rows)
{
	cr_rows_clear(rows);
	free(rows->row);
	memset(rows, 0, sizeof *rows);
}

int cr_code_key(struct cr_db *db, const char *set, int number)
{
	size_t count;
	const struct cr_set *sets = cr_db_sets(db, &count);
	for (size_t i = 0; set && i < count; i++)
		if (strcmp(sets[i].key, set) == 0)
			return (int)i * CR_KEY_STRIDE + number;
	return -1;
}

const char *cr_key_set(struct cr_db *db, int key)
{
	size_t count;
	const struct cr_set *sets = cr_db_sets(db, &count);
	if (key < 0 || (size_t)(key / CR_KEY_STRIDE) >= count)
		return NULL;
	return sets[key / CR_KEY_STRIDE].key;
}

int cr_key_number(int key)
{
	return key < 0 ? -1 : key % CR_KEY_STRIDE;
}

void cr_rows_prefer_set(struct cr_rows *rows, const char *set)
{
	if (!set || rows->count < 2)
		return;
	/* Stable: by tier (0 to 3, 0 outside search), the set's rows first
	 * within a tier, else as ranked. */
	struct cr_row *sorted = cr_xcalloc(rows->count, sizeof *sorted);
	size_t n = 0;
	for (int tier = 3; tier >= 0; tier--)
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < rows->count; i++)
				if (rows->row[i].tier == tier && (strcmp(rows->row[i].set, set) == 0) == (pass == 0))
					sorted[n++] = rows->row[i];
	memcpy(rows->row, sorted, rows->count * sizeof *sorted);
	free(sorted);
}
