/* coderef decode: the line scanner on its own (every form, hostile bytes),
 * then the real binary on the real database (text, --only, --json read
 * back by json-c, the summary, --follow on a file that grows, stdin, bad
 * inputs and exit statuses).  The test logs are written here, modelled on
 * sngrep, ngrep, Asterisk and FreeSWITCH output. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <json-c/json.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/logfile.h"
#include "core/scan.h"
#include "harness.h"

#define ENV(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* ---- the scanner ---- */

struct got {
	struct cr_finding f[16];
	char phrase[16][128];
	size_t n;
	const char *line;
};

static void collect(void *data, const struct cr_finding *f)
{
	struct got *g = data;
	if (g->n < 16) {
		cr_scan_phrase(g->line, f, g->phrase[g->n], sizeof g->phrase[0]);
		g->f[g->n++] = *f;
	}
}

static bool known_name(void *data, const char *s, size_t n)
{
	(void)data;
	static const char *const names[] = { "USER_BUSY", "NORMAL_TEMPORARY_FAILURE", "NORMAL_CLEARING",
	                                     "INTERWORKING" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return true;
	return false;
}

static const struct cr_scan_names names = { known_name, NULL };

static struct got scan(const char *line)
{
	struct got g = { .line = line };
	cr_scan_line(line, strlen(line), &names, collect, &g);
	return g;
}

/* Only the findings that are codes (not Call-IDs or request lines). */
static size_t codes(const struct got *g)
{
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		n += g->f[i].kind != CR_FIND_CALL_ID && g->f[i].kind != CR_FIND_REQUEST_LINE;
	return n;
}

static void test_scan_status_lines(void **state)
{
	(void)state;
	struct got g = scan("SIP/2.0 486 Busy Here");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.f[0].kind, CR_FIND_STATUS_LINE);
	assert_string_equal(g.f[0].set, "sip");
	assert_int_equal(g.f[0].number, 486);
	assert_int_equal(g.f[0].at, 0);
	assert_string_equal(g.phrase[0], "Busy Here");
	/* ngrep -W byline shows the CR as '.'; a quoted status line in a log */
	g = scan(" SIP/2.0 401 Unauthorized.");
	assert_int_equal(g.f[0].at, 1);
	assert_string_equal(g.phrase[0], "Unauthorized");
	g = scan("msg=\"SIP/2.0 407 Proxy Authenticate\" from peer");
	assert_string_equal(g.phrase[0], "Proxy Authenticate");
	/* ngrep without byline: headers run on after ".." */
	g = scan("U 1.2.3.4 -> 5.6.7.8 SIP/2.0 180 Ringing..Call-ID: a@b..Reason: Q.850;cause=17..");
	assert_int_equal(codes(&g), 2);
	assert_string_equal(g.phrase[0], "Ringing");
	assert_int_equal(g.f[1].kind, CR_FIND_CALL_ID);
	assert_int_equal(g.f[1].name_len, 3);
	assert_int_equal(g.f[2].number, 17);
	/* sipfrag body, HTTP */
	g = scan("SIP/2.0 200 OK");
	assert_int_equal(g.f[0].number, 200);
	g = scan("HTTP/1.1 404 Not Found");
	assert_string_equal(g.f[0].set, "http");
	assert_int_equal(g.f[0].number, 404);
	g = scan("HTTP/2 503 ");
	assert_int_equal(g.f[0].number, 503);
	/* Not status lines: a request line, a Via, four digits, a version alone */
	g = scan("INVITE sip:bob@example.com SIP/2.0");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.f[0].kind, CR_FIND_REQUEST_LINE);
	assert_int_equal(codes(&(struct got){ 0 }), 0);
	g = scan("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776");
	assert_int_equal(codes(&g), 0);
	g = scan("SIP/2.0 4860 Busy");
	assert_int_equal(codes(&g), 0);
	g = scan("XSIP/2.0 486 Busy");
	assert_int_equal(codes(&g), 0);
	g = scan("SIP/2.0 48");
	assert_int_equal(codes(&g), 0);
}

