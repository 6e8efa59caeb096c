/* An FTS5 tokenizer for one- and two-character Japanese terms. */
#ifndef CODEREF_BIGRAM_H
#define CODEREF_BIGRAM_H

#include <sqlite3.h>

/* The database connection's FTS5 API (version 2 or later), or NULL. */
fts5_api *cr_fts5_api(sqlite3 *db);

/* Registers the "cr_bigram" tokenizer on db; 0 on success.  Both the
 * generator and every reader need it for the tables that use it. */
int cr_bigram_register(sqlite3 *db);

#endif
