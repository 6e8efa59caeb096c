/* The zsh and fish completions, each run in its own shell: the same source
 * builds tests/test_zsh and tests/test_fish (COMPLETION_SHELL).  zsh is
 * driven through zsh/zpty by tests/zsh-complete with the real completion
 * system; fish answers `complete -C LINE`.  Both print one candidate a line,
 * with its description after "  -- " (zsh) or a tab (fish).  When the shell
 * is not installed the program says so and exits 77, which automake counts
 * as a skip, not a failure. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#ifndef COMPLETION_SHELL
#error "build with -DCOMPLETION_SHELL=\"zsh\" or \"fish\""
#endif
#define IS_ZSH (strcmp(COMPLETION_SHELL, "zsh") == 0)

#define ENV(...) ((const char *const[]){ __VA_ARGS__, NULL })

static int in_path(const char *prog)
{
	const char *path = getenv("PATH");
	if (!path)
		return 0;
	char *copy = strdup(path);
	int found = 0;
	for (char *dir = strtok(copy, ":"); dir && !found; dir = strtok(NULL, ":")) {
		char file[4096];
		snprintf(file, sizeof file, "%s/%s", *dir ? dir : ".", prog);
		found = access(file, X_OK) == 0;
	}
	free(copy);
	return found;
}

/* The candidates for the command line `line` (completed at its end), one a
 * line, as the shell offers them, with the built binary first in PATH, the
 * built database in CODEREF_DB, and a fresh HOME.  Free the result. */
static char *complete(const char *line)
{
	static char path_env[8192], db_env[4200], home_env[4200], dir_env[4200], line_env[4200];
	char *bin = strdup(test_bin());
	*strrchr(bin, '/') = '\0';
	snprintf(path_env, sizeof path_env, "PATH=%s:%s", bin, getenv("PATH"));
	free(bin);
	snprintf(db_env, sizeof db_env, "CODEREF_DB=%s", test_db());
	char *home = temp_path("home");
	mkdir(home, 0700);
	snprintf(home_env, sizeof home_env, "HOME=%s", home);
	free(home);
	snprintf(dir_env, sizeof dir_env, "COMPLETION_DIR=%s/completion", test_srcdir());
	snprintf(line_env, sizeof line_env, "COMPLETION_LINE=%s", line);

	char script[4200];
	struct run r;
	if (IS_ZSH) {
		snprintf(script, sizeof script, "%s/tests/zsh-complete", test_srcdir());
		const char *argv[] = { "zsh", "-f", script, dir_env + strlen("COMPLETION_DIR="), line, NULL };
		run_command(&r, ENV(path_env, db_env, home_env, "XDG_CONFIG_HOME", "CODEREF_LANG"), argv);
	} else {
		/* fish finds coderef.fish by its completion path, as it finds the
		 * installed one: nothing else is loaded (no config). */
		const char *argv[] = { "fish", "--no-config", "-c",
		                       "set fish_complete_path $COMPLETION_DIR; complete -C $COMPLETION_LINE",
		                       NULL };
		run_command(&r, ENV(path_env, db_env, home_env, dir_env, line_env, "XDG_CONFIG_HOME",
		                    "XDG_DATA_HOME", "CODEREF_LANG"),
		            argv);
	}
	if (r.status != 0 || r.err_len != 0)
		fail_msg("%s completing '%s': exit %d, stderr:\n%s", COMPLETION_SHELL, line, r.status, r.err);
	free(r.err);
	return r.out;
}

/* The candidate `value` is offered, with a description containing `desc`
 * (NULL: any or none). */
static void assert_offers(const char *out, const char *value, const char *desc, const char *line)
{
	for (const char *p = out; *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		size_t v = strlen(value);
		if (n >= v && strncmp(p, value, v) == 0 && (n == v || p[v] == '\t' || p[v] == ' ')) {
			if (!desc)
				return;
			char *copy = strndup(p, n);
			const char *sep = IS_ZSH ? strstr(copy + v, " -- ") : strchr(copy + v, '\t');
			int ok = sep && strstr(sep, desc) != NULL;
			free(copy);
			if (ok)
				return;
		}
		p += n + (end != NULL);
	}
	fail_msg("completing '%s': expected %s%s%s among:\n%s", line, value, desc ? " described as " : "",
	         desc ? desc : "", out);
}