static void test_scan_reason(void **state)
{
	(void)state;
	struct got g = scan("Reason: Q.850;cause=16;text=\"Normal call clearing\"");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.f[0].kind, CR_FIND_REASON);
	assert_string_equal(g.f[0].set, "q850");
	assert_int_equal(g.f[0].number, 16);
	assert_string_equal(g.phrase[0], "Normal call clearing");
	/* several values, parameters in any order and spacing, a quoted text
	 * holding semicolons, commas and escaped quotes */
	g = scan("Reason: SIP ;text=\"a;b, \\\"c\\\"\" ; cause = 603 , Q.850;cause=21;text=\"Call Rejected\","
	         " preemption ;cause=1, Q.850;text=\"x;y\";cause=31");
	assert_int_equal(g.n, 3);
	assert_string_equal(g.f[0].set, "sip");
	assert_int_equal(g.f[0].number, 603);
	assert_string_equal(g.phrase[0], "a;b, \"c\"");
	assert_int_equal(g.f[1].number, 21);
	assert_string_equal(g.phrase[1], "Call Rejected");
	assert_int_equal(g.f[2].number, 31);
	assert_string_equal(g.phrase[2], "x;y");
	/* lower case header name, no text */
	g = scan("reason:Q.850;cause=34");
	assert_int_equal(g.f[0].number, 34);
	assert_int_equal(g.f[0].phrase_len, 0);
	/* cause= with no number, out of range, a truncated header */
	assert_int_equal(scan("Reason: Q.850;cause=;text=\"x\"").n, 0);
	assert_int_equal(scan("Reason: Q.850;cause=1234567").n, 0);
	assert_int_equal(scan("Reason: Q.850;cau").n, 0);
	assert_int_equal(scan("Reason: Q.850;text=\"unterminated").n, 0);
	assert_int_equal(scan("Reason:").n, 0);
	/* after a run of dashes, as some logs frame a header */
	g = scan("------Reason: Q.850;cause=17");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.f[0].number, 17);
	/* a longer header name that ends like one is not it */
	assert_int_equal(scan("XReason: Q.850;cause=17").n, 0);
	g = scan("Reason: Q.850;cause=17;text=\"no end");
	assert_int_equal(g.f[0].number, 17);
	assert_string_equal(g.phrase[0], "no end");
}

static void test_scan_warning(void **state)
{
	(void)state;
	struct got g = scan("Warning: 392 10.0.0.1:5060 \"Noisy feedback tells: pid=1 req_src_ip=10.0.0.2\"");
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0].set, "warning");
	assert_int_equal(g.f[0].number, 392);
	assert_string_equal(g.phrase[0], "Noisy feedback tells: pid=1 req_src_ip=10.0.0.2");
	g = scan("Warning: 301 isi.edu \"Incompatible network address type 'E.164'\", 399 proxy.example \"x\"");
	assert_int_equal(g.n, 2);
	assert_int_equal(g.f[1].number, 399);
	assert_int_equal(scan("Warning: 39 host \"x\"").n, 0);
	assert_int_equal(scan("Warning: 3999 host \"x\"").n, 0);
	assert_int_equal(scan("Warning:").n, 0);
}

