/* coderef's command line: parse, pick language and database, run one
 * command, map the core's result to the exit status.
 *
 *   0 success   1 no such code / no match   2 usage   3 database */
#include "config.h"

#include "charset.h"
#include "cli.h"
#include "core/address.h"
#include "core/card.h"
#include "core/lang.h"
#include "core/search.h"
#include "core/util.h"
#include "decode.h"
#include "i18n.h"
#include "json.h"
#include "core/flow.h"
#include "palette.h"
#include "paths.h"
#include "render.h"
#include "settings.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define SEARCH_LIMIT 50

/* One line on stderr: "coderef: " prefix message. */
static void report(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "coderef: %s", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

static void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report("error: ", fmt, ap);
	va_end(ap);
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report("", fmt, ap);
	va_end(ap);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* TRANSLATORS: %s is the problem, e.g. "unknown option '--x'". */
	error(_("%s (try 'coderef --help')"), msg);
	return CR_USAGE;
}

static void print_usage(FILE *fp)
{
	fputs(_("Usage: coderef [OPTION]... [COMMAND] [ARG]...\n"
	        "Look up protocol status codes (SIP responses, Q.850 causes, SIP warn-codes,\n"
	        "HTTP status codes) offline.\n"
	        "\n"
	        "Commands:\n"
	        "  show CODE...         print each code's card\n"
	        "  compare CODE CODE    put two codes side by side, of one set or two\n"
	        "  search WORD...       find codes by number, reason or text\n"
	        "  list [SET] [CLASS]   list codes: every set, one set (q850), or one\n"
	        "                       class (4xx)\n"
	        "  browse [CODE]        open the full-screen browser (the default)\n"
	        "  decode [FILE...]     explain every code in traces and logs (standard\n"
	        "                       input without FILE or for -); on a terminal, one\n"
	        "                       FILE opens a log view\n"
	        "  CODE                 same as show CODE\n"
	        "  CODE CODE            same as compare CODE CODE\n"
	        "\n"
	        "A CODE is SET:NUMBER (sip:486, q850:17, warning:399, http:404), a NUMBER\n"
	        "of the default set, or a name FreeSWITCH or Asterisk prints (USER_BUSY).\n"
	        "\n"
	        "Options:\n"
	        "  -s, --set=SET        the set of a bare number: sip (default), q850,\n"
	        "                       warning, http\n"
	        "  -l, --lang=LANG      language of texts and messages: en, ja\n"
	        "  -d, --db=FILE        read codes from FILE\n"
	        "  -j, --json           print JSON instead of text (show, compare,\n"
	        "                       search, list; decode: one object a line)\n"
	        "  -f, --follow         decode: wait for more at the end, as tail -f\n"
	        "  -o, --only           decode: print the findings, not the lines\n"
	        "      --color[=WHEN]   color the output: auto (default), always, never\n"
	        "      --ascii          draw call flows with | - > < instead of box drawing\n"
	        "      --no-flow        leave the call flow out of cards (show, compare)\n"
	        "  -h, --help           show this help and exit\n"
	        "  -V, --version        show version information and exit\n"
	        "\n"
	        "Environment: CODEREF_LANG, CODEREF_DB, NO_COLOR, LC_ALL, LC_MESSAGES, LANG.\n"
	        "Settings: ~/.config/coderef/config (lang = ja, set = q850, color = never).\n"
	        "Exit status: 0 success, 1 no such code or no match (decode: nothing\n"
	        "found), 2 usage error or an input that cannot be read, 3 database\n"
	        "missing, unreadable or of the wrong version.\n"),
	      fp);
}

/* A code as typed (cr_address_parse), with the message for one that is no
 * code.  *note_elsewhere says that a bare number was taken from another set. */
