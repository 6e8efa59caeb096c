#include "config.h"

#include "charset.h"
#include "core/util.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

struct converter {
	FILE *out;
	iconv_t cd;
	char pending[8];        /* an incomplete UTF-8 sequence from the last write */
	size_t npending;
};

static void convert(struct converter *c, const char *buf, size_t size)
{
	char *in = (char *)buf;
	size_t left = size;
	char outbuf[4096];
	while (left > 0) {
		char *out = outbuf;
		size_t room = sizeof outbuf;
		size_t r = iconv(c->cd, &in, &left, &out, &room);
		fwrite(outbuf, 1, sizeof outbuf - room, c->out);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL) {          /* cut short: keep for the next write */
			if (left < sizeof c->pending) {
				memcpy(c->pending, in, left);
				c->npending = left;
			}
			return;
		}
		/* A character the target lacks even with //TRANSLIT. */
		fputc('?', c->out);
		in++;
		left--;
		while (left > 0 && ((unsigned char)*in & 0xc0) == 0x80) {
			in++;
			left--;
		}
	}
}

static ssize_t write_converted(void *cookie, const char *buf, size_t size)
{
	struct converter *c = cookie;
	if (c->npending) {
		char joined[64];
		size_t take = size < sizeof joined - c->npending ? size : sizeof joined - c->npending;
		memcpy(joined, c->pending, c->npending);
		memcpy(joined + c->npending, buf, take);
		size_t n = c->npending + take;
		c->npending = 0;
		convert(c, joined, n);
		buf += take;
		size -= take;
		if (size == 0)
			return (ssize_t)take;
		convert(c, buf, size);
		return (ssize_t)(take + size);
	}
	convert(c, buf, size);
	return (ssize_t)size;
}

static int close_converted(void *cookie)
{
	struct converter *c = cookie;
	int r = fflush(c->out);
	iconv_close(c->cd);
	free(c);
	return r;
}

FILE *cr_charset_stream(FILE *fp)
{
	const char *codeset = nl_langinfo(CODESET);
	if (!codeset || strcmp(codeset, "UTF-8") == 0)
		return fp;
	char target[64];
	snprintf(target, sizeof target, "%s//TRANSLIT", codeset);
	iconv_t cd = iconv_open(target, "UTF-8");
	if (cd == (iconv_t)-1)
		return fp;
	struct converter *c = cr_xcalloc(1, sizeof *c);
	c->out = fp;
	c->cd = cd;
	cookie_io_functions_t io = { .write = write_converted, .close = close_converted };
	FILE *s = fopencookie(c, "w", io);
	if (!s) {
		iconv_close(cd);
		free(c);
		return fp;
	}
	return s;
}
