/* Hostile input for the command line: databases built to hurt (triggers,
 * views, missing rows, no read permission) and texts that try to take over
 * the terminal.  Each must give a clean result: output with no raw control
 * characters, or one error line and exit status 3, and no file changed. */
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
#include <unistd.h>
#include <unistr.h>

#include "core/util.h"
#include "harness.h"
#include "core/bigram.h"
#include "core/util.h"

#define ENV(...) ((const char *const[]){ __VA_ARGS__, NULL })

static char *make_db(const char *name, const char *sql)
{
	return copy_test_db(name, sql);
}

static char *db_opt(const char *path)
{
	char *opt = malloc(strlen(path) + 8);
	sprintf(opt, "--db=%s", path);
	return opt;
}

/* Nothing the terminal would act on: no C0 control but newline, no DEL, no
 * C1 control, valid UTF-8 throughout. */
static void assert_terminal_safe(const char *s, size_t n, const char *what)
{
	if (u8_check((const uint8_t *)s, n) != NULL)
		fail_msg("%s: output is not valid UTF-8", what);
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		if ((c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
		    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			fail_msg("%s: raw control U+%04X at byte %td", what, (unsigned)c, (const char *)p - s);
		p += k;
	}
}

static const char hostile_sql[] =
	"UPDATE code_text SET"
	" description = 'Red \x1b[31mALERT\x1b[0m \x1b]0;pwned\x07 title \x9b" "2J c1 \x1b[2J clear'"
	"   || char(10) || 'bad utf8: ' || CAST(X'C3FFFE80' AS TEXT) || ' rtl: ' || char(0x202E) || 'txet'"
	"   || ' zero' || char(0x200B) || 'width e' || char(0x301) || ' bell' || char(7) || char(127),"
	" seen = replace(hex(zeroblob(50000)), '00', 'ab'),"
	" fix = (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"
	"        SELECT group_concat('line ' || i, char(10)) FROM n)"
	" WHERE code_id = (SELECT id FROM code WHERE number = 486);"
	"UPDATE code SET reason = 'Busy' || char(27) || '[5mHere' WHERE number = 486;"
	"UPDATE string SET value = 'Desc' || char(27) || ']8;;http://x' || char(7) WHERE key = 'heading.description';";

static void hostile_text_is_made_safe(void **state)
{
	char *path = make_db("hostile.db", hostile_sql);
	char *opt = db_opt(path);
	static const char *const commands[][3] = {
		{ "show", "486" }, { "compare", "486", "600" }, { "search", "busy" }, { "list", "4xx" },
		{ "--json", "show", "486" }, { "--lang=ja", "show", "486" }, { "--color=always", "show", "486" },
	};
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		struct run r;
		run_coderef(&r, NULL, opt, commands[i][0], commands[i][1], commands[i][2], NULL);
		if (r.status != 0)
			fail_msg("%s %s: exit %d: %s", commands[i][0], commands[i][1], r.status, r.err);
		if (strcmp(commands[i][0], "--color=always") == 0) {
			/* Our own colour codes only: no ESC from the data. */
			assert_null(strstr(r.out, "\x1b[31m"));
			assert_null(strstr(r.out, "\x1b]"));
		} else {
			assert_terminal_safe(r.out, r.out_len, commands[i][0]);
		}
		assert_terminal_safe(r.err, r.err_len, "stderr");
		run_free(&r);
	}
	struct run r;
	run_coderef(&r, NULL, opt, "show", "486", NULL);
	assert_non_null(strstr(r.out, "Busy␛[5mHere"));
	assert_non_null(strstr(r.out, "\xef\xbf\xbd"));  /* U+FFFD for the bad bytes */
	assert_non_null(strstr(r.out, "line 10000"));
	run_free(&r);
	free(opt);
	free(path);
}

/* A database may try to run code or write when it is read: views in place
 * of tables, triggers.  coderef reads with views and triggers off and
 * untrusted schema off, so such a file is refused, and never changed. */