static int parse_address(struct context *c, const char *arg, struct cr_address *a)
{
	int r = cr_address_parse(c->db, arg, c->set, a);
	if (r == CR_USAGE) {
		const char *colon = strrchr(arg, ':');
		char *sets = cr_address_sets(c->db);
		if (colon && !cr_db_set(c->db, arg) && !strchr(colon + 1, ':') &&
		    colon[1 + strspn(colon + 1, "0123456789")] == '\0' && colon[1] != '\0') {
			/* TRANSLATORS: the set as typed, then the list of sets. */
			usage_error(_("unknown code set '%.*s' (sets: %s)"), (int)(colon - arg), arg, sets);
		} else if (colon) {
			usage_error(_("'%s' is not a code: write SET:NUMBER with a NUMBER of 1 to 6 digits (sets: %s)"),
			            arg, sets);
		} else if (arg[strspn(arg, "0123456789")] == '\0') {
			usage_error(_("'%s' is not a code number"), arg);
		} else {
			usage_error(_("'%s' is neither a command nor a code (a number, SET:NUMBER, or a name such as USER_BUSY)"),
			            arg);
		}
		free(sets);
	} else if (r == CR_DB_ERROR) {
		error(_("%s: cannot read: %s"), cr_db_path(c->db), sqlite3_errmsg(cr_db_sqlite(c->db)));
	}
	return r;
}

static int get_code(struct context *c, const char *arg, struct cr_code *code)
{
	struct cr_address a;
	int r = parse_address(c, arg, &a);
	if (r != CR_OK)
		return r;
	r = cr_code_get(c->db, a.set, a.number, c->lang, code);
	if (r == CR_NOT_FOUND)
		error(_("no %s code %d in %s"), cr_db_set_name(c->db, a.set), a.number, cr_db_path(c->db));
	else if (r == CR_DB_ERROR)
		error(_("%s: cannot read: %s"), cr_db_path(c->db), sqlite3_errmsg(cr_db_sqlite(c->db)));
	else if (a.elsewhere)
		/* TRANSLATORS: number, default set, the set it was found in, number. */
		note(_("%d is not a %s code; showing %s %d"), a.number, cr_db_set_name(c->db, c->set),
		     cr_db_set_name(c->db, a.set), a.number);
	return r;
}

/* ---- JSON: the shapes are documented in README.md ---- */

/* Where a code maps to in other sets, as the card says it. */
static void json_mappings(struct json *j, struct context *c, const struct cr_code *code)
{
	sqlite3_stmt *st = cr_db_stmt(c->db, CR_STMT_MAPPING_FROM);
	json_begin_array(j, "mappings");
	if (st) {
		sqlite3_bind_int64(st, 1, code->id);
		sqlite3_bind_text(st, 2, c->lang, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(st) == SQLITE_ROW) {
			json_begin_object(j, NULL);
			json_string(j, "source", (const char *)sqlite3_column_text(st, 0));
			json_bool(j, "standard", sqlite3_column_int(st, 1));
			json_bool(j, "by_default", sqlite3_column_int(st, 2));
			json_string(j, "set", (const char *)sqlite3_column_text(st, 3));
			if (sqlite3_column_type(st, 4) == SQLITE_NULL)
				json_string(j, "number", NULL);
			else
				json_int(j, "number", sqlite3_column_int(st, 4));
			json_string(j, "note", (const char *)sqlite3_column_text(st, 6));
			json_end_object(j);
		}
		sqlite3_reset(st);
	}
	json_end_array(j);
}

/* The call flow as steps (from, to, label, marked, note), elements by key,
 * and the elements' names in flow_elements; null without a flow. */
static void json_flow(struct json *j, struct context *c, const struct cr_code *code)
{
	struct cr_flow f;
	if (c->no_flow || cr_flow_get(c->db, code->id, c->lang, &f) <= 0) {
		json_string(j, "flow", NULL);
		return;
	}
	struct cr_flow_name *names = cr_xcalloc(f.entities, sizeof *names);
	cr_flow_names(c->db, c->lang, &f, names);
	json_begin_array(j, "flow_elements");
	for (size_t i = 0; i < f.entities; i++) {
		json_begin_object(j, NULL);
		json_string(j, "key", f.entity[i]);
		json_string(j, "name", names[i].label);
		json_end_object(j);
	}
	json_end_array(j);
	json_begin_array(j, "flow");
	for (size_t i = 0; i < f.steps; i++) {
		const struct cr_flow_step *st = &f.step[i];
		json_begin_object(j, NULL);
		json_string(j, "from", f.entity[st->from]);
		json_string(j, "to", f.entity[st->to]);
		json_string(j, "label", st->label);
		json_bool(j, "marked", st->marked);
		json_string(j, "note", st->note);
		json_end_object(j);
	}
	json_end_array(j);
	free(names);
	cr_flow_free(&f);
}

