/* `coderef decode [FILE...]`: every code in a trace or log explained.
 *
 * A stream: each input is read piece by piece (core/lines.h), each piece
 * scanned (core/scan.h), each finding looked up once per distinct code
 * (core/explain.h) and printed at once.  What is kept across lines is
 * bounded: the counts per code and the last final response per Call-ID
 * have caps, so memory stays constant whatever the input's size.
 *
 *   12: SIP/2.0 407 Proxy Authenticate
 *       SIP 407 Proxy Authentication Required — …gloss…
 *         …the first sentence of the description…
 *         To Q.850: …
 *         ! the message says "Proxy Authenticate"; the registered phrase is "Proxy …"
 */
#include "config.h"

#include "cli.h"
#include "core/explain.h"
#include "core/lines.h"
#include "core/logfile.h"
#include "core/scan.h"
#include "core/util.h"
#include "decode.h"
#include "i18n.h"
#include "json.h"
#include "tui/tui.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BOLD "\033[1m"
#define PLAIN "\033[0m"
/* Distinct codes counted, and calls remembered, for the summary. */
#define COUNT_SLOTS 2048
#define COUNT_MAX 1024
#define CALLS_MAX 4096
#define CALL_SLOTS 8192         /* a hash of the calls: twice their cap */
#define CALL_ID_MAX 256
/* What --only and a piece of a very long line show around a finding. */
#define CONTEXT_BYTES 60

struct count {
	const char *set;        /* the database's key */
	int number;
	long n;                 /* 0: an empty slot */
};

/* A call's last final SIP response. */
struct call {
	char *id;
	size_t hash;
	int number;
	char phrase[128];
};

struct decode {
	struct context *c;
	struct cr_explain *ex;
	const char *file;       /* as shown: the path, or "-" */
	char *file_json;        /* the same, valid UTF-8 */
	bool show_file;
	long findings, lines;
	/* The piece being scanned. */
	const char *piece;
	size_t piece_len;
	size_t piece_col;
	bool piece_whole;       /* the piece is its whole line */
	size_t from;            /* findings before this offset were reported */
	size_t upto;            /* findings from this offset come in the next piece */
	bool line_shown;
	/* A SIP response waiting for its Call-ID. */
	bool pending;
	int pending_number;
	char pending_phrase[128];
	struct count count[COUNT_SLOTS];
	size_t ncount;
	long count_other;
	struct call *call;      /* in the order first seen */
	size_t ncall;
	int call_slot[CALL_SLOTS];      /* index + 1 into call, 0: empty */
	long calls_other;
};

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* ---- output ---- */

/* A line made safe for a terminal: NUL, escape sequences and other
 * controls shown as symbols, invalid UTF-8 as U+FFFD. */
static char *clean(const char *s, size_t n)
{
	size_t plain = 0;       /* printable ASCII, most of a log, as it is */
	while (plain < n && (unsigned char)s[plain] >= 0x20 && (unsigned char)s[plain] < 0x7f)
		plain++;
	if (plain == n)
		return cr_xstrndup(s, n);
	struct cr_buf b = { 0 };
	cr_buf_add(&b, "", 0);
	for (size_t i = 0; i < n;) {
		const char *z = memchr(s + i, '\0', n - i);
		size_t k = z ? (size_t)(z - (s + i)) : n - i;
		cr_buf_add(&b, s + i, k);
		i += k;
		if (i < n) {
			cr_buf_adds(&b, "\xe2\x90\x80");    /* ␀ */
			i++;
		}
	}
	char *safe = cr_sanitize(b.s, 0);
	cr_buf_free(&b);
	return safe;
}

/* Writes s made safe (clean); printable ASCII, most log lines, as it is. */
static void put_clean(FILE *fp, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
		i++;
	if (i == n) {
		fwrite(s, 1, n, fp);
		return;
	}
	char *safe = clean(s, n);
	fputs(safe, fp);
	free(safe);
}

