/* The browser end to end: the real binary in a pseudo-terminal, its
 * screen read back through libvterm.  Each test waits for a screen
 * condition with a deadline; none sleeps a fixed time. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "harness.h"
#include "vt.h"
#include "core/mention.h"
#include "core/wrap.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deadlines: generous under valgrind (CODEREF_VALGRIND=1). */
static int wait_ms(void)
{
	const char *vg = getenv("CODEREF_VALGRIND");
	return vg && *vg && strcmp(vg, "0") != 0 ? 30000 : 5000;
}
#define WAIT wait_ms()
#define TITLE_EN "coderef — SIP codes"
#define TITLE_JA "coderef — SIP のコード"

static struct vt *vt;

/* cmocka's assert with the screen shown on failure. */
#define expect_screen(text) do { \
		if (!vt_wait_text(vt, (text), WAIT)) { \
			vt_dump(vt); \
			fail_msg("not on screen: %s", (text)); \
		} \
	} while (0)
#define expect_gone(text) do { \
		if (!vt_wait_gone(vt, (text), WAIT)) { \
			vt_dump(vt); \
			fail_msg("still on screen: %s", (text)); \
		} \
	} while (0)
#define expect_row(row, text) do { \
		if (!vt_wait_row(vt, (row), (text), WAIT)) { \
			vt_dump(vt); \
			fail_msg("not on row %d: %s", (row), (text)); \
		} \
	} while (0)

static int teardown(void **state)
{
	(void)state;
	vt_free(vt);
	vt = NULL;
	return 0;
}

static struct vt *start_env(int rows, int cols, const char *const *env, const char *arg)
{
	const char *argv[] = { NULL, arg, NULL };
	vt = vt_start(rows, cols, env, arg ? argv : NULL);
	return vt;
}

static struct vt *start(void)
{
	start_env(40, 120, NULL, NULL);
	expect_screen(TITLE_EN);
	return vt;
}

static void test_startup(void **state)
{
	(void)state;
	start();
	expect_screen("1xx Provisional");
	expect_screen("100 Trying");
	expect_screen("4xx Request Failure");
	expect_row(-1, "English");
	expect_row(-1, " 1/");
	expect_row(-1, "? ");
	assert_true(vt_in_altscreen(vt));
}

static void test_move(void **state)
{
	(void)state;
	start();
	vt_type(vt, "j");
	expect_row(-1, " 2/");
	vt_type(vt, "j");
	expect_row(-1, " 3/");
	vt_type(vt, "k");
	expect_row(-1, " 2/");
	vt_key(vt, VTERM_KEY_DOWN);
	vt_key(vt, VTERM_KEY_DOWN);
	expect_row(-1, " 4/");
	vt_key(vt, VTERM_KEY_UP);
	expect_row(-1, " 3/");
	vt_type(vt, "G");
	/* The last of the shipped database's 75 codes; waiting for the status
	 * line itself, which may be painted after the list. */
	expect_row(-1, "75/75");
	expect_screen("6xx Global Failure");
	vt_type(vt, "g");
	expect_row(-1, " 1/");
	vt_key(vt, VTERM_KEY_PAGEDOWN);
	expect_gone(" 1/");
	vt_key(vt, VTERM_KEY_HOME);
	expect_row(-1, " 1/");
	vt_key(vt, VTERM_KEY_END);
	expect_gone(" 1/");
	expect_screen("6xx");
}

static void test_digits_jump(void **state)
{
	(void)state;
	start();
	vt_type(vt, "48");      /* nearest code at or after 48: 480 */
	expect_row(-1, "go to 48");
	vt_type(vt, "6");
	expect_row(-1, "go to 486");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("SIP 486 Busy Here");
}

static void test_digits_reset_after_pause(void **state)
{
	(void)state;
	start();
	vt_type(vt, "48");
	expect_row(-1, "go to 48");
	expect_gone("go to 48");       /* forgotten after a pause */
	vt_type(vt, "6");
	expect_row(-1, "go to 6");
	char *row = vt_row(vt, -1);
	assert_null(strstr(row, "go to 486"));
	free(row);
	vt_type(vt, "03");
	expect_row(-1, "go to 603");
	expect_row(-1, "/75");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("SIP 603 Decline");
}

static void test_card(void **state)
{
	(void)state;
	start();
	vt_type(vt, "486");
	expect_row(-1, "go to 486");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("Busy Here");
	expect_screen("When you see this code");
	expect_screen("Description");
	expect_gone("1xx Provisional");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_screen("4xx Request Failure");
	expect_gone("When you see this code");
	/* → opens, ← goes back, q in a card goes back too */
	vt_key(vt, VTERM_KEY_RIGHT);
	expect_screen("When you see this code");
	vt_key(vt, VTERM_KEY_LEFT);
	expect_gone("When you see this code");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("When you see this code");
	vt_type(vt, "q");
	expect_gone("When you see this code");
	expect_screen("486 Busy Here");
}

static void test_search_english(void **state)
{
	(void)state;
	start();
	vt_type(vt, "jj");
	expect_row(-1, " 3/");
	vt_type(vt, "/cert");
	expect_row(-2, "Search: cert");
	expect_row(1, "437");
	vt_key(vt, VTERM_KEY_BACKSPACE);
	expect_row(-2, "Search: cer");
	expect_gone("Search: cert");
	vt_type(vt, "t");
	expect_row(1, "437");
	vt_key(vt, VTERM_KEY_DOWN);     /* moves in the results while typing */
	expect_row(-1, " 2/");
	vt_key(vt, VTERM_KEY_ESCAPE);   /* gives the search up: the full list, */
	expect_gone("Search:");          /* where it was before `/` */
	expect_row(-1, " 3/75");
	expect_screen("1xx Provisional");
}

static void test_search_escape_and_no_match(void **state)
{
	(void)state;
	start();
	vt_type(vt, "/zzqqxx");
	expect_screen("No code matches");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_screen("1xx Provisional");
	expect_gone("Search:");
	expect_gone("No code matches");
}

static void test_search_japanese(void **state)
{
	(void)state;
	const char *env[] = { "LANG=ja_JP.UTF-8", NULL };
	start_env(40, 120, env, NULL);
	expect_screen(TITLE_JA);
	vt_type(vt, "/証明書");
	expect_row(-2, "証明書");
	expect_row(1, "436");
	expect_screen("437");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_screen("4xx クライアントエラー");
	vt_type(vt, "/転送");   /* two characters: below the trigram length */
	expect_row(-2, "転送");
	expect_screen("181 Call Is Being Forwarded");
	expect_gone("該当するコード");
}

static void test_search_long_line(void **state)
{
	(void)state;
	start();
	vt_type(vt, "/");
	expect_screen("Search:");
	char *buf = malloc(10001);
	for (int i = 0; i < 10000; i++)
		buf[i] = (char)('a' + i % 26);
	buf[10000] = '\0';
	vt_send(vt, buf, 10000);
	free(buf);
	expect_screen("No code matches");
	expect_row(-2, "uvwxyz");   /* the end of the line is what shows */
	expect_row(-1, "English");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_screen("100 Trying");
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
}

static void test_compare(void **state)
{
	(void)state;
	start();
	vt_type(vt, "202");
	expect_row(-1, "go to 202");
	vt_type(vt, "c");
	expect_row(-1, "compare 202 with");
	vt_type(vt, "437");
	expect_row(-1, "go to 437");
	vt_type(vt, "c");
	expect_screen("Key differences");
	expect_screen("SIP 202 Accepted");
	expect_screen("SIP 437 Unsupported Credential");
	expect_gone("compare 202 with");
	/* The columns: 202 on the left half, 437 on the right. */
	char *s = vt_screen(vt);
	char *line = strstr(s, "SIP 202 Accepted");
	assert_non_null(line);
	free(s);
	expect_screen("<");
	vt_key(vt, VTERM_KEY_TAB);
	expect_row(-1, "[right]");
	expect_screen(">");
	vt_key(vt, VTERM_KEY_PAGEDOWN);   /* the right column scrolls alone */
	expect_gone("SIP 437 Unsupported Credential");
	expect_screen("SIP 202 Accepted");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_screen("4xx Request Failure");
	expect_gone("Key differences");
}

static void test_compare_from_card_and_narrow(void **state)
{
	(void)state;
	start_env(40, 70, NULL, NULL);
	expect_screen(TITLE_EN);
	vt_type(vt, "486");
	expect_row(-1, "go to 486");
	vt_type(vt, "c");
	expect_row(-1, "compare 486 with");
	vt_type(vt, "480");
	expect_row(-1, "go to 480");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("Temporarily Unavailable — ");
	vt_type(vt, "c");           /* the card's code with the marked one */
	expect_screen("SIP 480 Temporarily Unavailable");
	expect_screen("SIP 486 Busy Here");
	expect_row(-1, "[upper]");   /* narrower than 80: stacked */
}

