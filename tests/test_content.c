/* The shipped content: the built database against the IANA registry data in
 * db/sip/registry.tsv, completeness in both languages, translation
 * provenance, and the grammar of every generated comparison. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "core/card.h"
#include "core/flow.h"
#include "core/hash.h"
#include "core/template.h"
#include "core/util.h"
#include "harness.h"

static struct cr_db *db;
static sqlite3 *sql;

static int open_db(void **state)
{
	char *why;
	if (cr_db_open(test_db(), &db, &why) != CR_OK) {
		fprintf(stderr, "%s\n", why);
		return -1;
	}
	sql = cr_db_sqlite(db);
	return 0;
}

static int close_db(void **state)
{
	cr_db_close(db);
	return 0;
}

static int count_of(const char *query)
{
	sqlite3_stmt *st;
	sqlite3_prepare_v2(sql, query, -1, &st, NULL);
	sqlite3_step(st);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int all_code_count(void)
{
	return count_of("SELECT count(*) FROM code");
}

/* The SIP set's. */
static int code_count(void)
{
	return count_of("SELECT count(*) FROM code WHERE set_id = (SELECT id FROM code_set WHERE key = 'sip')");
}

static int *all_numbers(int *count)
{
	*count = code_count();
	int *n = calloc((size_t)*count, sizeof *n);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(sql, "SELECT number FROM code WHERE set_id = (SELECT id FROM code_set WHERE key = 'sip') ORDER BY number", -1, &st, NULL);
	for (int i = 0; sqlite3_step(st) == SQLITE_ROW; i++)
		n[i] = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int *numbers_of(const char *set, int *count)
{
	sqlite3_stmt *st;
	sqlite3_prepare_v2(sql, "SELECT number FROM code WHERE set_id = (SELECT id FROM code_set WHERE key = ?1) "
		"ORDER BY number", -1, &st, NULL);
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	int *n = NULL, cap = 0;
	*count = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*count == cap)
			n = realloc(n, (size_t)(cap = cap ? 2 * cap : 64) * sizeof *n);
		n[(*count)++] = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

/* The position (from 1) of a class name on the Classes line of
 * db/SET/set.txt, which is how the database numbers a set's classes; 0 if
 * it is not there. */
static int class_index(const char *set, const char *name)
{
	char *path = cr_asprintf("%s/db/%s/set.txt", test_srcdir(), set);
	char *text = read_file(path, NULL);
	assert_non_null(text);
	int found = 0;
	char *line = strstr(text, "\nClasses:");
	if (line) {
		line[strcspn(line + 1, "\n") + 1] = '\0';
		char *save = NULL;
		int i = 1;
		for (char *t = strtok_r(line + 9, ", ", &save); t; t = strtok_r(NULL, ", ", &save), i++)
			if (strcmp(t, name) == 0)
				found = i;
	}
	free(text);
	free(path);
	return found;
}

/* Checks one set against its hand-transcribed registry, db/SET/registry.tsv:
 * every registered code with its exact name, reference, status and (where the
 * file has a fifth column) class, and nothing else unless the database marks
 * it "unregistered".  Returns the number of registry rows. */
static int registry_matches(const char *set)
{
	char *path = cr_asprintf("%s/db/%s/registry.tsv", test_srcdir(), set);
	char *tsv = read_file(path, NULL);
	if (!tsv)
		fail_msg("cannot read %s", path);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sql,
		"SELECT reason, rfc, status, class FROM code WHERE number = ?1 "
		"AND set_id = (SELECT id FROM code_set WHERE key = ?2)", -1, &st, NULL), SQLITE_OK);
	int registered = 0;
	char *save = NULL;
	for (char *line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		char *f[5] = { 0 };
		char *s2 = NULL;
		int n = 0;
		for (char *t = strtok_r(line, "\t", &s2); t && n < 5; t = strtok_r(NULL, "\t", &s2))
			f[n++] = t;
		if (n < 4)
			fail_msg("%s: short line for %s", path, f[0] ? f[0] : "?");
		const char *name = f[1], *cls = n == 5 ? f[2] : NULL;
		const char *ref = f[n - 2], *status = f[n - 1];
		sqlite3_bind_int(st, 1, atoi(f[0]));
		sqlite3_bind_text(st, 2, set, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			fail_msg("%s: registry code %s is missing from the database", set, f[0]);
		const char *col[4];
		for (int i = 0; i < 4; i++)
			col[i] = (const char *)sqlite3_column_text(st, i);
		if (strcmp(col[0], name) != 0)
			fail_msg("%s %s: name '%s', registry says '%s'", set, f[0], col[0], name);
		if (strcmp(col[1], ref) != 0)
			fail_msg("%s %s: reference '%s', registry says '%s'", set, f[0], col[1], ref);
		if (strcmp(col[2], status) != 0)
			fail_msg("%s %s: status '%s', registry says '%s'", set, f[0], col[2], status);
		if (cls && (!col[3] || atoi(col[3]) != class_index(set, cls)))
			fail_msg("%s %s: class %s, registry says '%s' (class %d in set.txt)", set, f[0],
				col[3] ? col[3] : "(none)", cls, class_index(set, cls));
		sqlite3_reset(st);
		registered++;
	}
	sqlite3_finalize(st);
	/* Nothing extra unless marked as not registered. */
	sqlite3_prepare_v2(sql, "SELECT count(*) FROM code WHERE status != 'unregistered' "
		"AND set_id = (SELECT id FROM code_set WHERE key = ?1)", -1, &st, NULL);
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	sqlite3_step(st);
	assert_int_equal(sqlite3_column_int(st, 0), registered);
	sqlite3_finalize(st);
	free(tsv);
	free(path);
	return registered;
}

static void database_matches_the_registry(void **state)
{
	(void)state;
	assert_int_equal(registry_matches("sip"), 75);
}

/* Every cause value Q.850 defines, with its name and class. */
static void q850_matches_its_table(void **state)
{
	(void)state;
	assert_int_equal(registry_matches("q850"), 71);
}

