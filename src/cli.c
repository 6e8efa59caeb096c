/* coderef's command line: parse, pick language and database, run one
 * command, map the core's result to the exit status.
 *
 *   0 success   1 no such code / no match   2 usage   3 database */
#include "config.h"

#include "charset.h"
#include "cli.h"
#include "core/card.h"
#include "core/lang.h"
#include "core/search.h"
#include "core/util.h"
#include "i18n.h"
#include "json.h"
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
	        "Look up protocol status codes (SIP responses) offline.\n"
	        "\n"
	        "Commands:\n"
	        "  show CODE...         print each code's card\n"
	        "  compare CODE CODE    put two codes side by side\n"
	        "  search WORD...       find codes by number, reason or text\n"
	        "  list [CLASS]         list codes, all or of one class (e.g. 4xx)\n"
	        "  browse [CODE]        open the full-screen browser (the default)\n"
	        "  CODE                 same as show CODE\n"
	        "  CODE CODE            same as compare CODE CODE\n"
	        "\n"
	        "Options:\n"
	        "  -l, --lang=LANG      language of texts and messages: en, ja\n"
	        "  -d, --db=FILE        read codes from FILE\n"
	        "  -j, --json           print JSON instead of text (show, compare,\n"
	        "                       search, list)\n"
	        "      --color[=WHEN]   color the output: auto (default), always, never\n"
	        "  -h, --help           show this help and exit\n"
	        "  -V, --version        show version information and exit\n"
	        "\n"
	        "Environment: CODEREF_LANG, CODEREF_DB, NO_COLOR, LC_ALL, LC_MESSAGES, LANG.\n"
	        "Settings: ~/.config/coderef/config (lang = ja, color = never).\n"
	        "Exit status: 0 success, 1 no such code or no match, 2 usage error,\n"
	        "3 database missing, unreadable or of the wrong version.\n"),
	      fp);
}

/* A code number as typed: digits only, at most six of them. */
static int parse_code(const char *arg, int *number)
{
	size_t n = strspn(arg, "0123456789");
	if (n == 0 || n > 6 || arg[n] != '\0')
		return usage_error(_("'%s' is not a code number"), arg);
	*number = atoi(arg);
	return CR_OK;
}

static int get_code(struct context *c, const char *arg, struct cr_code *code)
{
	int number;
	int r = parse_code(arg, &number);
	if (r != CR_OK)
		return r;
	r = cr_code_get(c->db, c->set, number, c->lang, code);
	if (r == CR_NOT_FOUND)
		error(_("no %s code %d in %s"), cr_db_set_name(c->db, c->set), number, cr_db_path(c->db));
	else if (r == CR_DB_ERROR)
		error(_("%s: cannot read: %s"), cr_db_path(c->db), sqlite3_errmsg(cr_db_sqlite(c->db)));
	return r;
}

/* ---- JSON: the shapes are documented in README.md ---- */

static void json_code(struct json *j, struct context *c, const struct cr_code *code)
{
	static const char *const field_names[CR_FIELD__MAX] = {
		[CR_FIELD_GLOSS] = "gloss", [CR_FIELD_DESCRIPTION] = "description",
		[CR_FIELD_SEEN] = "when", [CR_FIELD_FIX] = "fix", [CR_FIELD_USE] = "use",
	};
	json_begin_object(j, NULL);
	json_string(j, "set", c->set);
	json_int(j, "number", code->number);
	json_string(j, "reason", code->reason);
	json_string(j, "former", code->former);
	json_int(j, "class", code->cls);
	char *cls = cr_class_name(c->db, c->set, code->cls, c->lang);
	json_string(j, "class_name", cls);
	free(cls);
	json_string(j, "status", code->status);
	json_string(j, "rfc", code->rfc);
	json_string(j, "section", code->section);
	json_bool(j, "final", code->final);
	json_string(j, "scope", code->scope);
	json_string(j, "retry", code->retry);
	json_list(j, "requires", code->requires);
	json_list(j, "related", code->related);
	json_list(j, "request", code->request);
	json_string(j, "deprecated_by", code->deprecated_by);
	json_list(j, "deprecated_for", code->deprecated_for);
	json_list(j, "keywords", code->keywords);
	json_list(j, "sender", code->sender);
	json_list(j, "methods", code->methods);
	for (int f = 0; f < CR_FIELD__MAX; f++)
		json_string(j, field_names[f], code->text[f]);
	json_begin_array(j, "fallback");
	for (int f = 0; f < CR_FIELD__MAX; f++)
		if (code->fallback[f])
			json_string(j, NULL, field_names[f]);
	json_end_array(j);
	json_end_object(j);
}

