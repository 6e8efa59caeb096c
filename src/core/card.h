/* Building the localized documents: a code's card and a comparison. */
#ifndef CODEREF_CARD_H
#define CODEREF_CARD_H

#include "code.h"
#include "doc.h"

enum cr_card_flags {
	CR_CARD_FULL = 0,
	CR_CARD_NO_FACTS = 1,   /* within a comparison: facts are compared below */
	CR_CARD_NO_FLOW = 2,    /* show --no-flow: no call-flow section */
};

/* "437 Unsupported Credential（…gloss…）": number, reason and the gloss as the
 * language decorates it. */
char *cr_card_title(struct cr_db *db, const struct cr_code *c, const char *lang);
/* "4xx Request Failure" */
char *cr_class_name(struct cr_db *db, const char *set, int cls, const char *lang);

void cr_card_build(struct cr_db *db, const struct cr_code *c, const char *lang, int flags,
                   struct cr_doc *out);

/* Only the card's "To SET" facts: where the code maps to in other sets. */
void cr_card_mappings(struct cr_db *db, const struct cr_code *c, const char *lang, struct cr_doc *out);

struct cr_comparison {
	struct cr_doc head;     /* title and summary sentence */
	struct cr_doc left, right;
	struct cr_doc tail;     /* key differences, which to use when */
};

/* Two codes of one set or of two: across sets, the comparison says how
 * they relate (the mapping between the sets) instead of comparing facts. */
void cr_compare_build(struct cr_db *db, const struct cr_code *a, const struct cr_code *b,
                      const char *lang, struct cr_comparison *out);
void cr_comparison_free(struct cr_comparison *cmp);

#endif
