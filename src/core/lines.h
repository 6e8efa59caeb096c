/* Reading a stream line by line in constant memory.  A line longer than
 * CR_LINES_PIECE comes in pieces of that size, each overlapping the one
 * before by CR_LINES_OVERLAP bytes, so that what a scanner finds across a
 * cut is whole in one of them.  With follow set, the end of a file is
 * waited at, as tail -f does (a file cut short is read again from its
 * start). */
#ifndef CODEREF_LINES_H
#define CODEREF_LINES_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define CR_LINES_PIECE (64 * 1024)
#define CR_LINES_OVERLAP 1024
/* A finding is reported by the piece where its start lies, except that
 * one starting within this many bytes after the next piece's start still
 * belongs to the earlier piece: its header name (Reason:) may lie before
 * the cut. */
#define CR_LINES_LEAD 128
/* The end (exclusive) of where a piece of n bytes reports findings. */
static inline size_t cr_lines_report_end(size_t n, bool more)
{
	return more ? n - CR_LINES_OVERLAP + CR_LINES_LEAD : n;
}

struct cr_lines {
	int fd;
	bool follow;
	/* Set (by a signal handler) to end a follow; checked while waiting. */
	const volatile sig_atomic_t *stop;
	char *buf;
	size_t cap, beg, end, searched;
	bool eof;
	/* The piece returned last: its line (from 1), its offset in that
	 * line, and whether the line goes on in the next piece. */
	long line;
	size_t col;
	bool more;
	off_t pos;              /* bytes read from fd */
	bool truncated;         /* following, the file was cut short and is read
	                           again from line 1 (the caller resets it) */
	off_t piece_pos;        /* where the piece starts in the stream */
};

void cr_lines_open(struct cr_lines *r, int fd, bool follow, const volatile sig_atomic_t *stop);
/* 1: the next piece is (*s, *n), without its newline; 0: the end; -1: a
 * read error (errno says which). */
int cr_lines_next(struct cr_lines *r, const char **s, size_t *n);
void cr_lines_close(struct cr_lines *r);

#endif
