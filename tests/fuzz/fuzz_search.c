/* libFuzzer: any bytes as a search line, on the real database: the query
 * parser (quotes, numbers, stopwords), the normalizer, the Japanese
 * splitter, segmentation, did-you-mean and snippets.  The query must never
 * fail (only match or not) and never crash. */
#include "config.h"

#include "core/norm.h"
#include "core/search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cr_db *db;

static void count_part(const char *s, size_t n, void *data)
{
	if (n == 0 || !s)
		abort();
	++*(size_t *)data;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db) {
		char *why;
		const char *path = getenv("CODEREF_TEST_DB");
		if (!path || cr_db_open(path, &db, &why) != CR_OK) {
			fprintf(stderr, "fuzz_search: set CODEREF_TEST_DB to the built database\n");
			abort();
		}
	}
	char *input = malloc(size + 1);
	memcpy(input, data, size);
	input[size] = '\0';
	struct cr_rows rows = { 0 };
	const char *lang = size && (data[0] & 1) ? "ja" : "en";
	if (cr_search(db, "sip", lang, input, 20, &rows) == CR_DB_ERROR)
		abort();
	for (size_t i = 0; i < rows.count; i++)
		if (rows.row[i].snippet && !rows.row[i].field)
			abort();
	/* The normalizer and the splitter on their own, as the index uses them. */
	char *norm = cr_norm(input);
	size_t parts = 0;
	cr_norm_split(norm, count_part, &parts);
	free(norm);
	struct cr_terms terms;
	cr_terms_parse(input, &terms);
	for (size_t i = 0; i < rows.count; i++) {
		size_t len;
		cr_terms_find(&terms, rows.row[i].reason, strlen(rows.row[i].reason), &len);
	}
	cr_terms_free(&terms);
	cr_rows_free(&rows);
	free(input);
	return 0;
}