static void json_row(struct json *j, const struct cr_row *r)
{
	json_begin_object(j, NULL);
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
	int number, status = CR_OK;
	for (int i = 0; i < argc; i++)  /* every argument checked before any output */
		if (parse_code(argv[i], &number) != CR_OK)
			return CR_USAGE;
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
		cr_card_build(c->db, c->set, &code, c->lang, CR_CARD_FULL, &doc);
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

static int cmd_compare(struct context *c, int argc, char **argv)
{
	if (argc != 2)
		return usage_error("%s", _("compare needs exactly two codes"));
	int number;
	if (parse_code(argv[0], &number) != CR_OK || parse_code(argv[1], &number) != CR_OK)
		return CR_USAGE;
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
	cr_compare_build(c->db, c->set, &a, &b, c->lang, &cmp);
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
	fputc('\n', c->out.fp);
	cr_render_doc(&c->out, &cmp.left);
	fputc('\n', c->out.fp);
	cr_render_doc(&c->out, &cmp.right);
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
	int r = cr_search(c->db, c->set, c->lang, input.s, SEARCH_LIMIT, &rows);
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

int cr_cli_list(struct context *c, int argc, char **argv)
{
	int lo = 0, hi = 9;
	if (argc > 1)
		return usage_error("%s", _("list takes at most one class"));
	if (argc == 1) {
		const char *a = argv[0];
		if (!(a[0] >= '1' && a[0] <= '9') ||
		    !(a[1] == '\0' || strcasecmp(a + 1, "xx") == 0))
			return usage_error(_("'%s' is not a class (use 1xx to 6xx)"), a);
		lo = hi = a[0] - '0';
		if (cr_list_count(c->db, c->set, lo, hi) == 0)
			return usage_error(_("'%s' is not a class (use 1xx to 6xx)"), a);
	}
	struct cr_rows rows = { 0 };
	int after = -1, cls = -1, any = 0;
	struct json j = { .fp = c->out.fp };
	if (c->json) {
		json_begin_object(&j, NULL);
		json_string(&j, "lang", c->lang);
		json_begin_array(&j, "codes");
	}
	for (;;) {
		if (cr_list_after(c->db, c->set, c->lang, lo, hi, after, 500, &rows) != CR_OK) {
			error(_("%s: cannot read: %s"), cr_db_path(c->db), sqlite3_errmsg(cr_db_sqlite(c->db)));
			cr_rows_free(&rows);
			return CR_DB_ERROR;
		}
		if (rows.count == 0)
			break;
		for (size_t i = 0; i < rows.count && c->json; i++)
			json_row(&j, &rows.row[i]);
		for (size_t i = 0; i < rows.count && !c->json; i++) {
			const struct cr_row *r = &rows.row[i];
			if (r->cls != cls) {
				char *name = cr_class_name(c->db, c->set, r->cls, c->lang);
				if (cls != -1)
					fputc('\n', c->out.fp);
				cr_render_line(&c->out, name);
				free(name);
				cls = r->cls;
			}
			fputs("  ", c->out.fp);
			print_row(c, r);
		}
		any = 1;
		after = rows.row[rows.count - 1].number;
	}
	cr_rows_free(&rows);
	if (c->json) {
		json_end_array(&j);
		json_end_object(&j);
	}
	if (!any) {
		error("%s", _("the database has no codes"));
		return CR_NOT_FOUND;
	}
	return CR_OK;
}

static int all_codes(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (argv[i][strspn(argv[i], "0123456789")] != '\0')
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
		printf(_("database: schema %d, %ld codes (%s)\n"), CR_SCHEMA_VERSION,
		       cr_list_count(db, "sip", 0, 9), path);
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
	cr_i18n_init();
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
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "color", optional_argument, NULL, 'C' },
		{ "colour", optional_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lang_opt = NULL, *db_opt = NULL, *color_opt = NULL;
	int help = 0, version = 0, json = 0, opt;

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
	while ((opt = getopt_long(argc, argv, ":l:d:jhV", options, NULL)) != -1) {
		switch (opt) {
		case 'l': lang_opt = optarg; break;
		case 'd': db_opt = optarg; break;
		case 'j': json = 1; break;
		case 'C': color_opt = optarg ? optarg : "auto"; break;
		case 'h': help = 1; break;
		case 'V': version = 1; break;
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
		lang = cr_lang_canonical(lang_opt);
		cr_i18n_set(lang);
	}
	if (env && *env && !env_lang && !lang_opt)
		fprintf(stderr, _("coderef: warning: ignoring CODEREF_LANG='%s' (use en or ja)\n"), env);
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
		} else if (argv[0][0] >= '0' && argv[0][0] <= '9') {
			if (argc > 2 && all_codes(argc, argv))
				return usage_error("%s", _("give one code to show or two to compare"));
			return usage_error(_("'%s' is not a code number"), argv[0]);
		} else {
			return usage_error(_("unknown command '%s'"), argv[0]);
		}
	} else {
		cmd = &commands[CR_ARRAY_SIZE(commands) - 1];
	}

	const char *path = cr_database_path(db_opt);
	struct cr_db *db;
	char *why;
	if (cr_db_open(path, &db, &why) != CR_OK) {
		error(_("cannot use database %s"), why);
		free(why);
		return CR_DB_ERROR;
	}
	int tty = isatty(STDOUT_FILENO);
	int color = cr_color_wanted(color_mode, STDOUT_FILENO);
	/* Text for a non-UTF-8 terminal in its own character set; JSON stays
	 * UTF-8, as JSON must be.  The browser is not affected: it is not
	 * drawn through stdio. */
	FILE *text_out = json ? stdout : cr_charset_stream(stdout);
	struct context c = {
		.db = db, .lang = lang, .set = "sip", .json = json, .color_mode = color_mode,
		.out = { .fp = text_out, .width = tty && !json ? terminal_width() : 0,
		         .bold = !json && (color || (tty && color_mode != CR_COLOR_NEVER &&
		                                     cr_color_wanted(CR_COLOR_AUTO, STDOUT_FILENO))),
		         .color = color && !json },
	};
	int status = cmd->run(&c, argc, argv);
	/* A closed pipe (coderef list | head -1) is no error worth a message. */
	if (text_out != stdout)
		fclose(text_out);
	fflush(stdout);
	cr_db_close(db);
	return status;
}
