/* Small helpers every module uses: checked allocation, a growing string
 * buffer, and making untrusted text safe to put on a terminal. */
#ifndef CODEREF_UTIL_H
#define CODEREF_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define CR_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *cr_xmalloc(size_t n);
void *cr_xcalloc(size_t n, size_t size);
void *cr_xrealloc(void *p, size_t n);
char *cr_xstrdup(const char *s);
char *cr_xstrndup(const char *s, size_t n);
char *cr_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A NUL-terminated string that grows as it is appended to. */
struct cr_buf {
	char *s;
	size_t len, cap;
};
void cr_buf_add(struct cr_buf *b, const char *s, size_t n);
void cr_buf_adds(struct cr_buf *b, const char *s);
void cr_buf_addf(struct cr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string over (never NULL) and empties the buffer. */
char *cr_buf_take(struct cr_buf *b);
void cr_buf_free(struct cr_buf *b);

/* Splits a fact list "A, B, C" into trimmed, non-empty items; returns how
 * many (0 for NULL or empty, with *out NULL).  Free with cr_free_list. */
size_t cr_split_list(const char *list, char ***out);
void cr_free_list(char **items, size_t n);

/* Whether the n bytes at s are one of the count strings of list. */
int cr_among(const char *const *list, size_t count, const char *s, size_t n);

/* First occurrence of the n bytes of needle in hay, ignoring ASCII case. */
const char *cr_strncasestr(const char *hay, const char *needle, size_t n);

/* Copy of s that is safe to draw: invalid UTF-8 becomes U+FFFD, C0 controls
 * become their visible Control Pictures (U+2400…), C1 controls U+FFFD, tabs
 * a space, and bidirectional overrides and isolates are dropped so text
 * cannot reorder the screen.  Newlines are kept when keep_newlines is set,
 * else shown as U+2424.  NULL gives NULL. */
char *cr_sanitize(const char *s, int keep_newlines);

#endif
