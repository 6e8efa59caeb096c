/* libFuzzer: a database file made of fuzzed bytes.  Opening it either fails
 * cleanly or gives a database every read path can use without crashing. */
#include "config.h"

#include "core/card.h"
#include "core/search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/coderef-fuzz-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	if (write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	struct cr_db *db;
	char *why;
	if (cr_db_open(path, &db, &why) == CR_OK) {
		struct cr_code a, b;
		if (cr_code_get(db, "sip", 486, "ja", &a) == CR_OK) {
			struct cr_doc d;
			cr_card_build(db, &a, "ja", CR_CARD_FULL, &d);
			cr_doc_free(&d);
			if (cr_code_get(db, "sip", 600, "en", &b) == CR_OK) {
				struct cr_comparison cmp;
				cr_compare_build(db, &a, &b, "en", &cmp);
				cr_comparison_free(&cmp);
				cr_code_free(&b);
			}
			cr_code_free(&a);
		}
		struct cr_rows rows = { 0 };
		cr_list_after(db, "sip", "en", 0, 9, -1, 50, &rows);
		cr_search(db, "sip", "en", "busy", 20, &rows);
		cr_rows_free(&rows);
		cr_db_close(db);
	} else {
		free(why);
	}
	unlink(path);
	return 0;
}
