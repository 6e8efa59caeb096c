/* The command line, run as users run it: the built binary on the built
 * database, checking output, exit status and every error case. */
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
#include <time.h>
#include <sys/stat.h>

#include "harness.h"

#include <json-c/json.h>

#define ENV(...) ((const char *const[]){ __VA_ARGS__, NULL })
/* The real database, whatever the environment says. */
#define DB_ENV ENV(db_env())

static const char *db_env(void)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "CODEREF_DB=%s", test_db());
	return buf;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected to find \"%s\" in:\n%s", needle, hay);
}

/* One line on stderr, naming the program. */
static void assert_one_error_line(const struct run *r)
{
	if (count_lines(r->err) != 1 || strncmp(r->err, "coderef: ", 9) != 0)
		fail_msg("expected one 'coderef: …' line on stderr, got:\n%s", r->err);
}

static void show_prints_the_card(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "show", "437", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "SIP 437 Unsupported Credential");
	assert_contains(r.out, "Former name:");
	assert_contains(r.out, " Unsupported Certificate\n");
	assert_contains(r.out, "RFC 8224");
	assert_contains(r.out, "\nDescription\n");
	assert_contains(r.out, "\nWhen you see this code\n");
	assert_contains(r.out, "\nHow to fix\n");
	assert_string_equal(r.err, "");
	/* A pipe gets plain text: no escape sequences, no wrapping. */
	assert_null(strchr(r.out, '\033'));
	run_free(&r);
}

static void a_lone_code_means_show(void **state)
{
	struct run a, b;
	run_coderef(&a, DB_ENV, "486", NULL);
	run_coderef(&b, DB_ENV, "show", "486", NULL);
	assert_int_equal(a.status, 0);
	assert_string_equal(a.out, b.out);
	run_free(&a);
	run_free(&b);
}

static void show_in_japanese(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "--lang", "ja", "show", "486", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "SIP 486 Busy Here（");
	assert_contains(r.out, "\n説明\n");
	assert_contains(r.out, "\nこのコードが表示される場合\n");
	assert_contains(r.out, "\n解決方法\n");
	run_free(&r);
	/* The same through the environment and through the locale. */
	run_coderef(&r, ENV(db_env(), "CODEREF_LANG=ja"), "486", NULL);
	assert_contains(r.out, "\n説明\n");
	run_free(&r);
	run_coderef(&r, ENV(db_env(), "LANG=ja_JP.UTF-8"), "486", NULL);
	assert_contains(r.out, "\n説明\n");
	run_free(&r);
	/* --lang wins over both. */
	run_coderef(&r, ENV(db_env(), "CODEREF_LANG=ja", "LC_ALL=ja_JP.UTF-8"), "-l", "en", "486", NULL);
	assert_contains(r.out, "\nDescription\n");
	run_free(&r);
}

static void show_several_codes_and_a_missing_one(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "show", "100", "999", "200", NULL);
	assert_int_equal(r.status, 1);
	assert_contains(r.out, "SIP 100 Trying");
	assert_contains(r.out, "SIP 200 OK");
	assert_one_error_line(&r);
	assert_contains(r.err, "999");
	run_free(&r);
}

static void compare_prints_both_and_the_differences(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "compare", "202", "437", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "SIP 202 Accepted vs 437 Unsupported Credential\n", 47) == 0);
	assert_contains(r.out, "SIP 202 Accepted");
	assert_contains(r.out, "\nKey differences\n");
	assert_contains(r.out, "\nWhich to use when\n");
	run_free(&r);

	struct run a;
	run_coderef(&a, DB_ENV, "202", "437", NULL);
	run_coderef(&r, DB_ENV, "compare", "202", "437", NULL);
	assert_string_equal(a.out, r.out);
	run_free(&a);
	run_free(&r);

	run_coderef(&r, DB_ENV, "-l", "ja", "202", "437", NULL);
	assert_contains(r.out, "\n主な違い\n");
	assert_contains(r.out, "\nどちらをいつ使うか\n");
	run_free(&r);
}

static void search_ranks_and_marks(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "search", "certificate", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "437 Unsupported Credential", 26) == 0);
	assert_null(strchr(r.out, '\033'));
	run_free(&r);
	run_coderef(&r, DB_ENV, "search", "identity", "header", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "428 Use Identity Header");
	run_free(&r);
	run_coderef(&r, DB_ENV, "-l", "ja", "search", "転送", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "181 Call Is Being Forwarded");
	run_free(&r);
	/* Each result says why it matched, on an indented line; plain in a pipe. */
	run_coderef(&r, DB_ENV, "search", "engaged", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "486 Busy Here", 13) == 0);
	assert_contains(r.out, "\n    engaged, line busy");
	assert_null(strchr(r.out, '\x01'));
	run_free(&r);
}

/* A word that matches nothing is corrected, and the correction said: one
 * line on stderr, in the display language, exit 0. */
/* The browsed set comes first only among equally sure matches: a phrase
 * that is another set's name beats the browsed set's weaker hits. */