static void test_language_switch(void **state)
{
	(void)state;
	start();
	vt_type(vt, "486");
	expect_row(-1, "go to 486");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("When you see this code");
	vt_type(vt, "L");
	expect_screen("説明");
	expect_screen("このコードが表示される場合");
	expect_screen(TITLE_JA);
	expect_row(-1, "日本語");
	expect_gone("When you see this code");
	vt_type(vt, "L");
	expect_screen("When you see this code");
	expect_screen("Description");
	expect_screen(TITLE_EN);
	expect_row(-1, "English");
}

static void test_language_keeps_search(void **state)
{
	(void)state;
	start();
	vt_type(vt, "/busy");
	expect_row(1, "486 Busy Here");
	expect_screen("600 Busy Everywhere");
	vt_key(vt, VTERM_KEY_DOWN);
	expect_row(-1, " 2/");
	vt_key(vt, VTERM_KEY_ENTER);    /* opens the second result */
	expect_screen("When you see this code");
	vt_type(vt, "q");               /* back: the same results, same selection */
	expect_gone("When you see this code");
	expect_row(-1, " 2/");
	vt_type(vt, "L");
	expect_screen("486 Busy Here（");
	expect_row(-2, "busy");
	expect_row(-1, " 2/");      /* the same code still selected */
}

static void lang_under(const char *lang)
{
	const char *env[] = { lang, NULL };
	bool ja = strstr(lang, "ja_JP") != NULL;
	start_env(40, 120, env, NULL);
	expect_screen(ja ? TITLE_JA : TITLE_EN);
	expect_screen(ja ? "1xx 暫定応答" : "1xx Provisional");
	vt_type(vt, "L");
	expect_screen(ja ? TITLE_EN : TITLE_JA);
	expect_screen(ja ? "1xx Provisional" : "1xx 暫定応答");
	expect_row(-1, ja ? "English" : "日本語");
	expect_row(-1, ja ? "? help" : "? ヘルプ");
	vt_type(vt, "L");
	expect_screen(ja ? TITLE_JA : TITLE_EN);
	expect_screen(ja ? "1xx 暫定応答" : "1xx Provisional");
}

static void test_language_under_ja_jp(void **state)
{
	(void)state;
	lang_under("LANG=ja_JP.UTF-8");
}

static void test_language_under_en_us(void **state)
{
	(void)state;
	lang_under("LANG=en_US.UTF-8");
}

static void test_language_under_lc_all_posix(void **state)
{
	(void)state;
	lang_under("LC_ALL=POSIX");
}

static void test_browse_bad_argument(void **state)
{
	(void)state;
	struct run r;
	run_coderef(&r, NULL, "browse", "abc", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "coderef: error:"));
	run_free(&r);
	/* not a terminal: the list */
	run_coderef(&r, NULL, "browse", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "100 Trying"));
	run_free(&r);
}

static void test_language_under_c(void **state)
{
	(void)state;
	lang_under("LANG=C");
}

static void test_language_under_c_utf8(void **state)
{
	(void)state;
	lang_under("LANG=C.UTF-8");
}

static void test_help(void **state)
{
	(void)state;
	start();
	vt_type(vt, "?");
	expect_screen("Keys");
	expect_screen("show this help");
	expect_screen("switch language");
	vt_type(vt, "x");
	expect_gone("show this help");
	expect_screen("100 Trying");
	/* The help is closed by any key, not acted on: x did not quit. */
	vt_type(vt, "?");
	expect_screen("show this help");
	vt_type(vt, "q");
	expect_gone("show this help");
	assert_int_equal(vt_wait_exit(vt, 300), -1);
}

static void test_resize(void **state)
{
	(void)state;
	start();
	vt_resize(vt, 20, 60);
	expect_row(19, "English");
	expect_row(0, "coderef");
	expect_row(1, "1xx Provisional");
	/* nothing left over from the larger screen: every row fits */
	for (int r = 0; r < 20; r++) {
		char *row = vt_row(vt, r);
		assert_true(cr_width(row, strlen(row)) <= 60);
		free(row);
	}
	vt_resize(vt, 40, 120);
	expect_row(39, "English");
	expect_row(0, "coderef");
	char *row = vt_row(vt, 19);
	assert_null(strstr(row, "English"));
	free(row);
}

static void test_too_small(void **state)
{
	(void)state;
	start();
	vt_resize(vt, 4, 10);
	expect_screen("too small");
	vt_resize(vt, 1, 1);
	vt_pump(vt, 50);
	vt_resize(vt, 40, 120);
	expect_screen(TITLE_EN);
	expect_gone("too small");
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
}

static void test_quit_restores_terminal(void **state)
{
	(void)state;
	start();
	assert_true(vt_in_altscreen(vt));
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	assert_true(vt_left_altscreen(vt));
	assert_false(vt_in_altscreen(vt));
}

static void test_ctrl_c_restores_terminal(void **state)
{
	(void)state;
	start();
	vt_send(vt, "\003", 1);
	int status = vt_wait_exit(vt, WAIT);
	assert_int_equal(status, 130);
	assert_true(vt_left_altscreen(vt));
}

static void test_sigterm_restores_terminal(void **state)
{
	(void)state;
	start();
	vt_signal(vt, SIGTERM);
	assert_int_equal(vt_wait_exit(vt, WAIT), 128 + SIGTERM);
	assert_true(vt_left_altscreen(vt));
}

/* A terminal coderef cannot draw on: it prints the list instead, exits 0,
 * and never switches to the alternate screen. */
static void assert_prints_list_under(const char *term)
{
	const char *env[] = { term, NULL };
	start_env(40, 120, env, NULL);
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	vt_pump(vt, 50);
	assert_false(vt_left_altscreen(vt));
	char *s = vt_screen(vt);
	assert_non_null(strstr(s, "6xx Global Failure"));
	free(s);
}

static void test_unknown_terminal_prints_list(void **state)
{
	(void)state;
	assert_prints_list_under("TERM=no-such-terminal-xyz");
}

/* The column rule of a comparison stays in one column on every row: no
 * wide character of the left card spills over it or is cut by it. */
static void test_compare_wide_text_columns(void **state)
{
	(void)state;
	const char *env[] = { "LANG=ja_JP.UTF-8", NULL };
	start_env(40, 101, env, NULL);
	expect_screen(TITLE_JA);
	vt_type(vt, "486c480c");
	expect_screen("主な違い");
	int rule = -1, rows_with_rule = 0;
	for (int r = 1; r < 39; r++)
		for (int c = 0; c < vt_cols(vt); c++)
			if (vt_cell(vt, r, c) == 0x2502) {   /* │ */
				if (rule < 0)
					rule = c;
				assert_int_equal(c, rule);
				rows_with_rule++;
			}
	assert_true(rows_with_rule > 10);
	/* every wide character left of the rule is whole */
	for (int r = 1; r < 39; r++)
		if (vt_cell(vt, r, rule) == 0x2502)
			assert_true(vt_cell(vt, r, rule - 1) != 0xFFFFFFFF || vt_cell(vt, r, rule - 2) != 0);
}

static void test_search_highlight(void **state)
{
	(void)state;
	start();
	vt_type(vt, "/credential");
	expect_row(1, "437");
	char *row = vt_row(vt, 1);
	char *at = strstr(row, "Credential");
	assert_non_null(at);
	int col = cr_width(row, (size_t)(at - row));
	free(row);
	/* the selected row is reversed; the match on the second row is marked */
	row = vt_row(vt, 2);
	at = strstr(row, "credential");
	if (!at)
		at = strstr(row, "Credential");
	assert_non_null(at);
	col = cr_width(row, (size_t)(at - row));
	assert_true(vt_cell_marked(vt, 2, col));
	assert_false(vt_cell_marked(vt, 2, 2 + 2));
	free(row);
}

static void open_card(const char *number);

static void test_huge_and_tiny_sizes(void **state)
{
	(void)state;
	start();
	vt_resize(vt, 200, 500);
	expect_row(199, "English");
	/* The card itself, not the preview (which at 500 columns shows the
	 * same headings): its status line names it. */
	open_card("486");
	expect_screen("When you see this code");
	vt_resize(vt, 1, 1);
	vt_pump(vt, 100);
	vt_resize(vt, 6, 20);
	expect_row(5, "English");
	vt_resize(vt, 40, 120);
	expect_row(-1, "486");          /* still the card, scrolled wherever */
	vt_type(vt, "q");
	expect_screen("4xx Request Failure");
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
}