/* Every candidate starts with prefix. */
static void assert_all_start_with(const char *out, const char *prefix, const char *line)
{
	size_t lines = 0;
	for (const char *p = out; *p; lines++) {
		if (strncmp(p, prefix, strlen(prefix)) != 0)
			fail_msg("completing '%s': a candidate not starting with %s in:\n%s", line, prefix, out);
		const char *end = strchr(p, '\n');
		p = end ? end + 1 : p + strlen(p);
	}
	if (lines == 0)
		fail_msg("completing '%s': no candidates", line);
}

static void assert_none(const char *out, const char *line)
{
	if (*out)
		fail_msg("completing '%s': expected nothing, got:\n%s", line, out);
}

static void commands(void **state)
{
	char *out = complete("coderef sh");
	assert_offers(out, "show", "card", "coderef sh");
	free(out);
	out = complete("coderef ");
	static const char *const cmds[] = { "show", "compare", "search", "list", "browse", "decode" };
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		assert_offers(out, cmds[i], NULL, "coderef ");
	/* A code can come first (coderef 486 = show 486). */
	assert_offers(out, "486", "Busy Here", "coderef ");
	free(out);
}

/* decode takes files, and its options are offered. */
static void decode_files_and_options(void **state)
{
	char *dir = temp_path("logs");
	mkdir(dir, 0700);
	char file[4200], line[4300];
	snprintf(file, sizeof file, "%s/trace.log", dir);
	write_file(file, "SIP/2.0 200 OK\n", 15);
	snprintf(line, sizeof line, "coderef decode %s/tr", dir);
	char *out = complete(line);
	if (!strstr(out, "trace.log"))
		fail_msg("completing '%s': no trace.log in:\n%s", line, out);
	free(out);
	out = complete("coderef --fol");
	if (!strstr(out, "--follow"))
		fail_msg("completing 'coderef --fol': no --follow in:\n%s", out);
	free(out);
	free(dir);
}

static void codes_with_their_reason_phrase(void **state)
{
	char *out = complete("coderef show 48");
	assert_offers(out, "486", "Busy Here", "coderef show 48");
	assert_offers(out, "487", "Request Terminated", "coderef show 48");
	assert_all_start_with(out, "48", "coderef show 48");
	free(out);
	/* After a code: the second code of a comparison. */
	out = complete("coderef 486 60");
	assert_offers(out, "600", "Busy Everywhere", "coderef 486 60");
	assert_all_start_with(out, "60", "coderef 486 60");
	free(out);
	out = complete("coderef compare 43");
	assert_offers(out, "437", "Unsupported Credential", "coderef compare 43");
	free(out);
}

static void descriptions_follow_the_language(void **state)
{
	char *out = complete("coderef --lang ja show 48");
	assert_offers(out, "486", "話し中", "coderef --lang ja show 48");
	free(out);
	out = complete("coderef --lang=ja 48");
	assert_offers(out, "486", "話し中", "coderef --lang=ja 48");
	free(out);
}

static void options_and_their_values(void **state)
{
	char *out = complete("coderef --la");
	assert_offers(out, "--lang", NULL, "coderef --la");
	free(out);
	out = complete("coderef --lang ");
	assert_offers(out, "en", "English", "coderef --lang ");
	assert_offers(out, "ja", "Japanese", "coderef --lang ");
	free(out);
	out = complete("coderef --color=");
	/* fish offers the whole word, zsh the value after "=". */
	const char *pre = IS_ZSH ? "" : "--color=";
	static const char *const when[] = { "auto", "always", "never" };
	for (size_t i = 0; i < 3; i++) {
		char want[32];
		snprintf(want, sizeof want, "%s%s", pre, when[i]);
		assert_offers(out, want, NULL, "coderef --color=");
	}
	free(out);
	out = complete("coderef --j");
	assert_offers(out, "--json", NULL, "coderef --j");
	free(out);
	/* search takes free words: nothing to offer. */
	out = complete("coderef search ");
	assert_none(out, "coderef search ");
	free(out);
}

