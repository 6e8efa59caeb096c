/* Call-flow ladders: the parser (including hostile text), the renderer at
 * several widths in English and Japanese, UTF-8 and ASCII, and the data in
 * db/sip/flows.txt against codes.txt, the string table and ja-terms.txt. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "../db/stanza.h"
#include "core/code.h"
#include "core/db.h"
#include "core/flow.h"
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

/* ---- reading db/sip/flows.txt ---- */

struct stanzas {
	struct stanza *s;
	size_t count;
};

static void read_stanzas(const char *relpath, struct stanzas *out)
{
	char *path = cr_asprintf("%s/%s", test_srcdir(), relpath);
	struct stanza_reader r;
	assert_int_equal(stanza_open(&r, path), 0);
	memset(out, 0, sizeof *out);
	struct stanza s;
	int rc;
	while ((rc = stanza_next(&r, &s)) > 0) {
		out->s = cr_xrealloc(out->s, (out->count + 1) * sizeof *out->s);
		out->s[out->count++] = s;
	}
	assert_int_equal(rc, 0);
	stanza_close(&r);
	free(path);
}

static void free_stanzas(struct stanzas *st)
{
	for (size_t i = 0; i < st->count; i++)
		stanza_free(&st->s[i]);
	free(st->s);
}

/* The Flow text of a code in flows.txt (a copy), or NULL. */
static char *flow_text(int code)
{
	struct stanzas st;
	read_stanzas("db/sip/flows.txt", &st);
	char *text = NULL;
	for (size_t i = 0; i < st.count && !text; i++) {
		const char *c = stanza_value(&st.s[i], "Code");
		if (c && atoi(c) == code && stanza_value(&st.s[i], "Flow"))
			text = cr_xstrdup(stanza_value(&st.s[i], "Flow"));
	}
	free_stanzas(&st);
	return text;
}

static void parse_ok(const char *text, const char *lang, struct cr_flow *f)
{
	char *error = NULL;
	int rc = cr_flow_parse(text, lang, f, &error);
	if (rc != 0)
		fail_msg("flow does not parse: %s", error);
	assert_null(error);
}

/* ---- checks on rendered lines ---- */

static void assert_fits(const struct cr_flow_lines *l, int width, const char *what)
{
	for (size_t i = 0; i < l->count; i++) {
		const char *s = l->line[i];
		if (u8_check((const uint8_t *)s, strlen(s)))
			fail_msg("%s: line %zu is not valid UTF-8", what, i);
		int w = cr_width(s, strlen(s));
		if (w > width)
			fail_msg("%s: line %zu is %d columns wide, more than %d: %s", what, i, w, width, s);
		size_t n = strlen(s);
		if (n > 0 && s[n - 1] == ' ')
			fail_msg("%s: line %zu has trailing spaces", what, i);
	}
}

/* Every non-ASCII character of the output comes from the flow's own texts
 * (labels, notes, element names): the ASCII style draws with ASCII only. */
static void assert_ascii_drawing(const struct cr_flow *f, const struct cr_flow_name *names,
                                 const struct cr_flow_lines *l)
{
	struct cr_buf texts = { 0 };
	for (size_t i = 0; i < f->steps; i++) {
		cr_buf_adds(&texts, f->step[i].label);
		if (f->step[i].note)
			cr_buf_adds(&texts, f->step[i].note);
	}
	for (size_t i = 0; i < f->entities; i++) {
		cr_buf_adds(&texts, names[i].label);
		if (names[i].short_label)
			cr_buf_adds(&texts, names[i].short_label);
	}
	cr_buf_adds(&texts, "~");
	for (size_t i = 0; i < l->count; i++) {
		const uint8_t *p = (const uint8_t *)l->line[i];
		while (*p) {
			int k = u8_mblen(p, strlen((const char *)p));
			assert_true(k > 0);
			if (*p >= 0x80) {
				char ch[8] = { 0 };
				memcpy(ch, p, (size_t)k);
				if (!strstr(texts.s, ch))
					fail_msg("ASCII style drew '%s' in: %s", ch, l->line[i]);
			}
			p += k;
		}
	}
	cr_buf_free(&texts);
}

