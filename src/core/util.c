#include "config.h"

#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static void out_of_memory(void)
{
	fputs("coderef: error: out of memory\n", stderr);
	exit(3);
}

void *cr_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *cr_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *cr_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *cr_xstrdup(const char *s)
{
	return cr_xstrndup(s, strlen(s));
}

char *cr_xstrndup(const char *s, size_t n)
{
	char *d = cr_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *cr_asprintf(const char *fmt, ...)
{
	struct cr_buf b = { 0 };
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	b.s = cr_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.s;
}

static void reserve(struct cr_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = cr_xrealloc(b->s, cap);
	b->cap = cap;
	b->s[b->len] = '\0'; /* a reserved, still empty buffer is a valid string */
}

void cr_buf_add(struct cr_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void cr_buf_adds(struct cr_buf *b, const char *s)
{
	cr_buf_add(b, s, strlen(s));
}

void cr_buf_addf(struct cr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *cr_buf_take(struct cr_buf *b)
{
	char *s = b->s ? b->s : cr_xstrdup("");
	memset(b, 0, sizeof *b);
	return s;
}

void cr_buf_free(struct cr_buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int cr_among(const char *const *list, size_t count, const char *s, size_t n)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
			return 1;
	return 0;
}

const char *cr_strncasestr(const char *hay, const char *needle, size_t n)
{
	if (n == 0)
		return hay;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && lower((unsigned char)hay[i]) == lower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return hay;
	}
	return NULL;
}

static int is_bidi_control(ucs4_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C;
}

char *cr_sanitize(const char *s, int keep_newlines)
{
	if (!s)
		return NULL;
	struct cr_buf b = { 0 };
	const uint8_t *p = (const uint8_t *)s;
	size_t left = strlen(s);
	reserve(&b, left);
	while (left > 0) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p, left);
		if (n <= 0) {
			c = 0xFFFD;
			n = 1;
		}
		if (c == '\n' && keep_newlines)
			; /* kept */
		else if (c == '\t')
			c = ' ';
		else if (c < 0x20)
			c = 0x2400 + c;
		else if (c == 0x7F)
			c = 0x2421;
		else if (c >= 0x80 && c < 0xA0)
			c = 0xFFFD;
		if (!is_bidi_control(c)) {
			uint8_t enc[6];
			int m = u8_uctomb(enc, c, sizeof enc);
			if (m > 0)
				cr_buf_add(&b, (const char *)enc, (size_t)m);
		}
		p += n;
		left -= (size_t)n;
	}
	return cr_buf_take(&b);
}

size_t cr_split_list(const char *list, char ***out)
{
	*out = NULL;
	size_t n = 0;
	const char *p = list ? list : "";
	while (*p) {
		size_t len = strcspn(p, ",");
		const char *s = p, *e = p + len;
		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		if (e > s) {
			*out = cr_xrealloc(*out, (n + 1) * sizeof **out);
			(*out)[n++] = cr_xstrndup(s, (size_t)(e - s));
		}
		p += len;
		if (*p)
			p++;
	}
	return n;
}

void cr_free_list(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}
