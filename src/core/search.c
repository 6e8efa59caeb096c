/* Search as people type it.
 *
 * The query is normalized as the index was (norm.c), then cut into terms:
 * a quoted phrase stays one exact term; a number is a code number; an
 * English word goes to the word index (Porter stems: declined = decline),
 * the word being typed matching what it starts (a prefix index for one to
 * three letters, the trigram index beyond); anything else of three
 * characters or more goes to the trigram index; shorter Japanese terms
 * (話中) to the cr_bigram index of the names and a bounded scan of the
 * texts.  The name fields (reason, former name, keywords, gloss) have
 * indexes of their own, so that their matches are found at any size; exact
 * names are looked up in search_name.  A Japanese token that matches
 * nothing whole is split at script changes and particles (コーデックが合わ
 * ない → コーデック, 合), or cut into the words the texts hold (着信転送中);
 * an English word that matches nothing is corrected to the nearest
 * reason-phrase or keyword word.
 *
 * Each term scores a code by the best field it was found in, in any
 * language, the display language ahead; a name that is the query or a term
 * word for word, or holds the query as a phrase, scores more.  Codes
 * holding every term come first, then (when they are fewer than a
 * screenful) codes holding most of the terms.  A code number typed or
 * pasted ("SIP/2.0 486 Busy Here") puts that code first.  Input never
 * reaches FTS5 syntax: each term is a quoted string, and the expression is
 * bound. */
#include "config.h"

#include "norm.h"
#include "search.h"
#include "util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* ---- terms as typed: for highlighting ---- */

/* White space: ASCII blanks and U+3000 IDEOGRAPHIC SPACE (Japanese input). */
static size_t space_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		return 1;
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

void cr_terms_parse(const char *input, struct cr_terms *out)
{
	memset(out, 0, sizeof *out);
	char *clean = cr_sanitize(input ? input : "", 0);
	const char *p = clean;
	while (*p) {
		size_t k;
		while ((k = space_len(p)) > 0)
			p += k;
		const char *start = p;
		while (*p && space_len(p) == 0)
			p++;
		if (p > start) {
			out->term = cr_xrealloc(out->term, (out->count + 1) * sizeof *out->term);
			out->term[out->count++] = cr_xstrndup(start, (size_t)(p - start));
		}
	}
	free(clean);
}

void cr_terms_free(struct cr_terms *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->term[i]);
	free(t->term);
	memset(t, 0, sizeof *t);
}

static int same_nocase(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return 0;
	}
	return 1;
}

size_t cr_terms_find(const struct cr_terms *t, const char *s, size_t n, size_t *len)
{
	size_t best = n;
	*len = 0;
	for (size_t i = 0; i < t->count; i++) {
		size_t tl = strlen(t->term[i]);
		for (size_t off = 0; off + tl <= n && off < best; off++) {
			if (same_nocase(s + off, t->term[i], tl)) {
				if (off < best || tl > *len) {
					best = off;
					*len = tl;
				}
				break;
			}
		}
	}
	return best;
}

/* ---- the query ---- */

enum kind { K_NUMBER, K_WORD, K_TRIGRAM, K_SHORT };

#define MAX_TERMS 16

struct term {
	char *text;          /* normalized */
	enum kind kind;
	int phrase;          /* quoted: exact, never split or corrected */
	bool replaced;       /* split into terms of its own: counts for nothing */
};

struct query {
	struct term term[MAX_TERMS];
	size_t count;
	char *words;         /* the unquoted words, normalized, for the phrase bonus */
};

/* Words that say nothing about a code. */
static const char *const stopwords[] = {
	"a", "an", "the", "of", "to", "is", "are", "was", "be", "for", "on", "in", "at", "by",
	"with", "and", "or", "it", "its", "this", "that", "my", "i", "sip", "code", "response",
};

static int is_stopword(const char *w, size_t n)
{
	return cr_among(stopwords, CR_ARRAY_SIZE(stopwords), w, n);
}

static int is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

