/* Addresses of codes as people write them: "sip:486", "Q850:17", a bare
 * "486" in the default set, or a name an implementation prints
 * ("USER_BUSY", "AST_CAUSE_NO_ANSWER"). */
#ifndef CODEREF_ADDRESS_H
#define CODEREF_ADDRESS_H

#include "db.h"

#include <stdbool.h>

struct cr_address {
	const char *set;        /* the set's key, owned by the database */
	int number;
	/* A bare number the default set lacks, found in this other set. */
	bool elsewhere;
	/* Resolved from an implementation's name. */
	bool alias;
};

/* CR_OK with *out filled; CR_USAGE when text is no address: an unknown set
 * (SET:NUMBER with a SET the database lacks), a number that is not 1 to 6
 * digits, or a word that is no known name.  Whether the number exists in
 * its set is left to cr_code_get, except for a bare number: one the
 * default set lacks is looked up in the other sets, in their order. */
enum cr_result cr_address_parse(struct cr_db *db, const char *text, const char *default_set,
                                struct cr_address *out);

/* Whether text has the form of an address (digits, SET:DIGITS or a name of
 * letters, digits and '_'), before any database is open. */
bool cr_address_like(const char *text);

/* "sip, q850, warning": the database's set keys, for messages. */
char *cr_address_sets(struct cr_db *db);

#endif