/* Every IANA warn-code; 390 and 392 are known, but as not registered. */
static void warning_matches_the_registry(void **state)
{
	(void)state;
	assert_int_equal(registry_matches("warning"), 15);
	assert_int_equal(count_of("SELECT count(*) FROM code JOIN code_set s ON s.id = code.set_id "
		"WHERE s.key = 'warning' AND status = 'unregistered' AND number IN (390, 392)"), 2);
}

static const char *status_of(const char *set, int number)
{
	static char status[32];
	sqlite3_stmt *st;
	sqlite3_prepare_v2(sql, "SELECT status FROM code WHERE number = ?1 AND set_id = (SELECT id FROM code_set WHERE key = ?2)", -1, &st, NULL);
	sqlite3_bind_int(st, 1, number);
	sqlite3_bind_text(st, 2, set, -1, SQLITE_STATIC);
	snprintf(status, sizeof status, "%s", sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "(missing)");
	sqlite3_finalize(st);
	return status;
}

/* Issue #15: the IANA HTTP Status Code registry, exactly, with its unused,
 * obsoleted and temporary entries, and the codes seen in logs marked as not
 * registered, each saying who uses it. */
static void http_matches_the_registry(void **state)
{
	assert_int_equal(registry_matches("http"), 64);
	static const struct { int number; const char *status; } marked[] = {
		{ 306, "unused" }, { 418, "unused" }, { 510, "obsoleted" }, { 104, "temporary" },
		{ 413, "registered" }, { 422, "registered" }, { 444, "unregistered" }, { 499, "unregistered" },
		{ 520, "unregistered" }, { 530, "unregistered" }, { 440, "unregistered" },
		{ 449, "unregistered" }, { 509, "unregistered" }, { 598, "unregistered" },
		{ 599, "unregistered" }, { 460, "unregistered" }, { 561, "unregistered" },
	};
	for (size_t i = 0; i < CR_ARRAY_SIZE(marked); i++)
		if (strcmp(status_of("http", marked[i].number), marked[i].status) != 0)
			fail_msg("http %d: status %s, expected %s", marked[i].number,
			         status_of("http", marked[i].number), marked[i].status);
	/* Every log code of the issue, and who uses each unregistered code. */
	static const int seen_in_logs[] = { 444, 494, 495, 496, 497, 499, 520, 521, 522, 523, 524, 525,
	                                    526, 527, 530, 440, 449, 509, 598, 599, 460, 463, 464, 561 };
	for (size_t i = 0; i < CR_ARRAY_SIZE(seen_in_logs); i++)
		if (strcmp(status_of("http", seen_in_logs[i]), "unregistered") != 0)
			fail_msg("http %d is not marked as not registered", seen_in_logs[i]);
	assert_int_equal(count_of("SELECT count(*) FROM code c WHERE c.status = 'unregistered'"
	                          " AND c.set_id = (SELECT id FROM code_set WHERE key = 'http')"),
	                 (int)CR_ARRAY_SIZE(seen_in_logs));
	assert_int_equal(count_of("SELECT count(*) FROM code c WHERE c.status = 'unregistered'"
	                          " AND c.set_id = (SELECT id FROM code_set WHERE key = 'http')"
	                          " AND (SELECT count(*) FROM fact f WHERE f.code_id = c.id AND f.kind = 'used-by'"
	                          "      AND f.lang IN ('en', 'ja')) != 2"), 0);
	/* The number IIS gives another meaning keeps its registered meaning and
	 * says so, in both languages. */
	assert_int_equal(count_of("SELECT count(*) FROM code c JOIN fact f ON f.code_id = c.id AND f.kind = 'other-use'"
	                          " WHERE c.number = 451 AND c.status = 'registered' AND f.lang IN ('en', 'ja')"
	                          " AND c.set_id = (SELECT id FROM code_set WHERE key = 'http')"), 2);
	/* 104's expiry is on the card's facts. */
	assert_int_equal(count_of("SELECT count(*) FROM code c JOIN fact f ON f.code_id = c.id AND f.kind = 'expires'"
	                          " WHERE c.number = 104 AND f.value LIKE '2026-11-13%'"), 1);
	/* Unused codes are listed as unused, not dropped: the list shows them with their tag. */
	struct cr_rows rows = { 0 };
	assert_int_equal(cr_list_after(db, "http", "en", 3, 4, 0, 200, &rows), CR_OK);
	int unused = 0;
	for (size_t i = 0; i < rows.count; i++)
		if (rows.row[i].number == 306 || rows.row[i].number == 418) {
			assert_string_equal(cr_row_status(&rows.row[i]), "unused");
			assert_string_equal(rows.row[i].reason, "(Unused)");
			unused++;
		}
	assert_int_equal(unused, 2);
	cr_rows_free(&rows);
}

/* Hiragana, katakana or kanji somewhere in s. */
static int has_japanese(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t c;
	while ((p = u8_next(&c, p)) != NULL)
		if (cr_is_cjk(c))
			return 1;
	return 0;
}

static void every_code_has_facts_and_both_languages(void **state)
{
	int n;
	int *numbers = all_numbers(&n);
	for (int i = 0; i < n; i++) {
		struct cr_code c;
		assert_int_equal(cr_code_get(db, "sip", numbers[i], "ja", &c), CR_OK);
		const char *facts[] = { c.reason, c.status, c.rfc, cr_code_fact(&c, "scope"), cr_code_fact(&c, "retry"),
		                        cr_code_fact(&c, "sender"), cr_code_fact(&c, "methods") };
		for (size_t k = 0; k < CR_ARRAY_SIZE(facts); k++)
			if (!facts[k] || !*facts[k])
				fail_msg("%d: fact %zu is empty", c.number, k);
		for (int f = 0; f < CR_FIELD__MAX; f++) {
			if (!c.text[f] || !*c.text[f] || c.fallback[f])
				fail_msg("%d: Japanese field %d is missing", c.number, f);
			if (!has_japanese(c.text[f]))
				fail_msg("%d: Japanese field %d is not Japanese: %s", c.number, f, c.text[f]);
		}
		cr_code_free(&c);
		assert_int_equal(cr_code_get(db, "sip", numbers[i], "en", &c), CR_OK);
		for (int f = 0; f < CR_FIELD__MAX; f++) {
			if (!c.text[f] || strlen(c.text[f]) < (f == CR_FIELD_GLOSS ? 3 : 40))
				fail_msg("%d: English field %d is missing or too short", c.number, f);
			if (has_japanese(c.text[f]))
				fail_msg("%d: English field %d has Japanese in it", c.number, f);
		}
		cr_code_free(&c);
	}
	free(numbers);
}