/* The header names the elements left to right. */
static void assert_header_order(const struct cr_flow_lines *l, const struct cr_flow_name *names,
                                size_t n)
{
	const char *at = l->line[0];
	for (size_t i = 0; i < n; i++) {
		/* Names may be shortened: look for their first character. */
		char first[8] = { 0 };
		int k = u8_mblen((const uint8_t *)names[i].label, strlen(names[i].label));
		memcpy(first, names[i].label, (size_t)(k > 0 ? k : 1));
		const char *hit = strstr(at, first);
		if (!hit && names[i].short_label) {
			k = u8_mblen((const uint8_t *)names[i].short_label, strlen(names[i].short_label));
			memcpy(first, names[i].short_label, (size_t)(k > 0 ? k : 1));
			first[k > 0 ? k : 1] = '\0';
			hit = strstr(at, first);
		}
		if (!hit)
			fail_msg("element %zu (%s) is not in order in the header: %s", i, names[i].label,
			         l->line[0]);
		at = hit + 1;
	}
}

static size_t count_marked_lines(const struct cr_flow_lines *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->count; i++)
		if (strchr(l->line[i], CR_MARK_ON)) {
			assert_non_null(strchr(l->line[i], CR_MARK_OFF));
			n++;
		}
	return n;
}

/* ---- the parser ---- */

static const char sample[] =
	"uac proxy uas\n"
	"uac > proxy: INVITE\n"
	"proxy > uac: 100 Trying\n"
	"* uas > proxy: 486 Busy Here\n"
	"Note-en: Busy on another call.\n"
	"Note-ja: 別の通話中。\n"
	"proxy: Timer C\n"
	"Note-en: No final response in 3 minutes.\n";

static void parse_reads_entities_and_steps(void **state)
{
	struct cr_flow f;
	parse_ok(sample, "en", &f);
	assert_int_equal(f.entities, 3);
	assert_string_equal(f.entity[0], "uac");
	assert_string_equal(f.entity[2], "uas");
	assert_int_equal(f.steps, 4);
	assert_int_equal(f.step[0].from, 0);
	assert_int_equal(f.step[0].to, 1);
	assert_false(f.step[0].marked);
	assert_string_equal(f.step[1].label, "100 Trying");
	assert_int_equal(f.step[2].from, 2);
	assert_int_equal(f.step[2].to, 1);
	assert_true(f.step[2].marked);
	assert_string_equal(f.step[2].note, "Busy on another call.");
	assert_null(f.step[0].note);
	assert_true(f.step[3].action);
	assert_int_equal(f.step[3].from, f.step[3].to);
	assert_string_equal(f.step[3].label, "Timer C");
	cr_flow_free(&f);
}

static void parse_picks_the_language_of_notes(void **state)
{
	struct cr_flow f;
	parse_ok(sample, "ja", &f);
	assert_string_equal(f.step[2].note, "別の通話中。");
	/* No Japanese note: English. */
	assert_string_equal(f.step[3].note, "No final response in 3 minutes.");
	cr_flow_free(&f);
	parse_ok(sample, "fr", &f);
	assert_string_equal(f.step[2].note, "Busy on another call.");
	cr_flow_free(&f);
}

static char *repeat(const char *unit, size_t times, const char *head, const char *tail)
{
	struct cr_buf b = { 0 };
	cr_buf_adds(&b, head);
	for (size_t i = 0; i < times; i++)
		cr_buf_adds(&b, unit);
	cr_buf_adds(&b, tail);
	return cr_buf_take(&b);
}