static void crafted_schema_is_refused(void **state)
{
	static const char *const crafts[][2] = {
		{ "view.db", "ALTER TABLE code RENAME TO code_real;"
		             "CREATE VIEW code AS SELECT * FROM code_real WHERE 1 = 1;" },
		{ "trigger.db", "CREATE TABLE log(x); CREATE TRIGGER t AFTER UPDATE ON code"
		                " BEGIN INSERT INTO log VALUES (1); END;" },
		{ "nostrings.db", "DROP TABLE string;" },
		{ "nofts.db", "DROP TABLE search;" },
	};
	for (size_t i = 0; i < sizeof crafts / sizeof *crafts; i++) {
		char *path = make_db(crafts[i][0], crafts[i][1]);
		size_t before_len, after_len;
		char *before = read_file(path, &before_len);
		char *opt = db_opt(path);
		struct run r;
		run_coderef(&r, NULL, opt, "show", "486", NULL);
		if (i == 1) {
			/* A trigger never fires on reading: the file works. */
			assert_int_equal(r.status, 0);
		} else if (r.status != 3) {
			fail_msg("%s: exit %d, stderr %s", crafts[i][0], r.status, r.err);
		} else {
			assert_int_equal(count_lines(r.err), 1);
		}
		char *after = read_file(path, &after_len);
		assert_int_equal(before_len, after_len);
		assert_memory_equal(before, after, before_len);
		run_free(&r);
		free(before);
		free(after);
		free(opt);
		free(path);
	}
}