static void test_scan_asterisk_freeswitch(void **state)
{
	(void)state;
	struct got g = scan("[2026-01-01 10:00:00] VERBOSE[123] chan_sip.c:   -- Got SIP response 486 \"Busy Here\" back from 10.0.0.2:5060");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.f[0].kind, CR_FIND_RESPONSE);
	assert_int_equal(g.f[0].number, 486);
	assert_string_equal(g.phrase[0], "Busy Here");
	g = scan("    -- Executing [h@default:1] NoOp(\"SIP/100-0001\", \"HANGUPCAUSE=17\") in new stack");
	assert_int_equal(g.f[0].kind, CR_FIND_VARIABLE);
	assert_string_equal(g.f[0].set, "q850");
	assert_int_equal(g.f[0].number, 17);
	/* Asterisk's own header carries the text, not the number */
	assert_int_equal(scan("X-Asterisk-HangupCause: Normal Clearing").n, 0);
	/* the compact Call-ID only where a header starts */
	assert_int_equal(scan("  i: a@b").f[0].kind, CR_FIND_CALL_ID);
	assert_int_equal(scan("pi: 3.14").n, 0);
	g = scan("Cause: 34");
	assert_int_equal(g.f[0].number, 34);
	g = scan("hangupcause=16,");
	assert_int_equal(g.f[0].number, 16);
	g = scan("variable_hangup_cause: [NORMAL_CLEARING]");
	assert_int_equal(g.f[0].number, -1);
	assert_int_equal(g.f[0].name_len, strlen("NORMAL_CLEARING"));
	g = scan("hangup_cause=USER_BUSY sip_term_status=486 variable_sip_term_status: [487] hangup_cause_q850=17");
	assert_int_equal(g.n, 4);
	assert_string_equal(g.f[1].set, "sip");
	assert_int_equal(g.f[1].number, 486);
	assert_int_equal(g.f[2].number, 487);
	assert_string_equal(g.f[3].set, "q850");
	assert_int_equal(g.f[3].number, 17);
	g = scan("proto_specific_hangup_cause=sip:480");
	assert_string_equal(g.f[0].set, "sip");
	assert_int_equal(g.f[0].number, 480);
	g = scan("2026-01-01 [NOTICE] sofia.c Hangup sofia/internal/1000@x [CS_EXECUTE] [NORMAL_TEMPORARY_FAILURE]");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.f[0].kind, CR_FIND_NAME);
	/* a name with no '_' is found in FreeSWITCH's brackets */
	g = scan("Hangup sofia/gw/x [CS_EXCHANGE_MEDIA] [INTERWORKING]");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.f[0].kind, CR_FIND_NAME);
	assert_int_equal(g.f[0].at, 39);
	assert_int_equal(g.f[0].len, 12);
	assert_int_equal(scan("INTERWORKING [INTERWORKINGX] [INTERWORKING").n, 0);
	/* CS_EXECUTE is no name; nor is a name inside a longer word */
	assert_int_equal(scan("state CS_EXECUTE xUSER_BUSY USER_BUSYx").n, 0);
	/* hangup_cause= with nothing, or a number out of range */
	assert_int_equal(scan("hangup_cause=").n, 0);
	assert_int_equal(scan("sip_term_status=9999999").n, 0);
	assert_int_equal(scan("hangupcause=${HANGUPCAUSE}").n, 0);
}

static void test_scan_hostile(void **state)
{
	(void)state;
	/* Random bytes and every byte value, with NULs, must not crash or read
	 * outside the line (run under sanitizers in CI); spans stay inside. */
	unsigned seed = 12345;
	char buf[4096];
	for (int round = 0; round < 2000; round++) {
		size_t n = (size_t)(rand_r(&seed) % sizeof buf);
		for (size_t i = 0; i < n; i++) {
			static const char alphabet[] = "SIP/2.0 486:=;\"\\_ABRa,cause=Reason:Warning:HTTP/1.1 \0\r\xff";
			buf[i] = rand_r(&seed) % 3 ? alphabet[rand_r(&seed) % (sizeof alphabet - 1)]
			                           : (char)(rand_r(&seed) & 0xff);
		}
		struct got g = { .line = buf };
		cr_scan_line(buf, n, &names, collect, &g);
		for (size_t i = 0; i < g.n; i++) {
			assert_true(g.f[i].at + g.f[i].len <= n);
			assert_true(g.f[i].phrase_at + g.f[i].phrase_len <= n);
			assert_true(g.f[i].number <= 999999);
		}
	}
	/* A status line right at the end of the buffer, with no NUL after it. */
	char *tail = malloc(11);
	memcpy(tail, "SIP/2.0 48", 10);
	struct got g = { .line = tail };
	cr_scan_line(tail, 10, &names, collect, &g);
	assert_int_equal(g.n, 0);
	free(tail);
}

static void test_same_phrase(void **state)
{
	(void)state;
	assert_true(cr_scan_same_phrase("busy  here", 10, "Busy Here", 9));
	assert_true(cr_scan_same_phrase("Busy Here.", 10, "Busy Here", 9));
	assert_false(cr_scan_same_phrase("Proxy Authenticate", 18, "Proxy Authentication Required", 29));
	assert_false(cr_scan_same_phrase("", 0, "OK", 2));
}