/* Issue #15: every HTTP code has its facts and both languages' texts. */
static void every_http_code_has_facts_and_both_languages(void **state)
{
	int n;
	int *numbers = numbers_of("http", &n);
	assert_true(n >= 88);
	for (int i = 0; i < n; i++) {
		struct cr_code c;
		assert_int_equal(cr_code_get(db, "http", numbers[i], "ja", &c), CR_OK);
		const char *facts[] = { c.reason, c.status, c.rfc, cr_code_fact(&c, "cacheable"),
		                        cr_code_fact(&c, "retry"), cr_code_fact(&c, "sender") };
		for (size_t k = 0; k < CR_ARRAY_SIZE(facts); k++)
			if (!facts[k] || !*facts[k])
				fail_msg("http %d: fact %zu is empty", c.number, k);
		if (c.number / 100 == 3 && c.number != 304 && c.number != 305 && c.number != 306 &&
		    !cr_code_fact(&c, "redirect"))
			fail_msg("http %d: a redirect without its Redirect fact", c.number);
		for (int f = 0; f < CR_FIELD__MAX; f++) {
			if (!c.text[f] || !*c.text[f] || c.fallback[f])
				fail_msg("http %d: Japanese field %d is missing", c.number, f);
			if (!has_japanese(c.text[f]))
				fail_msg("http %d: Japanese field %d is not Japanese: %s", c.number, f, c.text[f]);
		}
		cr_code_free(&c);
		assert_int_equal(cr_code_get(db, "http", numbers[i], "en", &c), CR_OK);
		for (int f = 0; f < CR_FIELD__MAX; f++) {
			if (!c.text[f] || strlen(c.text[f]) < (f == CR_FIELD_GLOSS ? 3 : 20))
				fail_msg("http %d: English field %d is missing or too short", c.number, f);
			if (has_japanese(c.text[f]))
				fail_msg("http %d: English field %d has Japanese in it", c.number, f);
		}
		cr_code_free(&c);
	}
	free(numbers);
}

/* Each translation names the English it was made from; a changed English
 * text fails here until the translation is revisited and restamped with
 * `db/dbgen --stamp db/sip/en.txt db/sip/ja.txt`. */
static void translations_follow_current_english(void **state)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sql,
		"SELECT c.number, e.gloss, e.description, e.seen, e.fix, e.use, t.source_hash"
		" FROM code c JOIN code_text e ON e.code_id = c.id AND e.lang = 'en'"
		" JOIN code_text t ON t.code_id = c.id AND t.lang != 'en'", -1, &st, NULL), SQLITE_OK);
	int checked = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *f[5];
		for (int i = 0; i < 5; i++)
			f[i] = (const char *)sqlite3_column_text(st, 1 + i);
		char hash[CR_HASH_HEX];
		cr_hash_fields(f, 5, hash);
		const char *recorded = (const char *)sqlite3_column_text(st, 6);
		if (!recorded || strcmp(recorded, hash) != 0)
			fail_msg("%d: the English changed since the translation (recorded %s, now %s)",
			         sqlite3_column_int(st, 0), recorded ? recorded : "none", hash);
		checked++;
	}
	sqlite3_finalize(st);
	assert_int_equal(checked, all_code_count());   /* every set's translations */
}

/* Words a Japanese sentence may carry in Latin letters: protocol tokens. */
static int allowed_latin_word(const char *w, const struct cr_code *a, const struct cr_code *b)
{
	static const char *const tokens[] = {
		"SIP", "IANA", "RFC", "UAS", "UA", "B2BUA", "STIR", "URI", "Identity", "xx", "Retry-After",
		"Contact", "Q", "FreeSWITCH", "Asterisk", "ISUP", "REL", "Warning", "cause",
		"HTTP", "CDN", "GET", "HEAD", "POST", "PUT", "DELETE", "Location", "Cache-Control", "Expires",
		NULL
	};
	for (const char *const *t = tokens; *t; t++)
		if (strcmp(w, *t) == 0)
			return 1;
	/* Reason phrases stay in English, also those of a third code a
	 * sentence names (the code a cause maps to). */
	static char *reasons;
	if (!reasons) {
		sqlite3_stmt *st;
		sqlite3_prepare_v2(sql, "SELECT ' ' || group_concat(reason, ' ') || ' ' FROM code", -1, &st, NULL);
		sqlite3_step(st);
		reasons = cr_xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		for (char *r = reasons; *r; r++)
			if (!isalnum((unsigned char)*r) && *r != '-')
				*r = ' ';
	}
	char spaced[80];
	snprintf(spaced, sizeof spaced, " %s ", w);
	if (strstr(reasons, spaced))
		return 1;
	const struct cr_code *codes[] = { a, b };
	for (int i = 0; i < 2; i++) {
		const char *lists[] = { codes[i]->reason, codes[i]->former, cr_code_fact(codes[i], "requires"),
		                        cr_code_fact(codes[i], "freeswitch"), cr_code_fact(codes[i], "asterisk"), codes[i]->rfc,
		                        cr_code_fact(codes[i], "related"), cr_code_fact(codes[i], "request"),
		                        cr_code_fact(codes[i], "methods"), codes[i]->text[CR_FIELD_GLOSS] };
		for (size_t k = 0; k < CR_ARRAY_SIZE(lists); k++)
			for (const char *hit = lists[k] ? strstr(lists[k], w) : NULL; hit;
			     hit = strstr(hit + 1, w)) {
				size_t n = strlen(w);
				if ((hit == lists[k] || !isalnum((unsigned char)hit[-1])) &&
				    !isalnum((unsigned char)hit[n]))
					return 1;
			}
	}
	return 0;
}

