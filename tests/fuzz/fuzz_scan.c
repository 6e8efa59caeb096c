/* libFuzzer: any bytes as lines of a log: the line scanner (status lines,
 * Reason and Warning headers with their parameters and quoted texts, the
 * Asterisk and FreeSWITCH forms), the phrase reader and comparison, and
 * what the real database makes of each finding.  Every span must lie inside
 * its line, every number have at most six digits; nothing may crash. */
#include "config.h"

#include "core/explain.h"
#include "core/scan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cr_db *db;
static struct cr_explain *ex;

struct ctx {
	const char *line;
	size_t n;
};

static void check(void *data, const struct cr_finding *f)
{
	const struct ctx *c = data;
	if (f->at > c->n || f->len > c->n - f->at || f->phrase_at > c->n ||
	    f->phrase_len > c->n - f->phrase_at || f->name_at > c->n || f->name_len > c->n - f->name_at ||
	    f->number > 999999 || f->number < -1 || f->kind >= CR_FIND__MAX)
		abort();
	char phrase[64];
	size_t k = cr_scan_phrase(c->line, f, phrase, sizeof phrase);
	if (k >= sizeof phrase || phrase[k] != '\0')
		abort();
	struct cr_meaning *m = cr_explain_finding(ex, c->line, f);
	if (m && (cr_explain_phrase_differs(ex, m, phrase, k), m->set == NULL))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db) {
		char *why;
		const char *path = getenv("CODEREF_TEST_DB");
		if (!path || cr_db_open(path, &db, &why) != CR_OK) {
			fprintf(stderr, "fuzz_scan: set CODEREF_TEST_DB to the built database\n");
			abort();
		}
		ex = cr_explain_new(db, "en");
	}
	/* A copy of exactly size bytes, so reading past the line is caught. */
	char *buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	size_t start = 0;
	for (size_t i = 0; i <= size; i++) {
		if (i == size || buf[i] == '\n') {
			struct ctx c = { buf + start, i - start };
			cr_scan_line(c.line, c.n, cr_explain_names(ex), check, &c);
			start = i + 1;
		}
	}
	free(buf);
	cr_scan_same_phrase((const char *)data, size, "Busy Here", 9);
	return 0;
}