static void classes(void **state)
{
	char *out = complete("coderef list ");
	static const char *const cls[] = { "1xx", "2xx", "3xx", "4xx", "5xx", "6xx" };
	for (size_t i = 0; i < 6; i++)
		assert_offers(out, cls[i], NULL, "coderef list ");
	assert_offers(out, "4xx", "Request Failure", "coderef list ");
	free(out);
	out = complete("coderef list 4");
	assert_offers(out, "4xx", "Request Failure", "coderef list 4");
	assert_all_start_with(out, "4xx", "coderef list 4");
	free(out);
}

/* Issue #15: the HTTP set, as a prefix, its codes after the prefix, in
 * list, and as the value of --set. */
static void code_sets(void **state)
{
	char *out = complete("coderef ht");
	assert_offers(out, "http:", NULL, "coderef ht");
	free(out);
	out = complete("coderef http:40");
	assert_offers(out, "http:404", "Not Found", "coderef http:40");
	assert_offers(out, "http:400", "Bad Request", "coderef http:40");
	assert_all_start_with(out, "http:40", "coderef http:40");
	free(out);
	out = complete("coderef show http:5");
	assert_offers(out, "http:503", "Service Unavailable", "coderef show http:5");
	assert_offers(out, "http:520", "Web Server Returned an Unknown Error", "coderef show http:5");
	free(out);
	out = complete("coderef --lang ja http:50");
	assert_offers(out, "http:503", "過負荷", "coderef --lang ja http:50");
	free(out);
	out = complete("coderef list ");
	assert_offers(out, "http", NULL, "coderef list ");
	assert_offers(out, "q850", NULL, "coderef list ");
	free(out);
	out = complete("coderef list http ");
	assert_offers(out, "4xx", "Client Error", "coderef list http ");
	assert_offers(out, "5xx", "Server Error", "coderef list http ");
	free(out);
	out = complete("coderef --set ");
	assert_offers(out, "http", "HTTP", "coderef --set ");
	assert_offers(out, "sip", "SIP", "coderef --set ");
	free(out);
}

/* The codes come from the database coderef would read: --db on the line
 * wins over CODEREF_DB, as it does for coderef itself. */
static void codes_come_from_the_database_given(void **state)
{
	char *db = copy_test_db("renamed.db", "UPDATE code SET reason = 'Quite Busy Here' WHERE number = 486");
	char line[4400];
	snprintf(line, sizeof line, "coderef --db %s show 48", db);
	char *out = complete(line);
	assert_offers(out, "486", "Quite Busy Here", line);
	free(out);
	snprintf(line, sizeof line, "coderef --db=%s 48", db);
	out = complete(line);
	assert_offers(out, "486", "Quite Busy Here", line);
	free(out);
	/* No database, no codes (and no error on the terminal). */
	out = complete("coderef --db /nonexistent/coderef.db show 48");
	assert_none(out, "coderef --db /nonexistent/coderef.db show 48");
	free(out);
	free(db);
}

int main(void)
{
	if (!in_path(COMPLETION_SHELL)) {
		fprintf(stderr, "%s is not installed: its completion tests are skipped (apt-get install %s)\n",
		        COMPLETION_SHELL, COMPLETION_SHELL);
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(commands),
		cmocka_unit_test(decode_files_and_options),
		cmocka_unit_test(codes_with_their_reason_phrase),
		cmocka_unit_test(descriptions_follow_the_language),
		cmocka_unit_test(options_and_their_values),
		cmocka_unit_test(classes),
		cmocka_unit_test(code_sets),
		cmocka_unit_test(codes_come_from_the_database_given),
	};
	return cmocka_run_group_tests_name(COMPLETION_SHELL " completion", tests, NULL, NULL);
}