/* The log view's model: lines, findings and search, on the real database. */
static void test_logfile(void **state)
{
	(void)state;
	struct cr_db *db;
	char *why;
	assert_int_equal(cr_db_open(test_db(), &db, &why), CR_OK);
	struct cr_explain *ex = cr_explain_new(db, "en");
	static const char text[] =
		"first line\r\n"
		"SIP/2.0 486 Busy Here\r\n"
		"a NUL \0 then Needle\n"
		"\n"
		"Reason: Q.850;cause=34\n"
		"last needle, no newline";
	char *path = temp_path("model.log");
	write_file(path, text, sizeof text - 1);
	struct cr_logfile lf;
	assert_int_equal(cr_logfile_load(&lf, open(path, O_RDONLY), ex), CR_OK);
	assert_int_equal(lf.nlines, 6);
	assert_int_equal(lf.nfind, 2);
	assert_int_equal(lf.find[0].line, 1);
	assert_int_equal(lf.find[0].col, 0);
	assert_int_equal(lf.find[1].line, 4);
	assert_int_equal(lf.find[1].col, 8);
	assert_true(lf.find[0].key > 0);
	assert_int_equal(cr_logfile_finding_at(&lf, 2), 1);
	char buf[64];
	size_t n = cr_logfile_text(&lf, 1, buf, sizeof buf);
	assert_int_equal(n, 21);                     /* the CR is not the line's */
	n = cr_logfile_text(&lf, 5, buf, sizeof buf);
	assert_int_equal(n, 23);                     /* the last line, with no newline */
	/* forward, backward, from a line itself, case ignored, past a NUL */
	assert_int_equal(cr_logfile_search(&lf, 0, 1, true, "needle"), 2);
	assert_int_equal(cr_logfile_search(&lf, 2, 1, false, "NEEDLE"), 5);
	assert_int_equal(cr_logfile_search(&lf, 5, -1, false, "needle"), 2);
	assert_int_equal(cr_logfile_search(&lf, 2, -1, false, "needle"), -1);
	assert_int_equal(cr_logfile_search(&lf, 5, 1, false, "needle"), -1);
	assert_int_equal(cr_logfile_search(&lf, 0, 1, true, "absent"), -1);
	assert_int_equal(cr_logfile_search(&lf, 0, 1, true, "line\nSIP"), -1);
	cr_logfile_free(&lf);
	/* a pipe is copied first */
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], text, sizeof text - 1), (ssize_t)(sizeof text - 1));
	close(p[1]);
	assert_int_equal(cr_logfile_load(&lf, p[0], ex), CR_OK);
	assert_int_equal(lf.nlines, 6);
	assert_int_equal(lf.nfind, 2);
	assert_int_equal(cr_logfile_search(&lf, 0, 1, true, "needle"), 2);
	cr_logfile_free(&lf);
	cr_explain_free(ex);
	cr_db_close(db);
	free(path);
}

/* What the fuzzer found (tests/fuzz/regress/scan-nul-in-phrase.txt): an
 * Asterisk phrase holding NULs after a cause name was compared past the
 * name's end.  Under the sanitizers and valgrind (CI) this fails again if
 * it comes back; here, the binary decodes the file. */
static void test_fuzz_regressions(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/fuzz/regress/scan-nul-in-phrase.txt", test_srcdir());
	struct run r;
	run_coderef(&r, NULL, "--json", "decode", path, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\"number\":486,"));
	assert_non_null(strstr(r.out, "\"phrase_differs\""));
	run_free(&r);
}

/* ---- the binary ---- */

/* A trace as sngrep or ngrep -W byline saves it, CRLF line ends, with an
 * Asterisk console and a FreeSWITCH log after it. */