static void test_dumb_terminal_prints_list(void **state)
{
	(void)state;
	assert_prints_list_under("TERM=dumb");
}

static void test_browse_code_argument(void **state)
{
	(void)state;
	start_env(40, 120, NULL, "browse");
	expect_screen("100 Trying");
	vt_free(vt);
	const char *argv[] = { NULL, "browse", "486", NULL };
	vt = vt_start(40, 120, NULL, argv);
	expect_screen("SIP 486 Busy Here");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_screen("4xx Request Failure");
	expect_row(-1, "English");
}

/* Issue #15: s goes round the sets to HTTP; its list tags the codes no
 * registry holds and the unused ones; a card and a search work there. */
static void test_set_switch_reaches_http(void **state)
{
	(void)state;
	start_env(40, 200, NULL, NULL);   /* wide: the tags follow long glosses */
	expect_screen(TITLE_EN);
	for (int i = 0; i < 3; i++)
		vt_type(vt, "s");
	expect_screen("1xx Informational");
	expect_screen("100 Continue");
	vt_type(vt, "306");
	expect_row(-1, "go to 306");
	expect_screen("[reserved, unused]");
	expect_gone("go to 306");       /* digits start over after a pause */
	vt_type(vt, "499");
	expect_row(-1, "go to 499");
	expect_screen("[not in the IANA registry]");
	expect_gone("go to 499");
	vt_type(vt, "404");
	expect_row(-1, "go to 404");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("HTTP 404 Not Found");
	expect_screen("Cacheable by default");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_screen("4xx Client Error");
	vt_type(vt, "s");
	expect_screen("1xx Provisional");
}

static void test_mouse(void **state)
{
	(void)state;
	start();
	expect_row(3, "180 Ringing");
	/* ncurses turns mouse reporting on when it first reads input: one key
	 * round trip first, so the click is not sent before the terminal
	 * reports clicks at all. */
	vt_type(vt, "j");
	expect_row(-1, " 2/");
	vt_type(vt, "k");
	expect_row(-1, " 1/");
	/* Selecting a row is idempotent, so a click lost on the way (seen only
	 * under valgrind's slowness) may be sent again. */
	for (int tries = 0; tries < 3; tries++) {
		vt_click(vt, 1, 3, 10);
		if (vt_wait_row(vt, -1, " 2/", WAIT / 3))
			break;
	}
	expect_row(-1, " 2/");
	vt_click(vt, 5, 10, 10);     /* wheel down: three codes on */
	expect_row(-1, " 5/");
	vt_click(vt, 4, 10, 10);
	expect_row(-1, " 2/");
}

static void test_no_color(void **state)
{
	(void)state;
	const char *env[] = { "NO_COLOR=1", NULL };
	start_env(40, 120, env, NULL);
	expect_screen(TITLE_EN);
	expect_screen("100 Trying");
}

/* ---- wrapping mixed English and Japanese by display width ---- */

struct lines {
	int width, count, bad;
};

static void check_line(const char *line, size_t len, void *data)
{
	struct lines *l = data;
	l->count++;
	if (cr_width(line, len) > l->width)
		l->bad++;
	/* Kinsoku needs room for a character and the mark after it. */
	if (l->width < 4)
		return;
	static const char *const no_start[] = { "。", "、", "」", "）", NULL };
	for (int i = 0; no_start[i]; i++)
		if (len >= strlen(no_start[i]) && memcmp(line, no_start[i], strlen(no_start[i])) == 0)
			l->bad++;
}

static void test_wrap_mixed(void **state)
{
	(void)state;
	const char *text = "486 Busy Here は、着信側の端末には到達したが、ユーザーが"
	                   "「この端末」では現在これ以上の通話を受けられない（または受けたくない）"
	                   "ことを示す。Retry-After ヘッダーが付くこともある。";
	for (int w = 2; w <= 80; w++) {
		struct lines l = { w, 0, 0 };
		cr_wrap(text, w, check_line, &l);
		assert_int_equal(l.bad, 0);
		assert_true(l.count >= 1);
	}
}

/* ---- hostile input and terminals ---- */

static void test_hundred_resizes(void **state)
{
	(void)state;
	start();
	for (int i = 0; i < 100; i++)
		vt_resize(vt, 5 + (i * 7) % 60, 10 + (i * 13) % 200);
	vt_resize(vt, 40, 120);
	expect_row(-1, "English");
	expect_screen("100 Trying");
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	assert_true(vt_left_altscreen(vt));
}

/* Every byte value as a key, in every view: nothing crashes or hangs, and
 * the browser still answers afterwards. */
static void test_every_byte_as_a_key(void **state)
{
	(void)state;
	start();
	static const char *const views[] = { "", "486\r", "/" };
	for (size_t v = 0; v < sizeof views / sizeof *views; v++) {
		vt_type(vt, views[v]);
		for (int b = 0; b < 256; b++) {
			/* q, Esc, Ctrl-C, Ctrl-Z and Ctrl-\ would end or stop the program:
			 * they have tests of their own. */
			if (b == 'q' || b == 'Q' || b == 0x1b || b == 0x03 || b == 0x1a || b == 0x1c)
				continue;
			char c = (char)b;
			vt_send(vt, &c, 1);
			if (b % 32 == 0)
				vt_pump(vt, 5);
		}
		vt_pump(vt, 50);
		/* Back to a known state: Esc out of any search or view. */
		vt_key(vt, VTERM_KEY_ESCAPE);
		vt_key(vt, VTERM_KEY_ESCAPE);
		vt_key(vt, VTERM_KEY_ESCAPE);
		vt_pump(vt, 100);
	}
	/* Still alive, still answering keys, and it leaves cleanly. */
	assert_true(vt_wait_exit(vt, 1) < 0);
	vt_key(vt, VTERM_KEY_ESCAPE);
	/* longer than the wait for a sequence after Esc: else it is Alt-? */
	vt_pump(vt, 250);
	vt_type(vt, "?");
	expect_screen("show this help");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_gone("show this help");
	vt_signal(vt, SIGTERM);
	int status = vt_wait_exit(vt, WAIT);
	assert_true(status == 0 || status == 128 + SIGTERM);
	assert_true(vt_left_altscreen(vt));
}

/* Keys pasted at full speed, with no pause: a search line of 2,000
 * characters, then 150 moves; the screen settles on the right answer. */
static void test_paste_at_full_speed(void **state)
{
	(void)state;
	start();
	char paste[2100];
	memset(paste, 'x', 2000);
	memcpy(paste, "/busy ", 6);
	paste[2000] = '\0';
	vt_send(vt, paste, 2000);
	expect_screen("Search: ");
	vt_key(vt, VTERM_KEY_ESCAPE);
	/* The search line is closed before the moves are sent, or Esc and j
	 * would arrive together as Alt-j. */
	expect_gone("Search: ");
	expect_row(-1, "/75");
	char moves[150];
	memset(moves, 'j', sizeof moves);
	vt_send(vt, moves, sizeof moves);
	expect_row(-1, "75/75");
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
}

/* Class colours are the command line's (palette.h): 1xx blue (4), 2xx
 * green (2), 3xx cyan (6), 4xx yellow (3); --color=never leaves the
 * terminal's default colour. */
static int marker_color(const char *row_text)
{
	expect_screen(row_text);
	char *screen = vt_screen(vt);
	int row = 0;
	for (char *line = screen; line; row++) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (strstr(line, row_text)) {
			free(screen);
			for (int col = 0; col < 6; col++)
				if (vt_cell(vt, row, col) == 0x25CF)   /* ● */
					return vt_cell_fg(vt, row, col);
			return -2;
		}
		line = nl ? nl + 1 : NULL;
	}
	free(screen);
	return -2;
}

static void test_class_colours_match_command_line(void **state)
{
	(void)state;
	start();
	assert_int_equal(marker_color("180 Ringing"), 4);   /* 100 is selected: drawn reversed */
	assert_int_equal(marker_color("200 OK"), 2);
	assert_int_equal(marker_color("300 Multiple Choices"), 6);
	assert_int_equal(marker_color("400 Bad Request"), 3);
	vt_free(vt);
	start_env(40, 120, NULL, "--color=never");
	assert_int_equal(marker_color("400 Bad Request"), -1);
}

/* ---- issue 14: keys, search line, history ---- */