static void search_prefers_the_set_only_among_equals(void **state)
{
	static const struct { const char *query, *want; } cases[] = {
		{ "too many requests", "HTTP 429 Too Many Requests" },
		{ "not modified", "HTTP 304 Not Modified" },
		{ "user busy", "Q.850 17 User busy" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct run r;
		run_coderef(&r, DB_ENV, "search", cases[i].query, NULL);
		assert_int_equal(r.status, 0);
		/* Among the first three results (one line each, then a snippet). */
		int results = 0, found = 0;
		for (char *line = r.out; line && *line && results < 3; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
			if (*line == ' ')
				continue;
			results++;
			found |= strncmp(line, cases[i].want, strlen(cases[i].want)) == 0;
		}
		if (!found)
			fail_msg("'%s' does not put %s among the first three:\n%s", cases[i].query, cases[i].want, r.out);
		run_free(&r);
	}
}

static void search_corrects_a_misspelling(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "search", "unathorized", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "401 Unauthorized", 16) == 0);
	assert_one_error_line(&r);
	assert_contains(r.err, "showing results for 'unauthorized'");
	run_free(&r);
	run_coderef(&r, ENV(db_env(), "CODEREF_LANG=ja"), "search", "unathorized", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.err, "'unauthorized' の検索結果を表示しています");
	run_free(&r);
}

static void search_input_is_literal(void **state)
{
	static const char *const inputs[] = { "\"", "*", "AND", "NEAR(", "a\"b", "OR NOT", "(", "-x" };
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
		struct run r;
		run_coderef(&r, DB_ENV, "search", "--", inputs[i], NULL);
		if (r.status != 0 && r.status != 1)
			fail_msg("search '%s' exited %d: %s", inputs[i], r.status, r.err);
		if (r.status == 1)
			assert_one_error_line(&r);
		run_free(&r);
	}
}

static void search_without_match(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "search", "zzqqxxyy", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_one_error_line(&r);
	assert_contains(r.err, "zzqqxxyy");
	run_free(&r);
}

static void list_groups_by_class(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "list", NULL);
	assert_int_equal(r.status, 0);
	/* Every set under its own heading, SIP first. */
	assert_true(strncmp(r.out, "SIP (sip:NUMBER)\n1xx Provisional\n  100 Trying", 45) == 0);
	assert_contains(r.out, "\nQ.850 (q850:NUMBER)\nNormal event\n  1 Unallocated (unassigned) number");
	assert_contains(r.out, "\nWarning (warning:NUMBER)\n");
	assert_contains(r.out, "\n4xx Request Failure\n");
	assert_contains(r.out, "\n6xx Global Failures\n");
	assert_contains(r.out, "  202 Accepted — ");
	assert_contains(r.out, "[deprecated]");
	/* Per set: its heading, its codes, class headings, blank lines between
	 * classes; a blank line between sets. */
	assert_contains(r.out, "\nHTTP (http:NUMBER)\n1xx Informational\n  100 Continue");
	assert_int_equal(count_lines(r.out), (1 + 75 + 6 + 5) + 1 + (1 + 71 + 7 + 6) + 1 + (1 + 17 + 4 + 3) +
	                                     1 + (1 + 88 + 5 + 4));
	run_free(&r);
	run_coderef(&r, DB_ENV, "list", "4xx", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "4xx Request Failure\n  400 Bad Request", 37) == 0);
	assert_null(strstr(r.out, "500 "));
	run_free(&r);
	run_coderef(&r, DB_ENV, "list", "6", NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
}

/* Addresses: SET:NUMBER in any case, implementation names, a bare number
 * of another set; an unknown set is a usage error naming the sets. */
