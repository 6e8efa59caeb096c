/* Unit tests of the core against the real built database: lookup, fallback,
 * language choice, comparison sentences, search input, wrapping, sanitizing. */
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

#include "core/card.h"
#include "core/code.h"
#include "core/db.h"
#include "core/hash.h"
#include "core/lang.h"
#include "core/search.h"
#include "core/template.h"
#include "core/util.h"
#include "core/wrap.h"
#include "harness.h"

static struct cr_db *db;

static int open_db(void **state)
{
	char *why;
	if (cr_db_open(test_db(), &db, &why) != CR_OK) {
		fprintf(stderr, "%s\n", why);
		free(why);
		return -1;
	}
	return 0;
}

static int close_db(void **state)
{
	cr_db_close(db);
	return 0;
}

/* The document's blocks joined, one per line. */
static char *doc_text(const struct cr_doc *d)
{
	struct cr_buf b = { 0 };
	for (size_t i = 0; i < d->count; i++) {
		if (d->block[i].label)
			cr_buf_addf(&b, "%s: ", d->block[i].label);
		cr_buf_adds(&b, d->block[i].text);
		cr_buf_adds(&b, "\n");
	}
	return cr_buf_take(&b);
}

static char *comparison_text(struct cr_comparison *c)
{
	struct cr_buf b = { 0 };
	struct cr_doc *parts[] = { &c->head, &c->left, &c->right, &c->tail };
	for (size_t i = 0; i < 4; i++) {
		char *t = doc_text(parts[i]);
		cr_buf_adds(&b, t);
		free(t);
	}
	return cr_buf_take(&b);
}

static char *compare(int a, int b, const char *lang)
{
	struct cr_code ca, cb;
	assert_int_equal(cr_code_get(db, "sip", a, lang, &ca), CR_OK);
	assert_int_equal(cr_code_get(db, "sip", b, lang, &cb), CR_OK);
	struct cr_comparison cmp;
	cr_compare_build(db, &ca, &cb, lang, &cmp);
	char *t = comparison_text(&cmp);
	cr_comparison_free(&cmp);
	cr_code_free(&ca);
	cr_code_free(&cb);
	return t;
}

/* ---- lookup ---- */

static void lookup_finds_code_with_history(void **state)
{
	struct cr_code c;
	assert_int_equal(cr_code_get(db, "sip", 437, "en", &c), CR_OK);
	assert_string_equal(c.reason, "Unsupported Credential");
	assert_string_equal(c.former, "Unsupported Certificate");
	assert_string_equal(c.rfc, "RFC 8224");
	assert_int_equal(c.cls, 4);
	assert_string_equal(cr_code_fact(&c, "kind"), "final");
	for (int f = 0; f < CR_FIELD__MAX; f++) {
		assert_non_null(c.text[f]);
		assert_false(c.fallback[f]);
	}
	cr_code_free(&c);

	assert_int_equal(cr_code_get(db, "sip", 202, "en", &c), CR_OK);
	assert_string_equal(c.status, "deprecated");
	cr_code_free(&c);
	assert_int_equal(cr_code_get(db, "sip", 100, "ja", &c), CR_OK);
	assert_string_equal(cr_code_fact(&c, "kind"), "provisional");
	cr_code_free(&c);
}

static void lookup_reports_missing_code(void **state)
{
	struct cr_code c;
	assert_int_equal(cr_code_get(db, "sip", 999, "en", &c), CR_NOT_FOUND);
	assert_int_equal(cr_code_get(db, "sip", 409, "en", &c), CR_NOT_FOUND);
	assert_int_equal(cr_code_get(db, "http", 999, "en", &c), CR_NOT_FOUND);
	assert_int_equal(cr_code_get(db, "nosuchset", 404, "en", &c), CR_NOT_FOUND);
}

static void card_has_localized_headings(void **state)
{
	struct cr_code c;
	assert_int_equal(cr_code_get(db, "sip", 486, "ja", &c), CR_OK);
	struct cr_doc d;
	cr_card_build(db, &c, "ja", CR_CARD_FULL, &d);
	char *t = doc_text(&d);
	assert_non_null(strstr(t, "SIP 486 Busy Here（"));
	assert_non_null(strstr(t, "説明\n"));
	assert_non_null(strstr(t, "このコードが表示される場合\n"));
	assert_non_null(strstr(t, "解決方法\n"));
	assert_non_null(strstr(t, "4xx クライアントエラー"));
	assert_null(strstr(t, "未翻訳"));
	free(t);
	cr_doc_free(&d);
	cr_code_free(&c);
}

