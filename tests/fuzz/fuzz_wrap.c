/* libFuzzer: width-aware wrapping of any bytes at any width.  Every line
 * fits the width (a character wider than the whole line excepted), and no
 * byte is lost. */
#include "config.h"

#include "core/util.h"
#include "core/wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct check {
	int width;
	size_t bytes;
};

static void line(const char *s, size_t n, void *data)
{
	struct check *c = data;
	int width = c->width < 1 ? 1 : c->width;   /* as cr_wrap takes it */
	int w = cr_width(s, n);
	if (w > width && cr_fit(s, n, width) != 0)
		abort();
	c->bytes += n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct check c = { data[0] % 120, 0 };
	/* The core wraps sanitized text only. */
	char *raw = cr_xstrndup((const char *)data + 1, size - 1);
	char *text = cr_sanitize(raw, 1);
	cr_wrap(text, c.width, line, &c);
	if (c.bytes > strlen(text))
		abort();
	free(text);
	free(raw);
	return 0;
}
