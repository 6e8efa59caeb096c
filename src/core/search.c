/* Search: number prefixes by range on the number index; words through the
 * trigram FTS5 index, with terms under three characters (which trigram cannot
 * match: 転送, 認証, "ok") checked on the content instead.  Input never
 * reaches FTS5 syntax: each term is a quoted phrase and is bound. */
#include "config.h"

#include "search.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* White space: ASCII blanks and U+3000 IDEOGRAPHIC SPACE (Japanese input). */
static size_t space_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		return 1;
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

void cr_terms_parse(const char *input, struct cr_terms *out)
{
	memset(out, 0, sizeof *out);
	char *clean = cr_sanitize(input ? input : "", 0);
	const char *p = clean;
	while (*p) {
		size_t k;
		while ((k = space_len(p)) > 0)
			p += k;
		const char *start = p;
		while (*p && space_len(p) == 0)
			p++;
		if (p > start) {
			out->term = cr_xrealloc(out->term, (out->count + 1) * sizeof *out->term);
			out->term[out->count++] = cr_xstrndup(start, (size_t)(p - start));
		}
	}
	free(clean);
}

void cr_terms_free(struct cr_terms *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->term[i]);
	free(t->term);
	memset(t, 0, sizeof *t);
}

static int is_number(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n > 0 && n <= 6 && s[n] == '\0';
}

static void add_phrase(struct cr_buf *b, const char *term)
{
	if (b->len)
		cr_buf_add(b, " ", 1);
	cr_buf_add(b, "\"", 1);
	for (const char *p = term; *p; p++) {
		if (*p == '"')
			cr_buf_add(b, "\"", 1);
		cr_buf_add(b, p, 1);
	}
	cr_buf_add(b, "\"", 1);
}

struct id_list {
	sqlite3_int64 *id;
	size_t count;
};

static int has_id(const struct id_list *ids, sqlite3_int64 id)
{
	for (size_t i = 0; i < ids->count; i++)
		if (ids->id[i] == id)
			return 1;
	return 0;
}

static void add_id(struct id_list *ids, sqlite3_int64 id)
{
	if (has_id(ids, id))
		return;
	ids->id = cr_xrealloc(ids->id, (ids->count + 1) * sizeof *ids->id);
	ids->id[ids->count++] = id;
}

static int collect(sqlite3_stmt *st, struct id_list *ids)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_id(ids, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Codes whose number starts with digits: the number itself, then one range
 * per longer length, up to six digits. */
static int search_number(struct cr_db *db, const char *set, const char *digits, int limit,
                         struct id_list *ids)
{
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_NUMBER);
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	long lo = atol(digits), hi = lo;
	size_t len = strlen(digits);
	for (int i = 0; i < 6; i++) {
		int ok = len + (size_t)i <= 6;
		sqlite3_bind_int64(st, 2 + 2 * i, ok ? lo : -1);
		sqlite3_bind_int64(st, 3 + 2 * i, ok ? hi : -1);
		lo = lo * 10;
		hi = hi * 10 + 9;
	}
	sqlite3_bind_int(st, 14, limit);
	return collect(st, ids);
}

/* A word search, both tiers, adding codes to ids until there are limit.
 * Only a window of the matches is ranked, the first in document order, so
 * that the cost does not grow with their number: four times limit documents
 * (one code has a document per language, and some are of the other
 * language or fail a short term), eight times more while that is not enough
 * and more matches remain. */
