/* Search normalization: libunistring does width, compatibility forms and
 * case; the rest are two small rules of Japanese and English spelling that
 * no normalization form covers. */
#include "config.h"

#include "norm.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

static int is_katakana(ucs4_t c)
{
	return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || c == 0x30FD || c == 0x30FE;
}

static int is_kanji(ucs4_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005;
}

static int is_hiragana(ucs4_t c)
{
	return c >= 0x3041 && c <= 0x309F;
}

/* ---- British to American ---- */

/* Whole words that differ. */
static const char *const word_pairs[][2] = {
	{ "behaviour", "behavior" }, { "behaviours", "behaviors" }, { "colour", "color" },
	{ "favour", "favor" }, { "honour", "honor" }, { "honoured", "honored" },
	{ "honours", "honors" }, { "neighbour", "neighbor" }, { "neighbours", "neighbors" },
	{ "neighbouring", "neighboring" }, { "labour", "labor" }, { "centre", "center" },
	{ "centres", "centers" }, { "licence", "license" }, { "licences", "licenses" },
	{ "catalogue", "catalog" }, { "programme", "program" }, { "analyse", "analyze" },
	{ "analysed", "analyzed" }, { "analysing", "analyzing" }, { "defence", "defense" },
	{ "offence", "offense" }, { "grey", "gray" }, { "cheque", "check" },
	{ "fulfil", "fulfill" }, { "enrol", "enroll" }, { "enrolment", "enrollment" },
	{ "judgement", "judgment" }, { "acknowledgement", "acknowledgment" }, { "learnt", "learned" },
};

/* Stems that double their final l in British English: signalled, dialling. */
static const char *const double_l[] = {
	"signal", "dial", "cancel", "label", "model", "travel", "channel", "tunnel",
	"level", "total", "counsel", "fuel", "marshal", "redial", "spiral",
};

/* Stems spelled -ise in British English: authorise, recognised. */
static const char *const ise_stems[] = {
	"author", "unauthor", "recogn", "organ", "priorit", "normal", "initial", "real",
	"optim", "minim", "maxim", "custom", "standard", "synchron", "serial", "util",
	"categor", "emphas", "summar", "apolog", "central", "local", "capital", "special",
	"finali", "prioriti", "memor", "visual", "reorgan", "deserial", "sanit",
};

const char *cr_norm_american(const char *word, char *buf, size_t size)
{
	size_t n = strlen(word);
	if (n + 1 > size || n < 4)
		return NULL;
	for (size_t i = 0; i < CR_ARRAY_SIZE(word_pairs); i++)
		if (strcmp(word, word_pairs[i][0]) == 0)
			return word_pairs[i][1];
	for (size_t i = 0; i < CR_ARRAY_SIZE(double_l); i++) {
		size_t k = strlen(double_l[i]);
		static const char *const tails[] = { "led", "ling", "ler", "lers" };
		if (n <= k || memcmp(word, double_l[i], k) != 0 || word[k] != 'l')
			continue;
		for (size_t t = 0; t < CR_ARRAY_SIZE(tails); t++)
			if (strcmp(word + k, tails[t]) == 0) {
				memcpy(buf, word, k);
				strcpy(buf + k, tails[t] + 1);
				return buf;
			}
	}
	for (size_t i = 0; i < CR_ARRAY_SIZE(ise_stems); i++) {
		size_t k = strlen(ise_stems[i]);
		if (n < k + 3 || memcmp(word, ise_stems[i], k) != 0 || word[k] != 'i' || word[k + 1] != 's')
			continue;
		static const char *const tails[] = { "e", "ed", "es", "ing", "ation", "ations", "er", "ers" };
		for (size_t t = 0; t < CR_ARRAY_SIZE(tails); t++)
			if (strcmp(word + k + 2, tails[t]) == 0) {
				memcpy(buf, word, n + 1);
				buf[k + 1] = 'z';
				return buf;
			}
	}
	return NULL;
}