static void json_code(struct json *j, struct context *c, const struct cr_code *code)
{
	static const char *const field_names[CR_FIELD__MAX] = {
		[CR_FIELD_GLOSS] = "gloss", [CR_FIELD_DESCRIPTION] = "description",
		[CR_FIELD_SEEN] = "when", [CR_FIELD_FIX] = "fix", [CR_FIELD_USE] = "use",
	};
	json_begin_object(j, NULL);
	json_string(j, "set", code->set);
	json_int(j, "number", code->number);
	json_string(j, "reason", code->reason);
	json_string(j, "former", code->former);
	json_int(j, "class", code->cls);
	char *cls = cr_class_name(c->db, code->set, code->cls, c->lang);
	json_string(j, "class_name", cls);
	free(cls);
	json_string(j, "status", code->status);
	json_string(j, "rfc", code->rfc);
	json_string(j, "section", code->section);
	/* Each fact of the set under its kind ("retry", "freeswitch"): lists
	 * as arrays, keys and texts as strings. */
	for (size_t i = 0; i < code->nfacts; i++) {
		const struct cr_fact *f = &code->fact[i];
		char name[64];
		snprintf(name, sizeof name, "%s", f->kind);
		for (char *p = name; *p; p++)
			if (*p == '-')
				*p = '_';
		if (strcmp(f->type, "key") == 0 || strcmp(f->type, "text") == 0)
			json_string(j, name, f->value);
		else
			json_list(j, name, f->value);
		if (strcmp(f->kind, "kind") == 0)
			json_bool(j, "final", strcmp(f->value, "final") == 0);
	}
	json_string(j, "deprecated_by", code->deprecated_by);
	json_list(j, "deprecated_for", code->deprecated_for);
	json_list(j, "keywords", code->keywords);
	json_mappings(j, c, code);
	for (int f = 0; f < CR_FIELD__MAX; f++)
		json_string(j, field_names[f], code->text[f]);
	json_begin_array(j, "fallback");
	for (int f = 0; f < CR_FIELD__MAX; f++)
		if (code->fallback[f])
			json_string(j, NULL, field_names[f]);
	json_end_array(j);
	json_flow(j, c, code);
	json_end_object(j);
}

static void json_row(struct json *j, const struct cr_row *r)
{
	json_begin_object(j, NULL);
	json_string(j, "set", r->set);
	json_int(j, "number", r->number);
	json_string(j, "reason", r->reason);
	json_string(j, "gloss", r->gloss);
	json_int(j, "class", r->cls);
	json_string(j, "status", cr_row_status(r));
	if (r->field) {
		json_string(j, "field", r->field);
		char *plain = cr_unmark(r->snippet);
		json_string(j, "snippet", plain);
		free(plain);
	}
	json_end_object(j);
}

/* The items under a heading of a document, found by its string key. */
static void json_items(struct json *j, struct context *c, const char *key, const struct cr_doc *d,
                       const char *heading_key)
{
	const char *heading = cr_str(c->db, c->lang, heading_key);
	json_begin_array(j, key);
	int inside = 0;
	for (size_t i = 0; i < d->count; i++) {
		if (d->block[i].role == CR_ROLE_HEADING)
			inside = strcmp(d->block[i].text, heading) == 0;
		else if (inside && d->block[i].role == CR_ROLE_ITEM)
			json_string(j, NULL, d->block[i].text);
	}
	json_end_array(j);
}