static int all_digits(const char *s, size_t n)
{
	if (n == 0 || n > 6)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static void add_term(struct query *q, const char *s, size_t n, int phrase)
{
	if (n == 0 || q->count == MAX_TERMS)
		return;
	for (size_t i = 0; i < q->count; i++)
		if (strlen(q->term[i].text) == n && memcmp(q->term[i].text, s, n) == 0)
			return;
	struct term *t = &q->term[q->count++];
	memset(t, 0, sizeof *t);
	t->text = cr_xstrndup(s, n);
	t->phrase = phrase;
	size_t chars = u8_mbsnlen((const uint8_t *)s, n);
	if (!phrase && all_digits(s, n))
		t->kind = K_NUMBER;
	else if (!phrase && is_ascii(s, n))
		t->kind = K_WORD;
	else
		t->kind = chars >= 3 ? K_TRIGRAM : K_SHORT;
}

/* Separators inside a token: ASCII punctuation but for '-' and '_' (header
 * names, cause names) and the full-width and Japanese punctuation. */
static int is_separator(const char *p, size_t *len)
{
	unsigned char c = (unsigned char)*p;
	*len = 1;
	if (c < 0x80)
		return c <= ' ' || (strchr("!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~", c) != NULL && c != 0);
	static const char *const wide[] = { "\u3000", "\u3001", "\u3002", "\u300c", "\u300d", "\u30fb",
	                                    "\u2014", "\u2026", "\u300e", "\u300f" };
	for (size_t i = 0; i < CR_ARRAY_SIZE(wide); i++) {
		size_t k = strlen(wide[i]);
		if (strncmp(p, wide[i], k) == 0) {
			*len = k;
			return 1;
		}
	}
	return 0;
}

static void parse_words(struct query *q, const char *norm)
{
	struct cr_buf words = { 0 };
	const char *p = norm;
	/* "sip/2.0" of a pasted status line says nothing. */
	while (*p) {
		size_t k;
		while (*p && is_separator(p, &k))
			p += k;
		const char *start = p;
		while (*p && !is_separator(p, &k))
			p++;
		size_t n = (size_t)(p - start);
		while (n > 0 && (start[0] == '-' || start[0] == '_'))
			start++, n--;
		while (n > 0 && (start[n - 1] == '-' || start[n - 1] == '_'))
			n--;
		if (n == 0)
			continue;
		if (n >= 4 && strncmp(start, "sip/", 4) == 0)
			continue;
		if (all_digits(start, n) && start > norm && start[-1] == '.')
			continue;   /* the "0" of 2.0 */
		if (is_ascii(start, n) && is_stopword(start, n))
			continue;
		if (words.len)
			cr_buf_add(&words, " ", 1);
		cr_buf_add(&words, start, n);
		add_term(q, start, n, 0);
	}
	q->words = cr_buf_take(&words);
}

static void parse_query(const char *input, struct query *q)
{
	memset(q, 0, sizeof *q);
	char *norm = cr_norm(input);
	struct cr_buf rest = { 0 };
	const char *p = norm;
	while (*p) {
		const char *open = strchr(p, '"');
		const char *close = open ? strchr(open + 1, '"') : NULL;
		if (!close) {
			cr_buf_adds(&rest, p);
			break;
		}
		cr_buf_add(&rest, p, (size_t)(open - p));
		cr_buf_add(&rest, " ", 1);
		/* A quoted phrase: one exact term, spaces and all. */
		const char *s = open + 1;
		size_t n = (size_t)(close - s);
		while (n > 0 && *s == ' ')
			s++, n--;
		while (n > 0 && s[n - 1] == ' ')
			n--;
		add_term(q, s, n, 1);
		p = close + 1;
	}
	parse_words(q, rest.s ? rest.s : "");
	/* Only stopwords: search for them after all. */
	if (q->count == 0 && rest.len) {
		free(q->words);
		q->words = cr_xstrdup("");
		char *copy = cr_xstrdup(rest.s);
		for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
			add_term(q, w, strlen(w), 0);
		free(copy);
	}
	cr_buf_free(&rest);
	free(norm);
}

static void query_free(struct query *q)
{
	for (size_t i = 0; i < q->count; i++)
		free(q->term[i].text);
	free(q->words);
	memset(q, 0, sizeof *q);
}

/* ---- hits per code ---- */

/* Column weights, in the order of the search tables' columns. */
enum { COL_NUMBER, COL_NAME, COL_KEYWORDS, COL_GLOSS, COL_DESCRIPTION, COL_SEEN, COL_FIX, COL__MAX };
static const double col_weight[COL__MAX] = { 100, 12, 10, 8, 3, 2, 1.5 };
static const char *const col_name[COL__MAX] = {
	"number", "reason", "keywords", "gloss", "description", "seen", "fix"
};
#define NAME_COLS ((1 << COL_NAME) | (1 << COL_KEYWORDS) | (1 << COL_GLOSS))
/* A hit in another language than the one on screen counts a little less. */
#define OTHER_LANGUAGE 0.85

struct hit {
	sqlite3_int64 code_id;
	double weight[MAX_TERMS];
	unsigned fields[MAX_TERMS];   /* the columns each term was found in */
	unsigned mask;          /* terms found */
	double score, bonus;
	int number_match;
	/* The best field, for the snippet. */
	double best;
	int best_col;
	char best_lang[8];
};

struct hits {
	struct hit *hit;
	size_t count, cap;
	/* code_id → index + 1, open addressing */
	size_t *slot;
	size_t nslots;
};

/* The hit of a code found before, or NULL. */
static struct hit *hit_lookup(struct hits *h, sqlite3_int64 code_id)
{
	if (!h->nslots)
		return NULL;
	size_t s = (size_t)code_id * 2654435761u % h->nslots;
	while (h->slot[s]) {
		if (h->hit[h->slot[s] - 1].code_id == code_id)
			return &h->hit[h->slot[s] - 1];
		s = (s + 1) % h->nslots;
	}
	return NULL;
}

static void slot_insert(struct hits *h, size_t index)
{
	size_t s = (size_t)h->hit[index].code_id * 2654435761u % h->nslots;
	while (h->slot[s])
		s = (s + 1) % h->nslots;
	h->slot[s] = index + 1;
}

/* The hit of a code, made when it is the first. */
static struct hit *hit_for(struct hits *h, sqlite3_int64 code_id)
{
	struct hit *x = hit_lookup(h, code_id);
	if (x)
		return x;
	if (h->count * 2 >= h->nslots) {
		h->nslots = h->nslots ? h->nslots * 2 : 256;
		free(h->slot);
		h->slot = cr_xcalloc(h->nslots, sizeof *h->slot);
		for (size_t i = 0; i < h->count; i++)
			slot_insert(h, i);
	}
	if (h->count == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->hit = cr_xrealloc(h->hit, h->cap * sizeof *h->hit);
	}
	x = &h->hit[h->count];
	memset(x, 0, sizeof *x);
	x->code_id = code_id;
	x->best_col = -1;
	slot_insert(h, h->count++);
	return x;
}

static void record(struct hits *h, size_t term, sqlite3_int64 code_id, const char *lang,
                   const char *display, int mask)
{
	double w = 0;
	int col = -1;
	for (int c = 0; c < COL__MAX; c++)
		if ((mask & (1 << c)) && col_weight[c] > w) {
			w = col_weight[c];
			col = c;
		}
	if (col < 0)
		return;
	int own = lang && strcmp(lang, display) == 0;
	if (!own)
		w *= OTHER_LANGUAGE;
	struct hit *x = hit_for(h, code_id);
	if (w > x->weight[term])
		x->weight[term] = w;
	x->fields[term] |= (unsigned)mask;
	x->mask |= 1u << term;
	if (w > x->best || (w == x->best && own)) {
		x->best = w;
		x->best_col = col;
		snprintf(x->best_lang, sizeof x->best_lang, "%s", lang ? lang : "en");
	}
}

/* Rows per term and scope: enough for every name match of a real database
 * and a bounded share of the text matches of a huge one. */
#define NAME_LIMIT 200
#define ALL_LIMIT 500
/* Terms under three characters are looked for in the texts of the first
 * documents only (no index serves them there): every document of a real
 * database, a bounded share of a huge one.  Their name matches come from
 * the cr_bigram index, at any size. */
#define SHORT_SCAN_DOCS 10000

/* ---- where each search document belongs ---- */

/* The code, language and set of every search document, by its id, and the
 * set of every code, read once from two indexes (cr_search_warm: 1.3 MB and
 * some 60 ms at 100,000 codes).  An index hit is then found without reading
 * its document, a page each: most of the time of a short term's search at
 * that size; and a result row knows its set (a search across sets puts the
 * browsed set first) before its code is read.  A document's set is its
 * code's, which is the document's (search_doc.set_id) in every database
 * dbgen writes. */
#define MAP_NAMES 255
#define GLOSS_SLOTS 4096
struct docmap {
	size_t ndocs;           /* ids below this */
	uint32_t *code;         /* by document id; 0: no such document */
	uint8_t *lang, *set;    /* by document id: indexes into lang_name, set_key */
	size_t ncodes;          /* code ids below this */
	uint8_t *code_set;      /* by code id: index into set_key + 1; 0: none */
	char *lang_name[MAP_NAMES];
	char *set_key[MAP_NAMES];
	size_t nlangs, nsets;
	/* The glosses read last (cr_search_gloss), in one display language:
	 * typing and erasing a word shows the same codes again and again, and
	 * a gloss not in SQLite's cache is a page read (of code_gloss). */
	char gloss_lang[8];
	struct { sqlite3_int64 code; char *gloss; } gloss[GLOSS_SLOTS];
};

static void docmap_free(void *p)
{
	struct docmap *m = p;
	if (!m)
		return;
	free(m->code);
	free(m->lang);
	free(m->set);
	free(m->code_set);
	for (size_t i = 0; i < m->nlangs; i++)
		free(m->lang_name[i]);
	for (size_t i = 0; i < m->nsets; i++)
		free(m->set_key[i]);
	for (size_t i = 0; i < GLOSS_SLOTS; i++)
		free(m->gloss[i].gloss);
	free(m);
}

/* The index of s in names[0..*n), added when new; -1 when full. */
static int intern(char **names, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	if (*n == MAP_NAMES)
		return -1;
	names[*n] = cr_xstrdup(s);
	return (int)(*n)++;
}

/* Ids beyond this, or ids four times the documents, and the map is not
 * worth its memory: searches read the documents, as the command line does. */
#define MAP_MAX_IDS (1 << 24)

/* The largest id of a table; -1 when it fails. */
static sqlite3_int64 last_id(struct cr_db *db, enum cr_stmt id, int *rc)
{
	sqlite3_stmt *st = cr_db_stmt(db, id);
	if (!st)
		return -1;
	*rc = sqlite3_step(st);
	sqlite3_int64 v = *rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

enum cr_result cr_search_warm(struct cr_db *db)
{
	if (cr_db_search_map(db))
		return CR_OK;
	int rc = SQLITE_DONE;
	sqlite3_int64 last = last_id(db, CR_STMT_SEARCH_DOCS, &rc);
	sqlite3_int64 codes = rc == SQLITE_ROW ? last_id(db, CR_STMT_SEARCH_CODE_MAX, &rc) : -1;
	if (rc == SQLITE_INTERRUPT)
		return CR_INTERRUPTED;
	if (last < 0 || last >= MAP_MAX_IDS || codes < 0 || codes >= MAP_MAX_IDS)
		return CR_NOT_FOUND;
	struct docmap *m = cr_xcalloc(1, sizeof *m);
	m->ndocs = (size_t)last + 1;
	m->code = cr_xcalloc(m->ndocs, sizeof *m->code);
	m->lang = cr_xcalloc(m->ndocs, 1);
	m->set = cr_xcalloc(m->ndocs, 1);
	/* Each code's set + 1 (0: a code of no set, which no search finds). */
	m->ncodes = (size_t)codes + 1;
	m->code_set = cr_xcalloc(m->ncodes, 1);
	uint8_t *code_set = m->code_set;
	bool ok = true;
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_CODE_SETS);
	while (st && ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		const char *key = (const char *)sqlite3_column_text(st, 1);
		int k = key ? intern(m->set_key, &m->nsets, key) : -1;
		ok = k >= 0 && id > 0 && id <= codes;
		if (ok)
			code_set[id] = (uint8_t)(k + 1);
	}
	ok = ok && st && rc == SQLITE_DONE;
	if (st)
		sqlite3_reset(st);
	size_t docs = 0;
	st = ok ? cr_db_stmt(db, CR_STMT_SEARCH_DOC_CODES) : NULL;
	while (st && ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0), code = sqlite3_column_int64(st, 1);
		const char *lang = (const char *)sqlite3_column_text(st, 2);
		if (id < 0 || id > last || code <= 0 || code > codes || !code_set[code])
			continue;       /* no search finds it */
		int k = lang ? intern(m->lang_name, &m->nlangs, lang) : -1;
		ok = k >= 0;
		m->code[id] = (uint32_t)code;
		m->lang[id] = (uint8_t)(ok ? k : 0);
		m->set[id] = (uint8_t)(code_set[code] - 1);
		docs++;
	}
	ok = ok && st && rc == SQLITE_DONE && m->ndocs <= 4 * docs + 1024;
	if (st)
		sqlite3_reset(st);
	if (!ok) {
		docmap_free(m);
		return rc == SQLITE_INTERRUPT ? CR_INTERRUPTED : CR_NOT_FOUND;
	}
	cr_db_set_search_map(db, m, docmap_free);
	/* The FTS5 statements too: connecting to their tables is most of a
	 * first search. */
	static const enum cr_stmt first[] = {
		CR_STMT_SEARCH_WORDS_NAME_IDS, CR_STMT_SEARCH_WORDS_ALL_IDS, CR_STMT_SEARCH_TRI_NAME_IDS,
		CR_STMT_SEARCH_BI_NAME_IDS, CR_STMT_SEARCH_TRI_ALL_IDS,
	};
	for (size_t i = 0; i < CR_ARRAY_SIZE(first); i++)
		cr_db_stmt(db, first[i]);
	return CR_OK;
}

