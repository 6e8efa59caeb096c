/* Search as people type it: normalization, splitting Japanese queries,
 * ranking, relaxed matching, did-you-mean, and the vocabulary engineers
 * use (tests/vocab.tsv), all on the real built database. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/norm.h"
#include "core/search.h"
#include "core/util.h"
#include "harness.h"

static struct cr_db *db;

static int open_db(void **state)
{
	(void)state;
	char *why;
	if (cr_db_open(test_db(), &db, &why) != CR_OK) {
		fprintf(stderr, "%s\n", why);
		return -1;
	}
	return 0;
}

static int close_db(void **state)
{
	(void)state;
	cr_db_close(db);
	return 0;
}

static void assert_norm(const char *in, const char *want)
{
	char *got = cr_norm(in);
	if (strcmp(got, want) != 0)
		fail_msg("cr_norm(\"%s\") gave \"%s\", not \"%s\"", in, got, want);
	free(got);
}

static void assert_same(const char *a, const char *b)
{
	char *x = cr_norm(a), *y = cr_norm(b);
	if (strcmp(x, y) != 0)
		fail_msg("\"%s\" and \"%s\" normalize differently: \"%s\", \"%s\"", a, b, x, y);
	free(x);
	free(y);
}

static void normalization_meets_what_people_type(void **state)
{
	(void)state;
	/* Japanese spelling variants meet. */
	assert_same("サーバー", "サーバ");
	assert_same("ユーザー不明", "ユーザ不明");
	assert_same("インターフェース", "インタフェース");
	assert_same("話し中", "話中");
	assert_same("呼び出し中", "呼出中");
	assert_same("ｻｰﾊﾞｰ", "サーバー");
	assert_norm("コーデック", "コデック");
	/* Width and compatibility forms, case. */
	assert_norm("ＡＢＣ", "abc");
	assert_norm("４８６", "486");
	assert_norm("Busy HERE", "busy here");
	/* British spellings. */
	assert_norm("cancelled", "canceled");
	assert_norm("canceled", "canceled");
	assert_norm("dialled", "dialed");
	assert_norm("dialling", "dialing");
	assert_norm("signalling path", "signaling path");
	assert_norm("unauthorised", "unauthorized");
	assert_norm("behaviour", "behavior");
	assert_norm("recognised", "recognized");
	assert_norm("organisation", "organization");
	/* Words that only look British stay. */
	assert_norm("enterprise", "enterprise");
	assert_norm("cancel", "cancel");
	assert_norm("all", "all");
	/* Bad bytes do not get through. */
	char *bad = cr_norm("\xff\xfe busy");
	assert_non_null(strstr(bad, "busy"));
	free(bad);
}

struct parts {
	char s[8][64];
	int n;
};

static void add_part(const char *s, size_t n, void *data)
{
	struct parts *p = data;
	assert_true(p->n < 8 && n < 64);
	memcpy(p->s[p->n], s, n);
	p->s[p->n++][n] = '\0';
}

/* Queries are split after normalization, as cr_search does. */
static void assert_split(const char *in, int n, ...)
{
	struct parts p = { 0 };
	char *norm = cr_norm(in);
	cr_norm_split(norm, add_part, &p);
	free(norm);
	if (p.n != n)
		fail_msg("\"%s\" split into %d terms, not %d", in, p.n, n);
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *want = va_arg(ap, const char *);
		char *w = cr_norm(want);
		if (strcmp(p.s[i], w) != 0)
			fail_msg("\"%s\": term %d is \"%s\", not \"%s\"", in, i, p.s[i], w);
		free(w);
	}
	va_end(ap);
}

static void japanese_queries_split_at_scripts_and_particles(void **state)
{
	(void)state;
	assert_split("コーデックが合わない", 2, "コーデック", "合");
	assert_split("認証でエラー", 2, "認証", "エラー");
	assert_split("認証エラー", 2, "認証", "エラー");
	assert_split("ビジー", 1, "ビジー");
	assert_split("sipで486", 2, "sip", "486");
	assert_split("ユーザが見つからない", 2, "ユーザ", "見");
	/* One kana between kanji is spelling, not a particle: one term. */
	assert_split("相手が話し中", 1, "相手話中");
}