static void parse_rejects_bad_text(void **state)
{
	char *thousand = repeat("uac > uas: INVITE\n", 1000, "uac uas\n", "");
	char *long_label = repeat("x", 10000, "uac uas\nuac > uas: ", "\n");
	char *long_note = repeat("長", 1000, "uac uas\nuac > uas: INVITE\nNote-ja: ", "\n");
	char *nine = cr_xstrdup("a b c d e f g h i\na > b: X\n");
	const char *const bad[] = {
		"",
		"   \n \n",
		"uac\nuac > uac: INVITE\n",                       /* one element */
		"uac uas\n",                                      /* no steps */
		"uac uas\nuac > proxy: INVITE\n",                 /* unknown element */
		"uac uas\nuac > uac: INVITE\n",                   /* to itself */
		"uac uas uac\nuac > uas: INVITE\n",               /* listed twice */
		"UAC uas\nUAC > uas: INVITE\n",                   /* not a key */
		"uac uas\nuac uas: INVITE\n",                     /* no arrow */
		"uac uas\nuac > uas INVITE\n",                    /* no colon */
		"uac uas\nuac > uas:   \n",                       /* no label */
		"uac uas\nuac:\n",                                /* bare action */
		"uac uas\nNote-en: before any step\n",
		"uac uas\nuac > uas: X\nNote-en: a\nNote-en: b\n", /* two notes, one language */
		"uac uas\nuac > uas: X\nNote-en:\n",              /* empty note */
		"uac uas\nuac > uas: X\nNote-e: short tag\n",
		"uac uas\nuac > uas: \xff\xfe\n",                 /* invalid UTF-8 */
		"uac uas\nuac > uas: \xc3\n",                     /* cut sequence */
		"uac uas\nuac > uas: \x1b[2J\n",                  /* escape sequence */
		"uac uas\nuac > uas: A\x01" "B\n",                /* a mark byte */
		"uac uas\r\nuac > uas: INVITE\r\n",
		"uac uas\n> uas: INVITE\n",
		"uac uas\n* \n",
		thousand,
		long_label,
		long_note,
		nine,
	};
	for (size_t i = 0; i < CR_ARRAY_SIZE(bad); i++) {
		struct cr_flow f;
		char *error = NULL;
		if (cr_flow_parse(bad[i], "en", &f, &error) != -1)
			fail_msg("bad flow %zu was accepted", i);
		assert_non_null(error);
		assert_true(strncmp(error, "line ", 5) == 0);
		assert_int_equal(f.entities, 0);
		assert_int_equal(f.steps, 0);
		assert_null(f.step);
		free(error);
	}
	/* NULL text and no error pointer are fine too. */
	struct cr_flow f;
	assert_int_equal(cr_flow_parse(NULL, "en", &f, NULL), -1);
	free(thousand);
	free(long_label);
	free(long_note);
	free(nine);
}

/* ---- the renderer ---- */

static const struct cr_flow_name plain_names[] = {
	{ "Alpha", NULL }, { "Beta", NULL }, { "Gamma", NULL },
};

static struct cr_flow_lines render_ok(const struct cr_flow *f, const struct cr_flow_name *names,
                                      int width, unsigned flags)
{
	struct cr_flow_lines l;
	assert_int_equal(cr_flow_render(f, names, width, flags, &l), 0);
	assert_true(l.count > 2);
	assert_fits(&l, width, "render");
	return l;
}

static const char *find_line(const struct cr_flow_lines *l, const char *needle)
{
	for (size_t i = 0; i < l->count; i++)
		if (strstr(l->line[i], needle))
			return l->line[i];
	return NULL;
}

static size_t line_index(const struct cr_flow_lines *l, const char *needle)
{
	for (size_t i = 0; i < l->count; i++)
		if (strstr(l->line[i], needle))
			return i;
	fail_msg("no line has '%s'", needle);
	return 0;
}

static void arrows_point_the_right_way(void **state)
{
	struct cr_flow f;
	parse_ok("a b c\na > c: RIGHT\n* c > a: LEFT\nb > c: NEAR\n", "en", &f);
	struct cr_flow_lines l = render_ok(&f, plain_names, 60, 0);
	/* The arrow is on the line under its label. */
	const char *right = l.line[line_index(&l, "RIGHT") + 1];
	const char *left = l.line[line_index(&l, "LEFT") + 1];
	const char *near = l.line[line_index(&l, "NEAR") + 1];
	assert_non_null(strstr(right, "│─"));
	assert_non_null(strstr(right, "▶│"));
	assert_null(strstr(right, "◀"));
	/* The marked arrow: its marks hug the arrow, lifelines outside them. */
	assert_non_null(strstr(left, "│\x01◀─"));
	assert_non_null(strstr(left, "─\x02│"));
	/* An arrow spanning one gap starts at the middle lifeline. */
	assert_true(cr_width(near, (size_t)(strstr(near, "│─") - near)) >
	            cr_width(right, (size_t)(strstr(right, "│─") - right)));
	assert_int_equal(count_marked_lines(&l), 2);   /* label and arrow of LEFT */
	cr_flow_lines_free(&l);

	l = render_ok(&f, plain_names, 60, CR_FLOW_ASCII);
	assert_non_null(find_line(&l, "|---"));
	assert_non_null(find_line(&l, "-->|"));
	assert_non_null(find_line(&l, "|\x01<--"));
	assert_ascii_drawing(&f, plain_names, &l);
	cr_flow_lines_free(&l);
	cr_flow_free(&f);
}

