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
#include <sys/stat.h>

#include "harness.h"

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
	assert_contains(r.out, "Former name: Unsupported Certificate");
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
	assert_true(strncmp(r.out, "1xx Provisional\n  100 Trying", 28) == 0);
	assert_contains(r.out, "\n4xx Request Failure\n");
	assert_contains(r.out, "\n6xx Global Failures\n");
	assert_contains(r.out, "  202 Accepted — ");
	assert_contains(r.out, "[deprecated]");
	assert_int_equal(count_lines(r.out), 75 + 6 + 5);
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
		run_coderef(&r, ENV(db_env(), locales[i], "LC_ALL"), "--lang", "ja", "show", "abc", NULL);
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
		cmocka_unit_test(search_without_match),
		cmocka_unit_test(list_groups_by_class),
		cmocka_unit_test(usage_errors_exit_2),
		cmocka_unit_test(help_and_version),
		cmocka_unit_test(japanese_messages_without_a_japanese_locale),
		cmocka_unit_test(bad_databases),
		cmocka_unit_test(uninstalled_binary_finds_build_database),
	};
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