/* A copy of the database with holes in the Japanese: 486 has no Japanese
 * fix text, and the Japanese heading for "When" is gone. */
static void fallback_shows_english_with_notice(void **state)
{
	char *path = copy_test_db("partial.db",
		"UPDATE code_text SET fix = NULL WHERE lang = 'ja' AND code_id = (SELECT id FROM code WHERE number = 486);"
		"DELETE FROM code_text WHERE lang = 'ja' AND code_id = (SELECT id FROM code WHERE number = 603);"
		"DELETE FROM string WHERE lang = 'ja' AND key = 'heading.when';");

	struct cr_db *partial;
	char *why;
	assert_int_equal(cr_db_open(path, &partial, &why), CR_OK);
	struct cr_code c;
	assert_int_equal(cr_code_get(partial, "sip", 486, "ja", &c), CR_OK);
	assert_true(c.fallback[CR_FIELD_FIX]);
	assert_false(c.fallback[CR_FIELD_DESCRIPTION]);
	assert_non_null(strstr(c.text[CR_FIELD_FIX], "signaling path"));
	struct cr_doc d;
	cr_card_build(partial, &c, "ja", CR_CARD_FULL, &d);
	char *t = doc_text(&d);
	/* The heading stays Japanese; the notice sits under it. */
	assert_non_null(strstr(t, "解決方法\n未翻訳のため英語で表示しています。\n"));
	/* A missing heading falls back to the English one. */
	assert_non_null(strstr(t, "When you see this code\n"));
	free(t);
	cr_doc_free(&d);
	cr_code_free(&c);

	/* A code with no Japanese row at all still shows everything. */
	assert_int_equal(cr_code_get(partial, "sip", 603, "ja", &c), CR_OK);
	for (int f = 0; f < CR_FIELD__MAX; f++) {
		assert_non_null(c.text[f]);
		assert_true(c.fallback[f]);
	}
	cr_code_free(&c);
	cr_db_close(partial);
	remove(path);
	free(path);
}

/* ---- language choice ---- */

static void language_names_are_canonical(void **state)
{
	assert_string_equal(cr_lang_canonical("ja"), "ja");
	assert_string_equal(cr_lang_canonical("ja_JP.UTF-8"), "ja");
	assert_string_equal(cr_lang_canonical("EN"), "en");
	assert_string_equal(cr_lang_canonical("en_US"), "en");
	/* Any language name is canonical; which ones exist is the database's. */
	assert_string_equal(cr_lang_canonical("fr_FR.UTF-8"), "fr");
	assert_null(cr_lang_canonical("japanese"));
	assert_null(cr_lang_canonical("C"));
	assert_null(cr_lang_canonical(""));
	assert_null(cr_lang_canonical(NULL));
}

static void language_follows_locale_precedence(void **state)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "ja_JP.UTF-8", 1);
	assert_string_equal(cr_lang_from_locale(), "ja");
	setenv("LC_MESSAGES", "en_US.UTF-8", 1);
	assert_string_equal(cr_lang_from_locale(), "en");
	setenv("LC_ALL", "ja_JP.eucJP", 1);
	assert_string_equal(cr_lang_from_locale(), "ja");
	setenv("LC_ALL", "", 1);
	setenv("LC_MESSAGES", "", 1);
	setenv("LANG", "C", 1);
	assert_string_equal(cr_lang_from_locale(), "en");
	unsetenv("LANG");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	assert_string_equal(cr_lang_from_locale(), "en");
	setenv("LANG", "C.UTF-8", 1);
}

/* ---- comparison ---- */