static void notes_go_beside_or_under(void **state)
{
	struct cr_flow f;
	parse_ok(sample, "en", &f);
	/* Wide: the note shares the label's line, right of the ladder. */
	struct cr_flow_lines l = render_ok(&f, plain_names, 120, 0);
	const char *label = find_line(&l, "486 Busy Here");
	assert_non_null(strstr(label, "Busy on another call."));
	cr_flow_lines_free(&l);
	/* Narrow: under the arrow. */
	l = render_ok(&f, plain_names, 40, 0);
	size_t at = line_index(&l, "486 Busy Here");
	assert_null(strstr(l.line[at], "Busy on"));
	assert_non_null(strstr(l.line[at + 2], "Busy on"));
	/* The action: a loop and its label. */
	assert_non_null(find_line(&l, "──┐"));
	assert_non_null(find_line(&l, "◀─┘"));
	assert_non_null(find_line(&l, "Timer C"));
	cr_flow_lines_free(&l);
	cr_flow_free(&f);
}

static void japanese_is_measured_in_columns(void **state)
{
	struct cr_flow f;
	parse_ok(sample, "ja", &f);
	const struct cr_flow_name names[] = {
		{ "発信側 UA", "UAC" }, { "プロキシ", NULL }, { "着信側 UA", "UAS" },
	};
	for (int width = 24; width <= 120; width += 8) {
		struct cr_flow_lines l = render_ok(&f, names, width, 0);
		assert_header_order(&l, names, 3);
		assert_non_null(find_line(&l, "別の通話中。"));
		cr_flow_lines_free(&l);
	}
	/* Where the full names fit, they are used whole. */
	struct cr_flow_lines l = render_ok(&f, names, 80, 0);
	assert_non_null(strstr(l.line[0], "発信側 UA"));
	assert_non_null(strstr(l.line[0], "着信側 UA"));
	cr_flow_lines_free(&l);
	/* A long Japanese note wraps by columns, never cutting a character. */
	char *text = repeat("あいうえお、かきくけこ。", 20, "a b\na > b: X\nNote-en: e\nNote-ja: ", "\n");
	cr_flow_free(&f);
	parse_ok(text, "ja", &f);
	for (int width = 20; width <= 61; width += 7) {
		l = render_ok(&f, names, width, 0);
		cr_flow_lines_free(&l);
	}
	cr_flow_free(&f);
	free(text);
}

static void narrow_screens_fit_or_refuse(void **state)
{
	struct cr_flow f;
	parse_ok("a b c d e f g h\na > h: INVITE\nh > a: 183 Session Progress (SDP)\n"
	         "d: Timer B\nNote-en: a note that is long enough to wrap a few times over\n",
	         "en", &f);
	for (int width = 1; width <= 200; width++) {
		struct cr_flow_lines l;
		if (cr_flow_render(&f, NULL, width, width % 2 ? CR_FLOW_ASCII : 0, &l) == 0) {
			assert_fits(&l, width, "narrow");
			assert_true(width >= 16);   /* eight elements, two columns each */
		} else {
			assert_int_equal(l.count, 0);
		}
		cr_flow_lines_free(&l);
	}
	cr_flow_free(&f);
}

static void hostile_content_renders_safely(void **state)
{
	/* Long labels and notes of wide characters, combining marks, every
	 * element at once: still inside the width. */
	char *label = repeat("警", 33, "a b c d e f g h\n* a > h: ", "\n");
	struct cr_buf b = { 0 };
	cr_buf_adds(&b, label);
	cr_buf_adds(&b, "Note-en: e\u0301e\u0301 ");
	for (int i = 0; i < 90; i++)
		cr_buf_adds(&b, "h > a: ab\u0301\u0302\u0303\u0304\u0305\u0306\u0307c\n");
	cr_buf_adds(&b, "b: \u202Eevil\n");   /* a bidi override is dropped */
	char *text = cr_buf_take(&b);
	struct cr_flow f;
	parse_ok(text, "en", &f);
	assert_null(strstr(f.step[f.steps - 1].label, "\u202E"));
	for (int width = 16; width <= 300; width += 17) {
		struct cr_flow_lines l;
		if (cr_flow_render(&f, NULL, width, 0, &l) == 0)
			assert_fits(&l, width, "hostile");
		cr_flow_lines_free(&l);
	}
	/* Names from a damaged string table are made safe as well. */
	struct cr_flow_name names[8];
	for (int i = 0; i < 8; i++)
		names[i] = (struct cr_flow_name){ "\x1b[31mred\x07", NULL };
	struct cr_flow_lines l = render_ok(&f, names, 100, 0);
	for (size_t i = 0; i < l.count; i++)
		assert_null(strchr(l.line[i], '\x1b'));
	cr_flow_lines_free(&l);
	cr_flow_free(&f);
	free(text);
	free(label);
}