/* The row drawn selected (reversed from its first column), -1 if none. */
static int selected_row(void)
{
	for (int r = 1; r < vt_rows(vt) - 1; r++) {
		uint32_t c = vt_cell(vt, r, 0);
		if ((c == 0 || c == ' ') && vt_cell_marked(vt, r, 0))
			return r;
	}
	return -1;
}

static bool selected_is(const char *text)
{
	for (int tries = 0; tries < WAIT / 20; tries++) {
		int r = selected_row();
		if (r >= 0) {
			char *row = vt_row(vt, r);
			bool yes = strstr(row, text) != NULL;
			free(row);
			if (yes)
				return true;
		}
		vt_pump(vt, 20);
	}
	return false;
}
#define expect_selected(text) do { \
		if (!selected_is(text)) { \
			vt_dump(vt); \
			fail_msg("not selected: %s", (text)); \
		} \
	} while (0)

static void open_card(const char *number)
{
	char go[32], at[32];
	snprintf(go, sizeof go, "go to %s", number);
	snprintf(at, sizeof at, "%s  1-", number);
	vt_type(vt, number);
	expect_row(-1, go);
	vt_key(vt, VTERM_KEY_ENTER);
	expect_row(-1, at);
}

/* Home and End as tmux, screen and PuTTY send them (ESC[1~ ESC[4~), under
 * TERM=xterm-256color whose terminfo says ESC O H: keys, not Esc and digits. */
static void test_home_end_sequences(void **state)
{
	(void)state;
	start();
	open_card("486");
	expect_row(-1, "486  1-");
	vt_send(vt, "\033[4~", 4);
	expect_gone("486  1-");
	expect_row(-1, "SIP 486");                   /* still the card (its end: the flow) */
	vt_send(vt, "\033[1~", 4);
	expect_row(-1, "486  1-");
	vt_send(vt, "\033[F", 3);                    /* xterm's other forms */
	expect_gone("486  1-");
	vt_send(vt, "\033OH", 3);
	expect_row(-1, "486  1-");
	vt_send(vt, "\033[8~", 4);                   /* rxvt's */
	expect_gone("486  1-");
	vt_send(vt, "\033[7~", 4);
	expect_row(-1, "486  1-");
	vt_send(vt, "\033[6~", 4);                   /* PgDn, PgUp */
	expect_gone("486  1-");
	vt_send(vt, "\033[5~", 4);
	expect_row(-1, "486  1-");
	/* Unknown sequences are swallowed whole: no Esc, no letters. */
	vt_send(vt, "\033[99;5X\033[1;2Q\033OZ", 17);
	vt_type(vt, "j");
	expect_row(-1, "486  2-");
	expect_screen("When you see this code");
	vt_type(vt, "q");
	expect_gone("When you see this code");
	/* In the search line Home and End move the cursor. */
	vt_type(vt, "/busy");
	expect_row(-2, "Search: busy");
	vt_send(vt, "\033[1~", 4);
	vt_type(vt, "x");
	expect_row(-2, "Search: xbusy");
	vt_send(vt, "\033[4~", 4);
	vt_type(vt, "y");
	expect_row(-2, "Search: xbusyy");
	vt_send(vt, "\033[3~", 4);                   /* Delete at the end: nothing */
	vt_send(vt, "\033[H", 3);
	vt_send(vt, "\033[3~", 4);                   /* Delete: the x */
	expect_row(-2, "Search: busyy");
}

/* An arrow whose bytes come apart (a slow link) is still one key. */
static void test_split_escape_sequence(void **state)
{
	(void)state;
	start();
	vt_type(vt, "/busy");
	expect_row(-2, "Search: busy");
	vt_send(vt, "\033[", 2);
	vt_pump(vt, 60);
	vt_send(vt, "D", 1);
	vt_type(vt, "x");
	expect_row(-2, "Search: busxy");
	vt_send(vt, "\033", 1);
	vt_pump(vt, 60);
	vt_send(vt, "[D", 2);
	vt_type(vt, "z");
	expect_row(-2, "Search: buszxy");
	/* and in a card, where Esc would go back: the card stays */
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_gone("Search:");
	open_card("486");
	vt_send(vt, "\033", 1);
	vt_pump(vt, 40);
	vt_send(vt, "[", 1);
	vt_pump(vt, 40);
	vt_send(vt, "B", 1);
	expect_row(-1, "486  2-");
	expect_screen("When you see this code");
}

/* Pasted text is typed text, never commands; the mode is turned on. */
static void test_bracketed_paste(void **state)
{
	(void)state;
	start();
	assert_true(vt_wrote(vt, "\033[?2004h", WAIT));
	const char *p = "\033[200~SIP/2.0 486 Busy Here\033[201~";
	vt_send(vt, p, strlen(p));
	expect_row(-2, "Search: SIP/2.0 486 Busy Here");
	expect_screen(TITLE_EN);                    /* the H, L… did nothing */
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_gone("Search:");
	p = "\033[200~Q\rq\nL\033[201~";
	vt_send(vt, p, strlen(p));
	expect_row(-2, "Search: Q q L");
	expect_screen(TITLE_EN);
	assert_int_equal(vt_wait_exit(vt, 200), -1);
	vt_key(vt, VTERM_KEY_ESCAPE);
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	assert_true(vt_wrote(vt, "\033[?2004l", WAIT));
}

static void test_search_line_keys(void **state)
{
	(void)state;
	start();
	vt_type(vt, "/qL?");                         /* text, not commands */
	expect_row(-2, "Search: qL?");
	expect_screen(TITLE_EN);
	assert_true(vt_cell_marked(vt, -2, 0));      /* visibly active */
	vt_send(vt, "\025", 1);                      /* Ctrl-U */
	expect_gone("qL?");
	vt_type(vt, "busy");
	expect_row(1, "486 Busy Here");
	vt_send(vt, "\016", 1);                      /* Ctrl-N */
	expect_row(-1, " 2/");
	vt_send(vt, "\n", 1);                        /* Ctrl-J */
	expect_row(-1, " 3/");
	vt_send(vt, "\013", 1);                      /* Ctrl-K */
	expect_row(-1, " 2/");
	vt_send(vt, "\020", 1);                      /* Ctrl-P */
	expect_row(-1, " 1/");
	vt_key(vt, VTERM_KEY_DOWN);
	expect_row(-1, " 2/");
	vt_key(vt, VTERM_KEY_UP);
	expect_row(-1, " 1/");
	vt_type(vt, " here");
	expect_row(-2, "Search: busy here");
	vt_send(vt, "\001", 1);                      /* Ctrl-A */
	vt_type(vt, "x");
	expect_row(-2, "Search: xbusy here");
	vt_send(vt, "\005", 1);                      /* Ctrl-E */
	vt_type(vt, "y");
	expect_row(-2, "Search: xbusy herey");
	vt_send(vt, "\033b", 2);                     /* Alt-B */
	vt_type(vt, "Z");
	expect_row(-2, "Search: xbusy Zherey");
	vt_send(vt, "\033b\033b", 4);
	vt_send(vt, "\033f", 2);                     /* Alt-F */
	vt_type(vt, "W");
	expect_row(-2, "Search: xbusyW Zherey");
	vt_key(vt, VTERM_KEY_LEFT);
	vt_key(vt, VTERM_KEY_LEFT);
	vt_key(vt, VTERM_KEY_RIGHT);
	vt_type(vt, "V");
	expect_row(-2, "Search: xbusyVW Zherey");
	vt_send(vt, "\005\027", 2);                  /* Ctrl-E Ctrl-W */
	expect_row(-2, "Search: xbusyVW");
	expect_gone("Zherey");
}

/* The selected result says why it matched: a snippet under it, the words
 * found marked, from any language (a Japanese word with English on screen). */
static void test_search_snippet(void **state)
{
	(void)state;
	start();
	vt_type(vt, "/engaged");
	expect_row(1, "486 Busy Here");
	expect_row(2, "engaged, line busy");
	char *row = vt_row(vt, 2);
	int col = (int)(strstr(row, "engaged") - row);
	free(row);
	assert_true(vt_cell_marked(vt, 2, col));
	vt_send(vt, "\025", 1);                     /* Ctrl-U */
	vt_type(vt, "話中");
	expect_row(1, "486 Busy Here");
	expect_row(2, "話中");
}

/* One Enter opens the selected result; back gives the same results and
 * selection; Esc gives the list as it was before `/`. */
