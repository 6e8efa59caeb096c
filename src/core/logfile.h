/* A log held for browsing: where each line starts and what the scanner
 * found in it, the text itself left in the file and read when shown.  A
 * pipe is first copied to a temporary file, as less keeps what it read. */
#ifndef CODEREF_LOGFILE_H
#define CODEREF_LOGFILE_H

#include "explain.h"

#include <stdio.h>
#include <sys/types.h>

struct cr_log_finding {
	long line;              /* from 0 */
	size_t col, len;        /* bytes in the line */
	int key;                /* the code (cr_code_key), 0 if the database lacks it */
	bool phrase_differs;
};

struct cr_logfile {
	int fd;                 /* the file, or the temporary copy of a pipe */
	off_t *line_at;         /* nlines + 1 offsets: the last is the end */
	long nlines;
	struct cr_log_finding *find;
	size_t nfind;
};

/* A pipe's bytes, to its end, into an unlinked temporary file, so that
 * lines can be read again: that file's fd at offset 0, or -1 with errno
 * set.  fd stays open.  waiting(data), when given, is called once the pipe
 * has been open a second without ending (tail -f | coderef decode).  A
 * signal with a handler does not stop it: take the screen afterwards. */
int cr_logfile_spool(int fd, void (*waiting)(void *data), void *data);

/* Reads fd (taking it over) to its end; a pipe is spooled first.  CR_OK,
 * or CR_USAGE with errno set. */
int cr_logfile_load(struct cr_logfile *lf, int fd, struct cr_explain *ex);
void cr_logfile_free(struct cr_logfile *lf);

/* The first cap bytes of a line, without its newline or a CR before it;
 * returns how many. */
size_t cr_logfile_text(const struct cr_logfile *lf, long line, char *buf, size_t cap);
/* The index of the first finding on or after line (nfind if none). */
size_t cr_logfile_finding_at(const struct cr_logfile *lf, long line);
/* The next line after from (dir 1) or before it (dir -1), or from itself
 * when at is set, holding text (ASCII case ignored); -1 if none. */
long cr_logfile_search(const struct cr_logfile *lf, long from, int dir, bool at, const char *text);

#endif