static void check_sentence(const char *s, const char *lang, const struct cr_code *a,
                           const struct cr_code *b)
{
	if (strchr(s, '{') || strchr(s, '}'))
		fail_msg("unfilled slot: %s", s);
	static const char *const empty_slots[] = {
		"  ", " ,", " .", " ;", "は、", "は。", "が。", "、、", "（）", " is .", "by ,", "by .",
		/* a Latin phrase glued to the kana after it */
		")は", ")を", ")と", ")が",
	};
	for (size_t i = 0; i < CR_ARRAY_SIZE(empty_slots); i++)
		if (strstr(s, empty_slots[i]))
			fail_msg("empty slot ('%s') in: %s", empty_slots[i], s);
	/* No word said twice in a row ("when when"), outside the code names. */
	char prev[64] = "";
	const char *p = s;
	while (*p) {
		/* Words count as doubled only when just spaces stand between. */
		while (*p && !isalpha((unsigned char)*p)) {
			if (*p != ' ')
				prev[0] = '\0';
			p++;
		}
		const char *start = p;
		while (*p && (isalnum((unsigned char)*p) || *p == '-'))
			p++;
		char word[64];
		snprintf(word, sizeof word, "%.*s", (int)(p - start), start);
		if (*word && strcasecmp(word, prev) == 0 && strcmp(word, "Not") != 0)
			fail_msg("doubled word '%s' in: %s", word, s);
		snprintf(prev, sizeof prev, "%s", word);
		if (strcmp(lang, "ja") == 0 && *word && isalpha((unsigned char)*word) &&
		    !allowed_latin_word(word, a, b))
			fail_msg("English word '%s' inside a Japanese sentence: %s", word, s);
	}
}

/* The hand-written note on a pair in one language, or NULL. */
static const char *pair_note(const char *xs, int x, const char *ys, int y, const char *lang)
{
	static char note[8192];
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sql,
		"SELECT p.note FROM pair_note p JOIN code a ON a.id = p.a_id JOIN code b ON b.id = p.b_id"
		" JOIN code_set sa ON sa.id = a.set_id JOIN code_set sb ON sb.id = b.set_id WHERE p.lang = ?5"
		" AND ((sa.key = ?1 AND a.number = ?2 AND sb.key = ?3 AND b.number = ?4)"
		"   OR (sa.key = ?3 AND a.number = ?4 AND sb.key = ?1 AND b.number = ?2))",
		-1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, xs, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, x);
	sqlite3_bind_text(st, 3, ys, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, y);
	sqlite3_bind_text(st, 5, lang, -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		snprintf(note, sizeof note, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return found ? note : NULL;
}

static void check_comparison_of(const char *xs, int x, const char *ys, int y, const char *lang)
{
	struct cr_code a, b;
	if (cr_code_get(db, xs, x, lang, &a) != CR_OK || cr_code_get(db, ys, y, lang, &b) != CR_OK)
		fail_msg("no %s:%d or %s:%d", xs, x, ys, y);
	struct cr_comparison cmp;
	cr_compare_build(db, &a, &b, lang, &cmp);
	/* Generated: the summary and the key differences (the use lines carry
	 * the codes' own texts, which the content checks cover). */
	check_sentence(cmp.head.block[0].text, lang, &a, &b);
	check_sentence(cmp.head.block[1].text, lang, &a, &b);
	/* Key differences and In common; the first difference is the pair's
	 * hand-written note when it has one, which is content, not generated. */
	const char *note = pair_note(xs, x, ys, y, lang);
	int in_use = 0, items = 0;
	for (size_t i = 0; i < cmp.tail.count; i++) {
		const struct cr_block *bl = &cmp.tail.block[i];
		if (bl->role == CR_ROLE_HEADING)
			in_use = strcmp(bl->text, cr_str(db, lang, "heading.use")) == 0;
		if (bl->role == CR_ROLE_ITEM && !in_use) {
			if (!(note && strcmp(bl->text, note) == 0))
				check_sentence(bl->text, lang, &a, &b);
			items++;
		}
	}
	assert_true(items >= 1);
	cr_comparison_free(&cmp);
	cr_code_free(&a);
	cr_code_free(&b);
}

static void check_comparison(int x, int y, const char *lang)
{
	check_comparison_of("sip", x, "sip", y, lang);
}

static void every_comparison_is_grammatical(void **state)
{
	int n;
	int *numbers = all_numbers(&n);
	static const char *const langs[] = { "en", "ja" };
	for (int l = 0; l < 2; l++) {
		for (int i = 0; i < n; i++) {
			int same_class = numbers[(i + 1) % n] / 100 == numbers[i] / 100 ? numbers[(i + 1) % n]
			                                                                 : numbers[(i + n - 1) % n];
			check_comparison(numbers[i], numbers[i], langs[l]);
			check_comparison(numbers[i], same_class, langs[l]);
			check_comparison(numbers[i], numbers[i] / 100 == 4 ? 200 : 486, langs[l]);
			check_comparison(numbers[i], 100, langs[l]);
		}
	}
	free(numbers);
}


/* Issue #15: every HTTP code compared with itself, a neighbour of its class,
 * a code of each other class, and across protocols with the SIP code of the
 * same number and with SIP codes that share nothing, in both languages. */
static void every_http_comparison_is_grammatical(void **state)
{
	int n;
	int *numbers = numbers_of("http", &n);
	static const char *const langs[] = { "en", "ja" };
	static const int others[] = { 100, 200, 301, 404, 503 };
	for (int l = 0; l < 2; l++) {
		for (int i = 0; i < n; i++) {
			int next = numbers[(i + 1) % n];
			int same_class = next / 100 == numbers[i] / 100 ? next : numbers[(i + n - 1) % n];
			check_comparison_of("http", numbers[i], "http", numbers[i], langs[l]);
			check_comparison_of("http", numbers[i], "http", same_class, langs[l]);
			for (size_t k = 0; k < CR_ARRAY_SIZE(others); k++)
				check_comparison_of("http", numbers[i], "http", others[k], langs[l]);
			check_comparison_of("http", numbers[i], "sip", 486, langs[l]);
		}
		int sn;
		int *sip = numbers_of("sip", &sn);
		for (int i = 0; i < sn; i++)
			check_comparison_of("sip", sip[i], "http", sip[i] / 100 == 6 ? 500 : 404, langs[l]);
		free(sip);
		static const int shared[] = { 404, 408, 500, 503, 200, 301, 302, 401, 403, 405 };
		for (size_t k = 0; k < CR_ARRAY_SIZE(shared); k++) {
			check_comparison_of("http", shared[k], "sip", shared[k], langs[l]);
			check_comparison_of("sip", shared[k], "http", shared[k], langs[l]);
		}
		check_comparison_of("http", 503, "q850", 34, langs[l]);
		check_comparison_of("warning", 399, "http", 399 / 100 * 100 + 4, langs[l]);
	}
	free(numbers);
}

/* ---- issue #10: sections, terminology, pair notes, header fields ---- */

/* The mapping RFC 3398 gives from a value of set `from` into set `to`: the
 * other code's number, -1 for "no code", -2 when there is no RFC 3398 row;
 * *by_default says whether the row comes from the table's default. */
static int rfc3398_maps(const char *from, int number, const char *to, int *by_default)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sql,
		"SELECT t.number, m.by_default FROM mapping m "
		"JOIN code c ON c.id = m.from_id JOIN code_set fs ON fs.id = c.set_id "
		"JOIN code_set ts ON ts.id = m.to_set LEFT JOIN code t ON t.id = m.to_id "
		"WHERE fs.key = ?1 AND c.number = ?2 AND ts.key = ?3 AND m.source LIKE 'RFC 3398 %'",
		-1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, number);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	int result = -2;
	if (sqlite3_step(st) == SQLITE_ROW) {
		result = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 0);
		*by_default = sqlite3_column_int(st, 1);
		if (sqlite3_step(st) == SQLITE_ROW)
			fail_msg("%s:%d has two RFC 3398 rows into %s", from, number, to);
	}
	sqlite3_finalize(st);
	return result;
}