/* The key of a code's set, NULL when the map does not know it. */
static const char *map_code_set(const struct docmap *m, sqlite3_int64 code_id)
{
	if (!m || code_id <= 0 || (size_t)code_id >= m->ncodes || !m->code_set[code_id])
		return NULL;
	return m->set_key[m->code_set[code_id] - 1];
}

/* The statement of the same search, documents only. */
static enum cr_stmt ids_stmt(enum cr_stmt id)
{
	switch (id) {
	case CR_STMT_SEARCH_WORDS_NAME: return CR_STMT_SEARCH_WORDS_NAME_IDS;
	case CR_STMT_SEARCH_WORDS_ALL: return CR_STMT_SEARCH_WORDS_ALL_IDS;
	case CR_STMT_SEARCH_TRI_NAME: return CR_STMT_SEARCH_TRI_NAME_IDS;
	case CR_STMT_SEARCH_BI_NAME: return CR_STMT_SEARCH_BI_NAME_IDS;
	case CR_STMT_SEARCH_TRI_ALL: return CR_STMT_SEARCH_TRI_ALL_IDS;
	default: return id;
	}
}

/* As run_term_stmt, through the map: the first `limit` hits of the set in
 * the order of the index, as the statement's join and LIMIT give them. */
static int run_ids_stmt(struct cr_db *db, const struct docmap *m, enum cr_stmt id,
                        const char *arg, const char *set, int limit, struct hits *h, size_t term,
                        const char *display)
{
	/* A NULL set is every set, as in the statements (?2 IS NULL). */
	int want = -1;
	for (size_t i = 0; set && i < m->nsets && want < 0; i++)
		if (strcmp(m->set_key[i], set) == 0)
			want = (int)i;
	if ((set && want < 0) || limit == 0)
		return 0;
	sqlite3_stmt *st = cr_db_stmt(db, id);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	int rc, n = 0;
	while ((limit < 0 || n < limit) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 doc = sqlite3_column_int64(st, 0);
		if (doc < 0 || (size_t)doc >= m->ndocs || !m->code[doc] || (set && m->set[doc] != want))
			continue;
		record(h, term, m->code[doc], m->lang_name[m->lang[doc]], display,
		       sqlite3_column_int(st, 1));
		n++;
	}
	if (limit >= 0 && n == limit)
		rc = SQLITE_DONE;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? n : -1;
}

