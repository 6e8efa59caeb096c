/* Finding status codes in one line of a trace or log: SIP and HTTP status
 * lines, Reason and Warning headers, what Asterisk and FreeSWITCH print
 * about hangups, and the Call-ID that ties a response to its call.
 *
 * No database and no terminal: the scanner reports where each finding is
 * and what it says (a number, or a name to resolve), and the caller looks
 * the code up.  A line is never copied or changed; the scanner holds no
 * state between lines, so a stream is scanned line by line in constant
 * memory. */
#ifndef CODEREF_SCAN_H
#define CODEREF_SCAN_H

#include <stdbool.h>
#include <stddef.h>

enum cr_find_kind {
	CR_FIND_STATUS_LINE,    /* SIP/2.0 486 Busy Here, HTTP/1.1 404 Not Found */
	CR_FIND_REASON,         /* one value of a Reason header */
	CR_FIND_WARNING,        /* one value of a Warning header */
	CR_FIND_RESPONSE,       /* Asterisk: Got SIP response 486 "Busy Here" */
	CR_FIND_VARIABLE,       /* HANGUPCAUSE=17, hangup_cause=USER_BUSY, Cause: 17 */
	CR_FIND_NAME,           /* a cause name alone: NORMAL_TEMPORARY_FAILURE */
	CR_FIND_CALL_ID,        /* not a code: the Call-ID header's value */
	CR_FIND_REQUEST_LINE,   /* not a code: INVITE sip:bob@b SIP/2.0 starts a message */
	CR_FIND__MAX
};

/* Spans are byte offsets into the line; a length of 0 means absent. */
struct cr_finding {
	enum cr_find_kind kind;
	const char *set;        /* "sip", "q850", "warning", "http", or a set a
	                           variable names (sip:486); NULL for a name */
	int number;             /* -1: no number, the code is the name */
	size_t at, len;         /* what to highlight */
	size_t phrase_at, phrase_len;   /* the message's own phrase or text */
	bool phrase_quoted;     /* the phrase is a quoted-string: \" escapes */
	size_t name_at, name_len;       /* a cause name (USER_BUSY); Call-ID value */
};

/* Whether the n bytes at s are a name an implementation prints for a code
 * (USER_BUSY): the caller's list, so the scanner knows no names itself. */
struct cr_scan_names {
	bool (*is_name)(void *data, const char *s, size_t n);
	void *data;
};

typedef void cr_scan_found(void *data, const struct cr_finding *f);

/* Calls found for each finding of the n bytes at line (no newline; NULs
 * and any other bytes allowed), left to right.  names may be NULL: then
 * only names after a known variable (hangup_cause=) are reported.
 * Numbers have 1 to 6 digits; a longer or missing one is no finding. */
void cr_scan_line(const char *line, size_t n, const struct cr_scan_names *names,
                  cr_scan_found *found, void *data);

/* The kind's name for JSON and tests: "status-line", "reason", … */
const char *cr_find_kind_name(enum cr_find_kind kind);

/* The phrase of f without quoted-string escapes (\" is "), at most cap-1
 * bytes and NUL-terminated in out; returns its length. */
size_t cr_scan_phrase(const char *line, const struct cr_finding *f, char *out, size_t cap);

/* Whether two reason phrases say the same: case, runs of blanks and a
 * trailing '.' (ngrep shows the CR so) do not count. */
bool cr_scan_same_phrase(const char *a, size_t an, const char *b, size_t bn);

#endif
