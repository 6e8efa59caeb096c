#include "config.h"

#include "address.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool all_digits(const char *s, size_t n)
{
	return n > 0 && n <= 6 && strspn(s, "0123456789") >= n;
}

static bool name_like(const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
	return n > 0 && n <= 64 && s[n] == '\0';
}

bool cr_address_like(const char *text)
{
	const char *colon = strchr(text, ':');
	if (colon)
		return colon > text && colon[1] != '\0';
	return name_like(text);
}

/* The set named by its key or its display name ("q850", "Q.850"), any case. */
static const struct cr_set *find_set(struct cr_db *db, const char *name, size_t n)
{
	size_t count;
	const struct cr_set *sets = cr_db_sets(db, &count);
	for (size_t i = 0; i < count; i++)
		if ((strlen(sets[i].key) == n && strncasecmp(sets[i].key, name, n) == 0) ||
		    (strlen(sets[i].name) == n && strncasecmp(sets[i].name, name, n) == 0))
			return &sets[i];
	return NULL;
}

enum cr_result cr_address_parse(struct cr_db *db, const char *text, const char *default_set,
                                struct cr_address *out)
{
	memset(out, 0, sizeof *out);
	const char *colon = strrchr(text, ':');
	if (colon) {
		const struct cr_set *set = find_set(db, text, (size_t)(colon - text));
		const char *digits = colon + 1;
		if (!set || !all_digits(digits, strlen(digits)))
			return CR_USAGE;
		out->set = set->key;
		out->number = atoi(digits);
		return CR_OK;
	}
	if (all_digits(text, strlen(text))) {
		out->number = atoi(text);
		out->set = cr_db_set_key(db, default_set);
		if (!out->set)
			return CR_USAGE;
		sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SETS_WITH);
		if (!st)
			return CR_DB_ERROR;
		sqlite3_bind_int(st, 1, out->number);
		const char *first = NULL;
		int in_default = 0, rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *key = cr_db_set_key(db, (const char *)sqlite3_column_text(st, 0));
			if (key == out->set)
				in_default = 1;
			else if (key && !first)
				first = key;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return CR_DB_ERROR;
		if (!in_default && first) {
			out->set = first;
			out->elsewhere = true;
		}
		return CR_OK;
	}
	if (!name_like(text))
		return CR_USAGE;
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_ALIAS);
	if (!st)
		return CR_DB_ERROR;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	enum cr_result r = CR_USAGE;
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->set = cr_db_set_key(db, (const char *)sqlite3_column_text(st, 0));
		out->number = sqlite3_column_int(st, 1);
		out->alias = true;
		r = out->set ? CR_OK : CR_DB_ERROR;
	}
	sqlite3_reset(st);
	return r;
}

char *cr_address_sets(struct cr_db *db)
{
	size_t count;
	const struct cr_set *sets = cr_db_sets(db, &count);
	struct cr_buf b = { 0 };
	for (size_t i = 0; i < count; i++) {
		if (i)
			cr_buf_adds(&b, ", ");
		cr_buf_adds(&b, sets[i].key);
	}
	return count ? cr_buf_take(&b) : cr_xstrdup("");
}