static int run_term_stmt(struct cr_db *db, enum cr_stmt id, const char *arg, const char *set,
                         int limit, struct hits *h, size_t term, const char *display)
{
	const struct docmap *m = cr_db_search_map(db);
	if (m && ids_stmt(id) != id)
		return run_ids_stmt(db, m, ids_stmt(id), arg, set, limit, h, term, display);
	sqlite3_stmt *st = cr_db_stmt(db, id);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, set, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, limit);
	if (sqlite3_bind_parameter_count(st) >= 4)
		sqlite3_bind_int64(st, 4, SHORT_SCAN_DOCS);
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		record(h, term, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		       display, sqlite3_column_int(st, 2));
		n++;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? n : -1;
}

/* '"word" OR "word" *': the word and, while it is being typed, its prefix. */
static char *quoted(const char *s, int prefix)
{
	struct cr_buf b = { 0 };
	for (int pass = 0; pass < (prefix ? 2 : 1); pass++) {
		if (pass)
			cr_buf_adds(&b, " OR ");
		cr_buf_add(&b, "\"", 1);
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				cr_buf_add(&b, "\"", 1);
			cr_buf_add(&b, p, 1);
		}
		cr_buf_add(&b, "\"", 1);
		if (pass)
			cr_buf_adds(&b, " *");
	}
	return cr_buf_take(&b);
}

static int search_number(struct cr_db *db, const char *set, const char *digits, int prefix,
                         struct hits *h, size_t term, const char *display)
{
	/* The number, then (typed as a prefix) the numbers one digit longer
	 * that start with it, and so on up to six digits: a range each, read
	 * in order from the number index, so that the first ALL_LIMIT are the
	 * shortest and nothing past them is read. */
	long lo = atol(digits), hi = lo, after = -1;
	size_t len = strlen(digits);
	int rc = SQLITE_DONE, n = 0;
	for (int i = 0; i < 6 && n < ALL_LIMIT && rc == SQLITE_DONE; i++) {
		if (i == 0 || (prefix && len + (size_t)i <= 6)) {
			sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_NUMBER);
			if (!st)
				return -1;
			sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
			/* "0" and its ranges nest: each from where the last ended. */
			sqlite3_bind_int64(st, 2, lo > after ? lo : after + 1);
			sqlite3_bind_int64(st, 3, hi);
			sqlite3_bind_int(st, 4, ALL_LIMIT - n);
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				sqlite3_int64 id = sqlite3_column_int64(st, 0);
				record(h, term, id, display, display, 1 << COL_NUMBER);
				struct hit *x = hit_for(h, id);
				/* The exact number before the numbers that start with it. */
				if (sqlite3_column_int(st, 1) == atoi(digits))
					x->number_match = 2;
				else if (!x->number_match)
					x->number_match = 1;
				n++;
			}
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			after = hi;
		}
		lo = lo * 10;
		hi = hi * 10 + 9;
	}
	return rc == SQLITE_DONE ? n : -1;
}

/* A term's name matches (name_id, up to NAME_LIMIT rows) and text matches
 * (text_id, up to text_limit): how many rows, or -1. */
static int names_and_texts(struct cr_db *db, enum cr_stmt name_id, const char *name_arg,
                           enum cr_stmt text_id, const char *text_arg, int text_limit,
                           const char *set, struct hits *h, size_t term, const char *display)
{
	int n = run_term_stmt(db, name_id, name_arg, set, NAME_LIMIT, h, term, display);
	if (n < 0)
		return -1;
	int r = run_term_stmt(db, text_id, text_arg, set, text_limit, h, term, display);
	return r < 0 ? -1 : n + r;
}

static int search_term(struct cr_db *db, const char *set, const char *display, struct term *t,
                       int last, int single, int limit, struct hits *h, size_t i)
{
	/* Text matches beyond a few times what is shown only reorder the tail. */
	int text_limit = limit * 2 < ALL_LIMIT ? limit * 2 : ALL_LIMIT;
	if (text_limit < 100)
		text_limit = 100;
	int n = 0, r;
	char *arg;
	switch (t->kind) {
	case K_NUMBER:
		r = search_number(db, set, t->text, single, h, i, display);
		if (r != 0 || single)
			return r;
		/* No such code: digits are words of the texts too ("cause 17"). */
		/* fall through */
	case K_WORD:
		/* The word being typed matches what it starts: a prefix of one or
		 * two letters through the prefix index, a longer one as a
		 * substring through the trigram index, which streams its matches
		 * (a prefix query would first merge every word it begins); and
		 * as a whole word through the stemmed index, as every word does. */
		if (last && !t->phrase && strlen(t->text) >= 3) {
			arg = quoted(t->text, 0);
			n = names_and_texts(db, CR_STMT_SEARCH_TRI_NAME, arg, CR_STMT_SEARCH_TRI_ALL, arg,
			                    text_limit, set, h, i, display);
		} else {
			arg = quoted(t->text, last && !t->phrase);
		}
		if (n >= 0)
			r = names_and_texts(db, CR_STMT_SEARCH_WORDS_NAME, arg, CR_STMT_SEARCH_WORDS_ALL, arg,
			                    text_limit, set, h, i, display);
		break;
	case K_TRIGRAM:
		arg = quoted(t->text, 0);
		r = names_and_texts(db, CR_STMT_SEARCH_TRI_NAME, arg, CR_STMT_SEARCH_TRI_ALL, arg,
		                    text_limit, set, h, i, display);
		break;
	default:
		/* Under three characters: the names through the cr_bigram index,
		 * the texts by a bounded scan of the content (the term as it is). */
		arg = quoted(t->text, 0);
		r = names_and_texts(db, CR_STMT_SEARCH_BI_NAME, arg, CR_STMT_SEARCH_SCAN_ALL, t->text,
		                    text_limit, set, h, i, display);
		break;
	}
	free(arg);
	return n < 0 || r < 0 ? -1 : n + r;
}