/* Real flows from db/sip/flows.txt, names from the string table, at every
 * width the issue asks for, in both languages and both styles. */
static void real_flows_render_at_every_width(void **state)
{
	static const int codes[] = { 100, 180, 183, 202, 401, 407, 422, 430, 486, 491, 503, 600 };
	static const int widths[] = { 40, 60, 80, 120, 200 };
	static const char *const langs[] = { "en", "ja" };
	for (size_t c = 0; c < CR_ARRAY_SIZE(codes); c++) {
		char *text = flow_text(codes[c]);
		if (!text)
			fail_msg("no flow for %d", codes[c]);
		for (size_t g = 0; g < CR_ARRAY_SIZE(langs); g++) {
			struct cr_flow f;
			parse_ok(text, langs[g], &f);
			struct cr_flow_name names[CR_FLOW_MAX_ENTITIES];
			cr_flow_names(db, langs[g], &f, names);
			size_t marked = 0;
			for (size_t i = 0; i < f.steps; i++)
				marked += f.step[i].marked;
			for (size_t w = 0; w < CR_ARRAY_SIZE(widths); w++)
				for (unsigned flags = 0; flags <= CR_FLOW_ASCII; flags++) {
					char what[64];
					snprintf(what, sizeof what, "%d %s %d%s", codes[c], langs[g], widths[w],
					         flags ? " ascii" : "");
					struct cr_flow_lines l;
					assert_int_equal(cr_flow_render(&f, names, widths[w], flags, &l), 0);
					assert_fits(&l, widths[w], what);
					assert_header_order(&l, names, f.entities);
					/* Each marked message: its label line and its arrow line. */
					if (count_marked_lines(&l) < 2 * marked)
						fail_msg("%s: the code's own messages are not all marked", what);
					if (flags)
						assert_ascii_drawing(&f, names, &l);
					cr_flow_lines_free(&l);
				}
			cr_flow_free(&f);
		}
		free(text);
	}
}

/* ---- the data ---- */

static bool starts_with_code(const char *label, int code)
{
	char num[16];
	int n = snprintf(num, sizeof num, "%d", code);
	return strncmp(label, num, (size_t)n) == 0 && (label[n] == '\0' || label[n] == ' ' || label[n] == '(');
}

/* A step's notes, which the parser does not keep all of: none, or one in
 * English and one in Japanese. */
static void check_step_notes(int code, int line, bool en, bool ja)
{
	if (en != ja)
		fail_msg("%d: the step on line %d of its flow has a note in %s only", code, line + 1,
		         en ? "English" : "Japanese");
}

static void check_note_languages(int code, const char *text)
{
	bool en = false, ja = false;
	int step_line = 0;
	const char *s = text;
	for (int line = 0;; line++) {
		const char *end = strchr(s, '\n');
		if (!end)
			end = s + strlen(s);
		if (strncmp(s, "Note-en:", 8) == 0) {
			en = true;
		} else if (strncmp(s, "Note-ja:", 8) == 0) {
			ja = true;
		} else if (strncmp(s, "Note-", 5) == 0) {
			fail_msg("%d: a note in an unknown language: %.*s", code, (int)(end - s), s);
		} else {
			check_step_notes(code, step_line, en, ja);
			en = ja = false;
			step_line = line;
		}
		if (!*end)
			break;
		s = end + 1;
	}
	check_step_notes(code, step_line, en, ja);
}

struct term_rules {
	char **rejected[32];
	size_t nrejected[32];
	char **except[32];
	size_t nexcept[32];
	size_t count;
};