static void addresses_name_codes_of_every_set(void **state)
{
	static const struct { const char *arg; int status; const char *out; } cases[] = {
		{ "q850:17", 0, "Q.850 17 User busy" }, { "Q850:17", 0, "Q.850 17 User busy" },
		{ "USER_BUSY", 0, "Q.850 17 User busy" }, { "AST_CAUSE_NO_ANSWER", 0, "Q.850 19 " },
		{ "sip:486", 0, "SIP 486 Busy Here" }, { "warning:392", 0, "Warning 392 " },
		{ "17", 0, "Q.850 17 User busy" }, { "q850:0", 1, "" }, { "q850:999", 1, "" },
		{ "foo:1", 2, "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct run r;
		run_coderef(&r, DB_ENV, cases[i].arg, NULL);
		if (r.status != cases[i].status)
			fail_msg("%s exited %d", cases[i].arg, r.status);
		assert_contains(r.out, cases[i].out);
		if (cases[i].status)
			assert_one_error_line(&r);
		if (strcmp(cases[i].arg, "17") == 0)
			assert_contains(r.err, "17 is not a SIP code; showing Q.850 17");
		if (strcmp(cases[i].arg, "foo:1") == 0)
			assert_contains(r.err, "sets: sip, q850, warning, http");
		run_free(&r);
	}
	struct run r;   /* across sets: how a gateway maps one to the other */
	run_coderef(&r, DB_ENV, "sip:486", "q850:17", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "A gateway turns Q.850 17 User busy into SIP 486 Busy Here (RFC 3398 §7.2.4.1).");
	run_free(&r);
	run_coderef(&r, DB_ENV, "-s", "q850", "17", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	run_free(&r);
	/* Two causes share Q.850's own status, never "registered with IANA". */
	run_coderef(&r, DB_ENV, "q850:17", "q850:21", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "Registry: defined by ITU-T Q.850");
	assert_null(strstr(r.out, "IANA"));
	run_free(&r);
	/* Location and diagnostic where they matter, in both languages. */
	run_coderef(&r, DB_ENV, "show", "q850:21", NULL);
	assert_contains(r.out, "Location:");
	assert_contains(r.out, "to 603 Decline when the location is 'user' (0)");
	assert_contains(r.out, "Diagnostic:");
	run_free(&r);
	run_coderef(&r, DB_ENV, "--lang", "ja", "show", "q850:22", NULL);
	assert_contains(r.out, "診断:");
	assert_contains(r.out, "301 Moved Permanently");
	run_free(&r);
	run_coderef(&r, DB_ENV, "--json", "show", "q850:17", NULL);
	assert_contains(r.out, "\"location\"");
	run_free(&r);
	/* The sources' notes on the code's own rows, with their source. */
	run_coderef(&r, DB_ENV, "show", "q850:16", NULL);
	assert_contains(r.out, "Mapping notes:");
	assert_contains(r.out, "FreeSWITCH: NORMAL_CLEARING has no case in hangup_cause_to_sip()");
	run_free(&r);
	run_coderef(&r, DB_ENV, "--json", "show", "q850:16", NULL);
	assert_contains(r.out, "\"note\":\"NORMAL_CLEARING has no case");
	run_free(&r);
	run_coderef(&r, DB_ENV, "--lang", "ja", "show", "q850:16", NULL);
	assert_contains(r.out, "変換の補足:");
	assert_contains(r.out, "RFC 3398 の 7.2.4.1 節：");
	assert_contains(r.out, "FreeSWITCH：hangup_cause_to_sip() には NORMAL_CLEARING の case がない");
	run_free(&r);
}

static void usage_errors_exit_2(void **state)
{
	static const char *const cases[][4] = {
		{ "--bogus" }, { "-x" }, { "show", "abc" }, { "show" }, { "compare", "202" },
		{ "compare", "202", "4x7" }, { "list", "7xx" }, { "list", "abc" }, { "list", "4xx", "5xx" },
		{ "--lang", "fr", "486" }, { "frobnicate" }, { "48x" }, { "100", "200", "300" },
		{ "search" }, { "show", "12345678" }, { "--lang" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct run r;
		run_coderef(&r, DB_ENV, cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
		if (r.status != 2)
			fail_msg("case %zu (%s) exited %d", i, cases[i][0], r.status);
		assert_one_error_line(&r);
		assert_string_equal(r.out, "");
		run_free(&r);
	}
}

static void help_and_version(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "--help", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "Usage: coderef");
	assert_contains(r.out, "--lang=LANG");
	/* GNU style: fits 80 columns. */
	for (char *line = r.out; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		assert_true(n <= 80);
		line += n + (nl != NULL);
	}
	run_free(&r);
	run_coderef(&r, DB_ENV, "--version", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "coderef " PACKAGE_VERSION);
	run_free(&r);
}

static void japanese_messages_without_a_japanese_locale(void **state)
{
	static const char *const locales[] = { "LANG=C.UTF-8", "LANG=C", "LANG=POSIX" };
	for (size_t i = 0; i < 3; i++) {
		struct run r;
		run_coderef(&r, ENV(db_env(), locales[i], "LC_ALL"), "--lang", "ja", "--help", NULL);
		assert_int_equal(r.status, 0);
		assert_contains(r.out, "使い方: coderef");
		run_free(&r);
		run_coderef(&r, ENV(db_env(), locales[i], "LC_ALL"), "--lang", "ja", "show", "12345678", NULL);
		assert_int_equal(r.status, 2);
		assert_contains(r.err, "コード番号ではありません");
		run_free(&r);
	}
}

/* ---- the database ---- */

static void database_errors_exit_3(const char *path, const char *what)
{
	struct stat before, after;
	int existed = stat(path, &before) == 0;
	char *opt = malloc(strlen(path) + 6);
	sprintf(opt, "--db=%s", path);
	struct run r;
	run_coderef(&r, NULL, opt, "show", "486", NULL);
	if (r.status != 3)
		fail_msg("%s: exit %d, stderr: %s", what, r.status, r.err);
	assert_one_error_line(&r);
	assert_contains(r.err, path);
	assert_string_equal(r.out, "");
	run_free(&r);
	if (existed) {
		assert_int_equal(stat(path, &after), 0);
		assert_int_equal(before.st_size, after.st_size);
		assert_int_equal(before.st_mtime, after.st_mtime);
	}
	free(opt);
}

static void bad_databases(void **state)
{
	char *missing = temp_path("missing.db");
	database_errors_exit_3(missing, "missing file");

	char *empty = temp_path("empty.db");
	write_file(empty, "", 0);
	database_errors_exit_3(empty, "empty file");

	char *random = temp_path("random.db");
	char bytes[8192];
	srand(7);
	for (size_t i = 0; i < sizeof bytes; i++)
		bytes[i] = (char)rand();
	write_file(random, bytes, sizeof bytes);
	database_errors_exit_3(random, "random bytes");

	char *dir = temp_path("a-directory.db");
	mkdir(dir, 0755);
	database_errors_exit_3(dir, "directory");

	size_t len;
	char *real = read_file(test_db(), &len);
	char *truncated = temp_path("truncated.db");
	write_file(truncated, real, len / 3);
	database_errors_exit_3(truncated, "truncated copy");

	char *version = temp_path("version.db");
	write_file(version, real, len);
	sqlite3 *w;
	assert_int_equal(sqlite3_open(version, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
	database_errors_exit_3(version, "wrong schema version");
	/* A database of an older coderef says how to get a new one. */
	assert_int_equal(sqlite3_open(version, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
	database_errors_exit_3(version, "older schema version");
	struct run old;
	run_coderef(&old, ENV(db_env()), "--db", version, "486", NULL);
	assert_contains(old.err, "database of an older coderef");
	assert_contains(old.err, "rebuild it with make or reinstall coderef");
	run_free(&old);

	char *other = temp_path("other.db");
	assert_int_equal(sqlite3_open(other, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "CREATE TABLE t(x); PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
	database_errors_exit_3(other, "another schema");
	free(real);

	/* The environment variable is used, and --db wins over it. */
	struct run r;
	char env[4200];
	snprintf(env, sizeof env, "CODEREF_DB=%s", missing);
	run_coderef(&r, ENV(env), "486", NULL);
	assert_int_equal(r.status, 3);
	run_free(&r);
	char opt[4200];
	snprintf(opt, sizeof opt, "--db=%s", test_db());
	run_coderef(&r, ENV(env), opt, "486", NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	free(missing); free(empty); free(random); free(dir); free(truncated); free(version); free(other);
}

static void uninstalled_binary_finds_build_database(void **state)
{
	struct run r;
	run_coderef(&r, ENV("CODEREF_DB"), "486", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "486 Busy Here");
	run_free(&r);
}


/* ---- JSON, colour, config, manual, completion ---- */

static json_object *parse_json(const struct run *r)
{
	enum json_tokener_error err;
	json_object *o = json_tokener_parse_verbose(r->out, &err);
	if (!o)
		fail_msg("not JSON (%s):\n%s", json_tokener_error_desc(err), r->out);
	return o;
}

static json_object *member(json_object *o, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("no member '%s' in %s", key, json_object_to_json_string(o));
	return v;
}

/* ---- call flows ---- */

/* The lines of out from the one starting with heading to the next line
 * that starts in column 0 (the next section), as one string. */
static char *section(const char *out, const char *heading)
{
	const char *at = strstr(out, heading);
	if (!at)
		return NULL;
	const char *end = at + strlen(heading);
	while ((end = strchr(end, '\n')) && end[1] && (end[1] == ' ' || end[1] == '\n'))
		end++;
	return strndup(at, end ? (size_t)(end - at) : strlen(at));
}

static void show_draws_the_flow_and_no_flow_leaves_it_out(void **state)
{
	(void)state;
	struct run r;
	run_coderef(&r, DB_ENV, "show", "486", NULL);
	assert_int_equal(r.status, 0);
	char *flow = section(r.out, "\nCall flow\n");
	assert_non_null(flow);
	/* The elements over their lifelines, box drawing under UTF-8, the
	 * code's own arrow from the UAS to the proxy; in a pipe no marks, no
	 * escapes, and nothing wider than 80 columns. */
	assert_non_null(strstr(flow, "UAC"));
	assert_non_null(strstr(flow, "Proxy"));
	assert_non_null(strstr(flow, "486 Busy Here"));
	assert_non_null(strstr(flow, "\u25c0\u2500"));     /* ◀─ */
	assert_non_null(strstr(flow, "\u2500\u25b6"));     /* ─▶ */
	assert_null(strchr(flow, '\x01'));
	assert_null(strchr(flow, '\033'));
	for (const char *l = flow; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		size_t cols = 0;
		for (size_t i = 0; i < n; i++)
			cols += ((unsigned char)l[i] & 0xC0) != 0x80;
		if (cols > 80)
			fail_msg("a flow line of %zu columns in a pipe: %.*s", cols, (int)n, l);
		l = nl ? nl + 1 : NULL;
	}
	free(flow);
	run_free(&r);

	run_coderef(&r, DB_ENV, "show", "--no-flow", "486", NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "Call flow"));
	assert_null(strstr(r.out, "\u2502"));
	assert_non_null(strstr(r.out, "How to fix"));
	run_free(&r);

	run_coderef(&r, DB_ENV, "--no-flow", "compare", "486", "600", NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "Call flow"));
	run_free(&r);

	/* HTTP: the gateway's own 504, between the client and the origin. */
	run_coderef(&r, DB_ENV, "show", "http:504", NULL);
	assert_int_equal(r.status, 0);
	flow = section(r.out, "\nCall flow\n");
	assert_non_null(flow);
	assert_non_null(strstr(flow, "Reverse proxy"));
	assert_non_null(strstr(flow, "Origin server"));
	assert_non_null(strstr(flow, "504 Gateway Timeout"));
	assert_non_null(strstr(flow, "proxy_read_timeout"));
	free(flow);
	run_free(&r);
}

static void ascii_flows(void **state)
{
	(void)state;
	struct run r;
	/* --ascii, and a locale whose character set is not UTF-8. */
	run_coderef(&r, DB_ENV, "--ascii", "--lang", "ja", "show", "q850:17", NULL);
	assert_int_equal(r.status, 0);
	char *flow = section(r.out, "\n\u30b3\u30fc\u30eb\u30d5\u30ed\u30fc\n");   /* コールフロー */
	assert_non_null(flow);
	assert_non_null(strstr(flow, "REL cause 17"));
	assert_non_null(strstr(flow, "|<---------------|"));
	assert_non_null(strstr(flow, "486 Busy Here"));
	assert_non_null(strstr(flow, "\u30b2\u30fc\u30c8\u30a6\u30a7\u30a4"));    /* ゲートウェイ */
	assert_null(strstr(flow, "\u2502"));
	free(flow);
	run_free(&r);

}

static void json_has_the_flow_steps(void **state)
{
	(void)state;
	struct run r;
	run_coderef(&r, DB_ENV, "--json", "show", "486", "q850:17", NULL);
	assert_int_equal(r.status, 0);
	json_object *o = parse_json(&r);
	json_object *code = json_object_array_get_idx(member(o, "codes"), 0);
	json_object *steps = member(code, "flow");
	size_t n = json_object_array_length(steps);
	assert_true(n >= 5);
	size_t marked = 0;
	for (size_t i = 0; i < n; i++) {
		json_object *st = json_object_array_get_idx(steps, i);
		const char *label = json_object_get_string(member(st, "label"));
		member(st, "from");
		member(st, "to");
		member(st, "note");
		if (json_object_get_boolean(member(st, "marked"))) {
			marked++;
			assert_string_equal(label, "486 Busy Here");
			assert_string_equal(json_object_get_string(member(st, "from")), "uas");
			assert_string_equal(json_object_get_string(member(st, "to")), "proxy");
			assert_non_null(strstr(json_object_get_string(member(st, "note")), "another call"));
		}
	}
	assert_int_equal(marked, 1);
	json_object *elements = member(code, "flow_elements");
	assert_string_equal(json_object_get_string(member(json_object_array_get_idx(elements, 0), "key")), "uac");
	/* The Q.850 cause: the gateway flow, REL with the cause marked. */
	json_object *cause = json_object_array_get_idx(member(o, "codes"), 1);
	steps = member(cause, "flow");
	marked = 0;
	for (size_t i = 0; i < json_object_array_length(steps); i++) {
		json_object *st = json_object_array_get_idx(steps, i);
		if (json_object_get_boolean(member(st, "marked"))) {
			marked++;
			assert_string_equal(json_object_get_string(member(st, "label")), "REL cause 17");
		}
	}
	assert_int_equal(marked, 1);    /* the REL from the PSTN; the one back is not marked */
	json_object_put(o);
	run_free(&r);

	run_coderef(&r, DB_ENV, "--json", "--no-flow", "--lang", "ja", "show", "486", NULL);
	assert_int_equal(r.status, 0);
	o = parse_json(&r);
	code = json_object_array_get_idx(member(o, "codes"), 0);
	assert_true(json_object_get_type(member(code, "flow")) == json_type_null);
	json_object_put(o);
	run_free(&r);

	/* A warn-code has no flow: null, not an empty list. */
	run_coderef(&r, DB_ENV, "--json", "show", "warning:399", NULL);
	o = parse_json(&r);
	code = json_object_array_get_idx(member(o, "codes"), 0);
	assert_true(json_object_get_type(member(code, "flow")) == json_type_null);
	json_object_put(o);
	run_free(&r);
}

/* Issue #15: HTTP codes by address, by --set, by the config file's set, in
 * lists of the set and of a class, and in JSON; unregistered and unused
 * codes say so. */
static void http_codes_from_every_front_end(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "http:404", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "HTTP 404 Not Found", 18) == 0);
	assert_contains(r.out, "RFC 9110 §15.5.5");
	assert_contains(r.out, "Cacheable by default: yes, heuristically (RFC 9110 §15.1)");
	run_free(&r);
	run_coderef(&r, DB_ENV, "HTTP:404", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "HTTP 404 Not Found", 18) == 0);
	run_free(&r);
	run_coderef(&r, DB_ENV, "--set", "http", "404", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "HTTP 404 Not Found", 18) == 0);
	assert_string_equal(r.err, "");
	run_free(&r);
	run_coderef(&r, DB_ENV, "--set=http", "413", NULL);
	assert_true(strncmp(r.out, "HTTP 413 Content Too Large", 26) == 0);
	run_free(&r);
	/* A bare number of HTTP alone is shown from HTTP, with the note. */
	run_coderef(&r, DB_ENV, "418", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "HTTP 418 (Unused)");
	assert_contains(r.out, "reserved, unused");
	assert_contains(r.err, "418 is not a SIP code; showing HTTP 418");
	run_free(&r);
	run_coderef(&r, DB_ENV, "http:499", NULL);
	assert_contains(r.out, "not in the IANA registry");
	assert_contains(r.out, "Used by:              nginx");
	assert_null(strstr(r.out, "Defined in"));
	run_free(&r);
	run_coderef(&r, DB_ENV, "http:510", NULL);
	assert_contains(r.out, "obsoleted");
	run_free(&r);
	run_coderef(&r, DB_ENV, "http:104", NULL);
	assert_contains(r.out, "temporary registration");
	assert_contains(r.out, "2026-11-13");
	/* An expiry in the past says so (the date of the run decides). */
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
	if (strcmp(today, "2026-11-13") > 0)
		assert_contains(r.out, "2026-11-13 (passed: check the registry for a renewal)");
	else
		assert_null(strstr(r.out, "(passed"));
	run_free(&r);
	run_coderef(&r, DB_ENV, "http:999", NULL);
	assert_int_equal(r.status, 1);
	assert_one_error_line(&r);
	run_free(&r);
	/* set = http in the config file. */
	char *dir = temp_path("xdg-http");
	char *sub = temp_path("xdg-http/coderef");
	char *file = temp_path("xdg-http/coderef/config");
	mkdir(dir, 0755);
	mkdir(sub, 0755);
	const char *text = "set = http\n";
	write_file(file, text, strlen(text));
	char xdg[4200];
	snprintf(xdg, sizeof xdg, "XDG_CONFIG_HOME=%s", dir);
	run_coderef(&r, ENV(db_env(), xdg), "503", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "HTTP 503 Service Unavailable", 28) == 0);
	assert_string_equal(r.err, "");
	run_free(&r);
	run_coderef(&r, ENV(db_env(), xdg), "list", "3xx", NULL);
	assert_true(strncmp(r.out, "3xx Redirection\n  300 Multiple Choices", 38) == 0);
	run_free(&r);
	run_coderef(&r, ENV(db_env(), xdg), "sip:503", NULL);
	assert_true(strncmp(r.out, "SIP 503 Service Unavailable", 27) == 0);
	run_free(&r);
	free(dir);
	free(sub);
	free(file);
	/* Lists of the set and of a class. */
	run_coderef(&r, DB_ENV, "list", "http", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "1xx Informational\n  100 Continue", 32) == 0);
	assert_contains(r.out, "\n5xx Server Error\n");
	assert_contains(r.out, "  306 (Unused) — ");
	assert_contains(r.out, "[reserved, unused]");
	assert_contains(r.out, "  499 Client Closed Request — ");
	assert_int_equal(count_lines(r.out), 88 + 5 + 4);
	run_free(&r);
	run_coderef(&r, DB_ENV, "list", "http", "4xx", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "4xx Client Error\n  400 Bad Request", 34) == 0);
	assert_null(strstr(r.out, "500 "));
	assert_contains(r.out, "  418 (Unused)");
	assert_contains(r.out, "  422 Unprocessable Content");
	run_free(&r);
	run_coderef(&r, DB_ENV, "--lang", "ja", "list", "http", "5xx", NULL);
	assert_true(strncmp(r.out, "5xx サーバーエラー\n", 26) == 0);
	assert_contains(r.out, "[IANA 未登録]");
	run_free(&r);
	/* Comparisons within HTTP and across protocols. */
	run_coderef(&r, DB_ENV, "http:301", "http:308", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "After 301 Moved Permanently, user agents may turn a POST into a GET");
	run_free(&r);
	run_coderef(&r, DB_ENV, "http:503", "sip:503", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "HTTP 503 Service Unavailable vs SIP 503 Service Unavailable");
	assert_contains(r.out, "SIP also has a 6xx class that HTTP lacks.");
	run_free(&r);
	/* JSON carries the set and the facts. */
	run_coderef(&r, DB_ENV, "--json", "http:307", NULL);
	assert_int_equal(r.status, 0);
	json_object *o = parse_json(&r);
	json_object *code = json_object_array_get_idx(member(o, "codes"), 0);
	assert_string_equal(json_object_get_string(member(code, "set")), "http");
	assert_int_equal(json_object_get_int(member(code, "number")), 307);
	assert_string_equal(json_object_get_string(member(code, "reason")), "Temporary Redirect");
	assert_string_equal(json_object_get_string(member(code, "status")), "registered");
	json_object_put(o);
	run_free(&r);
	run_coderef(&r, DB_ENV, "--json", "list", "http", NULL);
	o = parse_json(&r);
	assert_int_equal(json_object_array_length(member(o, "codes")), 88);
	json_object_put(o);
	run_free(&r);
}

static void compare_stacks_both_flows_in_a_pipe(void **state)
{
	(void)state;
	struct run r;
	run_coderef(&r, DB_ENV, "compare", "486", "600", NULL);
	assert_int_equal(r.status, 0);
	/* One Call flow section after both cards, each ladder under its title
	 * (80 columns hold only one), before the key differences. */
	const char *flows = strstr(r.out, "\nCall flow\n");
	assert_non_null(flows);
	assert_null(strstr(flows + 1, "\nCall flow\n"));
	const char *a = strstr(flows, "  SIP 486 Busy Here"), *b = strstr(flows, "  SIP 600 Busy Everywhere");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a < b);
	assert_non_null(strstr(b, "CANCEL"));
	const char *diff = strstr(r.out, "Key differences");
	assert_non_null(diff);
	assert_true(diff > b);
	run_free(&r);
}