static void comparison_in_english_reads_well(void **state)
{
	char *t = compare(202, 437, "en");
	assert_non_null(strstr(t, "SIP 202 Accepted vs 437 Unsupported Credential\n"));
	assert_non_null(strstr(t, "202 Accepted is a success response (2xx), while 437 Unsupported Credential is a request failure (4xx).\n"));
	assert_non_null(strstr(t, "Key differences\n"));
	assert_non_null(strstr(t, "Which to use when\n"));
	assert_non_null(strstr(t, "202 Accepted is deprecated, but 437 Unsupported Credential is registered with IANA.\n"));
	assert_non_null(strstr(t, "202 Accepted is deprecated as an answer to SUBSCRIBE, NOTIFY and REFER (RFC 6665 §8.3.1 and RFC 7647 §5)"));
	/* Shared facts have a heading of their own. */
	assert_non_null(strstr(t, "In common\n"));
	assert_non_null(strstr(t, "Kind: final\n"));
	assert_null(strstr(t, "{"));
	free(t);

	t = compare(486, 600, "en");
	assert_non_null(strstr(t, "486 Busy Here speaks only for this destination"));
	assert_non_null(strstr(t, "whereas 600 Busy Everywhere speaks for every destination"));
	free(t);
}

static void comparison_in_japanese_reads_well(void **state)
{
	char *t = compare(202, 437, "ja");
	assert_non_null(strstr(t, "SIP 202 Accepted と 437 Unsupported Credential の比較\n"));
	assert_non_null(strstr(t, "202 Accepted は成功応答（2xx）、437 Unsupported Credential はクライアントエラー応答（4xx）である。\n"));
	assert_non_null(strstr(t, "主な違い\n"));
	assert_non_null(strstr(t, "どちらをいつ使うか\n"));
	assert_non_null(strstr(t, "202 Accepted は非推奨だが、437 Unsupported Credential は IANA 登録済みである。\n"));
	assert_non_null(strstr(t, "共通点\n"));
	assert_non_null(strstr(t, "種別：最終応答\n"));
	assert_null(strstr(t, "{"));
	assert_null(strstr(t, "Key differences"));
	free(t);
}

/* Only real differences: senders that one side's list holds are no
 * difference, nor are "nothing to retry" and "do not retry"; "any SIP
 * server" has a sentence of its own; the client is the one that retries. */
static void comparison_states_only_real_differences(void **state)
{
	char *t = compare(486, 600, "en");      /* the UAS or a gateway / the UAS */
	assert_null(strstr(t, "is usually sent by"));
	assert_non_null(strstr(t, "After 486 Busy Here, the client tries another destination"));
	free(t);
	t = compare(200, 404, "en");            /* nothing to retry / do not retry */
	assert_null(strstr(t, "the client"));
	assert_non_null(strstr(t, "200 OK can be sent by any SIP server, while 404 Not Found is usually sent by"));
	free(t);
	t = compare(486, 600, "ja");
	assert_non_null(strstr(t, "486 Busy Here を受けた側は別の宛先やサーバーを試す。"));
	assert_null(strstr(t, "が送り、"));
	free(t);
}

static void comparison_of_a_code_with_itself(void **state)
{
	char *t = compare(486, 486, "en");
	assert_non_null(strstr(t, "486 Busy Here is compared with itself"));
	assert_non_null(strstr(t, "Both sides are the same code"));
	free(t);
	t = compare(486, 486, "ja");
	assert_non_null(strstr(t, "486 Busy Here を同じコード自身と比べているため、違いはない。"));
	free(t);
}

static void comparison_within_one_class(void **state)
{
	char *t = compare(480, 486, "en");
	assert_non_null(strstr(t, "480 Temporarily Unavailable and 486 Busy Here are both request failures (4xx); they differ in the points below."));
	free(t);
	t = compare(480, 486, "ja");
	assert_non_null(strstr(t, "480 Temporarily Unavailable と 486 Busy Here はどちらもクライアントエラー応答（4xx）で、違いは以下の点にある。"));
	free(t);
}

/* ---- templates ---- */

static void template_spaces_latin_next_to_japanese(void **state)
{
	struct cr_slot s[] = { { "a", "486 Busy Here" }, { "v", "話し中" } };
	char *t = cr_fill("{a}は{v}である。", s, 2);
	assert_string_equal(t, "486 Busy Here は話し中である。");
	free(t);
	t = cr_fill("{a} is {v}; {missing} stays", s, 2);
	assert_string_equal(t, "486 Busy Here is 話し中; {missing} stays");
	free(t);
	t = cr_fill("no slots at all", s, 2);
	assert_string_equal(t, "no slots at all");
	free(t);
	t = cr_fill("unclosed {a", s, 2);
	assert_string_equal(t, "unclosed {a");
	free(t);
}