static const char trace[] =
	"U 2026/01/05 10:00:00.000000 10.0.0.1:5060 -> 10.0.0.2:5060\r\n"
	"INVITE sip:200@10.0.0.2 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1\r\n"
	"Call-ID: first-call@10.0.0.1\r\n"
	"CSeq: 1 INVITE\r\n"
	"\r\n"
	"U 2026/01/05 10:00:00.010000 10.0.0.2:5060 -> 10.0.0.1:5060\r\n"
	"SIP/2.0 407 Proxy Authenticate\r\n"
	"Call-ID: first-call@10.0.0.1\r\n"
	"CSeq: 1 INVITE\r\n"
	"\r\n"
	"SIP/2.0 486 Busy Here\r\n"
	"Call-ID: first-call@10.0.0.1\r\n"
	"Reason: Q.850;cause=17;text=\"User busy\", SIP;cause=486\r\n"
	"\r\n"
	"SIP/2.0 500 Test Success\r\n"
	"i: second-call@10.0.0.1\r\n"
	"Warning: 392 10.0.0.2:5060 \"Noisy feedback tells: pid=4242\"\r\n"
	"\r\n"
	"[Jan  5 10:00:01] VERBOSE[42] chan_sip.c:     -- Got SIP response 603 \"Declined\" back from 10.0.0.3:5060\n"
	"2026-01-05 10:00:02.000 [NOTICE] mod_sofia.c Hangup sofia/ext/300@x [CS_CONSUME_MEDIA] [NORMAL_TEMPORARY_FAILURE]\n"
	"Reason: Q.850;cause=34\n";

static char *write_trace(const char *name, const char *text)
{
	char *path = temp_path(name);
	write_file(path, text, strlen(text));
	return path;
}

static void test_cli_text(void **state)
{
	(void)state;
	char *path = write_trace("trace.log", trace);
	struct run r;
	run_coderef(&r, NULL, "decode", path, NULL);
	assert_int_equal(r.status, 0);
	/* the line, cleaned of its CR, then the code explained */
	assert_non_null(strstr(r.out, "8: SIP/2.0 407 Proxy Authenticate\n"));
	assert_non_null(strstr(r.out, "SIP 407 Proxy Authentication Required — "));
	assert_non_null(strstr(r.out, "! the message says \"Proxy Authenticate\"; the registered phrase is \"Proxy Authentication Required\""));
	assert_non_null(strstr(r.out, "! the message says \"Test Success\""));
	/* a phrase as registered is not flagged; a Reason text never is */
	assert_null(strstr(r.out, "says \"Busy Here\""));
	assert_null(strstr(r.out, "says \"User busy\""));
	/* multi-value Reason: both values, with the mapping of each */
	assert_non_null(strstr(r.out, "Q.850 17 User busy"));
	assert_non_null(strstr(r.out, "To SIP: SIP 486 Busy Here (RFC 3398 §7.2.4.1)"));
	assert_non_null(strstr(r.out, "To Q.850: Q.850 17 User busy (RFC 3398 §8.2.6.1)"));
	/* cause 34 → SIP 503 */
	assert_non_null(strstr(r.out, "Q.850 34 No circuit/channel available"));
	assert_non_null(strstr(r.out, "To SIP: SIP 503 Service Unavailable"));
	/* Kamailio's warn-code, not registered */
	assert_non_null(strstr(r.out, "Warning 392"));
	assert_non_null(strstr(r.out, "! not registered"));
	/* Asterisk and FreeSWITCH lines */
	assert_non_null(strstr(r.out, "SIP 603 Decline"));
	assert_non_null(strstr(r.out, "Q.850 41 Temporary failure"));
	/* the summary: counts per code, the last final response per call */
	assert_non_null(strstr(r.out, "Summary: 9 findings in 22 lines"));
	assert_non_null(strstr(r.out, "     2  SIP 486 Busy Here\n"));
	assert_non_null(strstr(r.out, "Last final response per Call-ID:\n  first-call@10.0.0.1  486 Busy Here\n"
	                              "  second-call@10.0.0.1  500 Test Success\n"));
	/* no raw CR or other control byte */
	for (size_t i = 0; i < r.out_len; i++)
		assert_true((unsigned char)r.out[i] >= 0x20 || r.out[i] == '\n');
	run_free(&r);

	run_coderef(&r, NULL, "decode", "--only", path, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "8: SIP/2.0"));
	assert_non_null(strstr(r.out, "8:1: SIP 407 Proxy Authentication Required"));
	assert_non_null(strstr(r.out, "14:9: Q.850 17 User busy"));
	run_free(&r);

	/* the display language */
	run_coderef(&r, NULL, "--lang", "ja", "decode", "--only", path, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "SIP 486 Busy Here（"));
	assert_non_null(strstr(r.out, "SIP への変換"));
	run_free(&r);
	free(path);
}