static int cmd_show(struct context *c, int argc, char **argv)
{
	if (argc < 1)
		return usage_error("%s", _("show needs at least one code"));
	int status = CR_OK;
	struct cr_address addr;
	for (int i = 0; i < argc; i++) {  /* every argument checked before any output */
		int r = parse_address(c, argv[i], &addr);
		if (r != CR_OK)
			return r;
	}
	struct json j = { .fp = c->out.fp };
	if (c->json) {
		json_begin_object(&j, NULL);
		json_string(&j, "lang", c->lang);
		json_begin_array(&j, "codes");
	}
	for (int i = 0; i < argc; i++) {
		struct cr_code code;
		int r = get_code(c, argv[i], &code);
		if (r != CR_OK) {
			status = status > r ? status : r;
			continue;
		}
		if (c->json) {
			json_code(&j, c, &code);
			cr_code_free(&code);
			continue;
		}
		struct cr_doc doc;
		cr_card_build(c->db, &code, c->lang, c->no_flow ? CR_CARD_NO_FLOW : CR_CARD_FULL, &doc);
		if (i > 0)
			fputc('\n', c->out.fp);
		cr_render_doc(&c->out, &doc);
		cr_doc_free(&doc);
		cr_code_free(&code);
	}
	if (c->json) {
		json_end_array(&j);
		json_end_object(&j);
	}
	return status;
}

static const struct cr_block *flow_block(const struct cr_doc *d)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->block[i].role == CR_ROLE_FLOW)
			return &d->block[i];
	return NULL;
}

static int cmd_compare(struct context *c, int argc, char **argv)
{
	if (argc != 2)
		return usage_error("%s", _("compare needs exactly two codes"));
	struct cr_address addr;
	for (int i = 0; i < 2; i++) {
		int r = parse_address(c, argv[i], &addr);
		if (r != CR_OK)
			return r;
	}
	struct cr_code a, b;
	int r = get_code(c, argv[0], &a);
	if (r != CR_OK)
		return r;
	r = get_code(c, argv[1], &b);
	if (r != CR_OK) {
		cr_code_free(&a);
		return r;
	}
	struct cr_comparison cmp;
	cr_compare_build(c->db, &a, &b, c->lang, &cmp);
	if (c->json) {
		struct json j = { .fp = c->out.fp };
		json_begin_object(&j, NULL);
		json_string(&j, "lang", c->lang);
		json_string(&j, "title", cmp.head.block[0].text);
		json_string(&j, "summary", cmp.head.block[1].text);
		json_begin_array(&j, "codes");
		json_code(&j, c, &a);
		json_code(&j, c, &b);
		json_end_array(&j);
		json_items(&j, c, "differences", &cmp.tail, "heading.differences");
		json_items(&j, c, "common", &cmp.tail, "heading.common");
		json_items(&j, c, "use", &cmp.tail, "heading.use");
		json_end_object(&j);
		cr_comparison_free(&cmp);
		cr_code_free(&a);
		cr_code_free(&b);
		return CR_OK;
	}
	cr_render_doc(&c->out, &cmp.head);
	/* The cards without their flows, then both flows together, so that
	 * the difference shows. */
	struct cr_out cards = c->out;
	cards.no_flow = 1;
	fputc('\n', c->out.fp);
	cr_render_doc(&cards, &cmp.left);
	fputc('\n', c->out.fp);
	cr_render_doc(&cards, &cmp.right);
	if (!c->no_flow) {
		char *ta = cr_card_title(c->db, &a, c->lang), *tb = cr_card_title(c->db, &b, c->lang);
		char *na = cr_asprintf("%s %s", a.set_name, ta), *nb = cr_asprintf("%s %s", b.set_name, tb);
		cr_render_flows(&c->out, cr_str(c->db, c->lang, "heading.flow"), flow_block(&cmp.left), na,
		                flow_block(&cmp.right), nb);
		free(ta);
		free(tb);
		free(na);
		free(nb);
	}
	cr_render_doc(&c->out, &cmp.tail);
	cr_comparison_free(&cmp);
	cr_code_free(&a);
	cr_code_free(&b);
	return CR_OK;
}