/* ---- search ---- */

static int first_hit(const char *q, const char *lang)
{
	struct cr_rows rows = { 0 };
	int n = cr_search(db, "sip", lang, q, 50, &rows) == CR_OK ? rows.row[0].number : -1;
	cr_rows_free(&rows);
	return n;
}

static int rank_of(const char *q, const char *lang, int number)
{
	struct cr_rows rows = { 0 };
	int rank = -1;
	if (cr_search(db, "sip", lang, q, 50, &rows) == CR_OK)
		for (size_t i = 0; i < rows.count; i++)
			if (rows.row[i].number == number && rank < 0)
				rank = (int)i;
	cr_rows_free(&rows);
	return rank;
}

static void search_ranks_what_people_type(void **state)
{
	assert_int_equal(first_hit("437", "en"), 437);
	assert_int_equal(first_hit("certificate", "en"), 437);
	assert_int_equal(first_hit("Unsupported Certificate", "en"), 437);
	int busy486 = rank_of("busy", "en", 486), busy600 = rank_of("busy", "en", 600);
	assert_in_range(busy486, 0, 1);
	assert_in_range(busy600, 0, 1);
	/* Digits: the numbers that start with them, in order. */
	struct cr_rows rows = { 0 };
	assert_int_equal(cr_search(db, "sip", "en", "48", 50, &rows), CR_OK);
	assert_int_equal(rows.row[0].number, 480);
	assert_int_equal(rows.row[1].number, 481);
	cr_rows_free(&rows);
	/* Prefixes of English words. */
	assert_true(rank_of("cert", "en", 437) >= 0);
	/* Japanese: three characters through the index, two through the content. */
	assert_true(rank_of("証明書", "ja", 437) >= 0);
	assert_true(rank_of("転送", "ja", 181) >= 0);
	assert_in_range(rank_of("話し中", "ja", 486), 0, 1);
	assert_in_range(rank_of("話し中", "ja", 600), 0, 1);
	/* English still searched in Japanese mode. */
	assert_int_equal(first_hit("certificate", "ja"), 437);
}

static void search_takes_any_input_literally(void **state)
{
	static const char *const inputs[] = {
		"\"", "\"\"", "*", "AND", "OR", "NOT", "NEAR(", "NEAR(a b)", "a\"b", "(", ")", "-",
		"^", ":", "{", "}", "reason:busy", "busy*", "\"busy", "a OR b", "'", "\\", "%", "_",
		"\x1f", "\x01\x02", "\xff\xfe", "   ", "", "　", "e\xcc\x81", "\xe2\x80\xae", "999999",
		"0", "00000000000000", "-1", "4xx",
	};
	for (size_t i = 0; i < CR_ARRAY_SIZE(inputs); i++) {
		struct cr_rows rows = { 0 };
		enum cr_result r = cr_search(db, "sip", "en", inputs[i], 50, &rows);
		if (r != CR_OK && r != CR_NOT_FOUND)
			fail_msg("input #%zu gave %d: %s", i, r, sqlite3_errmsg(cr_db_sqlite(db)));
		cr_rows_free(&rows);
	}
	char *long_input = cr_xmalloc(10001);
	memset(long_input, 'x', 10000);
	long_input[10000] = '\0';
	struct cr_rows rows = { 0 };
	assert_int_equal(cr_search(db, "sip", "ja", long_input, 50, &rows), CR_NOT_FOUND);
	free(long_input);
	cr_rows_free(&rows);
	/* A quoted phrase is exact. */
	assert_int_equal(cr_search(db, "sip", "en", "\"Busy Here\"", 50, &rows), CR_OK);
	assert_int_equal(rows.row[0].number, 486);
	cr_rows_free(&rows);
	assert_int_equal(cr_search(db, "sip", "en", "\"Here Busy\"", 50, &rows), CR_NOT_FOUND);
	cr_rows_free(&rows);
}