/* Both directions of the SIP <-> Q.850 mapping against RFC 3398's tables
 * as tests/rfc3398.tsv transcribes them: every row the RFC lists is in the
 * database as an explicit row, and every other cause or failure response
 * gets the RFC's default (500, 31). */
static void mapping_follows_rfc3398(void **state)
{
	(void)state;
	char *path = cr_asprintf("%s/tests/rfc3398.tsv", test_srcdir());
	char *tsv = read_file(path, NULL);
	assert_non_null(tsv);
	char listed[2][1000] = { { 0 } };
	int rows[2] = { 0, 0 };
	char *save = NULL;
	for (char *line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		char dir[16], to[16];
		int from;
		assert_int_equal(sscanf(line, "%15s %d %15s", dir, &from, to), 3);
		int d = strcmp(dir, "status") == 0;
		int want = strcmp(to, "-") == 0 ? -1 : atoi(to), by_default = -1;
		int got = rfc3398_maps(d ? "sip" : "q850", from, d ? "q850" : "sip", &by_default);
		if (got != want)
			fail_msg("%s %d: the database maps it to %d, RFC 3398 says %s", dir, from, got, to);
		if (by_default)
			fail_msg("%s %d: mapped only by default, but RFC 3398 lists it", dir, from);
		listed[d][from] = 1;
		rows[d]++;
	}
	assert_int_equal(rows[0], 33);
	assert_int_equal(rows[1], 37);
	/* The defaults, for every value the tables leave out. */
	sqlite3_stmt *st;
	sqlite3_prepare_v2(sql, "SELECT s.key, c.number FROM code c JOIN code_set s ON s.id = c.set_id "
		"WHERE s.key = 'q850' OR (s.key = 'sip' AND c.number >= 400)", -1, &st, NULL);
	int defaults = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int d = strcmp((const char *)sqlite3_column_text(st, 0), "sip") == 0;
		int n = sqlite3_column_int(st, 1), by_default = 0;
		if (listed[d][n])
			continue;
		int got = rfc3398_maps(d ? "sip" : "q850", n, d ? "q850" : "sip", &by_default);
		if (got != (d ? 31 : 500) || !by_default)
			fail_msg("%s:%d: expected RFC 3398's default %d, the database has %d%s",
				d ? "sip" : "q850", n, d ? 31 : 500, got, by_default ? "" : " (explicit)");
		defaults++;
	}
	sqlite3_finalize(st);
	assert_true(defaults > 40);
	free(tsv);
	free(path);
}

/* The numbers of one set, in order. */
/* Cross-set comparisons read right in both languages: every cause with the
 * SIP code RFC 3398 maps it to, with one it does not map to, and in both
 * orders; every warn-code with the responses it comes with and with others;
 * a cause with a warn-code. */
static void every_cross_set_comparison_is_grammatical(void **state)
{
	(void)state;
	static const char *const langs[] = { "en", "ja" };
	int nq, nw;
	int *causes = numbers_of("q850", &nq), *warns = numbers_of("warning", &nw);
	assert_true(nq > 0 && nw > 0);
	for (int l = 0; l < 2; l++) {
		for (int i = 0; i < nq; i++) {
			int by_default = 0, to = rfc3398_maps("q850", causes[i], "sip", &by_default);
			if (to > 0) {
				check_comparison_of("q850", causes[i], "sip", to, langs[l]);
				check_comparison_of("sip", to, "q850", causes[i], langs[l]);
			}
			check_comparison_of("q850", causes[i], "sip", 183, langs[l]);
			check_comparison_of("sip", 200, "q850", causes[i], langs[l]);
		}
		for (int i = 0; i < nw; i++) {
			check_comparison_of("warning", warns[i], "sip", 488, langs[l]);
			check_comparison_of("sip", 606, "warning", warns[i], langs[l]);
			check_comparison_of("warning", warns[i], "sip", 200, langs[l]);
			check_comparison_of("warning", warns[i], "q850", 17, langs[l]);
		}
	}
	free(causes);
	free(warns);
}

static void every_code_has_a_section(void **state)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sql,
		"SELECT number FROM code WHERE (section IS NULL OR section = '') AND set_id = (SELECT id FROM code_set WHERE key = 'sip')", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		fail_msg("code %d has no section of its RFC", sqlite3_column_int(st, 0));
	sqlite3_finalize(st);
}