/* "FILE:LINE: " or "LINE:COLUMN: " before what is printed. */
static void print_where(struct decode *d, long line, size_t col)
{
	FILE *fp = d->c->out.fp;
	char num[48];
	int n;
	if (d->show_file) {
		put_clean(fp, d->file, strlen(d->file));   /* a name can hold anything */
		fputc(':', fp);
	}
	if (col)
		n = snprintf(num, sizeof num, "%ld:%zu: ", line, col);
	else
		n = snprintf(num, sizeof num, "%ld: ", line);
	fwrite(num, 1, (size_t)n, fp);
}

/* The log line, once, before its first finding: whole, or for a line too
 * long to show, the bytes around the finding. */
static void print_line(struct decode *d, long line, const struct cr_finding *f)
{
	FILE *fp = d->c->out.fp;
	if (d->piece_whole) {
		if (d->line_shown)
			return;
		d->line_shown = true;
		size_t n = d->piece_len;
		if (n && d->piece[n - 1] == '\r')
			n--;
		print_where(d, line, 0);
		put_clean(fp, d->piece, n);
		fputc('\n', fp);
		return;
	}
	size_t b = f->at > CONTEXT_BYTES ? f->at - CONTEXT_BYTES : 0;
	size_t e = f->at + f->len + CONTEXT_BYTES;
	if (e > d->piece_len)
		e = d->piece_len;
	/* Cut on character boundaries. */
	while (b > 0 && ((unsigned char)d->piece[b] & 0xc0) == 0x80)
		b--;
	while (e < d->piece_len && ((unsigned char)d->piece[e] & 0xc0) == 0x80)
		e++;
	char *s = clean(d->piece + b, e - b);
	print_where(d, line, d->piece_col + f->at + 1);
	fprintf(fp, "%s%s%s\n", b > 0 || d->piece_col ? "…" : "", s, e < d->piece_len ? "…" : "");
	free(s);
}

/* Whether the finding's phrase stands for the registry's reason phrase: a
 * status line's.  A Reason header's text= and a Warning's text are free
 * text ("Call completed elsewhere" with cause 200), never flagged. */
static bool phrase_is_reason(const struct cr_finding *f)
{
	return f->kind == CR_FIND_STATUS_LINE || f->kind == CR_FIND_RESPONSE;
}

/* What is said of a code under each finding of it, made once per code:
 * its title, the first sentence of its description, its mapping, and
 * whether it is deprecated or not registered. */
static const char *shown_text(struct decode *d, struct cr_meaning *m)
{
	if (m->shown)
		return m->shown;
	const char *ind = d->c->only ? "" : "    ", *ind2 = "      ";
	bool bold = d->c->out.bold;
	struct cr_buf b = { 0 };
	cr_buf_adds(&b, ind);
	if (m->known)
		cr_buf_addf(&b, "%s%s %s%s\n", bold ? BOLD : "", m->set_name, m->title, bold ? PLAIN : "");
	else
		/* TRANSLATORS: after a code the database does not have, e.g. "SIP 499". */
		cr_buf_addf(&b, "%s%s %d%s — %s\n", bold ? BOLD : "", m->set_name, m->number, bold ? PLAIN : "",
		            _("no registry holds this number"));
	if (m->meaning && *m->meaning)
		cr_buf_addf(&b, "%s%s\n", ind2, m->meaning);
	for (size_t i = 0; i < m->mapping.count; i++) {
		const struct cr_block *blk = &m->mapping.block[i];
		if (blk->role == CR_ROLE_FACT)
			/* TRANSLATORS: between a fact's label ("To SIP") and its value. */
			cr_buf_addf(&b, "%s%s%s%s\n", ind2, blk->label, _(": "), blk->text);
	}
	if (m->deprecated)
		cr_buf_addf(&b, "%s! %s\n", ind2, _("deprecated"));
	if (m->known && m->unregistered)
		cr_buf_addf(&b, "%s! %s\n", ind2, _("not registered: in use, but no registry holds it"));
	m->shown = cr_buf_take(&b);
	return m->shown;
}

