/* libFuzzer: the flow parser on any bytes, and the ladder of whatever it
 * accepts at any width, in both styles.  Every line fits the width and is
 * valid UTF-8. */
#include "config.h"

#include "core/flow.h"
#include "core/util.h"
#include "core/wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int width = data[0] + 1;
	unsigned flags = data[1] & 1 ? CR_FLOW_ASCII : 0;
	const char *lang = data[1] & 2 ? "ja" : "en";
	char *text = cr_xstrndup((const char *)data + 2, size - 2);
	struct cr_flow f;
	char *error = NULL;
	if (cr_flow_parse(text, lang, &f, &error) == 0) {
		struct cr_flow_lines l;
		if (cr_flow_render(&f, NULL, width, flags, &l) == 0) {
			for (size_t i = 0; i < l.count; i++) {
				size_t n = strlen(l.line[i]);
				if (cr_width(l.line[i], n) > width || u8_check((const uint8_t *)l.line[i], n))
					abort();
			}
			cr_flow_lines_free(&l);
		}
		cr_flow_free(&f);
	} else if (!error || f.steps || f.entities) {
		abort();
	}
	free(error);
	free(text);
	return 0;
}