static void read_term_rules(struct term_rules *t)
{
	struct stanzas st;
	read_stanzas("db/lang/ja-terms.txt", &st);
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < st.count && t->count < 32; i++) {
		t->nrejected[t->count] = cr_split_list(stanza_value(&st.s[i], "Rejected"), &t->rejected[t->count]);
		t->nexcept[t->count] = cr_split_list(stanza_value(&st.s[i], "Except"), &t->except[t->count]);
		t->count++;
	}
	free_stanzas(&st);
}

static void free_term_rules(struct term_rules *t)
{
	for (size_t i = 0; i < t->count; i++) {
		cr_free_list(t->rejected[i], t->nrejected[i]);
		cr_free_list(t->except[i], t->nexcept[i]);
	}
}

static void check_terms(const struct term_rules *t, int code, const char *ja)
{
	for (size_t i = 0; i < t->count; i++) {
		bool excepted = false;
		for (size_t k = 0; k < t->nexcept[i]; k++)
			excepted |= atoi(t->except[i][k]) == code;
		for (size_t k = 0; k < t->nrejected[i] && !excepted; k++)
			if (strstr(ja, t->rejected[i][k]))
				fail_msg("%d: a Japanese note uses '%s' (see db/lang/ja-terms.txt): %s", code,
				         t->rejected[i][k], ja);
	}
}

static void every_code_has_a_true_flow(void **state)
{
	struct stanzas codes, flows;
	read_stanzas("db/sip/codes.txt", &codes);
	read_stanzas("db/sip/flows.txt", &flows);
	assert_true(codes.count >= 70);
	struct term_rules terms;
	read_term_rules(&terms);
	assert_true(terms.count >= 10);

	for (size_t i = 0; i < codes.count; i++) {
		int code = atoi(stanza_value(&codes.s[i], "Code"));
		const char *text = NULL;
		int found = 0;
		for (size_t k = 0; k < flows.count; k++) {
			const char *c = stanza_value(&flows.s[k], "Code");
			if (c && atoi(c) == code) {
				text = stanza_value(&flows.s[k], "Flow");
				found++;
			}
		}
		if (found != 1 || !text)
			fail_msg("%d has %d stanzas in flows.txt (need one, with a Flow)", code, found);
		check_note_languages(code, text);
		static const char *const langs[] = { "en", "ja" };
		for (size_t g = 0; g < 2; g++) {
			struct cr_flow f;
			char *error = NULL;
			if (cr_flow_parse(text, langs[g], &f, &error) != 0)
				fail_msg("%d: %s", code, error);
			size_t marked = 0;
			bool used[CR_FLOW_MAX_ENTITIES] = { false };
			for (size_t s = 0; s < f.steps; s++) {
				const struct cr_flow_step *st = &f.step[s];
				used[st->from] = used[st->to] = true;
				if (st->marked && !starts_with_code(st->label, code))
					fail_msg("%d: step %zu '%s' is marked but is not the code", code, s + 1,
					         st->label);
				marked += st->marked;
				if (g == 1 && st->note)
					check_terms(&terms, code, st->note);
			}
			if (marked != 1)
				fail_msg("%d: %zu steps marked as the code's own, not exactly one", code, marked);
			for (size_t e = 0; e < f.entities; e++) {
				if (!used[e])
					fail_msg("%d: element '%s' takes part in no step", code, f.entity[e]);
				char *key = cr_asprintf("flow.entity.%s", f.entity[e]);
				if (!cr_str_has(db, langs[g], key))
					fail_msg("%d: no name for '%s' in %s (db/lang/%s.txt)", code, f.entity[e],
					         langs[g], langs[g]);
				free(key);
			}
			cr_flow_free(&f);
		}
	}
	/* And no flow for a code that does not exist. */
	for (size_t k = 0; k < flows.count; k++) {
		int code = atoi(stanza_value(&flows.s[k], "Code"));
		bool known = false;
		for (size_t i = 0; i < codes.count; i++)
			known |= atoi(stanza_value(&codes.s[i], "Code")) == code;
		if (!known)
			fail_msg("flows.txt has a flow for %d, which codes.txt lacks", code);
	}
	assert_true(cr_str_has(db, "en", "heading.flow"));
	assert_true(cr_str_has(db, "ja", "heading.flow"));
	free_term_rules(&terms);
	free_stanzas(&codes);
	free_stanzas(&flows);
}

