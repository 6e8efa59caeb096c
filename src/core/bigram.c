/* The cr_bigram FTS5 tokenizer: every CJK or kana character as a token, and
 * every pair of neighbouring ones, at consecutive positions.  A query of one
 * or two characters (話中, 認証), which the trigram tokenizer cannot match,
 * is then a lookup in the index: the query is tokenized the same way, so
 * "認証" is the phrase 認 認証 証, found wherever the text holds the two
 * characters side by side.  Other characters are left to the other indexes. */
#include "config.h"

#include "bigram.h"

#include <string.h>
#include <unistr.h>

static int is_cjk(ucs4_t c)
{
	return (c >= 0x3041 && c <= 0x30FF && c != 0x30FB) ||  /* kana, not ・ */
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || c == 0x3005;
}

static int create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
	(void)ctx;
	(void)args;
	(void)nargs;
	static int one;
	*out = (Fts5Tokenizer *)&one;   /* no state */
	return SQLITE_OK;
}

static void destroy(Fts5Tokenizer *t)
{
	(void)t;
}

static int tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                    int (*token)(void *ctx, int tflags, const char *tok, int ntok, int start, int end))
{
	(void)t;
	(void)flags;
	const uint8_t *s = (const uint8_t *)text, *end = s + (n > 0 ? n : 0);
	const uint8_t *p = s;
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		if (k <= 0)
			k = 1;
		if (is_cjk(c)) {
			int rc = token(ctx, 0, (const char *)p, k, (int)(p - s), (int)(p - s) + k);
			if (rc != SQLITE_OK)
				return rc;
			if (p + k < end) {
				ucs4_t next;
				int k2 = u8_mbtouc(&next, p + k, (size_t)(end - p - k));
				if (k2 > 0 && is_cjk(next)) {
					rc = token(ctx, 0, (const char *)p, k + k2, (int)(p - s), (int)(p - s) + k + k2);
					if (rc != SQLITE_OK)
						return rc;
				}
			}
		}
		p += k;
	}
	return SQLITE_OK;
}

fts5_api *cr_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api && api->iVersion >= 2 ? api : NULL;
}

int cr_bigram_register(sqlite3 *db)
{
	fts5_api *api = cr_fts5_api(db);
	static fts5_tokenizer tok = { create, destroy, tokenize };
	return api && api->xCreateTokenizer(api, "cr_bigram", NULL, &tok, NULL) == SQLITE_OK ? 0 : -1;
}