/* db/lang/ja-terms.txt: stanzas of Preferred, Rejected (comma-separated
 * literal strings), Except (codes whose texts may use them), Note, Source. */
struct term_rule {
	char set[16];       /* "" for every set */
	char rejected[16][96];
	int nrejected;
	int except[16];
	int nexcept;
};

static int read_term_rules(struct term_rule *rules, int max)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/db/lang/ja-terms.txt", test_srcdir());
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[2048];
	int n = 0, open = 0;
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#')
			continue;
		if (!line[0]) {
			open = 0;
			continue;
		}
		if (!open) {
			assert_true(n < max);
			memset(&rules[n++], 0, sizeof *rules);
			open = 1;
		}
		struct term_rule *r = &rules[n - 1];
		char *v = strchr(line, ':');
		assert_non_null(v);
		*v++ = '\0';
		v += strspn(v, " ");
		if (strcmp(line, "Set") == 0)
			snprintf(r->set, sizeof r->set, "%s", v);
		if (strcmp(line, "Rejected") == 0 || strcmp(line, "Except") == 0) {
			char **items;
			size_t k = cr_split_list(v, &items);
			for (size_t i = 0; i < k; i++) {
				if (strcmp(line, "Rejected") == 0 && r->nrejected < 16)
					snprintf(r->rejected[r->nrejected++], sizeof r->rejected[0], "%s", items[i]);
				else if (r->nexcept < 16)
					r->except[r->nexcept++] = atoi(items[i]);
			}
			cr_free_list(items, k);
		}
	}
	fclose(fp);
	return n;
}

static int excepted(const struct term_rule *r, int a, int b)
{
	for (int i = 0; i < r->nexcept; i++)
		if (r->except[i] == a || r->except[i] == b)
			return 1;
	return 0;
}

/* set: the code set of the text, or NULL for strings every set shares. */
static void check_terms(const struct term_rule *rules, int n, const char *text, int a, int b,
                        const char *set, const char *where)
{
	for (int i = 0; i < n && text; i++)
		for (int k = 0; k < rules[i].nrejected && !(set && rules[i].set[0] && strcmp(rules[i].set, set) != 0); k++)
			if (strstr(text, rules[i].rejected[k]) && !excepted(&rules[i], a, b))
				fail_msg("%s uses '%s' (see db/lang/ja-terms.txt): %s", where,
				         rules[i].rejected[k], text);
}

static void japanese_uses_one_term_per_concept(void **state)
{
	struct term_rule rules[64];
	int n = read_term_rules(rules, 64);
	assert_true(n >= 10);
	char where[64];
	sqlite3_stmt *st;
	/* The texts of every code (keywords may hold variants on purpose: they
	 * are what people type). */
	assert_int_equal(sqlite3_prepare_v2(sql,
		"SELECT c.number, t.gloss, t.description, t.seen, t.fix, t.use, s.key FROM code c"
		" JOIN code_text t ON t.code_id = c.id AND t.lang = 'ja'"
		" JOIN code_set s ON s.id = c.set_id", -1, &st, NULL), SQLITE_OK);
	int texts = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int num = sqlite3_column_int(st, 0);
		snprintf(where, sizeof where, "the Japanese text of %d", num);
		for (int f = 1; f <= 5; f++)
			check_terms(rules, n, (const char *)sqlite3_column_text(st, f), num, num,
			            (const char *)sqlite3_column_text(st, 6), where);
		texts++;
	}
	sqlite3_finalize(st);
	assert_int_equal(texts, all_code_count());
	/* Headings, labels and templates. */
	assert_int_equal(sqlite3_prepare_v2(sql, "SELECT key, value FROM string WHERE lang = 'ja'",
	                                    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(where, sizeof where, "string %s", (const char *)sqlite3_column_text(st, 0));
		check_terms(rules, n, (const char *)sqlite3_column_text(st, 1), -1, -1, NULL, where);
	}
	sqlite3_finalize(st);
	/* Pair notes: the exceptions of either code apply. */
	assert_int_equal(sqlite3_prepare_v2(sql,
		"SELECT a.number, b.number, p.note, sa.key, sb.key FROM pair_note p JOIN code a ON a.id = p.a_id"
		" JOIN code b ON b.id = p.b_id JOIN code_set sa ON sa.id = a.set_id"
		" JOIN code_set sb ON sb.id = b.set_id WHERE p.lang = 'ja'", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int a = sqlite3_column_int(st, 0), b = sqlite3_column_int(st, 1);
		const char *sa = (const char *)sqlite3_column_text(st, 3), *sb = (const char *)sqlite3_column_text(st, 4);
		snprintf(where, sizeof where, "the note on %d/%d", a, b);
		/* a note across sets answers to the rules of both */
		check_terms(rules, n, (const char *)sqlite3_column_text(st, 2), a, b, sa, where);
		if (strcmp(sa, sb) != 0)
			check_terms(rules, n, (const char *)sqlite3_column_text(st, 2), a, b, sb, where);
	}
	sqlite3_finalize(st);
	/* The program's own messages (po/ja.po): every msgstr line, rules
	 * scoped to a set aside, as these name no code. */
	char *po_path = cr_asprintf("%s/po/ja.po", test_srcdir());
	char *po = read_file(po_path, NULL);
	assert_non_null(po);
	static struct term_rule unscoped[64];
	int m = 0;
	for (int i = 0; i < n; i++)
		if (!rules[i].set[0] && !rules[i].nexcept)
			unscoped[m++] = rules[i];
	int in_msgstr = 0, checked = 0;
	char *save = NULL;
	for (char *line = strtok_r(po, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "msgstr", 6) == 0)
			in_msgstr = 1;
		else if (line[0] != '"')
			in_msgstr = 0;
		if (in_msgstr) {
			check_terms(unscoped, m, line, -1, -1, NULL, "po/ja.po");
			checked++;
		}
	}
	assert_true(checked > 100);
	free(po);
	free(po_path);
	/* The rules bite: a rejected form in a made-up text is caught. */
	assert_true(rules[0].nrejected > 0);
}