/* ---- golden ladders ---- */

/* The ladder of a code's flow from the built database, as text: one line
 * per row, the code's own arrow between « and » (the marks made visible,
 * so a golden file shows what is highlighted). */
static char *ladder_text(const char *set, int number, const char *lang, int width, unsigned flags)
{
	struct cr_code c;
	if (cr_code_get(db, set, number, lang, &c) != CR_OK)
		fail_msg("no %s %d", set, number);
	struct cr_flow f;
	if (cr_flow_get(db, c.id, lang, &f) != 1)
		fail_msg("%s %d: no flow in the database", set, number);
	struct cr_flow_name names[CR_FLOW_MAX_ENTITIES];
	cr_flow_names(db, lang, &f, names);
	struct cr_flow_lines l;
	if (cr_flow_render(&f, names, width, flags, &l) < 0)
		fail_msg("%s %d: no ladder at %d columns", set, number, width);
	struct cr_buf b = { 0 };
	for (size_t i = 0; i < l.count; i++) {
		for (const char *p = l.line[i]; *p; p++) {
			if (*p == CR_MARK_ON)
				cr_buf_adds(&b, "\u00ab");
			else if (*p == CR_MARK_OFF)
				cr_buf_adds(&b, "\u00bb");
			else
				cr_buf_add(&b, p, 1);
		}
		cr_buf_adds(&b, "\n");
	}
	cr_flow_lines_free(&l);
	cr_flow_free(&f);
	cr_code_free(&c);
	return cr_buf_take(&b);
}

/* Each ladder against tests/golden/flow/SET-N-LANG-STYLE-WIDTH.txt; with
 * CODEREF_UPDATE_GOLDEN=1 the files are written instead (then read them
 * before committing: they are the expected drawings). */
static void ladders_match_their_golden_text(void **state)
{
	(void)state;
	static const struct { const char *set; int number; } codes[] = {
		{ "sip", 486 }, { "sip", 183 }, { "q850", 17 },
	};
	static const int widths[] = { 40, 60, 80, 120, 200 };
	static const char *const langs[] = { "en", "ja" };
	bool update = getenv("CODEREF_UPDATE_GOLDEN") && *getenv("CODEREF_UPDATE_GOLDEN") == '1';
	int checked = 0;
	for (size_t c = 0; c < sizeof codes / sizeof *codes; c++)
		for (size_t w = 0; w < sizeof widths / sizeof *widths; w++)
			for (size_t l = 0; l < 2; l++)
				for (int ascii = 0; ascii < 2; ascii++) {
					char path[4200];
					snprintf(path, sizeof path, "%s/tests/golden/flow/%s-%d-%s-%s-%d.txt",
					         test_srcdir(), codes[c].set, codes[c].number, langs[l],
					         ascii ? "ascii" : "utf8", widths[w]);
					char *got = ladder_text(codes[c].set, codes[c].number, langs[l], widths[w],
					                        ascii ? CR_FLOW_ASCII : 0);
					if (update) {
						write_file(path, got, strlen(got));
					} else {
						char *want = read_file(path, NULL);
						if (!want)
							fail_msg("no golden file %s (CODEREF_UPDATE_GOLDEN=1 writes it)", path);
						if (strcmp(got, want) != 0)
							fail_msg("%s differs; drawn now:\n%s", path, got);
						free(want);
					}
					free(got);
					checked++;
				}
	assert_int_equal(checked, 3 * 5 * 2 * 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_reads_entities_and_steps),
		cmocka_unit_test(parse_picks_the_language_of_notes),
		cmocka_unit_test(parse_rejects_bad_text),
		cmocka_unit_test(arrows_point_the_right_way),
		cmocka_unit_test(notes_go_beside_or_under),
		cmocka_unit_test(japanese_is_measured_in_columns),
		cmocka_unit_test(narrow_screens_fit_or_refuse),
		cmocka_unit_test(hostile_content_renders_safely),
		cmocka_unit_test(real_flows_render_at_every_width),
		cmocka_unit_test(every_code_has_a_true_flow),
		cmocka_unit_test(ladders_match_their_golden_text),
	};
	return cmocka_run_group_tests_name("flow", tests, open_db, close_db);
}