/* "486 Busy Here — busy at this device", as the list and search print it. */
static void print_row(struct context *c, const struct cr_row *r)
{
	struct cr_code fake = { .number = r->number, .reason = r->reason };
	fake.text[CR_FIELD_GLOSS] = r->gloss;
	char *title = cr_card_title(c->db, &fake, c->lang);
	if (strcmp(r->set, c->set) != 0) {  /* "Q.850 17 User busy": a row of another set */
		char *t = cr_asprintf("%s %s", cr_db_set_name(c->db, r->set), title);
		free(title);
		title = t;
	}
	if (r->status != 'r') {
		char key[64];
		snprintf(key, sizeof key, "status.%s", cr_row_status(r));
		char *t = cr_asprintf("%s [%s]", title, cr_str(c->db, c->lang, key));
		free(title);
		title = t;
	}
	cr_render_row(&c->out, r->cls, title);
	free(title);
}

static int cmd_search(struct context *c, int argc, char **argv)
{
	if (argc < 1)
		return usage_error("%s", _("search needs a word to look for"));
	struct cr_buf input = { 0 };
	for (int i = 0; i < argc; i++) {
		if (i)
			cr_buf_add(&input, " ", 1);
		cr_buf_adds(&input, argv[i]);
	}
	struct cr_terms terms;
	cr_terms_parse(input.s, &terms);
	struct cr_rows rows = { 0 };
	/* Every set, unless one was asked for. */
	int r = cr_search(c->db, c->set_given ? c->set : NULL, c->lang, input.s, SEARCH_LIMIT, &rows);
	cr_rows_prefer_set(&rows, c->set);
	if (r == CR_NOT_FOUND)
		error(_("no match for '%s'"), input.s);
	else if (r == CR_DB_ERROR)
		error(_("%s: cannot read: %s"), cr_db_path(c->db), sqlite3_errmsg(cr_db_sqlite(c->db)));
	else if (rows.suggestion && !c->json)
		note(_("no match for some words; showing results for '%s'"), rows.suggestion);
	if (rows.suggestion) {
		/* Mark the corrected words too. */
		cr_terms_free(&terms);
		cr_terms_parse(rows.suggestion, &terms);
	}
	if (c->json && r != CR_DB_ERROR) {
		struct json j = { .fp = c->out.fp };
		json_begin_object(&j, NULL);
		json_string(&j, "lang", c->lang);
		json_string(&j, "query", input.s);
		json_string(&j, "suggestion", rows.suggestion);
		json_begin_array(&j, "results");
		for (size_t i = 0; i < rows.count; i++)
			json_row(&j, &rows.row[i]);
		json_end_array(&j);
		json_end_object(&j);
	} else {
		c->out.marks = &terms;
		for (size_t i = 0; i < rows.count; i++) {
			print_row(c, &rows.row[i]);
			if (rows.row[i].snippet)
				cr_render_snippet(&c->out, rows.row[i].snippet);
		}
		c->out.marks = NULL;
	}
	cr_rows_free(&rows);
	cr_terms_free(&terms);
	cr_buf_free(&input);
	return r;
}

/* One set's codes of classes lo..hi, under a heading per class. */
static int list_set(struct context *c, const char *set, int lo, int hi, struct json *j, int *any)
{
	struct cr_rows rows = { 0 };
	int after = -1, cls = -1;
	struct context in_set = *c;
	in_set.set = set;
	for (;;) {
		if (cr_list_after(c->db, set, c->lang, lo, hi, after, 500, &rows) != CR_OK) {
			error(_("%s: cannot read: %s"), cr_db_path(c->db), sqlite3_errmsg(cr_db_sqlite(c->db)));
			cr_rows_free(&rows);
			return CR_DB_ERROR;
		}
		if (rows.count == 0)
			break;
		for (size_t i = 0; i < rows.count && c->json; i++)
			json_row(j, &rows.row[i]);
		for (size_t i = 0; i < rows.count && !c->json; i++) {
			const struct cr_row *r = &rows.row[i];
			if (r->cls != cls) {
				char *name = cr_class_name(c->db, set, r->cls, c->lang);
				if (cls != -1)
					fputc('\n', c->out.fp);
				cr_render_line(&c->out, name);
				free(name);
				cls = r->cls;
			}
			fputs("  ", c->out.fp);
			print_row(&in_set, r);
		}
		*any = 1;
		after = rows.row[rows.count - 1].number;
	}
	cr_rows_free(&rows);
	return CR_OK;
}

