/* libFuzzer: sanitizing any bytes gives valid UTF-8 with no control
 * character a terminal would act on. */
#include "config.h"

#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = cr_xstrndup((const char *)data, size);
	for (int keep = 0; keep < 2; keep++) {
		char *s = cr_sanitize(raw, keep);
		size_t n = strlen(s);
		if (u8_check((const uint8_t *)s, n))
			abort();
		const uint8_t *p = (const uint8_t *)s;
		ucs4_t c;
		while ((p = u8_next(&c, p)) != NULL)
			if ((c < 0x20 && !(keep && c == '\n')) || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
			    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
				abort();
		free(s);
	}
	free(raw);
	return 0;
}
