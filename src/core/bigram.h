/* An FTS5 tokenizer for one- and two-character Japanese terms. */
#ifndef CODEREF_BIGRAM_H
#define CODEREF_BIGRAM_H

#include <sqlite3.h>

/* Registers the "cr_bigram" tokenizer on db; 0 on success.  Both the
 * generator and every reader need it for the tables that use it. */
int cr_bigram_register(sqlite3 *db);

#endif