/* A pair with a note: its two codes, each with its set's key. */
struct noted_pair {
	char set[2][16];
	int number[2];
};

static int noted_pairs(struct noted_pair **out)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sql,
		"SELECT sa.key, a.number, sb.key, b.number, count(DISTINCT p.lang) FROM pair_note p"
		" JOIN code a ON a.id = p.a_id JOIN code b ON b.id = p.b_id"
		" JOIN code_set sa ON sa.id = a.set_id JOIN code_set sb ON sb.id = b.set_id"
		" GROUP BY p.a_id, p.b_id", -1, &st, NULL), SQLITE_OK);
	int pairs = 0;
	struct noted_pair *all = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 4) != 2)
			fail_msg("the note on %s:%d/%s:%d is not in both languages", sqlite3_column_text(st, 0),
			         sqlite3_column_int(st, 1), sqlite3_column_text(st, 2), sqlite3_column_int(st, 3));
		all = realloc(all, (size_t)(pairs + 1) * sizeof *all);
		for (int k = 0; k < 2; k++) {
			snprintf(all[pairs].set[k], sizeof all[pairs].set[k], "%s", sqlite3_column_text(st, 2 * k));
			all[pairs].number[k] = sqlite3_column_int(st, 2 * k + 1);
		}
		pairs++;
	}
	sqlite3_finalize(st);
	*out = all;
	return pairs;
}

static int has_pair(const struct noted_pair *all, int n, const char *sx, int x, const char *sy, int y)
{
	for (int k = 0; k < n; k++)
		for (int side = 0; side < 2; side++)
			if (strcmp(all[k].set[side], sx) == 0 && all[k].number[side] == x &&
			    strcmp(all[k].set[!side], sy) == 0 && all[k].number[!side] == y)
				return 1;
	return 0;
}

static int pairs_of_set(const struct noted_pair *all, int n, const char *set)
{
	int count = 0;
	for (int k = 0; k < n; k++)
		count += strcmp(all[k].set[0], set) == 0 && strcmp(all[k].set[1], set) == 0;
	return count;
}

/* The first key difference of a pair with a note is that note, whichever
 * side is first, in both languages, within a set and across sets. */
static void pair_notes_cover_the_confusable_pairs(void **state)
{
	static const int required[][2] = {
		{ 301, 302 }, { 180, 183 }, { 480, 404 }, { 480, 408 }, { 486, 600 }, { 486, 603 },
		{ 403, 603 }, { 404, 604 }, { 500, 503 }, { 503, 504 }, { 408, 504 }, { 401, 407 },
		{ 401, 403 }, { 488, 606 }, { 415, 488 }, { 481, 487 }, { 487, 200 }, { 422, 423 },
		{ 484, 404 }, { 603, 607 }, { 603, 608 }, { 607, 608 }, { 436, 437 }, { 436, 438 },
		{ 437, 438 },
	};
	/* Issue #15's list for HTTP. */
	static const int required_http[][2] = {
		{ 301, 302 }, { 301, 307 }, { 301, 308 }, { 302, 303 }, { 302, 307 }, { 303, 307 },
		{ 307, 308 }, { 401, 403 }, { 400, 422 }, { 404, 410 }, { 409, 412 }, { 412, 428 },
		{ 500, 502 }, { 500, 503 }, { 500, 504 }, { 502, 503 }, { 503, 504 }, { 502, 504 },
		{ 429, 503 }, { 200, 204 }, { 201, 202 }, { 304, 200 }, { 405, 501 }, { 406, 415 },
		{ 408, 504 },
	};
	static const int across[] = { 404, 408, 500, 503 };
	struct noted_pair *all;
	int pairs = noted_pairs(&all);
	assert_true(pairs_of_set(all, pairs, "sip") >= 40);
	assert_true(pairs_of_set(all, pairs, "http") >= 25);
	for (size_t i = 0; i < CR_ARRAY_SIZE(required); i++)
		if (!has_pair(all, pairs, "sip", required[i][0], "sip", required[i][1]))
			fail_msg("no note on the pair %d/%d", required[i][0], required[i][1]);
	for (size_t i = 0; i < CR_ARRAY_SIZE(required_http); i++)
		if (!has_pair(all, pairs, "http", required_http[i][0], "http", required_http[i][1]))
			fail_msg("no note on the HTTP pair %d/%d", required_http[i][0], required_http[i][1]);
	for (size_t i = 0; i < CR_ARRAY_SIZE(across); i++)
		if (!has_pair(all, pairs, "http", across[i], "sip", across[i]))
			fail_msg("no note on http:%d/sip:%d", across[i], across[i]);
	static const char *const langs[] = { "en", "ja" };
	for (int k = 0; k < pairs; k++)
		for (int l = 0; l < 2; l++)
			for (int side = 0; side < 2; side++) {
				const char *sx = all[k].set[side], *sy = all[k].set[!side];
				int x = all[k].number[side], y = all[k].number[!side];
				struct cr_code a, b;
				assert_int_equal(cr_code_get(db, sx, x, langs[l], &a), CR_OK);
				assert_int_equal(cr_code_get(db, sy, y, langs[l], &b), CR_OK);
				struct cr_comparison cmp;
				cr_compare_build(db, &a, &b, langs[l], &cmp);
				assert_true(cmp.tail.count >= 2);
				assert_int_equal(cmp.tail.block[1].role, CR_ROLE_ITEM);
				const char *note = pair_note(sx, x, sy, y, langs[l]);
				assert_non_null(note);
				if (strcmp(cmp.tail.block[1].text, note) != 0)
					fail_msg("%s:%d vs %s:%d (%s): the note is not the first difference", sx, x,
					         sy, y, langs[l]);
				/* Across protocols, the note says what HTTP lacks. */
				if (strcmp(sx, sy) != 0 && (strcmp(sx, "sip") == 0 || strcmp(sy, "sip") == 0) &&
				    !strstr(note, "6xx"))
					fail_msg("%s:%d vs %s:%d (%s): the note does not mention SIP's 6xx class", sx,
					         x, sy, y, langs[l]);
				cr_comparison_free(&cmp);
				cr_code_free(&a);
				cr_code_free(&b);
			}
	free(all);
}