static void test_search_enter_back_escape(void **state)
{
	(void)state;
	start();
	open_card("486");
	vt_type(vt, "q");
	expect_selected("486 Busy Here");
	char *before = vt_row(vt, -1);
	vt_type(vt, "/busy");
	expect_row(1, "486 Busy Here");
	vt_key(vt, VTERM_KEY_DOWN);
	expect_row(-1, " 2/");
	char *was = vt_row(vt, selected_row());
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("When you see this code");
	expect_gone("Search:");
	vt_key(vt, VTERM_KEY_BACKSPACE);            /* back */
	expect_row(-2, "Search: busy");
	expect_row(-1, " 2/");
	expect_selected(was + 3);
	free(was);
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_gone("Search:");
	expect_selected("486 Busy Here");
	char *after = vt_row(vt, -1);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* and the history of searches: Up on an empty line */
	vt_type(vt, "/");
	expect_row(-2, "Search:");
	vt_key(vt, VTERM_KEY_UP);
	expect_row(-2, "Search: busy");
	vt_key(vt, VTERM_KEY_DOWN);
	expect_gone("Search: busy");
	expect_row(-2, "Search:");
}

/* `/` in a card finds text, n and N step, the count shows. */
static void test_find_in_card(void **state)
{
	(void)state;
	start();
	open_card("486");
	vt_type(vt, "/busy");
	expect_row(-1, "match 1/");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("When you see this code");    /* Enter keeps the card */
	vt_type(vt, "n");
	expect_row(-1, "match 2/");
	vt_type(vt, "N");
	expect_row(-1, "match 1/");
	vt_type(vt, "N");                            /* wraps to the last */
	expect_gone("match 1/");
	vt_key(vt, VTERM_KEY_ESCAPE);                /* the search first */
	expect_gone("match ");
	expect_gone("Search:");
	expect_row(-1, "SIP 486");                   /* still the card, maybe at its flow */
	vt_key(vt, VTERM_KEY_ESCAPE);                /* then the card */
	expect_gone("When you see this code");
}

static void test_back_and_quit(void **state)
{
	(void)state;
	start();
	open_card("486");
	vt_type(vt, "q");                            /* q in a card goes back */
	expect_gone("When you see this code");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("When you see this code");
	vt_key(vt, VTERM_KEY_BACKSPACE);
	expect_gone("When you see this code");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen(" Description");
	vt_type(vt, "Q");                            /* Q quits from anywhere */
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	assert_true(vt_left_altscreen(vt));
}

static void test_digit_prefix_and_centre(void **state)
{
	(void)state;
	start();
	vt_type(vt, "4");
	expect_selected("400 Bad Request");
	vt_type(vt, "8");
	expect_selected("480 Temporarily Unavailable");
	/* a jump puts the code mid-screen, with context below */
	int r = selected_row();
	assert_true(r >= 15 && r <= 24);
	/* among search results */
	vt_free(vt);
	start();
	vt_type(vt, "/busy");
	expect_row(1, "486 Busy Here");
	vt_key(vt, VTERM_KEY_DOWN);
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen("When you see this code");
	vt_type(vt, "q");
	expect_row(-2, "Search: busy");
	vt_type(vt, "4");
	expect_selected("486 Busy Here");
}

static void test_less_keys(void **state)
{
	(void)state;
	start_env(20, 100, NULL, NULL);
	expect_screen(TITLE_EN);
	open_card("486");
	expect_row(-1, "486  1-");
	vt_type(vt, " ");
	expect_gone("486  1-");
	vt_type(vt, "b");
	expect_row(-1, "486  1-");
	vt_send(vt, "\006", 1);                      /* Ctrl-F */
	expect_gone("486  1-");
	vt_send(vt, "\002", 1);                      /* Ctrl-B */
	expect_row(-1, "486  1-");
	vt_send(vt, "\004", 1);                      /* Ctrl-D: half a page */
	expect_row(-1, "486  10-");
	vt_send(vt, "\025", 1);                      /* Ctrl-U */
	expect_row(-1, "486  1-");
	vt_type(vt, "f");
	expect_gone("486  1-");
	vt_type(vt, "G");
	char *row = NULL;
	for (int i = 0; i < 50; i++) {               /* the last line shows */
		vt_pump(vt, 20);
		free(row);
		row = vt_row(vt, -1);
		char *slash = strstr(row, "/");
		char *dash = slash ? slash : NULL;
		while (dash && dash > row && dash[-1] != '-')
			dash--;
		if (slash && dash > row && atoi(dash) == atoi(slash + 1))
			break;
	}
	char *slash = strstr(row, "/");
	char *dash = slash;
	while (dash > row && dash[-1] != '-')
		dash--;
	assert_int_equal(atoi(dash), atoi(slash + 1));
	free(row);
	vt_type(vt, "g");
	expect_row(-1, "486  1-");
	vt_send(vt, "\014", 1);                      /* Ctrl-L: all again */
	expect_row(-1, "486  1-");
	expect_screen("SIP 486 Busy Here");
	expect_row(0, "coderef");
}

/* Growing the window fills the list from above. */
static void test_grow_fills_list(void **state)
{
	(void)state;
	start_env(20, 100, NULL, NULL);
	expect_screen(TITLE_EN);
	vt_type(vt, "G");
	expect_row(-1, "75/75");
	vt_resize(vt, 40, 100);
	expect_row(-1, "75/75");
	expect_row(38, "608 Rejected");
	expect_row(1, " ");
}

static void test_browse_unknown_code(void **state)
{
	(void)state;
	struct run r;
	run_coderef(&r, NULL, "browse", "999", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "coderef: error:"));
	assert_non_null(strstr(r.err, "999"));
	assert_null(strchr(strchr(r.err, '\n') + 1, '\n'));   /* one line */
	assert_int_equal(r.out[0], '\0');
	run_free(&r);
	/* on a terminal: before the screen is taken */
	const char *argv[] = { NULL, "browse", "999", NULL };
	vt = vt_start(20, 80, NULL, argv);
	assert_int_equal(vt_wait_exit(vt, WAIT), 1);
	assert_false(vt_left_altscreen(vt));
	vt_free(vt);
	vt = NULL;
}

/* ---- issue 14: compare, status, help, links, copy, filter, preview ---- */

static void test_compare_keys(void **state)
{
	(void)state;
	start();
	vt_type(vt, "202c437c");
	expect_screen("Key differences");
	expect_row(-1, "202 ⇄ 437  [left]");
	vt_type(vt, "l");
	expect_row(-1, "[right]");
	vt_type(vt, "h");                  /* focus only: the comparison stays */
	expect_row(-1, "[left]");
	vt_key(vt, VTERM_KEY_RIGHT);
	expect_row(-1, "[right]");
	vt_key(vt, VTERM_KEY_LEFT);
	expect_row(-1, "[left]");
	expect_screen("Key differences");
	vt_key(vt, VTERM_KEY_TAB);
	expect_row(-1, "[right]");
	vt_key(vt, VTERM_KEY_TAB);
	expect_row(-1, "[below]");
	vt_send(vt, "\033[Z", 3);          /* Shift-Tab goes backward */
	expect_row(-1, "[right]");
	vt_type(vt, "x");                  /* swap the sides */
	expect_row(-1, "437 ⇄ 202");
	expect_screen("SIP 437 Unsupported Credential vs 202 Accepted");
	vt_type(vt, "x");
	expect_row(-1, "202 ⇄ 437");
	vt_type(vt, "=");                  /* lock: both columns scroll */
	expect_row(-1, "[locked]");
	vt_key(vt, VTERM_KEY_PAGEDOWN);
	expect_gone("SIP 437 Unsupported Credential —");
	expect_gone("SIP 202 Accepted —");
	vt_type(vt, "=");
	expect_gone("[locked]");
	vt_type(vt, "g");                  /* one column alone again */
	expect_screen("SIP 437 Unsupported Credential —");
	expect_gone("SIP 202 Accepted —");
}

static void test_compare_mark(void **state)
{
	(void)state;
	start();
	vt_type(vt, "486");
	expect_selected("486 Busy Here");
	vt_type(vt, "c");
	expect_row(-1, "compare 486 with");
	expect_selected("◆ 486 Busy Here");   /* visibly marked */
	vt_type(vt, "c");                      /* c again: unmarked */
	expect_gone("compare 486 with");
	expect_gone("◆");
	vt_type(vt, "c");
	expect_screen("◆ 486");
	vt_key(vt, VTERM_KEY_ESCAPE);          /* Esc clears it too */
	expect_gone("◆");
	expect_gone("compare 486 with");
	assert_int_equal(vt_wait_exit(vt, 200), -1);
}