static int first(const char *lang, const char *q)
{
	struct cr_rows rows = { 0 };
	int n = cr_search(db, "sip", lang, q, 50, &rows) == CR_OK ? rows.row[0].number : -1;
	cr_rows_free(&rows);
	return n;
}

static void ranking_puts_the_name_first(void **state)
{
	(void)state;
	assert_int_equal(first("en", "busy"), 486);
	assert_int_equal(first("en", "Busy Here"), 486);
	assert_int_equal(first("en", "486 Busy Here"), 486);
	assert_int_equal(first("en", "SIP/2.0 486 Busy Here"), 486);
	assert_int_equal(first("en", "SIP/2.0 600 Busy Everywhere"), 600);
	assert_int_equal(first("en", "Busy Everywhere"), 600);
	assert_int_equal(first("en", "canceled"), 487);
	assert_int_equal(first("en", "cancelled"), 487);
	assert_int_equal(first("ja", "話中"), 486);
	assert_int_equal(first("ja", "ループ検出"), 482);
	assert_int_equal(first("ja", "キャンセル"), 487);
	assert_int_equal(first("ja", "転送"), 302);
	/* A run that matches nothing whole is cut into words the texts hold. */
	assert_int_equal(first("ja", "着信転送中"), 181);
	/* Every language, the display language first. */
	assert_int_equal(first("en", "話し中"), 486);
	assert_int_equal(first("ja", "busy"), 486);
}

/* One- and two-character Japanese terms are found in the names through the
 * cr_bigram index: singly and in pairs, the pair only where the two
 * characters stand together. */