static void json_output_parses(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "--json", "show", "437", NULL);
	assert_int_equal(r.status, 0);
	json_object *o = parse_json(&r);
	json_object *code = json_object_array_get_idx(member(o, "codes"), 0);
	assert_int_equal(json_object_get_int(member(code, "number")), 437);
	assert_string_equal(json_object_get_string(member(code, "reason")), "Unsupported Credential");
	assert_string_equal(json_object_get_string(member(code, "former")), "Unsupported Certificate");
	assert_string_equal(json_object_get_string(member(code, "status")), "registered");
	assert_true(json_object_get_boolean(member(code, "final")));
	assert_string_equal(json_object_get_string(json_object_array_get_idx(member(code, "methods"), 0)), "identity");
	assert_int_equal(json_object_array_length(member(code, "fallback")), 0);
	json_object_put(o);
	run_free(&r);

	run_coderef(&r, DB_ENV, "--json", "--lang", "ja", "compare", "202", "437", NULL);
	assert_int_equal(r.status, 0);
	o = parse_json(&r);
	assert_string_equal(json_object_get_string(member(o, "lang")), "ja");
	assert_non_null(strstr(json_object_get_string(member(o, "title")), "の比較"));
	assert_true(json_object_array_length(member(o, "differences")) >= 3);
	assert_true(json_object_array_length(member(o, "use")) >= 2);
	assert_int_equal(json_object_array_length(member(o, "codes")), 2);
	json_object_put(o);
	run_free(&r);

	run_coderef(&r, DB_ENV, "-j", "search", "busy", NULL);
	assert_int_equal(r.status, 0);
	o = parse_json(&r);
	assert_string_equal(json_object_get_string(member(o, "query")), "busy");
	json_object *first = json_object_array_get_idx(member(o, "results"), 0);
	int n = json_object_get_int(member(first, "number"));
	/* Every set is searched, the default set's codes first. */
	assert_true(n == 486 || n == 600);
	/* Why it matched: the field and a plain snippet; no correction. */
	assert_string_equal(json_object_get_string(member(first, "field")), "reason");
	assert_non_null(strcasestr(json_object_get_string(member(first, "snippet")), "Busy"));
	assert_null(strchr(json_object_get_string(member(first, "snippet")), '\x01'));
	json_object *suggestion = NULL;
	assert_true(json_object_object_get_ex(o, "suggestion", &suggestion));
	assert_null(suggestion);
	json_object_put(o);
	run_free(&r);

	run_coderef(&r, DB_ENV, "-j", "search", "tempory", NULL);
	assert_int_equal(r.status, 0);
	o = parse_json(&r);
	assert_string_equal(json_object_get_string(member(o, "suggestion")), "temporarily");
	json_object_put(o);
	run_free(&r);

	run_coderef(&r, DB_ENV, "--json", "list", NULL);
	o = parse_json(&r);
	/* Every set: 75 SIP responses, 71 Q.850 causes, 17 warn-codes, 88 HTTP codes. */
	assert_int_equal(json_object_array_length(member(o, "codes")), 75 + 71 + 17 + 88);
	json_object_put(o);
	run_free(&r);

	/* Errors stay on stderr, with the same statuses. */
	run_coderef(&r, DB_ENV, "--json", "show", "999", NULL);
	assert_int_equal(r.status, 1);
	assert_one_error_line(&r);
	run_free(&r);
}