/* `list`: every set under its own heading; `list SET`; `list [SET] 4xx`
 * (a class of a set whose classes are hundreds). */
int cr_cli_list(struct context *c, int argc, char **argv)
{
	int lo = 0, hi = 9;
	const char *only = NULL;
	if (argc > 2)
		return usage_error("%s", _("list takes at most a set and a class"));
	if (argc >= 1 && cr_db_set(c->db, argv[0])) {
		only = cr_db_set_key(c->db, argv[0]);
		argc--;
		argv++;
	} else if (argc == 2) {
		return usage_error("%s", _("list takes at most a set and a class"));
	}
	if (argc == 1) {
		const char *a = argv[0];
		const char *set = only ? only : c->set;
		const struct cr_set *info = cr_db_set(c->db, set);
		char *sets = cr_address_sets(c->db);
		if (!info->by_hundreds || !(a[0] >= '1' && a[0] <= '9') ||
		    !(a[1] == '\0' || strcasecmp(a + 1, "xx") == 0) ||
		    cr_list_count(c->db, set, a[0] - '0', a[0] - '0') == 0) {
			/* TRANSLATORS: the argument, then the list of sets. */
			int r = usage_error(_("'%s' is neither a set nor a class (sets: %s; classes: 1xx to 6xx)"), a, sets);
			free(sets);
			return r;
		}
		free(sets);
		lo = hi = a[0] - '0';
		only = set;
	}
	int any = 0, status = CR_OK;
	struct json j = { .fp = c->out.fp };
	if (c->json) {
		json_begin_object(&j, NULL);
		json_string(&j, "lang", c->lang);
		json_begin_array(&j, "codes");
	}
	size_t nsets;
	const struct cr_set *sets = cr_db_sets(c->db, &nsets);
	for (size_t i = 0; i < nsets && status == CR_OK; i++) {
		if (only && strcmp(sets[i].key, only) != 0)
			continue;
		if (!only && !c->json) {
			if (any)
				fputc('\n', c->out.fp);
			/* "Q.850 (q850:NUMBER)": the set, and how to write its codes. */
			char *heading = cr_asprintf("%s (%s:NUMBER)", sets[i].name, sets[i].key);
			cr_render_line(&c->out, heading);
			free(heading);
		}
		status = list_set(c, sets[i].key, lo, hi, &j, &any);
	}
	if (c->json) {
		json_end_array(&j);
		json_end_object(&j);
	}
	if (status != CR_OK)
		return status;
	if (!any) {
		error("%s", _("the database has no codes"));
		return CR_NOT_FOUND;
	}
	return CR_OK;
}

static int all_codes(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (!cr_address_like(argv[i]))
			return 0;
	return argc > 0;
}

static const struct command {
	const char *name;
	int (*run)(struct context *c, int argc, char **argv);
} commands[] = {
	{ "show", cmd_show },
	{ "compare", cmd_compare },
	{ "search", cmd_search },
	{ "list", cr_cli_list },
	{ "browse", cr_cli_browse },
	{ "decode", cr_cli_decode },
};