static int search_ranked(struct cr_db *db, const char *set, const char *lang,
                         const char *match, const char *shorts, int limit, struct id_list *ids)
{
	size_t base = ids->count;
	int rc = SQLITE_DONE;
	for (sqlite3_int64 window = limit < 64 ? 256 : 4 * (sqlite3_int64)limit;; window *= 8) {
		sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_BOUND);
		if (!st)
			return -1;
		sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, window - 1);
		rc = sqlite3_step(st);
		sqlite3_int64 last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : INT64_MAX;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;

		ids->count = base;
		st = cr_db_stmt(db, CR_STMT_SEARCH_RANKED);
		if (!st)
			return -1;
		sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, match, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, shorts, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, last);
		while ((int)ids->count < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
			add_id(ids, sqlite3_column_int64(st, 0));
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
		if ((int)ids->count >= limit || last == INT64_MAX)
			return 0;
	}
}

/* Only terms under three characters: documents in order until limit codes
 * are found; of those, the ones whose reason holds the terms come first. */
static int search_short(struct cr_db *db, const char *set, const char *lang,
                        const char *shorts, int limit, struct id_list *ids)
{
	struct id_list text = { 0 };
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_SHORT);
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, shorts, -1, SQLITE_STATIC);
	int rc = SQLITE_DONE;
	while ((int)(ids->count + text.count) < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int(st, 1))
			add_id(ids, id);
		else if (!has_id(ids, id))
			add_id(&text, id);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (size_t i = 0; i < text.count; i++)
		add_id(ids, text.id[i]);
	free(text.id);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

enum cr_result cr_search(struct cr_db *db, const char *set, const char *lang,
                         const char *input, int limit, struct cr_rows *out)
{
	cr_rows_clear(out);
	struct cr_terms t;
	cr_terms_parse(input, &t);
	if (t.count == 0) {
		cr_terms_free(&t);
		return CR_NOT_FOUND;
	}
	struct id_list ids = { 0 };
	int err = 0;
	if (t.count == 1 && is_number(t.term[0]))
		err |= search_number(db, set, t.term[0], limit, &ids);

	struct cr_buf match = { 0 }, shorts = { 0 };
	for (size_t i = 0; i < t.count; i++) {
		if (u8_mbsnlen((const uint8_t *)t.term[i], strlen(t.term[i])) >= 3) {
			add_phrase(&match, t.term[i]);
		} else {
			if (shorts.len)
				cr_buf_add(&shorts, "\x1f", 1);
			cr_buf_adds(&shorts, t.term[i]);
		}
	}
	if ((int)ids.count < limit) {
		const char *sh = shorts.s ? shorts.s : "";
		if (match.len)
			err |= search_ranked(db, set, lang, match.s, sh, limit, &ids);
		else
			err |= search_short(db, set, lang, sh, limit, &ids);
	}
	cr_buf_free(&match);
	cr_buf_free(&shorts);
	cr_terms_free(&t);

	sqlite3_stmt *row = cr_db_stmt(db, CR_STMT_SNIPPET);
	for (size_t i = 0; i < ids.count && (int)out->count < limit && !err; i++) {
		sqlite3_bind_int64(row, 1, ids.id[i]);
		sqlite3_bind_text(row, 2, lang, -1, SQLITE_STATIC);
		if (sqlite3_step(row) == SQLITE_ROW)
			cr_rows_push_stmt(out, row);
		sqlite3_reset(row);
	}
	free(ids.id);
	if (err) {
		cr_rows_clear(out);
		return sqlite3_errcode(cr_db_sqlite(db)) == SQLITE_INTERRUPT ? CR_INTERRUPTED : CR_DB_ERROR;
	}
	return out->count ? CR_OK : CR_NOT_FOUND;
}

static int same_nocase(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return 0;
	}
	return 1;
}

size_t cr_terms_find(const struct cr_terms *t, const char *s, size_t n, size_t *len)
{
	size_t best = n;
	*len = 0;
	for (size_t i = 0; i < t->count; i++) {
		size_t tl = strlen(t->term[i]);
		for (size_t off = 0; off + tl <= n && off < best; off++) {
			if (same_nocase(s + off, t->term[i], tl)) {
				if (off < best || tl > *len) {
					best = off;
					*len = tl;
				}
				break;
			}
		}
	}
	return best;
}