static void exec_or_fail(sqlite3 *w, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(w, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* `show` on the file must be refused with one line and exit 3, the file
 * left as it was. */
static void assert_refused(const char *path, const char *opt, const char *what)
{
	size_t before_len, after_len;
	char *before = read_file(path, &before_len);
	struct run r;
	run_coderef(&r, NULL, opt, "show", "486", NULL);
	if (r.status != 3 || count_lines(r.err) != 1)
		fail_msg("%s: exit %d, stderr %s", what, r.status, r.err);
	char *after = read_file(path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	run_free(&r);
	free(before);
	free(after);
}

/* Any table of the schema gone, or any column of a plain table: refused at
 * open, since statements are prepared only when first used.  One copy,
 * renamed away and back for each case.  Under valgrind, every fifth column. */
static void every_table_and_column_is_checked(void **state)
{
	char *path = make_db("columns.db", "");
	char *opt = db_opt(path);
	int step = getenv("CODEREF_VALGRIND") ? 5 : 1, tables = 0, columns = 0, n = 0;
	sqlite3 *w;
	assert_int_equal(sqlite3_open(path, &w), SQLITE_OK);
	assert_int_equal(cr_bigram_register(w), 0);   /* an FTS5 index renamed needs its tokenizer */
	/* The schema's tables: plain ones and FTS5 ones, not FTS5's shadows. */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(w, "SELECT name, sql LIKE 'CREATE VIRTUAL%' FROM sqlite_schema"
		" WHERE type = 'table' AND sql NOT LIKE 'CREATE TABLE ''%' AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &st, NULL), SQLITE_OK);
	char names[64][64];
	int virtual_table[64];
	while (sqlite3_step(st) == SQLITE_ROW && tables < 64) {
		snprintf(names[tables], sizeof names[tables], "%s", (const char *)sqlite3_column_text(st, 0));
		virtual_table[tables++] = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	assert_true(tables >= 20);
	for (int t = 0; t < tables; t++) {
		char *sql = cr_asprintf("ALTER TABLE \"%s\" RENAME TO \"%s_gone\"", names[t], names[t]);
		exec_or_fail(w, sql);
		free(sql);
		assert_refused(path, opt, names[t]);
		sql = cr_asprintf("ALTER TABLE \"%s_gone\" RENAME TO \"%s\"", names[t], names[t]);
		exec_or_fail(w, sql);
		free(sql);
		if (virtual_table[t])
			continue;
		char *q = cr_asprintf("SELECT name FROM pragma_table_info('%s')", names[t]);
		assert_int_equal(sqlite3_prepare_v2(w, q, -1, &st, NULL), SQLITE_OK);
		free(q);
		char cols[32][64];
		int ncols = 0;
		while (sqlite3_step(st) == SQLITE_ROW && ncols < 32)
			snprintf(cols[ncols++], 64, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		for (int c = 0; c < ncols; c++) {
			if (n++ % step)
				continue;
			char *what = cr_asprintf("%s.%s", names[t], cols[c]);
			sql = cr_asprintf("ALTER TABLE \"%s\" RENAME COLUMN \"%s\" TO \"%s_gone\"", names[t], cols[c], cols[c]);
			exec_or_fail(w, sql);
			free(sql);
			assert_refused(path, opt, what);
			free(what);
			sql = cr_asprintf("ALTER TABLE \"%s\" RENAME COLUMN \"%s_gone\" TO \"%s\"", names[t], cols[c], cols[c]);
			exec_or_fail(w, sql);
			free(sql);
			columns++;
		}
	}
	/* Put back as it was: the copy works again. */
	sqlite3_close(w);
	struct run r;
	run_coderef(&r, NULL, opt, "show", "486", NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	assert_true(columns >= (step == 1 ? 74 : 14));
	free(opt);
	free(path);
}

/* Rows missing here and there: everything still shows, with fallbacks. */
static void missing_rows_fall_back(void **state)
{
	char *path = make_db("holes.db",
		"DELETE FROM code_text WHERE code_id = (SELECT id FROM code WHERE number = 480);"
		"DELETE FROM string WHERE lang = 'ja' AND key LIKE 'heading.%';"
		"DELETE FROM string WHERE lang = 'ja' AND key LIKE 'diff.%';");
	char *opt = db_opt(path);
	struct run r;
	run_coderef(&r, NULL, opt, "--lang=ja", "show", "486", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\nDescription\n"));      /* heading from English */
	assert_non_null(strstr(r.out, "着信側"));               /* text still Japanese */
	run_free(&r);
	run_coderef(&r, NULL, opt, "show", "480", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "480 Temporarily Unavailable"));
	run_free(&r);
	run_coderef(&r, NULL, opt, "--lang=ja", "compare", "480", "486", NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	free(opt);
	free(path);
}

/* As root every file is readable, so drop to nobody for this one. */
static void unreadable_file(void **state)
{
	char *path = make_db("unreadable.db", "SELECT 1;");
	chmod(path, 0);
	char *dir = strdup(path);
	*strrchr(dir, '/') = '\0';
	chmod(dir, 0755);
	char *opt = db_opt(path);
	struct run r;
	if (geteuid() == 0) {
		const char *argv[] = { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
		                       test_bin(), opt, "show", "486", NULL };
		run_command(&r, ENV("HOME=/nonexistent", "XDG_CONFIG_HOME"), argv);
	} else {
		run_coderef(&r, NULL, opt, "show", "486", NULL);
	}
	assert_int_equal(r.status, 3);
	assert_int_equal(count_lines(r.err), 1);
	assert_non_null(strstr(r.err, path));
	run_free(&r);
	free(opt);
	free(dir);
	free(path);
}

/* coderef list | head -1: a closed pipe ends it quietly. */
static void closed_pipe_is_quiet(void **state)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "'%s' --db='%s' list | head -1; echo \"status ${PIPESTATUS[0]}\"",
	         test_bin(), test_db());
	const char *argv[] = { "bash", "-c", cmd, NULL };
	struct run r;
	run_command(&r, NULL, argv);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "SIP (sip:NUMBER)\n"));
	/* Either finished before head closed, or ended by SIGPIPE (141). */
	assert_true(strstr(r.out, "status 0") || strstr(r.out, "status 141"));
	run_free(&r);
}

/* Databases the fuzzer found crashes with (tests/fuzz/regress/): each now
 * gives a card, or one error line and status 3. */
static void fuzz_findings_stay_fixed(void **state)
{
	static const char *const files[] = { "dbopen-null-strings.db", "dbopen-missing-label.db" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char path[4096], opt[4200];
		snprintf(path, sizeof path, "%s/tests/fuzz/regress/%s", test_srcdir(), files[i]);
		snprintf(opt, sizeof opt, "--db=%s", path);
		static const char *const commands[][3] = {
			{ "--lang=ja", "show", "486" }, { "compare", "486", "600" }, { "list" }, { "search", "busy" },
		};
		for (size_t k = 0; k < sizeof commands / sizeof *commands; k++) {
			struct run r;
			run_coderef(&r, NULL, opt, commands[k][0], commands[k][1], commands[k][2], NULL);
			if (r.status > 3)
				fail_msg("%s: %s: status %d: %s", files[i], commands[k][0], r.status, r.err);
			assert_true(count_lines(r.err) <= 1);
			assert_terminal_safe(r.out, r.out_len, files[i]);
			run_free(&r);
		}
	}
}

/* Flows built to hurt: an element with no name, 1,000 steps, a label of
 * 10,000 characters, control characters, invalid UTF-8.  Each card is
 * still shown (exit 0, terminal-safe): the flow drawn, or named as damaged
 * and left out. */
static void hostile_flows_render_safely_or_are_skipped(void **state)
{
	(void)state;
	static const struct { int number; const char *sql; const char *expect; } cases[] = {
		{ 486, "'uac mystery' || char(10) || '* mystery > uac: 486 Busy Here'", "mystery" },
		{ 600, "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
		       " SELECT 'uac uas' || group_concat(char(10) || '* uas > uac: 600 Busy', '') FROM n)",
		  "damaged" },
		{ 480, "'uac uas' || char(10) || '* uas > uac: ' || replace(hex(zeroblob(5000)), '00', 'xy')",
		  "damaged" },
		{ 404, "'uac uas' || char(10) || '* uas > uac: 404 ' || char(27) || '[2J' || char(7)",
		  "damaged" },
		{ 408, "'uac uas' || char(10) || '* uas > uac: 408 ' || CAST(X'C3FFFE80' AS TEXT)", "damaged" },
		{ 503, "''", "damaged" },
	};
	struct cr_buf sql = { 0 };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		cr_buf_addf(&sql, "UPDATE flow SET text = %s WHERE code_id = (SELECT c.id FROM code c"
		                  " JOIN code_set s ON s.id = c.set_id WHERE s.key = 'sip' AND c.number = %d);",
		            cases[i].sql, cases[i].number);
	char *path = make_db("hostile-flows.db", sql.s);
	cr_buf_free(&sql);
	char *opt = db_opt(path);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char number[16];
		snprintf(number, sizeof number, "%d", cases[i].number);
		static const char *const langs[] = { "--lang=en", "--lang=ja" };
		for (size_t l = 0; l < 2; l++) {
			struct run r;
			run_coderef(&r, NULL, opt, langs[l], "show", number, NULL);
			if (r.status != 0)
				fail_msg("show %s: exit %d: %s", number, r.status, r.err);
			assert_terminal_safe(r.out, r.out_len, number);
			if (l == 0 && !strstr(r.out, cases[i].expect))
				fail_msg("show %s: no '%s' in:\n%s", number, cases[i].expect, r.out);
			run_free(&r);
			run_coderef(&r, NULL, opt, langs[l], "--json", "show", number, NULL);
			assert_int_equal(r.status, 0);
			assert_terminal_safe(r.out, r.out_len, number);
			run_free(&r);
		}
	}
	struct run r;
	run_coderef(&r, NULL, opt, "compare", "600", "486", NULL);
	assert_int_equal(r.status, 0);
	assert_terminal_safe(r.out, r.out_len, "compare");
	run_free(&r);
	free(opt);
	free(path);
}

/* dbgen on bad flows.txt: every fault named with its file and line, exit
 * status 1 and no database written. */
static void dbgen_names_bad_flows_with_their_line(void **state)
{
	(void)state;
	const char *builddir = getenv("CODEREF_BUILDDIR");
	assert_non_null(builddir);
	char *dir = temp_path("badset");
	mkdir(dir, 0755);
	static const char *const copied[] = { "set.txt", "codes.txt", "en.txt", "ja.txt" };
	for (size_t i = 0; i < sizeof copied / sizeof *copied; i++) {
		char from[4200], to[4200];
		snprintf(from, sizeof from, "%s/db/sip/%s", test_srcdir(), copied[i]);
		snprintf(to, sizeof to, "%s/%s", dir, copied[i]);
		size_t n;
		char *text = read_file(from, &n);
		write_file(to, text, n);
		free(text);
	}
	static const char flows[] =
		"Code: 486\n"                                   /* 1 */
		"Flow: uac uas\n"                               /* 2 */
		" * uas > nobody: 486 Busy Here\n"              /* 3: unknown element */
		"\n"
		"Code: 600\n"                                   /* 5 */
		"Flow: uac uas\n"                               /* 6: nothing marked */
		" uas > uac: 600 Busy Everywhere\n"
		"\n"
		"Code: 603\n"                                   /* 9 */
		"Flow: uac stranger\n"                          /* 10: a key with no name */
		" * stranger > uac: 603 Decline\n"
		"\n"
		"Code: 604\n"                                   /* 13 */
		"Flow: uac uas\n"
		" * uas > uac: 604 \x1b[2J\n"                   /* 15: a control character */
		"\n"
		"Code: 999\n"                                   /* 17: no such code */
		"Flow: uac uas\n"
		" * uas > uac: 999 What\n"
		"\n"
		"Code: *\n"                                     /* 21 */
		"Flow: uac uas\n"                               /* 22: a slot no code fills */
		" * uas > uac: {to.spi}\n";
	char path[4200];
	snprintf(path, sizeof path, "%s/flows.txt", dir);
	write_file(path, flows, strlen(flows));
	char dbgen[4200], schema[4200], en[4200], ja[4200];
	snprintf(dbgen, sizeof dbgen, "%s/db/dbgen", builddir);
	snprintf(schema, sizeof schema, "%s/db/schema.sql", test_srcdir());
	snprintf(en, sizeof en, "%s/db/lang/en.txt", test_srcdir());
	snprintf(ja, sizeof ja, "%s/db/lang/ja.txt", test_srcdir());
	char *out = temp_path("badset.db");
	const char *argv[] = { dbgen, out, schema, en, ja, "--", dir, NULL };
	struct run r;
	run_command(&r, NULL, argv);
	assert_int_equal(r.status, 1);
	static const char *const expected[] = {
		"flows.txt:3: code 486: element 'nobody' is not in the first line",
		"flows.txt:6: code 600: no step is marked",
		"flows.txt:10: code 603: element 'stranger' has no name",
		"flows.txt:15: code 604: control character",
		"flows.txt:17: flow for code 999, which codes.txt does not have",
		"flows.txt:22: a template flow that no code takes",
		"not written",
	};
	for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
		if (!strstr(r.err, expected[i]))
			fail_msg("no '%s' in:\n%s", expected[i], r.err);
	assert_int_equal(access(out, F_OK), -1);
	run_free(&r);
	free(out);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hostile_text_is_made_safe),
		cmocka_unit_test(crafted_schema_is_refused),
		cmocka_unit_test(every_table_and_column_is_checked),
		cmocka_unit_test(missing_rows_fall_back),
		cmocka_unit_test(unreadable_file),
		cmocka_unit_test(closed_pipe_is_quiet),
		cmocka_unit_test(fuzz_findings_stay_fixed),
		cmocka_unit_test(hostile_flows_render_safely_or_are_skipped),
		cmocka_unit_test(dbgen_names_bad_flows_with_their_line),
	};
	return cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
}