static void search_terms_split_on_any_space(void **state)
{
	struct cr_terms t;
	cr_terms_parse("  identity\theader　証明書 ", &t);
	assert_int_equal(t.count, 3);
	assert_string_equal(t.term[0], "identity");
	assert_string_equal(t.term[1], "header");
	assert_string_equal(t.term[2], "証明書");
	size_t len;
	const char *s = "Use Identity Header";
	assert_int_equal(cr_terms_find(&t, s, strlen(s), &len), 4);
	assert_int_equal(len, 8);
	cr_terms_free(&t);
}

static int always_stop(void *data)
{
	(*(int *)data)++;
	return 1;
}

/* The browser gives up a search that a waiting key has made stale. */
static void search_can_be_interrupted(void **state)
{
	int asked = 0;
	struct cr_rows rows = { 0 };
	cr_db_set_interrupt(db, always_stop, &asked);
	/* SQLite asks every few thousand steps of a statement, counted across
	 * its runs: a scan of the content gets there within a few searches. */
	enum cr_result r = CR_OK;
	for (int i = 0; i < 50 && r != CR_INTERRUPTED; i++) {
		r = cr_search(db, "sip", "ja", "ゑゑ", 50, &rows);
		assert_true(r == CR_INTERRUPTED || r == CR_NOT_FOUND);
	}
	assert_int_equal(r, CR_INTERRUPTED);
	assert_true(asked > 0);
	assert_int_equal(rows.count, 0);
	cr_db_set_interrupt(db, NULL, NULL);
	assert_int_equal(cr_search(db, "sip", "ja", "転送", 50, &rows), CR_OK);
	assert_true(rows.count > 0);
	cr_rows_free(&rows);
}

/* ---- wrapping ---- */

struct lines {
	char line[256][512];
	int count;
};

static void collect_line(const char *s, size_t n, void *data)
{
	struct lines *l = data;
	assert_true(l->count < 256 && n < 512);
	memcpy(l->line[l->count], s, n);
	l->line[l->count][n] = '\0';
	l->count++;
}

static void wrap_measures_columns_not_bytes(void **state)
{
	assert_int_equal(cr_width("abc", 3), 3);
	assert_int_equal(cr_width("日本語", strlen("日本語")), 6);
	assert_int_equal(cr_width("e\xcc\x81", 3), 1);     /* combining accent */
	assert_int_equal(cr_fit("日本語", strlen("日本語"), 5), 6); /* two characters */
	assert_int_equal(cr_fit("日本語", strlen("日本語"), 1), 0);
}

static void wrap_mixed_text_at_every_width(void **state)
{
	static const char *const texts[] = {
		"The callee's end system was reached, but the user is busy here (RFC 3261).",
		"着信側の端末には到達したが、ユーザーがこの端末では現在これ以上の通話を受けられないことを示す。",
		"INVITE を受けると UAS は 486 Busy Here を返す。「話し中」の場合、Retry-After ヘッダーが付くことがある（RFC 3261）。",
		"https://example.com/a/very/long/url/without/any/space/that/is/wider/than/the/line",
	};
	for (size_t t = 0; t < CR_ARRAY_SIZE(texts); t++) {
		for (int width = 2; width <= 60; width++) {
			struct lines l = { .count = 0 };
			cr_wrap(texts[t], width, collect_line, &l);
			struct cr_buf joined = { 0 };
			for (int i = 0; i < l.count; i++) {
				int w = cr_width(l.line[i], strlen(l.line[i]));
				if (w > width)
					fail_msg("text %zu width %d: line '%s' is %d columns", t, width, l.line[i], w);
				static const char *const no_start[] = { "。", "、", "」", "）" };
				for (size_t k = 0; k < CR_ARRAY_SIZE(no_start) && width >= 6; k++)
					if (strncmp(l.line[i], no_start[k], strlen(no_start[k])) == 0)
						fail_msg("text %zu width %d: line starts with %s", t, width, no_start[k]);
				for (const char *p = l.line[i]; *p; p++)
					if (*p != ' ')
						cr_buf_add(&joined, p, 1);
			}
			struct cr_buf expect = { 0 };
			for (const char *p = texts[t]; *p; p++)
				if (*p != ' ')
					cr_buf_add(&expect, p, 1);
			/* Nothing lost, nothing cut in half. */
			assert_string_equal(joined.s, expect.s);
			cr_buf_free(&joined);
			cr_buf_free(&expect);
		}
	}
}