static void print_meaning(struct decode *d, const char *line, const struct cr_finding *f,
                          struct cr_meaning *m, long line_no)
{
	FILE *fp = d->c->out.fp;
	if (d->c->only)
		print_where(d, line_no, d->piece_col + f->at + 1);
	fputs(shown_text(d, m), fp);
	if (!phrase_is_reason(f))
		return;
	char phrase[256];
	size_t n = cr_scan_phrase(line, f, phrase, sizeof phrase);
	if (cr_explain_phrase_differs(d->ex, m, phrase, n)) {
		/* A phrase that runs on (a very long line) is shown cut. */
		size_t shown = n > CONTEXT_BYTES ? CONTEXT_BYTES : n;
		while (shown < n && ((unsigned char)phrase[shown] & 0xc0) == 0x80)
			shown--;
		char *cut = clean(phrase, shown);
		char *seen = shown < n ? cr_asprintf("%s…", cut) : cr_xstrdup(cut);
		free(cut);
		/* TRANSLATORS: the message's own reason phrase, then the registry's. */
		fprintf(fp, "      ! ");
		fprintf(fp, _("the message says \"%s\"; the registered phrase is \"%s\""), seen, m->reason);
		fputc('\n', fp);
		free(seen);
	}
}

/* The members of a finding's JSON object that depend only on its code,
 * written once per code: ,"set":…,"mapping":[…] */
static const char *json_code_members(struct cr_meaning *m)
{
	if (m->shown_json)
		return m->shown_json;
	char *text = NULL;
	size_t len = 0;
	FILE *ms = open_memstream(&text, &len);
	if (!ms)
		return "";
	struct json j = { .fp = ms, .depth = 1, .count = { 1 } };
	json_string(&j, "set", m->set);
	json_int(&j, "number", m->number);
	json_string(&j, "registry_phrase", m->reason);
	json_string(&j, "title", m->known ? m->title : NULL);
	json_string(&j, "meaning", m->meaning);
	json_begin_array(&j, "mapping");
	for (size_t i = 0; i < m->nmap; i++) {
		json_begin_object(&j, NULL);
		json_string(&j, "set", m->map[i].set);
		if (m->map[i].number < 0)
			json_string(&j, "number", NULL);
		else
			json_int(&j, "number", m->map[i].number);
		json_string(&j, "source", m->map[i].source);
		json_bool(&j, "standard", m->map[i].standard);
		json_bool(&j, "by_default", m->map[i].by_default);
		json_end_object(&j);
	}
	json_end_array(&j);
	fclose(ms);
	m->shown_json = text;
	return text;
}

static void json_finding(struct decode *d, const char *line, const struct cr_finding *f,
                         struct cr_meaning *m, long line_no)
{
	struct json j = { .fp = d->c->out.fp };
	char phrase[256];
	size_t n = cr_scan_phrase(line, f, phrase, sizeof phrase);
	json_begin_object(&j, NULL);
	json_string(&j, "file", d->file_json);
	json_int(&j, "line", line_no);
	json_int(&j, "column", (long)(d->piece_col + f->at + 1));
	json_string(&j, "kind", cr_find_kind_name(f->kind));
	char *name = f->name_len ? clean(line + f->name_at, f->name_len) : NULL;
	json_string(&j, "name", name);
	free(name);
	char *seen = f->phrase_len ? clean(phrase, n) : NULL;
	json_string(&j, "phrase", seen);
	free(seen);
	fputs(json_code_members(m), d->c->out.fp);
	json_begin_array(&j, "flags");
	if (phrase_is_reason(f) && cr_explain_phrase_differs(d->ex, m, phrase, n))
		json_string(&j, NULL, "phrase_differs");
	if (m->deprecated)
		json_string(&j, NULL, "deprecated");
	if (m->unregistered)
		json_string(&j, NULL, "not_registered");
	if (!m->known)
		json_string(&j, NULL, "not_in_database");
	json_end_array(&j);
	json_end_object(&j);
}