/* ---- did you mean ---- */

static size_t edit_distance(const char *a, size_t n, const char *b, size_t m)
{
	if (n > 40 || m > 40)
		return 99;
	size_t row[41], prev_diag, tmp;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		prev_diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			tmp = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev_diag + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev_diag = tmp;
		}
	}
	return row[m];
}

/* The nearest word of the reason phrases and keywords (search_word) to a
 * word that matched nothing, or NULL: within a third of its length. */
static char *nearest_word(struct cr_db *db, const char *word)
{
	size_t n = strlen(word), best_d = n / 3 + 1;
	if (n > 40)
		return NULL;
	if (best_d > 3)
		best_d = 3;
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_VOCABULARY);
	if (!st)
		return NULL;
	sqlite3_bind_int(st, 1, (int)n - (int)best_d + 1);
	char *best = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		size_t m = s ? strlen(s) : 0;
		if (m < 3 || m > 40)
			continue;
		/* The whole word, or its start for a word typed short
		 * (tempory: temporarily), which costs one more. */
		size_t d = (m > n ? m - n : n - m) < best_d ? edit_distance(word, n, s, m) : 99;
		if (m > n + 1) {
			size_t dp = edit_distance(word, n, s, n) + 1;
			if (dp < d)
				d = dp;
		}
		if (d > 0 && d < best_d) {
			best_d = d;
			free(best);
			best = cr_xstrdup(s);
		}
	}
	sqlite3_reset(st);
	return best;
}

/* ---- snippets ---- */

/* Whether a word of the text (lowercase ASCII) is a form of the term:
 * the same stem, as near as a prefix tells (declined, decline). */
static int word_matches(const char *w, size_t n, const char *t)
{
	size_t m = strlen(t), common = 0;
	while (common < n && common < m && w[common] == t[common])
		common++;
	if (common == m)
		return 1;       /* the term is a prefix of the word */
	size_t shorter = n < m ? n : m;
	size_t need = shorter > 7 ? shorter - 3 : 4;
	return common >= need && common >= 4;
}

/* How many bytes of s from i spell the normalized term, skipping what the
 * normalization drops (ー after katakana, one kana between kanji); 0 when
 * they do not. */
static size_t match_japanese(const char *s, size_t i, size_t len, const char *term)
{
	const uint8_t *p = (const uint8_t *)s + i, *end = (const uint8_t *)s + len;
	const uint8_t *t = (const uint8_t *)term;
	ucs4_t prev = 0;
	if (i > 0) {
		const uint8_t *back = u8_prev(&prev, p, (const uint8_t *)s);
		(void)back;
	}
	while (*t) {
		if (p >= end)
			return 0;
		ucs4_t c, want, next = 0;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		if (p + k < end)
			u8_mbtouc(&next, p + k, (size_t)(end - p - k));
		int skippable = (c == 0x30FC && prev >= 0x30A1 && prev <= 0x30FC) ||
		                (c >= 0x3041 && c <= 0x309F && prev >= 0x4E00 && prev <= 0x9FFF &&
		                 next >= 0x4E00 && next <= 0x9FFF);
		int tk = u8_mbtouc(&want, t, strlen((const char *)t));
		if (c == want) {
			t += tk;
		} else if (!skippable || p == (const uint8_t *)s + i) {
			return 0;
		}
		prev = c;
		p += k;
	}
	return (size_t)(p - ((const uint8_t *)s + i));
}

/* Marks in s (original text) where terms match; returns how many terms did
 * and, with out non-NULL, writes s with the marks. */
static int mark_terms(const char *s, size_t len, const struct query *q, struct cr_buf *out)
{
	unsigned found = 0;
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t run = 0;
		int term = -1;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			while (i + run < len && ((s[i + run] >= 'A' && s[i + run] <= 'Z') ||
			                         (s[i + run] >= 'a' && s[i + run] <= 'z') ||
			                         (s[i + run] >= '0' && s[i + run] <= '9')))
				run++;
			char word[48], buf[48];
			if (run < sizeof word) {
				for (size_t k = 0; k < run; k++)
					word[k] = (char)(s[i + k] >= 'A' && s[i + k] <= 'Z' ? s[i + k] + 32 : s[i + k]);
				word[run] = '\0';
				/* Spelling never changes a word's first letter: most words
				 * of a text are let go on that alone. */
				int maybe = 0;
				for (size_t t = 0; t < q->count && !maybe; t++)
					maybe = q->term[t].text[0] == word[0];
				const char *us = maybe ? cr_norm_american(word, buf, sizeof buf) : NULL;
				const char *w = us ? us : word;
				for (size_t t = 0; t < q->count && term < 0 && maybe; t++)
					if ((q->term[t].kind == K_WORD || q->term[t].kind == K_NUMBER) &&
					    word_matches(w, strlen(w), q->term[t].text))
						term = (int)t;
			}
		} else if (c >= 0x80) {
			for (size_t t = 0; t < q->count && term < 0; t++) {
				size_t used = q->term[t].kind != K_WORD && q->term[t].text[0]
				                  ? match_japanese(s, i, len, q->term[t].text) : 0;
				if (used) {
					term = (int)t;
					run = used;
				}
			}
			if (term < 0) {
				run = 1;
				while (i + run < len && ((unsigned char)s[i + run] & 0xC0) == 0x80)
					run++;
			}
		} else {
			run = 1;
		}
		if (term >= 0)
			found |= 1u << term;
		if (out) {
			if (term >= 0)
				cr_buf_add(out, (char[]){ CR_MARK_ON }, 1);
			cr_buf_add(out, s + i, run);
			if (term >= 0)
				cr_buf_add(out, (char[]){ CR_MARK_OFF }, 1);
		}
		i += run;
	}
	return __builtin_popcount(found);
}

