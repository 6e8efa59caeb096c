/* libFuzzer: any bytes as a code address ("sip:486", "Q850:17", "486",
 * "USER_BUSY"), on the real database.  An address that parses must name a
 * set the database has and a number of at most six digits; the code it
 * names, when it exists, must build a card (mappings included) and compare
 * with a code of another set, in both languages, without a fault. */
#include "config.h"

#include "core/address.h"
#include "core/card.h"
#include "core/code.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cr_db *db;

static void exercise(const struct cr_address *a, const char *lang)
{
	struct cr_code c;
	enum cr_result r = cr_code_get(db, a->set, a->number, lang, &c);
	if (r == CR_DB_ERROR)
		abort();
	if (r != CR_OK)
		return;
	struct cr_doc card = { 0 };
	cr_card_build(db, &c, lang, 0, &card);
	if (card.count == 0)
		abort();
	cr_doc_free(&card);
	/* Across sets: the other side is a SIP code unless this one is. */
	struct cr_code other;
	int sip = strcmp(a->set, "sip") == 0;
	if (cr_code_get(db, sip ? "q850" : "sip", sip ? 17 : 486, lang, &other) == CR_OK) {
		struct cr_comparison cmp = { 0 };
		cr_compare_build(db, &c, &other, lang, &cmp);
		cr_comparison_free(&cmp);
		cr_code_free(&other);
	}
	cr_code_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db) {
		char *why;
		const char *path = getenv("CODEREF_TEST_DB");
		if (!path || cr_db_open(path, &db, &why) != CR_OK) {
			fprintf(stderr, "fuzz_address: set CODEREF_TEST_DB to the built database\n");
			abort();
		}
	}
	if (size > 4096)
		return 0;
	/* The first byte picks the default set; the rest is the address. */
	static const char *const defaults[] = { "sip", "q850", "warning", "SIP", "nosuchset" };
	const char *default_set = defaults[size ? data[0] % 5 : 0];
	char *text = malloc(size + 1);
	memcpy(text, data + (size ? 1 : 0), size ? size - 1 : 0);
	text[size ? size - 1 : 0] = '\0';

	(void)cr_address_like(text);
	struct cr_address a = { 0 };
	enum cr_result r = cr_address_parse(db, text, default_set, &a);
	if (r == CR_OK) {
		if (!a.set || !cr_db_set(db, a.set) || a.number < 0 || a.number > 999999)
			abort();
		exercise(&a, size && (data[0] & 0x80) ? "ja" : "en");
	} else if (r != CR_USAGE && r != CR_NOT_FOUND) {
		abort();
	}
	free(text);
	return 0;
}