static void test_cli_json(void **state)
{
	(void)state;
	char *path = write_trace("json.log", trace);
	struct run r;
	run_coderef(&r, NULL, "--json", "decode", path, NULL);
	assert_int_equal(r.status, 0);
	int lines = 0, differs = 0, unregistered = 0, mapped = 0;
	for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
		enum json_tokener_error err;
		json_object *o = json_tokener_parse_verbose(line, &err);
		if (!o)
			fail_msg("not JSON (%s): %s", json_tokener_error_desc(err), line);
		lines++;
		json_object *v;
		assert_true(json_object_object_get_ex(o, "file", &v));
		assert_string_equal(json_object_get_string(v), path);
		assert_true(json_object_object_get_ex(o, "line", &v) && json_object_get_int(v) > 0);
		assert_true(json_object_object_get_ex(o, "column", &v) && json_object_get_int(v) > 0);
		assert_true(json_object_object_get_ex(o, "set", &v));
		const char *set = json_object_get_string(v);
		assert_true(json_object_object_get_ex(o, "number", &v));
		int number = json_object_get_int(v);
		json_object *flags, *mapping, *phrase, *registry;
		assert_true(json_object_object_get_ex(o, "flags", &flags));
		assert_true(json_object_object_get_ex(o, "mapping", &mapping));
		assert_true(json_object_object_get_ex(o, "phrase", &phrase));
		assert_true(json_object_object_get_ex(o, "registry_phrase", &registry));
		for (size_t i = 0; i < json_object_array_length(flags); i++) {
			const char *flag = json_object_get_string(json_object_array_get_idx(flags, i));
			if (strcmp(flag, "phrase_differs") == 0) {
				differs++;
				if (number == 407) {
					assert_string_equal(json_object_get_string(phrase), "Proxy Authenticate");
					assert_string_equal(json_object_get_string(registry), "Proxy Authentication Required");
				}
			}
			if (strcmp(flag, "not_registered") == 0) {
				unregistered++;
				assert_string_equal(set, "warning");
				assert_int_equal(number, 392);
			}
		}
		if (strcmp(set, "q850") == 0 && number == 34) {
			json_object *m = json_object_array_get_idx(mapping, 0);
			assert_non_null(m);
			assert_true(json_object_object_get_ex(m, "set", &v));
			assert_string_equal(json_object_get_string(v), "sip");
			assert_true(json_object_object_get_ex(m, "number", &v));
			assert_int_equal(json_object_get_int(v), 503);
			mapped++;
		}
		json_object_put(o);
	}
	assert_int_equal(lines, 9);
	assert_int_equal(differs, 3);      /* 407, 500 Test Success, 603 "Declined" */
	assert_int_equal(unregistered, 1);
	assert_int_equal(mapped, 1);
	run_free(&r);
	free(path);
}

static void test_cli_stdin_and_status(void **state)
{
	(void)state;
	char *cmd = NULL;
	/* a message pasted through a pipe; - as a file name */
	struct run r;
	if (asprintf(&cmd, "printf 'SIP/2.0 480 Temporarily Unavailable\\r\\n' | '%s' --db '%s' decode - ",
	             test_bin(), test_db()) < 0)
		fail();
	run_command(&r, NULL, (const char *const[]){ "sh", "-c", cmd, NULL });
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "1: SIP/2.0 480 Temporarily Unavailable\n"));
	run_free(&r);
	free(cmd);
	/* nothing found: 1 */
	char *none = write_trace("none.log", "INVITE sip:a@b SIP/2.0\nnothing to see\n");
	run_coderef(&r, NULL, "decode", none, NULL);
	assert_int_equal(r.status, 1);
	assert_int_equal(r.out_len, 0);
	run_free(&r);
	/* a file that is not there, a directory: 2, one line each, the others decoded */
	char *trace_path = write_trace("ok.log", "SIP/2.0 200 OK\n");
	run_coderef(&r, NULL, "decode", "/nonexistent/x.log", "/", trace_path, NULL);
	assert_int_equal(r.status, 2);
	assert_int_equal(count_lines(r.err), 2);
	assert_non_null(strstr(r.err, "coderef: error: /nonexistent/x.log: cannot read: "));
	assert_non_null(strstr(r.err, "coderef: error: /: cannot read: "));
	assert_non_null(strstr(r.out, ":1: SIP/2.0 200 OK"));   /* FILE:LINE: with several files */
	run_free(&r);
	/* usage and database */
	run_coderef(&r, NULL, "show", "--only", "486", NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_coderef(&r, ENV("CODEREF_DB=/nonexistent.db"), "--db", "/nonexistent.db", "decode", none, NULL);
	assert_int_equal(r.status, 3);
	run_free(&r);
	free(none);
	free(trace_path);
}