/* ---- the summary ---- */

static void count_code(struct decode *d, const struct cr_meaning *m)
{
	size_t h = ((size_t)(uintptr_t)m->set * 31u + (size_t)m->number * 2654435761u) % COUNT_SLOTS;
	for (size_t k = 0; k < COUNT_SLOTS; k++) {
		struct count *e = &d->count[(h + k) % COUNT_SLOTS];
		if (e->set == m->set && e->number == m->number && e->n) {
			e->n++;
			return;
		}
		if (!e->n) {
			if (d->ncount >= COUNT_MAX) {
				d->count_other++;
				return;
			}
			*e = (struct count){ .set = m->set, .number = m->number, .n = 1 };
			d->ncount++;
			return;
		}
	}
}

static size_t hash_bytes(const char *s, size_t n)
{
	size_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void remember_call(struct decode *d, const char *id, size_t n)
{
	if (n > CALL_ID_MAX)
		n = CALL_ID_MAX;
	size_t h = hash_bytes(id, n), k = h % CALL_SLOTS;
	for (; d->call_slot[k]; k = (k + 1) % CALL_SLOTS) {
		struct call *c = &d->call[d->call_slot[k] - 1];
		if (c->hash == h && strncmp(c->id, id, n) == 0 && c->id[n] == '\0') {
			c->number = d->pending_number;
			memcpy(c->phrase, d->pending_phrase, sizeof c->phrase);
			return;
		}
	}
	if (d->ncall >= CALLS_MAX) {
		d->calls_other++;
		return;
	}
	if (d->ncall % 64 == 0)
		d->call = cr_xrealloc(d->call, (d->ncall + 64) * sizeof *d->call);
	struct call *c = &d->call[d->ncall++];
	*c = (struct call){ cr_xstrndup(id, n), h, d->pending_number, "" };
	memcpy(c->phrase, d->pending_phrase, sizeof c->phrase);
	d->call_slot[k] = (int)d->ncall;
}

static int count_cmp(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	int c = strcmp(x->set, y->set);
	return c ? c : x->number - y->number;
}

static void print_summary(struct decode *d)
{
	FILE *fp = d->c->out.fp;
	if (!d->findings)
		return;
	struct count *list = cr_xcalloc(d->ncount + 1, sizeof *list);
	size_t n = 0;
	for (size_t i = 0; i < COUNT_SLOTS; i++)
		if (d->count[i].n)
			list[n++] = d->count[i];
	qsort(list, n, sizeof *list, count_cmp);
	fputc('\n', fp);
	/* TRANSLATORS: the summary's heading: findings, then lines read. */
	char *lines = cr_asprintf(ngettext("%ld line", "%ld lines", (unsigned long)d->lines), d->lines);
	/* TRANSLATORS: %ld is the number of findings, %s "N lines". */
	fprintf(fp, ngettext("Summary: %ld finding in %s", "Summary: %ld findings in %s",
	                     (unsigned long)d->findings), d->findings, lines);
	free(lines);
	fputc('\n', fp);
	for (size_t i = 0; i < n; i++) {
		const struct cr_meaning *m = cr_explain_finding(d->ex, "",
		        &(struct cr_finding){ .set = list[i].set, .number = list[i].number });
		char *name = m && m->known ? cr_asprintf("%s %d %s", m->set_name, m->number, m->reason)
		                           : cr_asprintf("%s %d", m ? m->set_name : list[i].set, list[i].number);
		fprintf(fp, "  %6ld  %s\n", list[i].n, name);
		free(name);
	}
	if (d->count_other)
		/* TRANSLATORS: past the summary's limit of distinct codes. */
		fprintf(fp, _("  %6ld  of other codes\n"), d->count_other);
	free(list);
	if (!d->ncall)
		return;
	fputc('\n', fp);
	fputs(_("Last final response per Call-ID:"), fp);
	fputc('\n', fp);
	for (size_t i = 0; i < d->ncall; i++) {
		char *id = clean(d->call[i].id, strlen(d->call[i].id));
		char *phrase = clean(d->call[i].phrase, strlen(d->call[i].phrase));
		fprintf(fp, "  %s  %d %s\n", id, d->call[i].number, phrase);
		free(id);
		free(phrase);
	}
	if (d->calls_other)
		/* TRANSLATORS: past the summary's limit of calls: how many
		 * final responses were not listed. */
		fprintf(fp, _("  and %ld more final responses of other calls\n"), d->calls_other);
}

/* ---- scanning ---- */

struct piece_ctx {
	struct decode *d;
	long line;
};

static void on_finding(void *data, const struct cr_finding *f)
{
	struct piece_ctx *p = data;
	struct decode *d = p->d;
	/* Overlapping pieces of a long line: each finding once. */
	if (f->at < d->from || f->at >= d->upto)
		return;
	const char *line = d->piece;
	if (f->kind == CR_FIND_REQUEST_LINE) {
		d->pending = false;
		return;
	}
	if (f->kind == CR_FIND_CALL_ID) {
		if (d->pending && d->pending_number >= 200)
			remember_call(d, line + f->name_at, f->name_len);
		d->pending = false;
		return;
	}
	struct cr_meaning *m = cr_explain_finding(d->ex, line, f);
	if (!m)
		return;
	if (f->kind == CR_FIND_STATUS_LINE && strcmp(m->set, "sip") == 0) {
		d->pending = true;
		d->pending_number = m->number;
		size_t n = cr_scan_phrase(line, f, d->pending_phrase, sizeof d->pending_phrase);
		if (m->reason && !n)
			snprintf(d->pending_phrase, sizeof d->pending_phrase, "%s", m->reason);
	}
	d->findings++;
	count_code(d, m);
	if (d->c->json) {
		json_finding(d, line, f, m, p->line);
		return;
	}
	if (!d->c->only)
		print_line(d, p->line, f);
	print_meaning(d, line, f, m, p->line);
}

static bool blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '.')
			return false;
	return true;
}