/* Header fields every response has are never facts of a code, so no
 * generated sentence lists them. */
static void no_header_field_every_response_has(void **state)
{
	static const char *const everywhere[] = { "Via", "From", "To", "Call-ID", "CSeq" };
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sql,
		"SELECT c.number, f.value FROM code c JOIN fact f ON f.code_id = c.id"
		" JOIN set_fact d ON d.set_id = c.set_id AND d.kind = f.kind WHERE d.type = 'fields'",
		-1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int f = 1; f <= 1; f++) {
			char **items;
			size_t n = cr_split_list((const char *)sqlite3_column_text(st, f), &items);
			for (size_t i = 0; i < n; i++)
				for (size_t k = 0; k < CR_ARRAY_SIZE(everywhere); k++)
					if (strcasecmp(items[i], everywhere[k]) == 0)
						fail_msg("code %d lists %s, which every response has",
						         sqlite3_column_int(st, 0), items[i]);
			cr_free_list(items, n);
		}
	sqlite3_finalize(st);
}

/* Whether label names the code: "486 Busy Here" for SIP 486 (the number
 * first), "REL cause 17" for Q.850 17 (after "cause": "100 Trying" in a
 * gateway flow is not cause 100). */
static bool names_code(const char *label, const char *set, int number)
{
	char num[24];
	snprintf(num, sizeof num, strcmp(set, "q850") == 0 ? "cause %d" : "%d", number);
	size_t n = strlen(num);
	for (const char *p = strstr(label, num); p; p = strstr(p + 1, num))
		if ((p == label || (p[-1] == ' ' && strcmp(set, "q850") == 0)) &&
		    (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/* Every SIP code and every Q.850 cause has a flow in the database; each
 * parses in every language, names only elements the string table names in
 * both, has its notes translated, marks exactly one message (the code's
 * own, where it is first sent), and draws at 40 columns in both styles. */
static void every_flow_is_sound(void **state)
{
	(void)state;
	assert_int_equal(count_of("SELECT count(*) FROM flow f JOIN code c ON c.id = f.code_id"
	                          " JOIN code_set s ON s.id = c.set_id WHERE s.key IN ('sip', 'q850')"),
	                 count_of("SELECT count(*) FROM code c JOIN code_set s ON s.id = c.set_id"
	                          " WHERE s.key IN ('sip', 'q850')"));
	/* HTTP: the codes where an intermediary is what matters. */
	assert_int_equal(count_of("SELECT count(*) FROM flow f JOIN code c ON c.id = f.code_id"
	                          " JOIN code_set s ON s.id = c.set_id WHERE s.key = 'http'"
	                          " AND (c.number IN (499, 502, 504) OR c.number BETWEEN 520 AND 526)"),
	                 10);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sql, "SELECT c.id, c.number, s.key FROM flow f"
	                                         " JOIN code c ON c.id = f.code_id"
	                                         " JOIN code_set s ON s.id = c.set_id", -1, &st, NULL),
	                 SQLITE_OK);
	int flows = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		int number = sqlite3_column_int(st, 1);
		char set[16];
		snprintf(set, sizeof set, "%s", (const char *)sqlite3_column_text(st, 2));
		struct cr_flow en, ja;
		if (cr_flow_get(db, id, "en", &en) != 1 || cr_flow_get(db, id, "ja", &ja) != 1)
			fail_msg("%s %d: the flow does not parse", set, number);
		assert_int_equal(en.steps, ja.steps);
		size_t marked = 0;
		for (size_t i = 0; i < en.entities; i++) {
			char key[64];
			snprintf(key, sizeof key, "flow.entity.%s", en.entity[i]);
			if (!cr_str_has(db, "en", key) || !cr_str_has(db, "ja", key))
				fail_msg("%s %d: element '%s' has no name in both languages", set, number, en.entity[i]);
		}
		for (size_t i = 0; i < en.steps; i++) {
			const struct cr_flow_step *e = &en.step[i], *j = &ja.step[i];
			if (e->marked && !e->action && !names_code(e->label, set, number))
				fail_msg("%s %d: step %zu '%s' is marked but is not the code", set, number, i + 1,
				         e->label);
			marked += e->marked;
			if (e->note && (!j->note || strcmp(e->note, j->note) == 0))
				fail_msg("%s %d: step %zu has no Japanese note", set, number, i + 1);
		}
		if (marked != 1)
			fail_msg("%s %d: %zu messages marked as the code's own, not exactly one", set, number, marked);
		struct cr_flow_name names[CR_FLOW_MAX_ENTITIES];
		for (int style = 0; style < 2; style++) {
			struct cr_flow_lines l;
			cr_flow_names(db, "ja", &ja, names);
			if (cr_flow_render(&ja, names, 40, style ? CR_FLOW_ASCII : 0, &l) < 0)
				fail_msg("%s %d: no ladder at 40 columns", set, number);
			cr_flow_lines_free(&l);
		}
		cr_flow_free(&en);
		cr_flow_free(&ja);
		flows++;
	}
	sqlite3_finalize(st);
	assert_true(flows >= 75 + 71 + 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(database_matches_the_registry),
		cmocka_unit_test(http_matches_the_registry),
		cmocka_unit_test(q850_matches_its_table),
		cmocka_unit_test(warning_matches_the_registry),
		cmocka_unit_test(mapping_follows_rfc3398),
		cmocka_unit_test(every_cross_set_comparison_is_grammatical),
		cmocka_unit_test(every_code_has_facts_and_both_languages),
		cmocka_unit_test(every_http_code_has_facts_and_both_languages),
		cmocka_unit_test(translations_follow_current_english),
		cmocka_unit_test(every_comparison_is_grammatical),
		cmocka_unit_test(every_http_comparison_is_grammatical),
		cmocka_unit_test(every_code_has_a_section),
		cmocka_unit_test(japanese_uses_one_term_per_concept),
		cmocka_unit_test(pair_notes_cover_the_confusable_pairs),
		cmocka_unit_test(no_header_field_every_response_has),
		cmocka_unit_test(every_flow_is_sound),
	};
	return cmocka_run_group_tests_name("content", tests, open_db, close_db);
}
