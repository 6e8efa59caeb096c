/* What a finding of the scanner (scan.h) means: its code looked up in the
 * database, in the display language, with the flags a reader needs (the
 * message's phrase is not the registry's; the code is deprecated or not
 * registered).  Codes are looked up once and kept, in bounded memory, so a
 * long log costs one lookup per distinct code. */
#ifndef CODEREF_EXPLAIN_H
#define CODEREF_EXPLAIN_H

#include "db.h"
#include "doc.h"
#include "scan.h"

#include <stdbool.h>

/* Where a code maps to in another set, as the database says. */
struct cr_map {
	const char *set;        /* the database's key */
	int number;             /* -1: to no code */
	char *source;           /* "RFC 3398 §7.2.4.1", "FreeSWITCH" */
	bool standard, by_default;
};

struct cr_meaning {
	const char *set;        /* the database's key */
	const char *set_name;   /* "SIP" */
	int number;
	int key;                /* cr_code_key, for the browser */
	int cls;
	bool known;             /* the database has the code */
	bool deprecated, unregistered;
	/* Sanitized, in the display language (else English); NULL when
	 * unknown or absent. */
	char *reason, *former, *title, *meaning;
	/* The card's "To SET" facts: label "To SIP", text "SIP 503 Service
	 * Unavailable (RFC 3398 §7.2.4.1); FreeSWITCH: …". */
	struct cr_doc mapping;
	struct cr_map *map;
	size_t nmap;
	/* The front end's own text for the code, made once and kept (and
	 * freed) with it. */
	char *shown, *shown_json;
};

struct cr_explain;

struct cr_explain *cr_explain_new(struct cr_db *db, const char *lang);
void cr_explain_free(struct cr_explain *ex);
/* Forget what was looked up: the display language changed. */
void cr_explain_set_lang(struct cr_explain *ex, const char *lang);

/* The names implementations print (the database's code_alias), for the
 * scanner: pass cr_explain_names(ex) to cr_scan_line. */
const struct cr_scan_names *cr_explain_names(struct cr_explain *ex);

/* The code a finding names; NULL when it names none the database could
 * have (a set it lacks, such as http before that set exists, or a name it
 * does not know).  A number the set lacks gives known = false. */
struct cr_meaning *cr_explain_finding(struct cr_explain *ex, const char *line,
                                      const struct cr_finding *f);

/* Whether the finding's own phrase differs from the registry's (and from
 * the former phrase and the names of the code): "407 Proxy Authenticate". */
bool cr_explain_phrase_differs(struct cr_explain *ex, const struct cr_meaning *m,
                               const char *phrase, size_t n);

#endif