/* One input, to its end (or, following, until interrupted).  CR_OK, or
 * CR_USAGE after saying why it could not be read. */
static int decode_fd(struct decode *d, int fd)
{
	struct cr_lines r;
	cr_lines_open(&r, fd, d->c->follow, &interrupted);
	const char *s;
	size_t n;
	int got;
	size_t reported_to = 0;     /* in the line, across its pieces */
	d->pending = false;
	while ((got = cr_lines_next(&r, &s, &n)) > 0) {
		if (r.truncated) {
			r.truncated = false;
			d->pending = false;
			fflush(d->c->out.fp);
			/* TRANSLATORS: --follow: the file shrank (log rotation). */
			fprintf(stderr, _("coderef: %s: file truncated, reading from its start\n"), d->file_json);
		}
		if (r.col == 0) {
			d->lines++;
			reported_to = 0;
			if (blank_line(s, n))
				d->pending = false;
		}
		d->piece = s;
		d->piece_len = n;
		d->piece_col = r.col;
		d->piece_whole = r.col == 0 && !r.more;
		d->line_shown = false;
		d->from = reported_to > r.col ? reported_to - r.col : 0;
		d->upto = cr_lines_report_end(n, r.more);
		struct piece_ctx p = { d, r.line };
		cr_scan_line(s, n, cr_explain_names(d->ex), on_finding, &p);
		reported_to = r.col + d->upto;
		if (d->c->follow)
			fflush(d->c->out.fp);
	}
	int err = errno;
	cr_lines_close(&r);
	if (got < 0) {
		fprintf(stderr, "coderef: error: ");
		fprintf(stderr, _("%s: cannot read: %s"), d->file_json, strerror(err));
		fputc('\n', stderr);
		return CR_USAGE;
	}
	return CR_OK;
}