/* Whether the built database has a set with this key. */
static bool db_has_set(const char *key)
{
	sqlite3 *db;
	bool yes = false;
	if (sqlite3_open_v2(test_db(), &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, "SELECT 1 FROM code_set WHERE key = ?1", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
			yes = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(db);
	return yes;
}

/* HTTP status lines join through the set with the key http: the built
 * database's when it has one, else a test database given one.  Without
 * such a set they are no finding and no error. */
static void test_cli_http_set(void **state)
{
	(void)state;
	char *db = db_has_set("http") ? strdup(test_db()) : copy_test_db("http.db",
		"INSERT INTO code_set (id, key, name, registry, class_by) VALUES (99, 'http', 'HTTP', 'IANA', 'hundreds');"
		"INSERT INTO code (set_id, number, reason, class, status, rfc) VALUES (99, 404, 'Not Found', 4, 'registered', 'RFC 9110');");
	char *log = write_trace("http2.log", "HTTP/1.1 404 Not Found\nHTTP/1.1 404 Nope\n");
	struct run r;
	run_coderef(&r, NULL, "--db", db, "decode", log, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "HTTP 404 Not Found"));
	assert_non_null(strstr(r.out, "the message says \"Nope\""));
	run_free(&r);
	free(db);
	db = copy_test_db("nohttp.db", "UPDATE code_set SET key = 'nohttp' WHERE key = 'http'");
	run_coderef(&r, NULL, "--db", db, "decode", log, NULL);
	assert_int_equal(r.status, 1);
	assert_int_equal(r.err_len, 0);
	run_free(&r);
	free(db);
	free(log);
}

static void test_cli_hostile(void **state)
{
	(void)state;
	/* binary, NUL, invalid UTF-8, escape sequences, CR/LF/CRLF mixed, a
	 * bidi override, control bytes around a finding */
	static const char bad[] =
		"\x1b]0;owned\x07SIP/2.0 486 Busy\x1b[2J Here\r\n"
		"\x00\x01\xff\xfe SIP/2.0 404 Not\x00Found\r"
		"Reason: Q.850;cause=17;text=\"\xe2\x80\xae evil\"\n"
		"\xc3\x28 Warning: 399 h \"\x9b\x31m\"\n";
	char *path = temp_path("bad.log");
	write_file(path, bad, sizeof bad - 1);
	struct run r;
	run_coderef(&r, NULL, "decode", path, NULL);
	assert_int_equal(r.status, 0);
	for (size_t i = 0; i < r.out_len; i++)
		assert_true((unsigned char)r.out[i] >= 0x20 || r.out[i] == '\n');
	assert_null(strstr(r.out, "\xe2\x80\xae"));
	assert_null(strstr(r.out, "\xc2\x9b"));
	assert_non_null(strstr(r.out, "SIP 486 Busy Here"));
	run_free(&r);
	run_coderef(&r, NULL, "--json", "decode", path, NULL);
	for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
		json_object *o = json_tokener_parse(line);
		assert_non_null(o);
		json_object_put(o);
	}
	run_free(&r);
	free(path);

	/* a 10 MB line with findings in it and across a piece boundary */
	size_t big = 10u << 20;
	char *line = malloc(big + 1);
	memset(line, 'x', big);
	memcpy(line + 100, " SIP/2.0 486 Busy Here ", 23);
	memcpy(line + 65536 - 1030, " Reason: Q.850;cause=16 ", 24);  /* in the overlap */
	memcpy(line + big - 40, " SIP/2.0 200 OK ", 16);
	line[big] = '\n';
	path = temp_path("long.log");
	write_file(path, line, big + 1);
	free(line);
	run_coderef(&r, NULL, "--json", "decode", path, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(count_lines(r.out), 3);
	assert_non_null(strstr(r.out, "\"column\":102,"));
	assert_non_null(strstr(r.out, "\"number\":16,"));
	assert_non_null(strstr(r.out, "\"number\":200,"));
	run_free(&r);
	run_coderef(&r, NULL, "decode", path, NULL);
	assert_int_equal(r.status, 0);
	assert_true(r.out_len < 4000);      /* the bytes around each finding, not 10 MB */
	run_free(&r);
	free(path);
}

/* --follow: lines appended later are decoded as they come; SIGINT ends it
 * with the summary. */
static void test_cli_follow(void **state)
{
	(void)state;
	char *path = write_trace("grow.log", "SIP/2.0 180 Ringing\n");
	int out[2];
	assert_int_equal(pipe(out), 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		close(out[0]);
		execl(test_bin(), "coderef", "--db", test_db(), "decode", "--follow", path, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	char buf[65536];
	size_t have = 0;
	bool appended = false;
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct pollfd p = { out[0], POLLIN, 0 };
		if (poll(&p, 1, 100) > 0) {
			ssize_t got = read(out[0], buf + have, sizeof buf - 1 - have);
			if (got <= 0)
				break;
			have += (size_t)got;
			buf[have] = '\0';
		}
		if (!appended && strstr(buf, "SIP 180 Ringing")) {
			FILE *fp = fopen(path, "a");
			fputs("SIP/2.0 503 Service Unavailable\n", fp);
			fclose(fp);
			appended = true;
		}
		if (appended && strstr(buf, "SIP 503 Service Unavailable"))
			break;
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec > 15)
			break;
	}
	assert_true(appended);
	assert_non_null(strstr(buf, "2: SIP/2.0 503 Service Unavailable"));
	/* the file cut short (logrotate's copytruncate): read again from line 1 */
	FILE *fp = fopen(path, "w");
	fputs("SIP/2.0 404 Not Found\n", fp);
	fclose(fp);
	while (!strstr(buf, "1: SIP/2.0 404 Not Found")) {
		struct pollfd p = { out[0], POLLIN, 0 };
		if (poll(&p, 1, 5000) <= 0)
			break;
		ssize_t got = read(out[0], buf + have, sizeof buf - 1 - have);
		if (got <= 0)
			break;
		have += (size_t)got;
		buf[have] = '\0';
	}
	assert_non_null(strstr(buf, "1: SIP/2.0 404 Not Found"));
	/* the file disappears (a log rotated away): the descriptor is read on */
	assert_int_equal(unlink(path), 0);
	struct pollfd quiet = { out[0], POLLIN, 0 };
	assert_int_equal(poll(&quiet, 1, 300), 0);      /* no error, no exit */
	kill(pid, SIGINT);
	for (;;) {
		ssize_t got = read(out[0], buf + have, sizeof buf - 1 - have);
		if (got <= 0)
			break;
		have += (size_t)got;
	}
	buf[have] = '\0';
	int status;
	waitpid(pid, &status, 0);
	close(out[0]);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_non_null(strstr(buf, "Summary: 3 findings in 3 lines"));
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_status_lines),
		cmocka_unit_test(test_scan_reason),
		cmocka_unit_test(test_scan_warning),
		cmocka_unit_test(test_scan_asterisk_freeswitch),
		cmocka_unit_test(test_scan_hostile),
		cmocka_unit_test(test_same_phrase),
		cmocka_unit_test(test_logfile),
		cmocka_unit_test(test_fuzz_regressions),
		cmocka_unit_test(test_cli_text),
		cmocka_unit_test(test_cli_json),
		cmocka_unit_test(test_cli_stdin_and_status),
		cmocka_unit_test(test_cli_http_set),
		cmocka_unit_test(test_cli_hostile),
		cmocka_unit_test(test_cli_follow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
