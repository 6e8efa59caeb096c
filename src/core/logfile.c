#include "config.h"

#include "logfile.h"
#include "lines.h"
#include "util.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cr_logfile_spool(int fd, void (*waiting)(void *data), void *data)
{
	FILE *copy = tmpfile();         /* unlinked: gone with its last fd */
	if (!copy)
		return -1;
	int out = dup(fileno(copy));
	fclose(copy);
	if (out < 0)
		return -1;
	char *buf = cr_xmalloc(CR_LINES_PIECE);
	bool said = false;
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int ready = poll(&p, 1, waiting && !said ? 1000 : -1);
		if (ready == 0) {
			waiting(data);
			said = true;
			continue;
		}
		ssize_t got = ready < 0 ? -1 : read(fd, buf, CR_LINES_PIECE);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || write(out, buf, (size_t)got) != got) {
			int saved = errno;
			free(buf);
			if (got == 0 && lseek(out, 0, SEEK_SET) == 0)
				return out;
			close(out);
			errno = saved;
			return -1;
		}
	}
}

struct load_ctx {
	struct cr_logfile *lf;
	struct cr_explain *ex;
	size_t cap;
	const char *piece;
	long line;
	size_t col, from, upto;
};

static void on_finding(void *data, const struct cr_finding *f)
{
	struct load_ctx *c = data;
	if (f->at < c->from || f->at >= c->upto)
		return;
	const struct cr_meaning *m = cr_explain_finding(c->ex, c->piece, f);
	if (!m)
		return;
	struct cr_logfile *lf = c->lf;
	if (lf->nfind == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		lf->find = cr_xrealloc(lf->find, c->cap * sizeof *lf->find);
	}
	char phrase[256];
	size_t n = cr_scan_phrase(c->piece, f, phrase, sizeof phrase);
	lf->find[lf->nfind++] = (struct cr_log_finding){
		.line = c->line, .col = c->col + f->at, .len = f->len, .key = m->known ? m->key : 0,
		.phrase_differs = (f->kind == CR_FIND_STATUS_LINE || f->kind == CR_FIND_RESPONSE) &&
		                  cr_explain_phrase_differs(c->ex, m, phrase, n),
	};
}

int cr_logfile_load(struct cr_logfile *lf, int fd, struct cr_explain *ex)
{
	memset(lf, 0, sizeof *lf);
	if (lseek(fd, 0, SEEK_CUR) < 0 && errno == ESPIPE) {
		int spooled = cr_logfile_spool(fd, NULL, NULL);
		close(fd);
		fd = spooled;
	} else if (lseek(fd, 0, SEEK_SET) < 0) {
		fd = -1;
	}
	if (fd < 0)
		return CR_USAGE;
	lf->fd = fd;
	struct cr_lines r;
	cr_lines_open(&r, fd, false, NULL);
	struct load_ctx c = { .lf = lf, .ex = ex };
	size_t lines_cap = 0, reported_to = 0;
	const char *s;
	size_t n;
	int got;
	off_t end = 0;
	while ((got = cr_lines_next(&r, &s, &n)) > 0) {
		if (r.col == 0) {
			if ((size_t)lf->nlines + 1 >= lines_cap) {
				lines_cap = lines_cap ? lines_cap * 2 : 1024;
				lf->line_at = cr_xrealloc(lf->line_at, lines_cap * sizeof *lf->line_at);
			}
			lf->line_at[lf->nlines++] = r.piece_pos;
			reported_to = 0;
		}
		c.piece = s;
		c.line = r.line - 1;
		c.col = r.col;
		c.from = reported_to > r.col ? reported_to - r.col : 0;
		c.upto = cr_lines_report_end(n, r.more);
		cr_scan_line(s, n, cr_explain_names(ex), on_finding, &c);
		reported_to = r.col + c.upto;
		end = r.piece_pos + (off_t)n + 1;
	}
	int err = errno;
	cr_lines_close(&r);
	if (!lf->line_at)
		lf->line_at = cr_xmalloc(sizeof *lf->line_at);
	lf->line_at[lf->nlines] = end;
	if (got < 0) {
		errno = err;
		return CR_USAGE;
	}
	return CR_OK;
}

void cr_logfile_free(struct cr_logfile *lf)
{
	if (lf->fd > 0)
		close(lf->fd);
	free(lf->line_at);
	free(lf->find);
	memset(lf, 0, sizeof *lf);
}

size_t cr_logfile_text(const struct cr_logfile *lf, long line, char *buf, size_t cap)
{
	if (line < 0 || line >= lf->nlines || !cap)
		return 0;
	off_t at = lf->line_at[line], next = lf->line_at[line + 1];
	size_t len = next - at > 0 ? (size_t)(next - at - 1) : 0;   /* without the newline */
	if (len > cap)
		len = cap;
	ssize_t got = pread(lf->fd, buf, len, at);
	if (got <= 0)
		return 0;
	size_t k = (size_t)got;
	if (k < cap && k == len && k && buf[k - 1] == '\r')
		k--;
	return k;
}

size_t cr_logfile_finding_at(const struct cr_logfile *lf, long line)
{
	size_t lo = 0, hi = lf->nfind;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (lf->find[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The line holding byte pos of the file. */
static long line_of(const struct cr_logfile *lf, off_t pos)
{
	long lo = 0, hi = lf->nlines;
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		if (lf->line_at[mid + 1] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static inline int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The first (or, last set, the last) match of t in buf[0, n), -1 if none. */
static long find_in(const char *buf, size_t n, const char *t, size_t tn, bool last)
{
	long found = -1;
	for (size_t i = 0; i + tn <= n; i++) {
		size_t k = 0;
		while (k < tn && fold((unsigned char)buf[i + k]) == fold((unsigned char)t[k]))
			k++;
		if (k == tn) {
			found = (long)i;
			if (!last)
				break;
		}
	}
	return found;
}

#define SEARCH_CHUNK (1 << 20)

long cr_logfile_search(const struct cr_logfile *lf, long from, int dir, bool at, const char *text)
{
	size_t tn = strlen(text);
	long first = at ? from : from + dir;
	if (!tn || first < 0 || first >= lf->nlines)
		return -1;
	/* The file is read in large pieces, overlapping by the text's length,
	 * rather than line by line: a search of a big log stays quick. */
	char *buf = cr_xmalloc(SEARCH_CHUNK + tn);
	long found = -1;
	if (dir > 0) {
		off_t pos = lf->line_at[first], end = lf->line_at[lf->nlines];
		while (found < 0 && pos < end) {
			ssize_t got = pread(lf->fd, buf, SEARCH_CHUNK + tn - 1, pos);
			if (got <= 0)
				break;
			long i = find_in(buf, (size_t)got, text, tn, false);
			if (i >= 0)
				found = line_of(lf, pos + i);
			pos += SEARCH_CHUNK;
		}
	} else {
		off_t end = lf->line_at[first + 1];     /* matches must start before it */
		while (found < 0 && end > 0) {
			off_t pos = end > SEARCH_CHUNK ? end - SEARCH_CHUNK : 0;
			ssize_t got = pread(lf->fd, buf, (size_t)(end - pos) + tn - 1, pos);
			if (got <= 0)
				break;
			long i = find_in(buf, (size_t)got, text, tn, true);
			while (i >= 0 && pos + i >= end)       /* beyond: look before it */
				i = find_in(buf, (size_t)i + tn - 1, text, tn, true);
			if (i >= 0)
				found = line_of(lf, pos + i);
			end = pos;
		}
	}
	free(buf);
	return found;
}