static int open_input(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	int err = errno;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		fd = -1;
		err = EISDIR;
	}
	if (fd < 0) {
		char *name = clean(path, strlen(path));
		fprintf(stderr, "coderef: error: ");
		fprintf(stderr, _("%s: cannot read: %s"), name, strerror(err));
		fputc('\n', stderr);
		free(name);
	}
	return fd;
}

/* Said while a piped log that has not ended is spooled for the view. */
static void say_waiting(void *data)
{
	(void)data;
	fprintf(stderr, _("coderef: reading the log from the pipe: the view opens when it ends "
	                  "(Ctrl-C stops; for a growing log: coderef decode --follow FILE)\n"));
}

/* The log view wants a terminal for the screen and one for the keys (the
 * input may be a pipe), and one input that is not the terminal itself. */
static bool wants_view(struct context *c, int argc, char **argv)
{
	if (c->json || c->only || c->follow || argc > 1 || !isatty(STDOUT_FILENO))
		return false;
	bool from_stdin = argc == 0 || strcmp(argv[0], "-") == 0;
	if (from_stdin && isatty(STDIN_FILENO))
		return false;
	return cr_tui_usable_for_log();
}

int cr_cli_decode(struct context *c, int argc, char **argv)
{
	if (wants_view(c, argc, argv)) {
		const char *path = argc ? argv[0] : "-";
		int fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : open_input(path);
		if (fd < 0)
			return CR_USAGE;
		/* Before the screen is taken, so that Ctrl-C still stops a pipe
		 * that never ends. */
		if (lseek(fd, 0, SEEK_CUR) < 0 && errno == ESPIPE) {
			int spooled = cr_logfile_spool(fd, say_waiting, NULL);
			close(fd);
			if (spooled < 0) {
				fprintf(stderr, _("coderef: cannot read the pipe: %s\n"), strerror(errno));
				return CR_USAGE;
			}
			fd = spooled;
		}
		int r = cr_tui_run_log(c, path, fd);
		if (r != -1)
			return r;
		/* No terminal after all: decode as text. */
	}
	struct sigaction sa, old_int, old_term;
	if (c->follow) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_interrupt;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old_int);
		sigaction(SIGTERM, &sa, &old_term);
	}
	/* Big writes: the output of a long log is larger than the log.  A
	 * followed log is flushed after each piece instead, and a terminal
	 * keeps its line buffering (a message pasted line by line). */
	if (c->out.fp == stdout && !c->follow && !isatty(STDOUT_FILENO)) {
		/* glibc sizes a buffer it allocates by the pipe's block size
		 * (4 KiB) whatever size is asked: give it one. */
		static char out_buf[1 << 18];
		setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
		/* Into a pipe: a larger pipe wakes its reader less often. */
		struct stat st;
		if (fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode))
			fcntl(STDOUT_FILENO, F_SETPIPE_SZ, 1 << 20);
	}
	struct decode *d = cr_xcalloc(1, sizeof *d);
	d->c = c;
	d->ex = cr_explain_new(c->db, c->lang);
	d->show_file = argc > 1;
	int status = CR_OK;
	for (int i = 0; i == 0 || i < argc; i++) {
		const char *path = argc ? argv[i] : "-";
		bool is_stdin = strcmp(path, "-") == 0;
		d->file = path;
		free(d->file_json);
		d->file_json = clean(path, strlen(path));
		int fd = is_stdin ? STDIN_FILENO : open_input(path);
		if (fd < 0) {
			status = CR_USAGE;
			continue;
		}
		if (decode_fd(d, fd) != CR_OK)
			status = CR_USAGE;
		if (!is_stdin)
			close(fd);
		if (interrupted)
			break;
	}
	if (!c->json)
		print_summary(d);
	fflush(c->out.fp);
	if (c->follow) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
	}
	long found = d->findings;
	for (size_t i = 0; i < d->ncall; i++)
		free(d->call[i].id);
	free(d->call);
	free(d->file_json);
	cr_explain_free(d->ex);
	free(d);
	if (status != CR_OK)
		return status;
	return found ? CR_OK : CR_NOT_FOUND;
}