/* The sentence of text that holds the most terms, marked, at most about
 * SNIPPET_MAX bytes around its first mark. */
#define SNIPPET_MAX 160

static size_t sentence_end(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '\n')
			return (size_t)(p - s);
		if (*p == '.' && (p[1] == ' ' || p[1] == '\0'))
			return (size_t)(p - s) + 1;
		if (strncmp(p, "\u3002", 3) == 0)
			return (size_t)(p - s) + 3;
	}
	return strlen(s);
}

static char *make_snippet(const char *text, const struct query *q)
{
	if (!text || !*text)
		return NULL;
	const char *best = NULL;
	size_t best_len = 0;
	int best_n = 0;
	for (const char *p = text; *p;) {
		size_t n = sentence_end(p);
		int k = mark_terms(p, n, q, NULL);
		if (k > best_n) {
			best_n = k;
			best = p;
			best_len = n;
		}
		p += n;
		while (*p == ' ' || *p == '\n')
			p++;
	}
	if (!best)
		return NULL;
	struct cr_buf b = { 0 };
	mark_terms(best, best_len, q, &b);
	char *s = cr_buf_take(&b);
	size_t len = strlen(s);
	if (len > SNIPPET_MAX) {
		/* Keep the first mark in view: start a little before it, cut at
		 * character boundaries, and say so with ellipses. */
		size_t at = (size_t)(strchr(s, CR_MARK_ON) - s), from = at > 40 ? at - 40 : 0;
		while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80)
			from--;
		size_t to = from + SNIPPET_MAX < len ? from + SNIPPET_MAX : len;
		while (to < len && ((unsigned char)s[to] & 0xC0) == 0x80)
			to--;
		/* Never cut between a mark's on and off. */
		int open = 0;
		for (size_t k = from; k < to; k++)
			open = s[k] == CR_MARK_ON ? 1 : s[k] == CR_MARK_OFF ? 0 : open;
		char *cut = cr_asprintf("%s%.*s%s%s", from ? "\u2026" : "", (int)(to - from), s + from,
		                        open ? (char[]){ CR_MARK_OFF, 0 } : "", to < len ? "\u2026" : "");
		free(s);
		s = cut;
	}
	return s;
}

char *cr_unmark(const char *snippet)
{
	struct cr_buf plain = { 0 };
	for (const char *p = snippet ? snippet : ""; *p; p++)
		if (*p != CR_MARK_ON && *p != CR_MARK_OFF)
			cr_buf_add(&plain, p, 1);
	return cr_buf_take(&plain);
}

/* Cuts the snippet of a result from the field and language of its best
 * match (row->match_col, row->match_lang). */
static void add_snippet(struct cr_db *db, struct cr_row *row, const struct query *q)
{
	row->snippet_done = true;
	int col = row->match_col;
	if (col < COL_NAME)
		return;
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_TEXTS);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, row->code_id);
	sqlite3_bind_text(st, 2, row->match_lang, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		/* Columns: reason, former, keywords, gloss, description, seen, fix. */
		char *text = cr_sanitize((const char *)sqlite3_column_text(st, col == COL_NAME ? 0 : col), 1);
		if (col == COL_NAME && sqlite3_column_text(st, 1)) {
			char *former = cr_sanitize((const char *)sqlite3_column_text(st, 1), 0);
			char *both = cr_asprintf("%s / %s", text ? text : "", former);
			free(text);
			free(former);
			text = both;
		}
		row->snippet = make_snippet(text, q);
		row->field = row->snippet ? col_name[col] : NULL;
		free(text);
		/* A text match: which of the texts it was is found here, for the
		 * rows shown only. */
		for (int c = COL_SEEN; !row->snippet && col == COL_DESCRIPTION && c < COL__MAX; c++) {
			text = cr_sanitize((const char *)sqlite3_column_text(st, c), 1);
			row->snippet = make_snippet(text, q);
			row->field = row->snippet ? col_name[c] : NULL;
			free(text);
		}
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

void cr_search_gloss(struct cr_db *db, const char *lang, struct cr_row *row)
{
	if (row->gloss_done)
		return;
	row->gloss_done = true;
	/* The browser's map keeps the glosses read last, in one language. */
	struct docmap *m = cr_db_search_map(db);
	if (m && strlen(lang) >= sizeof m->gloss_lang)
		m = NULL;
	if (m && strcmp(m->gloss_lang, lang) != 0) {
		for (size_t i = 0; i < GLOSS_SLOTS; i++) {
			free(m->gloss[i].gloss);
			m->gloss[i].gloss = NULL;
			m->gloss[i].code = 0;
		}
		snprintf(m->gloss_lang, sizeof m->gloss_lang, "%s", lang);
	}
	size_t slot = (size_t)row->code_id % GLOSS_SLOTS;
	if (m && m->gloss[slot].code == row->code_id && row->code_id) {
		free(row->gloss);
		row->gloss = m->gloss[slot].gloss ? cr_xstrdup(m->gloss[slot].gloss) : NULL;
		return;
	}
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_GLOSS);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, row->code_id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		free(row->gloss);
		row->gloss = cr_sanitize((const char *)sqlite3_column_text(st, 0), 0);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (m && rc == SQLITE_ROW) {
		free(m->gloss[slot].gloss);
		m->gloss[slot].code = row->code_id;
		m->gloss[slot].gloss = row->gloss ? cr_xstrdup(row->gloss) : NULL;
	}
}

void cr_search_snippet(struct cr_db *db, const char *input, struct cr_row *row)
{
	if (row->snippet_done)
		return;
	struct query q;
	parse_query(input, &q);
	add_snippet(db, row, &q);
	query_free(&q);
}

/* ---- ranking ---- */

