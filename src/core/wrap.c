#include "config.h"

#include "wrap.h"
#include "util.h"

#include <stdint.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

/* "UTF-8" as the encoding makes ambiguous-width characters one column, as
 * wcwidth() and ncurses count them. */
static const char encoding[] = "UTF-8";

static int char_width(ucs4_t c)
{
	int w = uc_width(c, encoding);
	return w < 0 ? 0 : w;
}

int cr_width(const char *s, size_t n)
{
	int w = 0;
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		w += char_width(c);
		p += k > 0 ? k : 1;
	}
	return w;
}

size_t cr_fit(const char *s, size_t n, int cols)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	int w = 0;
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		int cw = char_width(c);
		if (w + cw > cols)
			break;
		w += cw;
		p += k > 0 ? k : 1;
	}
	return (size_t)(p - (const uint8_t *)s);
}

/* Characters that may not begin a line (Japanese kinsoku): closing brackets
 * and punctuation. */
static int no_line_start(ucs4_t c)
{
	static const ucs4_t chars[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x300D, 0x300F, 0xFF09, 0x3011, 0x3015, 0x3009,
		0x300B, 0xFF01, 0xFF1F, 0x30FB, 0x30FC, 0xFF1A, 0xFF1B, ')', ']', '}', ',', '.',
	};
	for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
		if (c == chars[i])
			return 1;
	return 0;
}

static size_t char_len(const char *s, size_t n)
{
	int k = u8_mblen((const uint8_t *)s, n);
	return k > 0 ? (size_t)k : 1;
}

static size_t emit_line(const char *s, size_t n, int width, cr_line_fn emit, void *data)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	size_t lines = 0;
	/* A run wider than the line (a long URL, a line of 100,000 letters)
	 * is cut between characters, and not before a closing mark. */
	while (cr_width(s, n) > width) {
		size_t k = cr_fit(s, n, width);
		if (k == 0) { /* a two-column character on a one-column line */
			k = char_len(s, n);
		} else {
			size_t cut = k;
			ucs4_t next;
			while (cut > 0 && cut < n && u8_mbtouc(&next, (const uint8_t *)s + cut, n - cut) > 0 &&
			       no_line_start(next)) {
				const uint8_t *prev = u8_prev(&next, (const uint8_t *)s + cut, (const uint8_t *)s);
				cut = prev ? (size_t)(prev - (const uint8_t *)s) : 0;
			}
			if (cut > 0)
				k = cut;
		}
		emit(s, k, data);
		lines++;
		s += k;
		n -= k;
	}
	if (n > 0 || lines == 0) {
		emit(s, n, data);
		lines++;
	}
	return lines;
}

size_t cr_wrap(const char *text, int width, cr_line_fn emit, void *data)
{
	if (width < 1)
		width = 1;
	size_t n = strlen(text);
	if (n == 0) {
		emit(text, 0, data);
		return 1;
	}
	char *breaks = cr_xmalloc(n);
	/* Unicode allows a break after a hyphen; header names and words such
	 * as Retry-After and Min-SE must stay whole.  A hyphen between two
	 * ASCII letters or digits is measured as a letter (same width, same
	 * offsets), so no break falls there. */
	char *measured = NULL;
	for (size_t i = 1; i + 1 < n; i++)
		if (text[i] == '-' && isalnum((unsigned char)text[i - 1]) &&
		    isalnum((unsigned char)text[i + 1])) {
			if (!measured)
				measured = cr_xstrndup(text, n);
			measured[i] = 'x';
		}
	u8_width_linebreaks((const uint8_t *)(measured ? measured : text), n, width, 0, 0, NULL,
	                    encoding, breaks);
	free(measured);
	size_t lines = 0, start = 0;
	for (size_t i = 0; i < n; i++) {
		if (breaks[i] == UC_BREAK_MANDATORY) {
			lines += emit_line(text + start, i - start, width, emit, data);
			start = i + 1;
		} else if (breaks[i] == UC_BREAK_POSSIBLE && i > start) {
			lines += emit_line(text + start, i - start, width, emit, data);
			start = i;
		}
	}
	if (start < n || n == 0 || text[n - 1] == '\n')
		lines += emit_line(text + start, n - start, width, emit, data);
	free(breaks);
	return lines;
}
