/* Code numbers mentioned in text ("see 480", "unlike 404 or 604"): what
 * the browser makes links of. */
#ifndef CODEREF_MENTION_H
#define CODEREF_MENTION_H

#include <stddef.h>

/* The first mention in s[from..n): its offset (n when none), its length in
 * *len and its value in *number.  A mention is a run of exactly three
 * digits, the first 1 to 6, standing alone: not part of a longer number or
 * a word ("100rel"), not a version or section ("3.4.5", "§21.4"), not an
 * RFC number ("RFC 822") and not a Q.850 cause ("Q.850"). */
size_t cr_mention_next(const char *s, size_t n, size_t from, size_t *len, int *number);

#endif