static int by_rank(const void *pa, const void *pb)
{
	const struct hit *a = pa, *b = pb;
	if (a->number_match != b->number_match)
		return b->number_match - a->number_match;
	int ca = __builtin_popcount(a->mask), cb = __builtin_popcount(b->mask);
	if (ca != cb)
		return cb - ca;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->code_id < b->code_id ? -1 : a->code_id > b->code_id;
}

/* The whole query, as a phrase of words, found in a name field: "Busy Here"
 * is 486, not 600. */
static int phrase_bonus(struct cr_db *db, const char *set, const char *display,
                        const struct query *q, struct hits *h)
{
	if (!q->words || !strchr(q->words, ' ') || u8_mbsnlen((const uint8_t *)q->words,
	                                                      strlen(q->words)) < 3)
		return 0;
	struct hits phrase = { 0 };
	char *arg = quoted(q->words, 0);
	int r = run_term_stmt(db, CR_STMT_SEARCH_WORDS_NAME, arg, set, NAME_LIMIT, &phrase, 0, display);
	free(arg);
	for (size_t i = 0; i < phrase.count; i++) {
		struct hit *x = hit_lookup(h, phrase.hit[i].code_id);
		if (x && x->bonus < 2 * phrase.hit[i].weight[0])
			x->bonus = 2 * phrase.hit[i].weight[0];
	}
	free(phrase.hit);
	free(phrase.slot);
	return r < 0 ? -1 : 0;
}

/* A term whose parts have been added as terms of their own. */
static void replace_term(struct term *t)
{
	free(t->text);
	t->text = cr_xstrdup("");
	t->kind = K_SHORT;
	t->replaced = true;
}

/* Whether s holds a word of some text: one row is enough. */
static int known(struct cr_db *db, const char *set, const char *lang, const char *s, size_t n)
{
	struct hits probe = { 0 };
	char *text = cr_xstrndup(s, n);
	int r;
	if (u8_mbsnlen((const uint8_t *)s, n) >= 3) {
		char *arg = quoted(text, 0);
		r = run_term_stmt(db, CR_STMT_SEARCH_TRI_ALL, arg, set, 1, &probe, 0, lang);
		free(arg);
	} else {
		r = run_term_stmt(db, CR_STMT_SEARCH_SCAN_ALL, text, set, 1, &probe, 0, lang);
	}
	free(text);
	free(probe.hit);
	free(probe.slot);
	return r > 0;
}

/* A run of one script that matches nothing whole (着信転送中, 端末未登録):
 * the longest pieces from the left that some text holds, two characters
 * at least, take its place. */
static void segment(struct cr_db *db, const char *set, const char *lang, struct term *t,
                    struct query *q)
{
	const char *s = t->text;
	size_t chars = u8_mbsnlen((const uint8_t *)s, strlen(s));
	if (chars < 3 || chars > 12)
		return;
	/* Byte offsets of each character. */
	size_t off[13], k = 0;
	for (const uint8_t *p = (const uint8_t *)s; *p && k < 13;) {
		off[k++] = (size_t)((const char *)p - s);
		ucs4_t c;
		p += u8_mbtouc(&c, p, strlen((const char *)p));
	}
	off[chars] = strlen(s);
	int found = 0;
	for (size_t i = 0; i + 1 < chars;) {
		size_t len = chars - i < 8 ? chars - i : 8;
		for (; len >= 2; len--)
			if (!(i == 0 && len == chars) && known(db, set, lang, s + off[i], off[i + len] - off[i]))
				break;
		if (len >= 2) {
			add_term(q, s + off[i], off[i + len] - off[i], 0);
			found = 1;
			i += len;
		} else {
			i++;
		}
	}
	if (found)
		replace_term(t);
}

static void add_part(const char *s, size_t len, void *data)
{
	add_term(data, s, len, 0);
}

/* A name that is the query, or a term, word for word: 話中 is what 486 is
 * called, while 181 only mentions it inside a keyword (話中時転送).  Looked
 * up by index (search_name), so it holds at any size and position. */
static int exact_name(struct cr_db *db, const char *set, const char *name, double bonus,
                      unsigned terms, const char *display, struct hits *h)
{
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_NAMES);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, set, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Found here even when the scans' row budgets missed it. */
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		const char *lang = (const char *)sqlite3_column_text(st, 1);
		if (!lang || !*lang)
			lang = display;
		for (size_t t = 0; t < MAX_TERMS; t++)
			if (terms & (1u << t))
				record(h, t, id, lang, display, 1 << COL_KEYWORDS);
		struct hit *x = hit_lookup(h, id);
		if (x && x->bonus < bonus)
			x->bonus = bonus;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The whole query is one of the code's names. */
#define WHOLE_NAME_BONUS 20

static int exact_names(struct cr_db *db, const char *set, const struct query *q, const char *display,
                       struct hits *h)
{
	unsigned all = 0;
	for (size_t t = 0; t < q->count; t++) {
		if (q->term[t].replaced || !q->term[t].text[0])
			continue;
		all |= 1u << t;
		if (exact_name(db, set, q->term[t].text, 6, 1u << t, display, h) < 0)
			return -1;
	}
	if (q->words && *q->words && strchr(q->words, ' '))
		return exact_name(db, set, q->words, WHOLE_NAME_BONUS, all, display, h);
	return 0;
}

/* A row of a search result whose code is not read yet (reason NULL). */
static struct cr_row *push_unread(struct cr_rows *rows)
{
	if (rows->count == rows->cap) {
		rows->cap = rows->cap ? rows->cap * 2 : 64;
		rows->row = cr_xrealloc(rows->row, rows->cap * sizeof *rows->row);
	}
	struct cr_row *r = &rows->row[rows->count++];
	memset(r, 0, sizeof *r);
	return r;
}

void cr_search_read(struct cr_db *db, struct cr_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct cr_row *r = &rows[i];
		if (r->reason)
			continue;
		sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_SEARCH_ROW);
		if (st) {
			sqlite3_bind_int64(st, 1, r->code_id);
			if (sqlite3_step(st) == SQLITE_ROW) {
				/* The statement has no gloss: one read before stays. */
				char *gloss = r->gloss;
				r->gloss = NULL;
				cr_row_read_stmt(r, st);
				free(r->gloss);
				r->gloss = gloss;
			}
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
		}
		if (!r->reason)
			r->reason = cr_xstrdup("");
	}
}

/* Fewer codes than this holding every term, and codes holding most follow. */
#define SCREENFUL 20

