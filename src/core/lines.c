#include "config.h"

#include "lines.h"
#include "util.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How often a followed file is looked at for more (ms). */
#define FOLLOW_MS 100

void cr_lines_open(struct cr_lines *r, int fd, bool follow, const volatile sig_atomic_t *stop)
{
	memset(r, 0, sizeof *r);
	r->fd = fd;
	r->follow = follow;
	r->stop = stop;
	r->cap = 2 * CR_LINES_PIECE;
	r->buf = cr_xmalloc(r->cap);
}

void cr_lines_close(struct cr_lines *r)
{
	free(r->buf);
	r->buf = NULL;
}

static bool stopped(const struct cr_lines *r)
{
	return r->stop && *r->stop;
}

/* At the end of the file: wait for more, or start again from the top when
 * the file was cut short (a log rotated by truncation).  false: give up. */
static bool wait_more(struct cr_lines *r)
{
	struct stat st;
	/* A pipe or a terminal at its end has ended: only a file grows. */
	if (!r->follow || stopped(r) || fstat(r->fd, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	if (st.st_size < r->pos && lseek(r->fd, 0, SEEK_SET) == 0) {
		/* logrotate's copytruncate: what is there is new, from line 1 */
		r->pos = 0;
		r->beg = r->end = r->searched = 0;
		r->line = 0;
		r->more = false;
		r->truncated = true;
	}
	poll(NULL, 0, FOLLOW_MS);
	return !stopped(r);
}

/* Reads more after what is kept; 1 when something came, 0 at the end. */
static int fill(struct cr_lines *r)
{
	if (r->beg > 0) {
		memmove(r->buf, r->buf + r->beg, r->end - r->beg);
		r->end -= r->beg;
		r->searched -= r->beg;
		r->beg = 0;
	}
	for (;;) {
		ssize_t got = read(r->fd, r->buf + r->end, r->cap - r->end);
		if (got > 0) {
			r->end += (size_t)got;
			r->pos += got;
			return 1;
		}
		if (got < 0 && errno == EINTR) {
			if (stopped(r))
				return 0;
			continue;
		}
		if (got < 0)
			return -1;
		if (!wait_more(r))
			return 0;
	}
}

static int give(struct cr_lines *r, const char **s, size_t *n, size_t len, size_t advance, bool more)
{
	if (r->more) {       /* the line goes on: this piece overlaps the last */
		r->col += CR_LINES_PIECE - CR_LINES_OVERLAP;
	} else {
		r->line++;
		r->col = 0;
	}
	r->piece_pos = r->pos - (off_t)(r->end - r->beg);
	*s = r->buf + r->beg;
	*n = len;
	r->more = more;
	r->beg += advance;
	r->searched = r->beg;
	return 1;
}

int cr_lines_next(struct cr_lines *r, const char **s, size_t *n)
{
	for (;;) {
		size_t avail = r->end - r->beg;
		size_t window = avail < CR_LINES_PIECE ? avail : CR_LINES_PIECE;
		size_t from = r->searched > r->beg ? r->searched - r->beg : 0;
		if (from < window) {
			const char *nl = memchr(r->buf + r->beg + from, '\n', window - from);
			if (nl) {
				size_t len = (size_t)(nl - (r->buf + r->beg));
				return give(r, s, n, len, len + 1, false);
			}
			r->searched = r->beg + window;
		}
		if (window == CR_LINES_PIECE)
			return give(r, s, n, CR_LINES_PIECE, CR_LINES_PIECE - CR_LINES_OVERLAP, true);
		if (r->eof) {
			if (avail == 0)
				return 0;
			return give(r, s, n, avail, avail, false);
		}
		int got = fill(r);
		if (got < 0)
			return -1;
		if (got == 0)
			r->eof = true;
	}
}