static void wrap_keeps_paragraph_breaks(void **state)
{
	struct lines l = { .count = 0 };
	assert_int_equal(cr_wrap("one\ntwo", 40, collect_line, &l), 2);
	assert_string_equal(l.line[0], "one");
	assert_string_equal(l.line[1], "two");
	l.count = 0;
	assert_int_equal(cr_wrap("", 40, collect_line, &l), 1);
	l.count = 0;
	cr_wrap("日本", 1, collect_line, &l);  /* a wide character on a 1-column line */
	assert_int_equal(l.count, 2);
}

/* ---- sanitizing ---- */

static void sanitize_makes_text_safe(void **state)
{
	char *s = cr_sanitize("a\033[31mred\033]0;title\007b", 0);
	assert_string_equal(s, "a␛[31mred␛]0;title␇b");
	free(s);
	s = cr_sanitize("bad \xff\xfe bytes \xe3\x81", 0);
	assert_string_equal(s, "bad \xef\xbf\xbd\xef\xbf\xbd bytes \xef\xbf\xbd");
	free(s);
	s = cr_sanitize("c1 \xc2\x9b" "31m", 0);          /* U+009B CSI */
	assert_string_equal(s, "c1 \xef\xbf\xbd" "31m");
	free(s);
	s = cr_sanitize("rtl \xe2\x80\xae" "txet", 0);    /* RIGHT-TO-LEFT OVERRIDE dropped */
	assert_string_equal(s, "rtl txet");
	free(s);
	s = cr_sanitize("line\nbreak\ttab", 1);
	assert_string_equal(s, "line\nbreak tab");
	free(s);
	s = cr_sanitize("line\nbreak", 0);
	assert_string_equal(s, "line␊break");
	free(s);
	assert_null(cr_sanitize(NULL, 0));
	/* Found by fuzz_sanitize: an empty input gave an unterminated buffer. */
	s = cr_sanitize("", 0);
	assert_string_equal(s, "");
	free(s);
	struct cr_terms t;
	cr_terms_parse("", &t);
	assert_int_equal(t.count, 0);
	cr_terms_free(&t);
}

static void hash_is_stable(void **state)
{
	const char *f[] = { "a", NULL, "b" };
	char h1[CR_HASH_HEX], h2[CR_HASH_HEX];
	cr_hash_fields(f, 3, h1);
	cr_hash_fields(f, 3, h2);
	assert_string_equal(h1, h2);
	assert_int_equal(strlen(h1), 16);
	const char *g[] = { "a", "", "b " };
	cr_hash_fields(g, 3, h2);
	assert_string_not_equal(h1, h2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lookup_finds_code_with_history),
		cmocka_unit_test(lookup_reports_missing_code),
		cmocka_unit_test(card_has_localized_headings),
		cmocka_unit_test(fallback_shows_english_with_notice),
		cmocka_unit_test(language_names_are_canonical),
		cmocka_unit_test(language_follows_locale_precedence),
		cmocka_unit_test(comparison_in_english_reads_well),
		cmocka_unit_test(comparison_in_japanese_reads_well),
		cmocka_unit_test(comparison_states_only_real_differences),
		cmocka_unit_test(comparison_of_a_code_with_itself),
		cmocka_unit_test(comparison_within_one_class),
		cmocka_unit_test(template_spaces_latin_next_to_japanese),
		cmocka_unit_test(search_ranks_what_people_type),
		cmocka_unit_test(search_takes_any_input_literally),
		cmocka_unit_test(search_terms_split_on_any_space),
		cmocka_unit_test(search_can_be_interrupted),
		cmocka_unit_test(wrap_measures_columns_not_bytes),
		cmocka_unit_test(wrap_mixed_text_at_every_width),
		cmocka_unit_test(wrap_keeps_paragraph_breaks),
		cmocka_unit_test(sanitize_makes_text_safe),
		cmocka_unit_test(hash_is_stable),
	};
	return cmocka_run_group_tests_name("core", tests, open_db, close_db);
}