static void colour_follows_the_options(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "--color=always", "list", "4xx", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "\033[33m400\033[0m");
	run_free(&r);
	/* A title's colour ends on its own line, before the newline. */
	run_coderef(&r, DB_ENV, "--color=always", "show", "437", NULL);
	assert_true(strncmp(r.out, "\033[1m\033[33mSIP 437 ", 17) == 0);
	char *nl = strchr(r.out, '\n');
	assert_non_null(nl);
	assert_true(nl - r.out > 4 && strncmp(nl - 4, "\033[0m", 4) == 0);
	run_free(&r);
	run_coderef(&r, ENV(db_env(), "NO_COLOR=1"), "--color", "list", "4xx", NULL);
	assert_null(strchr(r.out, '\033'));
	run_free(&r);
	run_coderef(&r, DB_ENV, "--color=never", "list", NULL);
	assert_null(strchr(r.out, '\033'));
	run_free(&r);
	run_coderef(&r, DB_ENV, "--color=sometimes", "list", NULL);
	assert_int_equal(r.status, 2);
	assert_one_error_line(&r);
	run_free(&r);
}

static void config_file_sets_defaults(void **state)
{
	char *dir = temp_path("xdg");
	char *sub = temp_path("xdg/coderef");
	char *file = temp_path("xdg/coderef/config");
	mkdir(dir, 0755);
	mkdir(sub, 0755);
	const char *text = "# my settings\nlang = ja\ncolor = always\nthis line is wrong\nfruit = apple\n";
	write_file(file, text, strlen(text));
	char xdg[4200];
	snprintf(xdg, sizeof xdg, "XDG_CONFIG_HOME=%s", dir);
	struct run r;
	run_coderef(&r, ENV(db_env(), xdg), "list", "4xx", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "4xx クライアントエラー");
	assert_contains(r.out, "\033[33m");
	/* Two warnings, each naming its line; nothing refused. */
	assert_int_equal(count_lines(r.err), 2);
	assert_contains(r.err, "config:4:");
	assert_contains(r.err, "config:5:");
	run_free(&r);
	/* The command line and the environment win over the file. */
	run_coderef(&r, ENV(db_env(), xdg), "--lang=en", "--color=never", "list", "4xx", NULL);
	assert_contains(r.out, "4xx Request Failure");
	assert_null(strchr(r.out, '\033'));
	run_free(&r);
	run_coderef(&r, ENV(db_env(), xdg, "CODEREF_LANG=en"), "list", "4xx", NULL);
	assert_contains(r.out, "4xx Request Failure");
	run_free(&r);
	free(dir);
	free(sub);
	free(file);
}

