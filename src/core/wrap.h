/* Text measured and broken by display columns: CJK takes two, combining
 * marks none, and lines break where Unicode line breaking allows (with the
 * Japanese rules: no line starts with 。、」 or ）). */
#ifndef CODEREF_WRAP_H
#define CODEREF_WRAP_H

#include <stddef.h>

/* Columns that the n bytes of UTF-8 at s take. */
int cr_width(const char *s, size_t n);

/* Bytes of s (at most n) that fit in cols columns, never cutting a character. */
size_t cr_fit(const char *s, size_t n, int cols);

typedef void (*cr_line_fn)(const char *line, size_t len, void *data);

/* Breaks text into lines of at most width columns (newlines always break)
 * and calls emit for each, without trailing spaces.  A word wider than the
 * line is split between characters.  Returns the number of lines. */
size_t cr_wrap(const char *text, int width, cr_line_fn emit, void *data);

#endif