enum cr_result cr_search(struct cr_db *db, const char *set, const char *lang,
                         const char *input, int limit, struct cr_rows *out)
{
	return cr_search_ex(db, set, lang, input, limit, limit, out);
}

enum cr_result cr_search_ex(struct cr_db *db, const char *set, const char *lang,
                            const char *input, int limit, int details, struct cr_rows *out)
{
	cr_rows_clear(out);
	struct query q;
	parse_query(input, &q);
	if (q.count == 0) {
		query_free(&q);
		return CR_NOT_FOUND;
	}
	struct hits h = { 0 };
	struct cr_buf corrected = { 0 };
	int err = 0, any_corrected = 0, interrupted = 0;
	int single_number = q.count == 1 && q.term[0].kind == K_NUMBER;
	for (size_t i = 0; i < q.count && !err; i++) {
		struct term *t = &q.term[i];
		int n = search_term(db, set, lang, t, i + 1 == q.count, single_number, limit, &h, i);
		if (n < 0) {
			err = 1;
			interrupted = sqlite3_errcode(cr_db_sqlite(db)) == SQLITE_INTERRUPT;
			break;
		}
		if (n == 0 && !t->phrase && t->kind == K_WORD && strlen(t->text) >= 4) {
			char *fix = nearest_word(db, t->text);
			if (fix) {
				free(t->text);
				t->text = fix;
				any_corrected = 1;
				n = search_term(db, set, lang, t, 0, 0, limit, &h, i);
				err = n < 0;
				interrupted = err && sqlite3_errcode(cr_db_sqlite(db)) == SQLITE_INTERRUPT;
			}
		}
		if (n == 0 && !t->phrase && (t->kind == K_TRIGRAM || t->kind == K_SHORT)) {
			/* A Japanese token that matches nothing whole: its parts. */
			struct query parts = { 0 };
			cr_norm_split(t->text, add_part, &parts);
			if (parts.count > 1) {
				for (size_t k = 0; k < parts.count && q.count < MAX_TERMS; k++) {
					q.term[q.count++] = parts.term[k];
					parts.term[k].text = NULL;
				}
				replace_term(t);
			} else {
				segment(db, set, lang, t, &q);
			}
			query_free(&parts);
		}
	}
	if (any_corrected) {
		for (size_t i = 0; i < q.count; i++)
			if (!q.term[i].replaced) {
				if (corrected.len)
					cr_buf_add(&corrected, " ", 1);
				cr_buf_adds(&corrected, q.term[i].text);
			}
	}
	if (!err) {
		err = phrase_bonus(db, set, lang, &q, &h) < 0 || exact_names(db, set, &q, lang, &h) < 0;
		interrupted = err && sqlite3_errcode(cr_db_sqlite(db)) == SQLITE_INTERRUPT;
	}

	/* Scores; terms replaced by their parts count for nothing. */
	unsigned counted = 0;
	for (size_t i = 0; i < q.count; i++)
		if (!q.term[i].replaced)
			counted |= 1u << i;
	size_t all = (size_t)__builtin_popcount(counted), complete = 0;
	for (size_t i = 0; i < h.count; i++) {
		struct hit *x = &h.hit[i];
		x->mask &= counted;
		x->score = x->bonus;
		/* The best field of each term, and a fifth of the other name
		 * fields: a term found in the keywords and the gloss names the code
		 * more surely than one found inside a keyword alone. */
		for (size_t t = 0; t < q.count; t++) {
			double others = 0;
			for (int c = COL_NAME; c <= COL_GLOSS; c++)
				if (x->fields[t] & (1u << c))
					others += col_weight[c];
			x->score += x->weight[t] + (others > x->weight[t] ? 0.2 * (others - x->weight[t]) : 0);
		}
		if ((size_t)__builtin_popcount(x->mask) == all)
			complete++;
	}
	if (h.count > 1)
		qsort(h.hit, h.count, sizeof *h.hit, by_rank);
	size_t shown = h.count;
	if (complete >= SCREENFUL) {
		shown = complete;
		/* ...but a typed or pasted code number always shows. */
		while (shown < h.count && h.hit[shown].number_match)
			shown++;
	}

	/* Rows past `details` are read when shown (cr_search_read), once the
	 * browser's map is there: it holds the documents of codes only, so
	 * each hit is a code to read (in a sound file: a damaged one's hit of
	 * a missing code reads as an empty row, where the command line leaves
	 * it out). */
	bool later = cr_db_search_map(db) != NULL;
	sqlite3_stmt *row = cr_db_stmt(db, CR_STMT_SEARCH_ROW);
	for (size_t i = 0; i < shown && (int)out->count < limit && !err && row; i++) {
		if (!h.hit[i].mask)
			continue;
		struct cr_row *r;
		if (later && (int)out->count >= details) {
			r = push_unread(out);
			/* Its set now, for cr_rows_prefer_set; the rest when shown. */
			const char *key = map_code_set(cr_db_search_map(db), h.hit[i].code_id);
			snprintf(r->set, sizeof r->set, "%s", key ? key : "");
		} else {
			sqlite3_bind_int64(row, 1, h.hit[i].code_id);
			if (sqlite3_step(row) != SQLITE_ROW) {
				sqlite3_reset(row);
				continue;
			}
			cr_rows_push_stmt(out, row);
			sqlite3_reset(row);
			r = &out->row[out->count - 1];
		}
		r->code_id = h.hit[i].code_id;
		r->tier = h.hit[i].number_match ? 3 : h.hit[i].bonus >= WHOLE_NAME_BONUS ? 2
		        : (size_t)__builtin_popcount(h.hit[i].mask) == all ? 1 : 0;
		r->match_col = h.hit[i].best_col;
		snprintf(r->match_lang, sizeof r->match_lang, "%s", h.hit[i].best_lang);
		r->gloss_done = false;
		if ((int)out->count <= details) {
			cr_search_gloss(db, lang, r);
			add_snippet(db, r, &q);
		}
	}
	if (!row)
		err = 1;
	free(h.hit);
	free(h.slot);
	query_free(&q);
	if (err) {
		cr_buf_free(&corrected);
		cr_rows_clear(out);
		return interrupted ? CR_INTERRUPTED : CR_DB_ERROR;
	}
	if (any_corrected && out->count)
		out->suggestion = cr_buf_take(&corrected);
	cr_buf_free(&corrected);
	return out->count ? CR_OK : CR_NOT_FOUND;
}