static void version_names_database_and_sqlite(void **state)
{
	struct run r;
	run_coderef(&r, DB_ENV, "--version", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "database: schema 6, 251 codes");
	assert_contains(r.out, "SQLite 3.");
	run_free(&r);
}

/* Every option --help lists is in the manual. */
static void manual_documents_every_option(void **state)
{
	char *path = malloc(strlen(test_srcdir()) + 32);
	sprintf(path, "%s/man/coderef.1", test_srcdir());
	char *man = read_file(path, NULL);
	assert_non_null(man);
	/* Unescape "\-" as groff writes dashes. */
	char *w = man;
	for (char *p = man; *p; p++) {
		if (p[0] == '\\' && p[1] == '-')
			continue;
		*w++ = *p;
	}
	*w = '\0';
	struct run r;
	run_coderef(&r, DB_ENV, "--help", NULL);
	int options = 0;
	for (char *p = r.out; (p = strchr(p, '-')) != NULL; p++) {
		if (p > r.out && p[-1] != ' ' && p[-1] != '[')
			continue;
		char opt[64];
		size_t n = strspn(p, "-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
		if (n < 2 || n >= sizeof opt)
			continue;
		snprintf(opt, sizeof opt, "%.*s", (int)n, p);
		if (!strstr(man, opt))
			fail_msg("option %s is in --help but not in the manual", opt);
		options++;
	}
	assert_true(options >= 10);
	static const char *const sections[] = { "SYNOPSIS", "COMMANDS", "BROWSER KEYS", "ENVIRONMENT",
	                                        "CODEREF_DB", "CODEREF_LANG", "NO_COLOR", "FILES",
	                                        "EXIT STATUS", "EXAMPLES" };
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		assert_contains(man, sections[i]);
	run_free(&r);
	free(man);
	free(path);
}

static void bash_completes_commands_and_codes(void **state)
{
	char *script = malloc(strlen(test_srcdir()) + 32);
	sprintf(script, "%s/completion/coderef", test_srcdir());
	char path[8192];
	char *bin = strdup(test_bin());
	*strrchr(bin, '/') = '\0';
	snprintf(path, sizeof path, "PATH=%s:%s", bin, getenv("PATH"));
	static const char *const cases[][3] = {
		{ "coderef sh", "1", "show" },
		{ "coderef show 48", "2", "486" },
		{ "coderef --lang ", "2", "ja" },
		{ "coderef list 4", "2", "4xx" },
		{ "coderef 20", "1", "202" },
		{ "coderef http:40", "1", "http:404" },
		{ "coderef show http:5", "2", "http:503" },
		{ "coderef list ", "2", "http" },
		{ "coderef list http 4", "3", "4xx" },
		{ "coderef --set ", "2", "http" },
		{ "coderef dec", "1", "decode" },
		{ "coderef --fol", "1", "--follow" },
		{ "coderef decode /et", "2", "/etc" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char cmd[4096];
		snprintf(cmd, sizeof cmd,
		         "source '%s'; COMP_WORDS=(%s); [[ '%s' == *' ' ]] && COMP_WORDS+=(''); "
		         "COMP_CWORD=%s; _coderef; printf '%%s\\n' \"${COMPREPLY[@]}\"",
		         script, cases[i][0], cases[i][0], cases[i][1]);
		const char *argv[] = { "bash", "-c", cmd, NULL };
		struct run r;
		run_command(&r, ENV(db_env(), path), argv);
		assert_int_equal(r.status, 0);
		char want[32];
		snprintf(want, sizeof want, "%s\n", cases[i][2]);
		if (!strstr(r.out, want))
			fail_msg("completing '%s': no %s in: %s %s", cases[i][0], cases[i][2], r.out, r.err);
		run_free(&r);
	}
	free(bin);
	free(script);
}

/* A terminal whose locale is not UTF-8 gets text in its own character set:
 * EUC-JP for Japanese, Latin-1 with transliteration for English. */
static void non_utf8_locales_get_their_own_charset(void **state)
{
	char *dir = temp_path("locales");
	mkdir(dir, 0755);
	static const char *const defs[][3] = {
		{ "ja_JP", "EUC-JP", "ja_JP.EUC-JP" }, { "en_US", "ISO-8859-1", "en_US.ISO-8859-1" },
	};
	for (size_t i = 0; i < 2; i++) {
		char out[4200];
		snprintf(out, sizeof out, "%s/%s", dir, defs[i][2]);
		const char *argv[] = { "localedef", "-i", defs[i][0], "-f", defs[i][1], out, NULL };
		struct run r;
		run_command(&r, NULL, argv);
		assert_int_equal(r.status, 0);
		run_free(&r);
	}
	char locpath[4200];
	snprintf(locpath, sizeof locpath, "LOCPATH=%s", dir);

	struct run r;
	run_coderef(&r, ENV(db_env(), locpath, "LANG=ja_JP.EUC-JP", "LC_ALL"), "486", NULL);
	assert_int_equal(r.status, 0);
	/* 説明 in EUC-JP, and no UTF-8 left. */
	assert_contains(r.out, "\xc0\xe2\xcc\xc0");
	assert_null(strstr(r.out, "説明"));
	/* The call flow in ASCII: EUC-JP has box drawing, but not ▶. */
	assert_contains(r.out, "|--------------->|");
	run_free(&r);
	run_coderef(&r, ENV(db_env(), locpath, "LANG=ja_JP.EUC-JP", "LC_ALL"), "show", "abc", NULL);
	assert_int_equal(r.status, 2);
	assert_null(strstr(r.err, "コード番号"));
	assert_one_error_line(&r);
	run_free(&r);

	run_coderef(&r, ENV(db_env(), locpath, "LANG=en_US.ISO-8859-1", "LC_ALL"), "437", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "437 Unsupported Credential -");   /* the em dash, transliterated */
	assert_contains(r.out, "RFC 8224 \xa7" "6.2.2");            /* § in Latin-1 */
	assert_null(strstr(r.out, "\xe2\x80\x94"));
	run_free(&r);

	/* JSON stays UTF-8 whatever the locale. */
	run_coderef(&r, ENV(db_env(), locpath, "LANG=ja_JP.EUC-JP", "LC_ALL"), "--json", "486", NULL);
	assert_contains(r.out, "話し中");
	run_free(&r);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(show_prints_the_card),
		cmocka_unit_test(a_lone_code_means_show),
		cmocka_unit_test(show_in_japanese),
		cmocka_unit_test(show_several_codes_and_a_missing_one),
		cmocka_unit_test(compare_prints_both_and_the_differences),
		cmocka_unit_test(search_ranks_and_marks),
		cmocka_unit_test(search_input_is_literal),
		cmocka_unit_test(search_prefers_the_set_only_among_equals),
		cmocka_unit_test(search_corrects_a_misspelling),
		cmocka_unit_test(search_without_match),
		cmocka_unit_test(list_groups_by_class),
		cmocka_unit_test(addresses_name_codes_of_every_set),
		cmocka_unit_test(usage_errors_exit_2),
		cmocka_unit_test(help_and_version),
		cmocka_unit_test(japanese_messages_without_a_japanese_locale),
		cmocka_unit_test(bad_databases),
		cmocka_unit_test(uninstalled_binary_finds_build_database),
		cmocka_unit_test(http_codes_from_every_front_end),
		cmocka_unit_test(json_output_parses),
		cmocka_unit_test(show_draws_the_flow_and_no_flow_leaves_it_out),
		cmocka_unit_test(ascii_flows),
		cmocka_unit_test(json_has_the_flow_steps),
		cmocka_unit_test(compare_stacks_both_flows_in_a_pipe),
		cmocka_unit_test(colour_follows_the_options),
		cmocka_unit_test(config_file_sets_defaults),
		cmocka_unit_test(version_names_database_and_sqlite),
		cmocka_unit_test(manual_documents_every_option),
		cmocka_unit_test(bash_completes_commands_and_codes),
		cmocka_unit_test(non_utf8_locales_get_their_own_charset),
	};
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