static int terminal_width(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static void print_version(const char *db_opt)
{
	printf("coderef %s\n", PACKAGE_VERSION);
	const char *path = cr_database_path(db_opt);
	struct cr_db *db;
	char *why;
	if (cr_db_open(path, &db, &why) == CR_OK) {
		/* TRANSLATORS: schema version, number of codes, database path. */
		size_t nsets;
		const struct cr_set *sets = cr_db_sets(db, &nsets);
		long codes = 0;
		for (size_t i = 0; i < nsets; i++)
			codes += cr_list_count(db, sets[i].key, 0, 9);
		printf(_("database: schema %d, %ld codes (%s)\n"), CR_SCHEMA_VERSION, codes, path);
		cr_db_close(db);
	} else {
		printf(_("database: unusable (%s)\n"), why);
		free(why);
	}
	printf("SQLite %s\n", sqlite3_libversion());
}

static FILE *plain_stderr, *converted_stderr;

/* At exit: flush the converted messages and give stderr back. */
static void close_converted_stderr(void)
{
	stderr = plain_stderr;
	fclose(converted_stderr);
}

int main(int argc, char **argv)
{
	int utf8 = cr_i18n_init();
	/* Messages, like text, in the terminal's own character set. */
	FILE *err = cr_charset_stream(stderr);
	if (err != stderr) {
		setvbuf(err, NULL, _IOLBF, 0);
		plain_stderr = stderr;
		converted_stderr = err;
		stderr = err;
		atexit(close_converted_stderr);
	}
	static const struct option options[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "set", required_argument, NULL, 's' },
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "ascii", no_argument, NULL, 'A' },
		{ "no-flow", no_argument, NULL, 'F' },
		{ "color", optional_argument, NULL, 'C' },
		{ "colour", optional_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "follow", no_argument, NULL, 'f' },
		{ "only", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lang_opt = NULL, *db_opt = NULL, *color_opt = NULL, *set_opt = NULL;
	int help = 0, version = 0, json = 0, ascii = 0, no_flow = 0, follow = 0, only = 0, opt;

	/* The language comes first: it decides the language of every message.
	 * --lang, then $CODEREF_LANG, then the config file, then the locale. */
	struct cr_settings settings;
	const char *env = getenv("CODEREF_LANG");
	const char *env_lang = env && *env ? cr_lang_canonical(env) : NULL;
	cr_i18n_set(env_lang ? env_lang : cr_lang_from_locale());
	cr_settings_load(&settings);
	const char *lang = env_lang ? env_lang : settings.lang ? settings.lang : cr_lang_from_locale();
	cr_i18n_set(lang);

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":l:s:d:jhVfo", options, NULL)) != -1) {
		switch (opt) {
		case 'l': lang_opt = optarg; break;
		case 's': set_opt = optarg; break;
		case 'd': db_opt = optarg; break;
		case 'j': json = 1; break;
		case 'A': ascii = 1; break;
		case 'F': no_flow = 1; break;
		case 'C': color_opt = optarg ? optarg : "auto"; break;
		case 'h': help = 1; break;
		case 'V': version = 1; break;
		case 'f': follow = 1; break;
		case 'o': only = 1; break;
		case ':':
			return usage_error(_("option '%s' needs a value"), argv[optind - 1]);
		default:
			if (optopt)
				return usage_error(_("unknown option '-%c'"), optopt);
			return usage_error(_("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (lang_opt) {
		if (!cr_lang_canonical(lang_opt))
			return usage_error(_("unknown language '%s' (use en or ja)"), lang_opt);
		/* Whether the database has it is checked once it is open. */
		lang = cr_lang_canonical(lang_opt);
		cr_i18n_set(lang);
	}
	if (env && *env && !env_lang && !lang_opt)
		fprintf(stderr, _("coderef: warning: ignoring CODEREF_LANG='%s' (use en or ja)\n"), env);
	if (set_opt && !cr_address_like(set_opt))
		return usage_error(_("unknown code set '%s'"), set_opt);
	int color_mode = settings.color >= 0 ? settings.color : CR_COLOR_AUTO;
	if (color_opt) {
		color_mode = cr_color_mode_parse(color_opt);
		if (color_mode < 0)
			return usage_error(_("unknown color mode '%s' (use auto, always or never)"), color_opt);
	}
	if (help) {
		print_usage(stdout);
		return CR_OK;
	}
	if (version) {
		print_version(db_opt);
		return CR_OK;
	}

	argc -= optind;
	argv += optind;
	const struct command *cmd = NULL;
	if (argc > 0) {
		for (size_t i = 0; i < CR_ARRAY_SIZE(commands); i++)
			if (strcmp(argv[0], commands[i].name) == 0)
				cmd = &commands[i];
		if (cmd) {
			argc--;
			argv++;
		} else if (all_codes(argc, argv) && argc <= 2) {
			cmd = &commands[argc == 1 ? 0 : 1];
		} else if (argc > 2 && all_codes(argc, argv)) {
			if (strchr(argv[0], ':') || (argv[0][0] >= '0' && argv[0][0] <= '9'))
				return usage_error("%s", _("give one code to show or two to compare"));
			return usage_error(_("unknown command '%s'"), argv[0]);
		} else if (argv[0][0] >= '0' && argv[0][0] <= '9') {
			return usage_error(_("'%s' is not a code number"), argv[0]);
		} else {
			return usage_error(_("unknown command '%s'"), argv[0]);
		}
	} else {
		cmd = &commands[4];    /* browse */
	}
	if ((follow || only) && cmd->run != cr_cli_decode)
		return usage_error(_("'%s' is an option of decode"), follow ? "--follow" : "--only");

	const char *path = cr_database_path(db_opt);
	struct cr_db *db;
	char *why;
	if (cr_db_open(path, &db, &why) != CR_OK) {
		error(_("cannot use database %s"), why);
		free(why);
		return CR_DB_ERROR;
	}
	/* The languages and sets are the database's. */
	const char *db_lang = cr_db_language(db, lang);
	if (!db_lang && lang_opt) {
		size_t n;
		const char *const *langs = cr_db_languages(db, &n);
		struct cr_buf list = { 0 };
		for (size_t i = 0; i < n; i++)
			cr_buf_addf(&list, "%s%s", i ? ", " : "", langs[i]);
		int r = usage_error(_("unknown language '%s' (use %s)"), lang_opt, list.s ? list.s : "en");
		cr_buf_free(&list);
		cr_db_close(db);
		return r;
	}
	lang = db_lang ? db_lang : "en";
	const char *set = cr_db_sets(db, &(size_t){ 0 })[0].key;  /* the first set: SIP */
	const char *set_name = set_opt ? set_opt : settings.set[0] ? settings.set : NULL;
	if (set_name) {
		if (!cr_db_set(db, set_name)) {
			char *sets = cr_address_sets(db);
			int r = set_opt ? usage_error(_("unknown code set '%s' (sets: %s)"), set_name, sets) : CR_OK;
			if (!set_opt)
				fprintf(stderr, _("coderef: warning: ignoring set = %s in the settings (sets: %s)\n"),
				        set_name, sets);
			free(sets);
			if (r != CR_OK) {
				cr_db_close(db);
				return r;
			}
		} else {
			set = cr_db_set_key(db, set_name);
		}
	}
	int tty = isatty(STDOUT_FILENO);
	int color = cr_color_wanted(color_mode, STDOUT_FILENO);
	/* Text for a non-UTF-8 terminal in its own character set; JSON stays
	 * UTF-8, as JSON must be.  The browser is not affected: it is not
	 * drawn through stdio. */
	FILE *text_out = json ? stdout : cr_charset_stream(stdout);
	struct context c = {
		.db = db, .lang = lang, .set = set, .set_given = set_opt != NULL, .json = json,
		.no_flow = no_flow, .ascii = ascii || !utf8,
		.color_mode = color_mode, .follow = follow, .only = only,
		.out = { .fp = text_out, .width = tty && !json ? terminal_width() : 0,
		         .bold = !json && (color || (tty && color_mode != CR_COLOR_NEVER &&
		                                     cr_color_wanted(CR_COLOR_AUTO, STDOUT_FILENO))),
		         .color = color && !json, .ascii = ascii || !utf8, .no_flow = no_flow },
	};
	int status = cmd->run(&c, argc, argv);
	/* A closed pipe (coderef list | head -1) is no error worth a message. */
	if (text_out != stdout)
		fclose(text_out);
	fflush(stdout);
	cr_db_close(db);
	return status;
}