static int is_lower_ascii(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

/* Rewrites British words of s (lowercase already) into b. */
static void americanize(const char *s, size_t n, struct cr_buf *b)
{
	size_t i = 0;
	while (i < n) {
		if (!is_lower_ascii((unsigned char)s[i])) {
			cr_buf_add(b, s + i, 1);
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && is_lower_ascii((unsigned char)s[i]))
			i++;
		char word[48], buf[48];
		const char *us = NULL;
		if (i - start < sizeof word) {
			memcpy(word, s + start, i - start);
			word[i - start] = '\0';
			us = cr_norm_american(word, buf, sizeof buf);
		}
		if (us)
			cr_buf_adds(b, us);
		else
			cr_buf_add(b, s + start, i - start);
	}
}

char *cr_norm(const char *s)
{
	char *clean = cr_sanitize(s ? s : "", 1);
	size_t n = 0;
	uint8_t *folded = u8_casefold((const uint8_t *)clean, strlen(clean), NULL, UNINORM_NFKC, NULL, &n);
	free(clean);
	if (!folded)
		return cr_xstrdup("");

	/* Spelling variants of Japanese that mean the same word: the long-vowel
	 * mark after katakana (サーバー, サーバ; インターフェース, インタフェース)
	 * and a single kana between kanji, okurigana or particle (話し中, 話中;
	 * 呼び出し, 呼出し) are dropped. */
	struct cr_buf kana = { 0 };
	const uint8_t *p = folded, *end = folded + n;
	ucs4_t prev = 0;
	while (p < end) {
		ucs4_t c, next = 0;
		int len = u8_mbtouc(&c, p, (size_t)(end - p));
		if (p + len < end)
			u8_mbtouc(&next, p + len, (size_t)(end - p - len));
		int drop = (c == 0x30FC && is_katakana(prev)) ||
		           (is_hiragana(c) && is_kanji(prev) && is_kanji(next));
		if (!drop)
			cr_buf_add(&kana, (const char *)p, (size_t)len);
		prev = c;
		p += len;
	}
	free(folded);

	struct cr_buf out = { 0 };
	americanize(kana.s ? kana.s : "", kana.len, &out);
	cr_buf_free(&kana);
	return cr_buf_take(&out);
}

/* ---- splitting Japanese queries ---- */

enum script { SC_OTHER, SC_LATIN, SC_KATAKANA, SC_KANJI, SC_HIRAGANA };

static enum script script_of(ucs4_t c)
{
	if (c < 0x80)
		return SC_LATIN;
	if (is_katakana(c))
		return SC_KATAKANA;
	if (is_kanji(c))
		return SC_KANJI;
	if (is_hiragana(c))
		return SC_HIRAGANA;
	return SC_OTHER;
}

/* Hiragana runs that are particles, dropped between terms. */
static const char *const particles[] = {
	"が", "の", "を", "は", "に", "で", "と", "も", "へ", "や", "から", "まで", "より",
	"って", "ね", "よ", "か", "な", "けど", "ので", "のに", "には", "では", "とは", "での",
};

static int is_particle(const char *s, size_t n)
{
	return cr_among(particles, CR_ARRAY_SIZE(particles), s, n);
}

struct run {
	const char *s;
	size_t n;
	enum script sc;
	size_t chars;
};

void cr_norm_split(const char *token, void (*add)(const char *term, size_t n, void *data), void *data)
{
	size_t len = strlen(token);
	if (len == 0)
		return;
	struct run runs[64];
	size_t nruns = 0;
	const uint8_t *p = (const uint8_t *)token, *end = p + len;
	while (p < end && nruns < CR_ARRAY_SIZE(runs)) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		enum script sc = script_of(c);
		if (nruns && runs[nruns - 1].sc == sc) {
			runs[nruns - 1].n += (size_t)k;
			runs[nruns - 1].chars++;
		} else {
			runs[nruns++] = (struct run){ (const char *)p, (size_t)k, sc, 1 };
		}
		p += k;
	}
	if (p < end || nruns <= 1) {
		add(token, len, data);
		return;
	}
	/* Glue kanji–one hiragana–kanji (話し中, 取り消し is kanji–hiragana–kanji–hiragana),
	 * then drop particles and the okurigana after a kanji run. */
	struct cr_buf term = { 0 };
	for (size_t i = 0; i < nruns; i++) {
		struct run *r = &runs[i];
		if (r->sc == SC_HIRAGANA) {
			int between_kanji = i > 0 && i + 1 < nruns && runs[i - 1].sc == SC_KANJI &&
			                    runs[i + 1].sc == SC_KANJI;
			if (between_kanji && r->chars == 1 && !is_particle(r->s, r->n) && term.len) {
				cr_buf_add(&term, r->s, r->n);
				continue;
			}
			if (term.len) {
				add(term.s, term.len, data);
				term.len = 0;
			}
			int after_kanji = i > 0 && runs[i - 1].sc == SC_KANJI;
			if (!after_kanji && !is_particle(r->s, r->n) && r->chars >= 2)
				add(r->s, r->n, data);
			continue;
		}
		if (r->sc == SC_KANJI && term.len && i > 0 && runs[i - 1].sc == SC_HIRAGANA) {
			cr_buf_add(&term, r->s, r->n);
			continue;
		}
		if (term.len) {
			add(term.s, term.len, data);
			term.len = 0;
		}
		if (r->sc == SC_OTHER)
			continue;
		cr_buf_add(&term, r->s, r->n);
	}
	if (term.len)
		add(term.s, term.len, data);
	cr_buf_free(&term);
}