static int row_with(const char *text)
{
	for (int r = 0; r < vt_rows(vt); r++) {
		char *row = vt_row(vt, r);
		bool yes = strstr(row, text) != NULL;
		free(row);
		if (yes)
			return r;
	}
	return -1;
}

/* Under 80 columns: stacked panes, each under a header with its code and
 * position; the focus gets the most rows. */
/* ---- call flows ---- */

/* The column where text starts on row r (by cells), or -1. */
static int col_of(int r, const char *text)
{
	char *row = vt_row(vt, r);
	char *at = strstr(row, text);
	int col = at ? cr_width(row, (size_t)(at - row)) : -1;
	free(row);
	return col;
}

/* The card ends with its call flow: End shows the ladder, read back from
 * the screen, the code's own arrow drawn bold; narrowed to 40 columns the
 * ladder is drawn again to fit; in Japanese the heading and names follow. */
static void test_flow_in_card(void **state)
{
	(void)state;
	start();
	open_card("486");
	vt_key(vt, VTERM_KEY_END);
	expect_screen("Call flow");
	expect_screen("UAC");
	expect_screen("Voicemail");
	expect_screen("\u2502\u2500\u2500");                  /* │── an arrow leaving a lifeline */
	int r = row_with("486 Busy Here");
	assert_true(r > 0);
	/* The label and the arrow under it: marked (bold), the lifelines not. */
	int c = col_of(r, "486 Busy Here");
	assert_true(vt_cell_marked(vt, r, c));
	int arrow = col_of(r + 1, "\u25c0");                     /* ◀ */
	assert_true(arrow > 0);
	assert_true(vt_cell_marked(vt, r + 1, arrow));
	assert_false(vt_cell_marked(vt, r + 1, arrow - 1));     /* the proxy's lifeline */
	int other = row_with("100 Trying");
	assert_true(other > 0);
	assert_false(vt_cell_marked(vt, other, col_of(other, "100 Trying")));

	vt_resize(vt, 30, 40);
	vt_key(vt, VTERM_KEY_END);
	expect_screen("Call flow");
	expect_screen("486 Busy Here");
	expect_screen("\u25c0\u2500");
	for (int k = 0; k < 30; k++) {
		char *row = vt_row(vt, k);
		assert_true(cr_width(row, strlen(row)) <= 40);
		free(row);
	}
	vt_resize(vt, 40, 120);
	vt_type(vt, "L");
	vt_key(vt, VTERM_KEY_END);
	expect_screen("\u30b3\u30fc\u30eb\u30d5\u30ed\u30fc");    /* コールフロー */
	expect_screen("\u767a\u4fe1\u5074 UA");                   /* 発信側 UA */
}

static void test_flow_ascii(void **state)
{
	(void)state;
	start_env(40, 120, NULL, "--ascii");
	expect_screen(TITLE_EN);
	open_card("486");
	vt_key(vt, VTERM_KEY_END);
	expect_screen("Call flow");
	expect_screen("|<---------");
	expect_gone("\u2502");
}

/* A comparison draws each card's flow in its own column: 486 (voicemail
 * takes the call) on the left, 600 (the proxy cancels the other branch)
 * on the right, side by side. */
static void test_flow_in_compare(void **state)
{
	(void)state;
	start();
	vt_type(vt, "486c600c");
	expect_screen("Key differences");
	vt_key(vt, VTERM_KEY_END);                  /* the left column */
	vt_key(vt, VTERM_KEY_TAB);
	expect_row(-1, "[right]");
	vt_key(vt, VTERM_KEY_END);
	expect_screen("CANCEL");
	expect_screen("never sees the 486");
	/* The left ladder's voicemail note, the right one's 600 on its arrows:
	 * the one the callee sends marked, the one the proxy relays not. */
	int left = row_with("never sees the 486"), right = row_with("│600 Busy Everywhere");
	assert_true(left > 0 && right > 0);
	assert_true(col_of(left, "never sees the 486") < 60);
	assert_true(col_of(right, "600 Busy Everywhere") > 60);
	int marked = 0, arrows = 0;
	for (int r = 0; r < vt_rows(vt); r++)
		if (col_of(r, "600 Busy Everywhere") > 60) {
			arrows++;
			marked += vt_cell_marked(vt, r, col_of(r, "600 Busy Everywhere"));
		}
	/* The callee's 600 may be scrolled above; the relayed one is never marked. */
	assert_true(arrows >= 1 && marked <= 1);
	int cancel = row_with("CANCEL");
	assert_true(col_of(cancel, "CANCEL") > 60);
}

static void test_compare_stacked(void **state)
{
	(void)state;
	start_env(20, 60, NULL, NULL);
	expect_screen(TITLE_EN);
	vt_type(vt, "486c480c");
	expect_row(-1, "[upper]");
	expect_screen("486 Busy Here  1-");
	expect_screen("480 Temporarily Unavailable  1-");
	int r0 = row_with("486 Busy Here  1-");
	int r1 = row_with("480 Temporarily Unavailable  1-");
	int r2 = row_with("Key differences  ");
	assert_true(r0 > 0 && r1 > r0 && r2 > r1);
	int rows_end = 19;
	assert_true(r1 - r0 - 1 > r2 - r1 - 1);
	assert_true(r1 - r0 - 1 > rows_end - r2 - 1);
	vt_key(vt, VTERM_KEY_TAB);
	expect_row(-1, "[lower]");
	for (int i = 0; i < WAIT / 20; i++) {
		r0 = row_with("486 Busy Here  1-");
		r1 = row_with("480 Temporarily Unavailable  1-");
		r2 = row_with("Key differences  ");
		if (r2 - r1 > r1 - r0)
			break;
		vt_pump(vt, 20);
	}
	assert_true(r2 - r1 - 1 > r1 - r0 - 1);
	assert_true(r2 - r1 - 1 > rows_end - r2 - 1);
	for (int r = 0; r < 20; r++) {
		char *row = vt_row(vt, r);
		assert_true(cr_width(row, strlen(row)) <= 60);
		free(row);
	}
}

static void test_status_hints_narrow(void **state)
{
	(void)state;
	start();
	expect_row(-1, "Enter open");
	expect_row(-1, "/ search");
	char *row = vt_row(vt, -1);
	size_t n = strlen(row);
	assert_true(n > 6 && strcmp(row + n - 6, "? help") == 0);
	free(row);
	vt_resize(vt, 20, 40);
	expect_row(19, "English");
	expect_row(19, "? help");
	expect_gone("L language");      /* the less important went first */
	row = vt_row(vt, 19);
	n = strlen(row);
	assert_true(n > 6 && strcmp(row + n - 6, "? help") == 0);
	free(row);
	vt_resize(vt, 20, 24);
	expect_row(19, "? help");
	/* a card's own hints */
	vt_resize(vt, 40, 120);
	open_card("486");
	expect_row(-1, "Esc back");
	expect_row(-1, "Tab link");
}

static void test_help_scrolls_small(void **state)
{
	(void)state;
	start_env(12, 40, NULL, NULL);
	expect_screen("coderef");
	vt_type(vt, "?");
	expect_screen("Keys  1-");
	expect_screen("move up");
	vt_type(vt, "j");
	expect_screen("Keys  2-");
	vt_key(vt, VTERM_KEY_PAGEDOWN);
	expect_gone("Keys  2-");
	vt_type(vt, "G");
	expect_screen("show this help");      /* the last action */
	for (int r = 0; r < 12; r++) {
		char *row = vt_row(vt, r);
		assert_true(cr_width(row, strlen(row)) <= 40);
		free(row);
	}
	vt_type(vt, "g");
	expect_screen("Keys  1-");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_gone("Keys  ");
	assert_int_equal(vt_wait_exit(vt, 200), -1);
}

/* The code of the link the status line names ("link 480"), 0 if none. */
static int status_link(void)
{
	char *row = vt_row(vt, -1);
	int n = 0;
	for (char *p = row; (p = strstr(p, "link ")) != NULL; p++)
		if (p[5] >= '1' && p[5] <= '9') {
			n = atoi(p + 5);
			break;
		}
	free(row);
	return n;
}

static int wait_link(int not)
{
	for (int i = 0; i < WAIT / 20; i++) {
		int n = status_link();
		if (n && n != not)
			return n;
		vt_pump(vt, 20);
	}
	vt_dump(vt);
	return 0;
}