static void short_japanese_terms_have_an_index(void **state)
{
	(void)state;
	sqlite3 *sql = cr_db_sqlite(db);
	static const struct { const char *match; int found; } cases[] = {
		{ "\"話中\"", 1 }, { "\"話\"", 1 }, { "\"中話\"", 0 }, { "\"ビジ\"", 1 },
	};
	for (size_t i = 0; i < CR_ARRAY_SIZE(cases); i++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(sql, "SELECT count(*) FROM search_names_bi"
		                                    " WHERE search_names_bi MATCH ?1", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, cases[i].match, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		if ((sqlite3_column_int(st, 0) > 0) != cases[i].found)
			fail_msg("%s: %d rows", cases[i].match, sqlite3_column_int(st, 0));
		sqlite3_finalize(st);
	}
}

static void relaxed_matching_and_did_you_mean(void **state)
{
	(void)state;
	struct cr_rows rows = { 0 };
	/* No code holds both words: codes holding one follow. */
	assert_int_equal(cr_search(db, "sip", "en", "busy zebra", 50, &rows), CR_OK);
	assert_int_equal(rows.row[0].number, 486);
	cr_rows_free(&rows);
	/* A word that matches nothing is corrected, and the correction said. */
	assert_int_equal(cr_search(db, "sip", "en", "unathorized", 50, &rows), CR_OK);
	assert_int_equal(rows.row[0].number, 401);
	assert_string_equal(rows.suggestion, "unauthorized");
	cr_rows_free(&rows);
	assert_int_equal(cr_search(db, "sip", "en", "tempory", 50, &rows), CR_OK);
	assert_string_equal(rows.suggestion, "temporarily");
	cr_rows_free(&rows);
	/* Nothing near: no match, no suggestion. */
	assert_int_equal(cr_search(db, "sip", "en", "qqqqzzzz", 50, &rows), CR_NOT_FOUND);
	assert_null(rows.suggestion);
	cr_rows_free(&rows);
}

static void results_say_why_they_matched(void **state)
{
	(void)state;
	struct cr_rows rows = { 0 };
	assert_int_equal(cr_search(db, "sip", "en", "engaged", 50, &rows), CR_OK);
	assert_int_equal(rows.row[0].number, 486);
	assert_string_equal(rows.row[0].field, "keywords");
	assert_non_null(strstr(rows.row[0].snippet, "\x01" "engaged" "\x02"));
	cr_rows_free(&rows);
	assert_int_equal(cr_search(db, "sip", "ja", "鳴動", 50, &rows), CR_OK);
	assert_non_null(rows.row[0].snippet);
	assert_non_null(strstr(rows.row[0].snippet, "\x01鳴動\x02"));
	cr_rows_free(&rows);
}

/* tests/vocab.tsv: at least 95% of the cases in the top five, per language
 * of the query. */
static void vocabulary_engineers_use(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/vocab.tsv", test_srcdir());
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[1024];
	int cases[2] = { 0 }, top1[2] = { 0 }, top5[2] = { 0 };
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *lang = line, *query = strchr(line, '\t');
		assert_non_null(query);
		*query++ = '\0';
		char *code = strchr(query, '\t');
		assert_non_null(code);
		*code++ = '\0';
		/* SET:N: a code of that set, searched while browsing it; a bare
		 * number is SIP's. */
		char set[16] = "sip";
		char *colon = strchr(code, ':');
		if (colon) {
			snprintf(set, sizeof set, "%.*s", (int)(colon - code), code);
			code = colon + 1;
		}
		int want = atoi(code), l = strcmp(lang, "ja") == 0;
		/* Which language the query is in: any byte above ASCII. */
		int ja_query = 0;
		for (const char *p = query; *p; p++)
			ja_query |= (unsigned char)*p >= 0x80;
		struct cr_rows rows = { 0 };
		int rank = -1;
		if (cr_search(db, set, lang, query, 50, &rows) == CR_OK)
			for (size_t i = 0; i < rows.count && i < 5 && rank < 0; i++)
				if (rows.row[i].number == want && strcmp(rows.row[i].set, set) == 0)
					rank = (int)i;
		cr_rows_free(&rows);
		(void)l;
		cases[ja_query]++;
		top1[ja_query] += rank == 0;
		top5[ja_query] += rank >= 0;
		if (rank < 0)
			fprintf(stderr, "miss: [%s] %s -> %s:%d\n", lang, query, set, want);
	}
	fclose(fp);
	static const char *const names[] = { "English", "Japanese" };
	for (int i = 0; i < 2; i++)
		fprintf(stderr, "vocabulary, %s queries: %d cases, %.1f%% first, %.1f%% in the top five\n",
		        names[i], cases[i], 100.0 * top1[i] / cases[i], 100.0 * top5[i] / cases[i]);
	for (int i = 0; i < 2; i++) {
		assert_true(cases[i] >= 150);
		if (top5[i] * 100 < cases[i] * 95)
			fail_msg("%s queries: %d of %d in the top five, under 95%%", names[i], top5[i], cases[i]);
	}
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Queries whose best answers are in the other sets: Q.850 causes and SIP
 * warn-codes, by name, number, implementation name and word. */
static const char *const other_sets[] = {
	"user busy", "USER_BUSY", "normal clearing", "17", "399", "Miscellaneous warning",
	"incompatible bandwidth", "cause 34", "話中", "相手ビジー", "帯域", "回線",
};

/* One query as typed, in the browser's way and the command line's, within
 * set (NULL: every set) with the rows of prefer first: the same rows in the
 * same order for the same reasons.  The browser's rows past the first are
 * not read when cr_rows_prefer_set orders them, as in the browser. */
static void compare_search(struct cr_db *warm, const char *set, const char *prefer,
                           const char *lang, const char *typed)
{
	struct cr_rows a = { 0 }, b = { 0 };
	int ra = cr_search(db, set, lang, typed, 100, &a);
	int rb = cr_search_ex(warm, set, lang, typed, 100, 0, &b);
	assert_int_equal(ra, rb);
	assert_int_equal(a.count, b.count);
	if (!same_text(a.suggestion, b.suggestion))
		fail_msg("[%s] %s: suggestion differs", lang, typed);
	cr_rows_prefer_set(&a, prefer);
	cr_rows_prefer_set(&b, prefer);
	cr_search_read(warm, b.row, b.count);
	for (size_t i = 0; i < a.count; i++) {
		const struct cr_row *x = &a.row[i], *y = &b.row[i];
		cr_search_gloss(warm, lang, &b.row[i]);
		if (x->number != y->number || x->cls != y->cls || x->status != y->status ||
		    strcmp(x->set, y->set) != 0 || !same_text(x->reason, y->reason) ||
		    x->tier != y->tier || x->match_col != y->match_col ||
		    strcmp(x->match_lang, y->match_lang) != 0 ||
		    !same_text(x->gloss, y->gloss))
			fail_msg("[%s] %s (set %s): row %zu differs (%s %d, %s %d)", lang, typed,
			         set ? set : "all", i, x->set, x->number, y->set, y->number);
		if (set)
			assert_string_equal(y->set, set);
	}
	cr_rows_free(&a);
	cr_rows_free(&b);
}

/* Every prefix of query as typed, across sets as the browser searches with
 * the browsed set first, and within one set (given in turn) as the command
 * line's --set does. */
static int compare_prefixes(struct cr_db *warm, const char *lang, const char *query, int *turn)
{
	static const char *const sets[] = { "sip", "q850", "warning" };
	int compared = 0;
	for (size_t n = 1; n <= strlen(query); n++) {
		if (((unsigned char)query[n] & 0xC0) == 0x80)
			continue;       /* inside a character */
		char typed[1024];
		snprintf(typed, sizeof typed, "%.*s", (int)n, query);
		const char *set = sets[(*turn)++ % CR_ARRAY_SIZE(sets)];
		compare_search(warm, NULL, set, lang, typed);
		compare_search(warm, set, NULL, lang, typed);
		compared++;
	}
	return compared;
}

/* The browser's search (cr_search_warm's map, rows and glosses read when
 * shown) finds what the command line's does, in the same order and for the
 * same reasons (so the same snippets), for every query of the vocabulary
 * and of the other sets, and every prefix of it as typed, in both display
 * languages. */
static void browser_finds_what_the_command_line_finds(void **state)
{
	(void)state;
	struct cr_db *warm;
	char *why;
	assert_int_equal(cr_db_open(test_db(), &warm, &why), CR_OK);
	assert_int_equal(cr_search_warm(warm), CR_OK);
	assert_int_equal(cr_search_warm(warm), CR_OK);     /* once is enough */
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/vocab.tsv", test_srcdir());
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[1024];
	int compared = 0, turn = 0;
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\n")] = '\0';
		char *query = strchr(line, '\t'), *end = query ? strchr(query + 1, '\t') : NULL;
		if (line[0] == '#' || !end)
			continue;
		*end = '\0';
		for (int l = 0; l < 2; l++)
			compared += compare_prefixes(warm, l ? "ja" : "en", query + 1, &turn);
	}
	fclose(fp);
	for (size_t i = 0; i < CR_ARRAY_SIZE(other_sets); i++)
		for (int l = 0; l < 2; l++)
			compared += compare_prefixes(warm, l ? "ja" : "en", other_sets[i], &turn);
	assert_true(compared > 1000);
	cr_db_close(warm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalization_meets_what_people_type),
		cmocka_unit_test(japanese_queries_split_at_scripts_and_particles),
		cmocka_unit_test(ranking_puts_the_name_first),
		cmocka_unit_test(short_japanese_terms_have_an_index),
		cmocka_unit_test(relaxed_matching_and_did_you_mean),
		cmocka_unit_test(results_say_why_they_matched),
		cmocka_unit_test(vocabulary_engineers_use),
		cmocka_unit_test(browser_finds_what_the_command_line_finds),
	};
	return cmocka_run_group_tests_name("search", tests, open_db, close_db);
}