static void test_links(void **state)
{
	(void)state;
	start();
	open_card("182");
	assert_int_equal(status_link(), 0);
	vt_key(vt, VTERM_KEY_TAB);
	int first = wait_link(0);
	assert_true(first >= 100 && first < 700 && first != 182);
	vt_key(vt, VTERM_KEY_TAB);          /* the next one */
	int second = wait_link(first);
	assert_true(second != first && second > 0);
	vt_send(vt, "\033[Z", 3);           /* Shift-Tab: back to the first */
	assert_int_equal(wait_link(second), first);
	char want[32], at[32];
	vt_key(vt, VTERM_KEY_ENTER);        /* follow it */
	snprintf(at, sizeof at, "%d  1-", first);
	expect_row(-1, at);
	snprintf(want, sizeof want, "SIP %d", first);
	expect_screen(want);
	vt_type(vt, "q");                   /* back to 182, the link still selected */
	expect_row(-1, "182  ");
	assert_int_equal(wait_link(0), first);
	vt_type(vt, "q");
	expect_screen("1xx Provisional");
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *base64(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n / 3 * 4 + 8), *o = out;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		*o++ = i + 1 < n ? b64[v >> 6 & 63] : '=';
		*o++ = i + 2 < n ? b64[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

static void test_copy_osc52(void **state)
{
	(void)state;
	start();
	open_card("486");
	vt_forget_output(vt);
	vt_type(vt, "Y");
	char *code = base64("SIP 486 Busy Here");
	char want[256];
	snprintf(want, sizeof want, "\033]52;c;%s\a", code);
	free(code);
	assert_true(vt_wrote(vt, want, WAIT));
	expect_row(-1, "copied SIP 486 Busy Here");
	vt_forget_output(vt);
	vt_type(vt, "y");
	/* the whole card as plain text: it starts with its title line */
	code = base64("SIP 486 Busy Here");
	code[strlen(code) - 4] = '\0';        /* the last group depends on what follows */
	snprintf(want, sizeof want, "\033]52;c;%s", code);
	free(code);
	assert_true(vt_wrote(vt, want, WAIT));
	expect_row(-1, "copied 486");
	vt_type(vt, "j");                      /* the message goes with the next key */
	expect_gone("copied");
}

static void test_class_filter(void **state)
{
	(void)state;
	start();
	vt_type(vt, "f");
	expect_row(-1, "class?");
	vt_type(vt, "4");
	expect_row(0, "only 4xx Request Failure");
	expect_gone("1xx Provisional");
	expect_selected("400 Bad Request");
	vt_type(vt, "G");
	expect_selected("494 Security Agreement Required");
	expect_gone("5xx Server Failure");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_gone("only 4xx");
	expect_row(-1, "/75");
	expect_selected("494 Security Agreement Required");
	assert_int_equal(vt_wait_exit(vt, 200), -1);
}

/* From 160 columns the selected code's card is beside the list. */
static void test_preview(void **state)
{
	(void)state;
	start_env(50, 200, NULL, NULL);
	expect_screen(TITLE_EN);
	expect_screen("SIP 100 Trying");
	int r = row_with("SIP 100 Trying");
	char *row = vt_row(vt, r);
	assert_true(cr_width(row, (size_t)(strstr(row, "SIP 100 Trying") - row)) >= 100);
	free(row);
	vt_type(vt, "j");
	expect_screen("SIP 180 Ringing");
	expect_gone("SIP 100 Trying");
	vt_type(vt, "486");
	expect_screen("SIP 486 Busy Here");
	vt_key(vt, VTERM_KEY_ENTER);          /* the card itself: full width */
	expect_row(-1, "486  1-");
	expect_gone("1xx Provisional");
	vt_type(vt, "q");
	expect_screen("SIP 486 Busy Here");
	vt_resize(vt, 50, 120);               /* narrower: no preview */
	expect_gone("SIP 486 Busy Here");
	expect_screen("486 Busy Here");
}

static void test_long_rows_ellipsis(void **state)
{
	(void)state;
	start_env(30, 50, NULL, NULL);
	expect_screen("100 Trying");
	int r = row_with("100 Trying");
	char *row = vt_row(vt, r);
	size_t n = strlen(row);
	assert_true(n > 3 && strcmp(row + n - 3, "…") == 0);
	free(row);
}

struct wrap_lines {
	int bad;
};

static void no_hyphen_end(const char *line, size_t len, void *data)
{
	struct wrap_lines *w = data;
	if (len >= 6 && memcmp(line + len - 6, "Retry-", 6) == 0)
		w->bad++;
	if (len >= 4 && memcmp(line + len - 4, "Min-", 4) == 0)
		w->bad++;
}

static void test_wrap_keeps_header_names(void **state)
{
	(void)state;
	const char *text = "The server may add a Retry-After header field, and Min-SE too; "
	                   "Retry-After ヘッダーが付くこともある。";
	/* from the width of "Retry-After": a narrower line must split it */
	for (int w = 11; w <= 60; w++) {
		struct wrap_lines l = { 0 };
		cr_wrap(text, w, no_hyphen_end, &l);
		assert_int_equal(l.bad, 0);
	}
}

static void test_mentions(void **state)
{
	(void)state;
	const char *s = "See 480, not RFC 822, rfc822, Q.850 cause 17, 100rel, §21.4.486, 3.486.1, "
	                "1486 or 700; 486は話中、and 604.";
	size_t n = strlen(s), len, at = 0;
	int number, found[8], k = 0;
	while ((at = cr_mention_next(s, n, at, &len, &number)) < n && k < 8) {
		assert_int_equal(len, 3);
		found[k++] = number;
		at += len;
	}
	assert_int_equal(k, 3);
	assert_int_equal(found[0], 480);
	assert_int_equal(found[1], 486);
	assert_int_equal(found[2], 604);
}

/* ---- coderef decode FILE: the log view ---- */

static const char decode_log[] =
	"U 10.0.0.2:5060 -> 10.0.0.1:5060\r\n"
	"SIP/2.0 407 Proxy Authenticate\r\n"
	"Call-ID: view-call@10.0.0.1\r\n"
	"\x1b[31mescape\x1b[0m and a NUL \x00 here\r\n"
	"Reason: Q.850;cause=34;text=\"No circuit\"\r\n"
	"plain line\n"
	"needle in the log\n";

static char *decode_file(void)
{
	char *path = temp_path("view.log");
	write_file(path, decode_log, sizeof decode_log - 1);
	return path;
}

static void test_log_view(void **state)
{
	(void)state;
	char *path = decode_file();
	const char *argv[] = { NULL, "decode", path, NULL };
	vt = vt_start(24, 140, NULL, argv);
	expect_screen("coderef decode — ");
	expect_screen("SIP/2.0 407 Proxy Authenticate");
	expect_row(-1, "2 findings");
	/* findings in the match look, the rest plain; controls made visible */
	char *row = vt_row(vt, 2);
	assert_non_null(strstr(row, "SIP/2.0 407"));
	free(row);
	assert_true(vt_cell_marked(vt, 2, 0));
	assert_false(vt_cell_marked(vt, 6, 0));
	expect_screen("␛[31mescape␛[0m and a NUL ␀ here");
	/* n and N go through the findings; the status says what each is */
	vt_type(vt, "n");
	expect_row(-1, "finding 1/2");
	expect_row(-1, "SIP 407 Proxy Authentication Required");
	expect_row(-1, "[phrase differs]");
	vt_type(vt, "n");
	expect_row(-1, "finding 2/2");
	expect_row(-1, "Q.850 34");
	vt_type(vt, "N");
	expect_row(-1, "finding 1/2");
	/* Enter opens the finding's card; back returns to the log */
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen(" Description");
	expect_screen("SIP 407 Proxy Authentication Required — ");
	expect_row(-1, "SIP 407  1-");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_gone(" Description");
	expect_row(-1, "finding 1/2");
	/* `/` searches the log */
	vt_type(vt, "/needle");
	expect_screen("Search: needle");
	expect_gone("not found");
	vt_type(vt, "zzz");
	expect_row(-1, "not found");
	vt_key(vt, VTERM_KEY_ESCAPE);
	expect_gone("Search:");
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	free(path);
}

/* A finding beyond the screen's width: n scrolls sideways to it, ← back. */
static void test_log_view_sideways(void **state)
{
	(void)state;
	char *path = temp_path("wide.log");
	char line[400];
	memset(line, '-', 200);
	memcpy(line + 200, "Reason: Q.850;cause=17;text=\"User busy\"\n", 40);
	write_file(path, line, 240);
	const char *argv[] = { NULL, "decode", path, NULL };
	vt = vt_start(24, 100, NULL, argv);
	expect_screen("-----");
	expect_gone("Q.850;cause=17");
	vt_type(vt, "n");
	expect_row(-1, "finding 1/1");
	expect_screen("Q.850;cause=17");
	expect_row(-1, "column ");
	for (int i = 0; i < 12; i++)      /* 20 columns a step, never past the start */
		vt_key(vt, VTERM_KEY_LEFT);
	expect_gone("Q.850;cause=17");
	expect_gone("column ");
	vt_key(vt, VTERM_KEY_RIGHT);
	expect_row(-1, "column 21");
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	free(path);
}

/* On a wide screen the current finding's card shows beside the log; L
 * switches the language of both. */
static void test_log_view_preview_and_language(void **state)
{
	(void)state;
	char *path = decode_file();
	const char *argv[] = { NULL, "decode", path, NULL };
	vt = vt_start(30, 180, NULL, argv);
	expect_screen("SIP/2.0 407 Proxy Authenticate");
	expect_gone(" Description");
	vt_type(vt, "n");
	expect_screen(" Description");
	expect_screen("SIP 407 Proxy Authentication Required — ");
	vt_type(vt, "L");
	expect_row(-1, "検出結果 1/2");
	expect_screen("プロキシ");
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	free(path);
}

/* From a pipe, keys come from the terminal, as less reads them. */
static void test_log_view_from_pipe(void **state)
{
	(void)state;
	char *path = decode_file();
	char *cmd;
	if (asprintf(&cmd, "cat '%s' | '%s' decode", path, test_bin()) < 0)
		fail();
	const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
	vt = vt_start(24, 100, NULL, argv);
	expect_screen("coderef decode — -");
	expect_screen("SIP/2.0 407 Proxy Authenticate");
	vt_type(vt, "n");
	expect_row(-1, "finding 1/2");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_screen(" Description");
	vt_type(vt, "Q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 0);
	free(cmd);
	free(path);
}

/* A pipe that does not end (tail -f | coderef decode): the view waits for
 * its end, says so, and Ctrl-C still stops it, the terminal untouched. */
static void test_log_view_from_an_endless_pipe(void **state)
{
	(void)state;
	char *cmd;
	if (asprintf(&cmd, "(echo 'SIP/2.0 486 Busy Here'; exec sleep 60) | '%s' decode", test_bin()) < 0)
		fail();
	const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
	vt = vt_start(24, 100, NULL, argv);
	expect_screen("reading the log from the pipe");
	expect_screen("Ctrl-C stops");
	vt_type(vt, "\003");
	int status = vt_wait_exit(vt, WAIT);
	assert_int_not_equal(status, -1);
	assert_false(vt_in_altscreen(vt));
	free(cmd);
}

/* A log with nothing in it still opens; q gives exit status 1. */
static void test_log_view_nothing_found(void **state)
{
	(void)state;
	char *path = temp_path("empty.log");
	write_file(path, "nothing\n", 8);
	const char *argv[] = { NULL, "decode", path, NULL };
	vt = vt_start(24, 100, NULL, argv);
	expect_row(-1, "0 findings");
	vt_type(vt, "n");
	vt_key(vt, VTERM_KEY_ENTER);
	expect_row(-1, "0 findings");
	vt_type(vt, "q");
	assert_int_equal(vt_wait_exit(vt, WAIT), 1);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_mixed),
		cmocka_unit_test_teardown(test_startup, teardown),
		cmocka_unit_test_teardown(test_move, teardown),
		cmocka_unit_test_teardown(test_digits_jump, teardown),
		cmocka_unit_test_teardown(test_digits_reset_after_pause, teardown),
		cmocka_unit_test_teardown(test_set_switch_reaches_http, teardown),
		cmocka_unit_test_teardown(test_card, teardown),
		cmocka_unit_test_teardown(test_search_english, teardown),
		cmocka_unit_test_teardown(test_search_escape_and_no_match, teardown),
		cmocka_unit_test_teardown(test_search_japanese, teardown),
		cmocka_unit_test_teardown(test_search_long_line, teardown),
		cmocka_unit_test_teardown(test_compare, teardown),
		cmocka_unit_test_teardown(test_compare_from_card_and_narrow, teardown),
		cmocka_unit_test_teardown(test_language_switch, teardown),
		cmocka_unit_test_teardown(test_language_keeps_search, teardown),
		cmocka_unit_test_teardown(test_language_under_c, teardown),
		cmocka_unit_test_teardown(test_language_under_c_utf8, teardown),
		cmocka_unit_test_teardown(test_language_under_ja_jp, teardown),
		cmocka_unit_test_teardown(test_language_under_en_us, teardown),
		cmocka_unit_test_teardown(test_language_under_lc_all_posix, teardown),
		cmocka_unit_test(test_browse_bad_argument),
		cmocka_unit_test_teardown(test_help, teardown),
		cmocka_unit_test_teardown(test_resize, teardown),
		cmocka_unit_test_teardown(test_too_small, teardown),
		cmocka_unit_test_teardown(test_quit_restores_terminal, teardown),
		cmocka_unit_test_teardown(test_ctrl_c_restores_terminal, teardown),
		cmocka_unit_test_teardown(test_sigterm_restores_terminal, teardown),
		cmocka_unit_test_teardown(test_dumb_terminal_prints_list, teardown),
		cmocka_unit_test_teardown(test_unknown_terminal_prints_list, teardown),
		cmocka_unit_test_teardown(test_compare_wide_text_columns, teardown),
		cmocka_unit_test_teardown(test_search_highlight, teardown),
		cmocka_unit_test_teardown(test_huge_and_tiny_sizes, teardown),
		cmocka_unit_test_teardown(test_browse_code_argument, teardown),
		cmocka_unit_test_teardown(test_mouse, teardown),
		cmocka_unit_test_teardown(test_hundred_resizes, teardown),
		cmocka_unit_test_teardown(test_every_byte_as_a_key, teardown),
		cmocka_unit_test_teardown(test_paste_at_full_speed, teardown),
		cmocka_unit_test_teardown(test_no_color, teardown),
		cmocka_unit_test_teardown(test_class_colours_match_command_line, teardown),
		cmocka_unit_test_teardown(test_home_end_sequences, teardown),
		cmocka_unit_test_teardown(test_split_escape_sequence, teardown),
		cmocka_unit_test_teardown(test_bracketed_paste, teardown),
		cmocka_unit_test_teardown(test_search_line_keys, teardown),
		cmocka_unit_test_teardown(test_search_snippet, teardown),
		cmocka_unit_test_teardown(test_search_enter_back_escape, teardown),
		cmocka_unit_test_teardown(test_find_in_card, teardown),
		cmocka_unit_test_teardown(test_back_and_quit, teardown),
		cmocka_unit_test_teardown(test_digit_prefix_and_centre, teardown),
		cmocka_unit_test_teardown(test_less_keys, teardown),
		cmocka_unit_test_teardown(test_grow_fills_list, teardown),
		cmocka_unit_test_teardown(test_browse_unknown_code, teardown),
		cmocka_unit_test_teardown(test_compare_keys, teardown),
		cmocka_unit_test_teardown(test_compare_mark, teardown),
		cmocka_unit_test_teardown(test_compare_stacked, teardown),
		cmocka_unit_test_teardown(test_flow_in_card, teardown),
		cmocka_unit_test_teardown(test_flow_ascii, teardown),
		cmocka_unit_test_teardown(test_flow_in_compare, teardown),
		cmocka_unit_test_teardown(test_status_hints_narrow, teardown),
		cmocka_unit_test_teardown(test_help_scrolls_small, teardown),
		cmocka_unit_test_teardown(test_links, teardown),
		cmocka_unit_test_teardown(test_copy_osc52, teardown),
		cmocka_unit_test_teardown(test_class_filter, teardown),
		cmocka_unit_test_teardown(test_preview, teardown),
		cmocka_unit_test_teardown(test_long_rows_ellipsis, teardown),
		cmocka_unit_test_teardown(test_log_view, teardown),
		cmocka_unit_test_teardown(test_log_view_from_pipe, teardown),
		cmocka_unit_test_teardown(test_log_view_from_an_endless_pipe, teardown),
		cmocka_unit_test_teardown(test_log_view_sideways, teardown),
		cmocka_unit_test_teardown(test_log_view_preview_and_language, teardown),
		cmocka_unit_test_teardown(test_log_view_nothing_found, teardown),
		cmocka_unit_test(test_wrap_keeps_header_names),
		cmocka_unit_test(test_mentions),
	};
	/* CODEREF_TEST_ONLY=test_card* runs some of them. */
	const char *only = getenv("CODEREF_TEST_ONLY");
	if (only && *only)
		cmocka_set_test_filter(only);
	return cmocka_run_group_tests_name("tui", tests, NULL, NULL);
}
