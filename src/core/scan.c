/* The line scanner.  One pass over the line stops only at the bytes every
 * form hangs on (':' and '=' after a header or variable name, '/' in
 * SIP/2.0, '"' after Asterisk's "Got SIP response 486", '_' inside a cause
 * name, '[' before a bracketed one); everything else is skipped sixteen
 * bytes at a time, and most stops are let go by the byte before them, so a
 * long log costs little more than reading it.  Each stop looks around
 * itself with bounds checked against the line, never past it. */
#include "config.h"

#include "scan.h"

#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_DIGITS 6
#define NAME_MIN 4
#define NAME_MAX 64
/* Longer than any reason phrase: what runs on after it is the log's. */
#define PHRASE_MAX 128

enum { STOP = 1, WORD = 2, UPPER = 4, TOKEN = 8, DIGIT = 16 };

static unsigned char cls[256];

static void init_classes(void)
{
	if (cls[':'])
		return;
	for (int c = 0; c < 256; c++) {
		unsigned char k = 0;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
			k |= WORD | TOKEN;
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
			k |= UPPER;
		if (c >= '0' && c <= '9')
			k |= DIGIT;
		if (c && strchr("-.!%*+`'~", c))
			k |= TOKEN;
		if (c && strchr(":=/\"_[", c))
			k |= STOP;
		cls[c] = k;
	}
}

static inline bool is(const char *s, size_t i, unsigned k)
{
	return (cls[(unsigned char)s[i]] & k) != 0;
}

static inline bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && blank(s[i]))
		i++;
	return i;
}

/* 1 to 6 digits at i not followed by another digit: the number, with *end
 * after it; -1 otherwise. */
static int number_at(const char *s, size_t n, size_t i, size_t *end)
{
	size_t j = i;
	int v = 0;
	while (j < n && is(s, j, DIGIT)) {
		if (j - i == MAX_DIGITS)
			return -1;
		v = v * 10 + (s[j] - '0');
		j++;
	}
	if (j == i)
		return -1;
	*end = j;
	return v;
}

/* A quoted-string from the '"' at i: *end after the closing quote (or at
 * the end of the line when it has none); the inside is (i + 1, *inner). */
static void quoted_at(const char *s, size_t n, size_t i, size_t *inner, size_t *end)
{
	size_t j = i + 1;
	while (j < n && s[j] != '"') {
		if (s[j] == '\\' && j + 1 < n)
			j++;
		j++;
	}
	*inner = j > n ? n : j;
	*end = j < n ? j + 1 : n;
}

/* A token from i; ngrep's ".." (a CRLF) ends it. */
static size_t token_end(const char *s, size_t n, size_t i)
{
	while (i < n && is(s, i, TOKEN) && !(s[i] == '.' && i + 1 < n && s[i + 1] == '.'))
		i++;
	return i;
}

static bool word_is(const char *s, size_t at, size_t len, const char *w)
{
	return strlen(w) == len && strncasecmp(s + at, w, len) == 0;
}

/* ---- status lines ---- */

/* After "SIP/2.0 486": the reason phrase, up to what ends it in a log
 * (a quote, an escaped or shown CR, ngrep's ".." between headers, any
 * control character), without trailing blanks or the '.' ngrep prints
 * for a CR. */
static void phrase_after(const char *s, size_t n, size_t i, struct cr_finding *f)
{
	if (i < n && s[i] == ' ')
		i++;
	size_t j = i, lim = n - i > PHRASE_MAX ? i + PHRASE_MAX : n;
	while (j < lim && s[j] != '"' && s[j] != '\\' && (unsigned char)s[j] >= 0x20 && s[j] != 0x7f &&
	       !(s[j] == '.' && j + 1 < n && s[j + 1] == '.'))
		j++;
	while (j > i && blank(s[j - 1]))
		j--;
	if (j > i && s[j - 1] == '.')
		j--;
	f->phrase_at = i;
	f->phrase_len = j - i;
}

/* "SIP/2.0 " or "HTTP/1.1 " and a three-digit code: *end after the code. */
static bool status_at(const char *s, size_t n, size_t slash, size_t *start, size_t *code,
                      const char **set)
{
	size_t v;          /* first byte of the version */
	if (slash >= 3 && memcmp(s + slash - 3, "SIP", 3) == 0 &&
	    (slash == 3 || !is(s, slash - 4, WORD))) {
		*start = slash - 3;
		*set = "sip";
		v = slash + 1;
		if (n - v < 4 || memcmp(s + v, "2.0 ", 4) != 0)
			return false;
		*code = v + 4;
	} else if (slash >= 4 && memcmp(s + slash - 4, "HTTP", 4) == 0 &&
	           (slash == 4 || !is(s, slash - 5, WORD))) {
		*start = slash - 4;
		*set = "http";
		v = slash + 1;
		size_t k = v;
		while (k < n && k - v < 3 && (is(s, k, DIGIT) || s[k] == '.'))
			k++;
		if (k == v || k >= n || s[k] != ' ' || !is(s, v, DIGIT))
			return false;
		*code = k + 1;
	} else {
		return false;
	}
	size_t c = *code;
	return n - c >= 3 && is(s, c, DIGIT) && is(s, c + 1, DIGIT) && is(s, c + 2, DIGIT) &&
	       (n - c == 3 || !is(s, c + 3, WORD));
}

/* "INVITE sip:bob@b SIP/2.0" at the end of its line (ngrep may show the
 * CR as '.'): a request begins, so no earlier response is its own. */
static bool request_end_at(const char *s, size_t n, size_t slash)
{
	if (slash < 4 || memcmp(s + slash - 3, "SIP", 3) != 0 || s[slash - 4] != ' ')
		return false;
	size_t e = slash + 4;
	if (e > n || memcmp(s + slash + 1, "2.0", 3) != 0)
		return false;
	while (e < n && (s[e] == '\r' || s[e] == '.' || blank(s[e])))
		e++;
	return e == n;
}

static size_t on_slash(const char *s, size_t n, size_t i, cr_scan_found *found, void *data)
{
	if (i == 0 || s[i - 1] != 'P')      /* SIP/, HTTP/ */
		return i + 1;
	size_t start, code;
	const char *set;
	if (status_at(s, n, i, &start, &code, &set)) {
		struct cr_finding f = { .kind = CR_FIND_STATUS_LINE, .set = set, .at = start };
		f.number = (s[code] - '0') * 100 + (s[code + 1] - '0') * 10 + (s[code + 2] - '0');
		phrase_after(s, n, code + 3, &f);
		size_t end = f.phrase_len ? f.phrase_at + f.phrase_len : code + 3;
		f.len = end - start;
		found(data, &f);
		/* What follows the code is looked at too: a log may go on with
		 * more on the same line. */
		return code + 3;
	}
	if (request_end_at(s, n, i)) {
		struct cr_finding f = { .kind = CR_FIND_REQUEST_LINE, .number = -1, .at = 0, .len = i + 4 };
		found(data, &f);
	}
	return i + 1;
}

/* ---- headers: Reason, Warning, Call-ID ---- */

/* Reason: SIP;cause=603;text="…", Q.850 ;text="a;b" ; cause=16 — each
 * value with parameters in any order and spacing. */
static size_t reason_values(const char *s, size_t n, size_t i, cr_scan_found *found, void *data)
{
	for (;;) {
		i = skip_blanks(s, n, i);
		size_t proto = i;
		i = token_end(s, n, i);
		if (i == proto)
			return i;
		size_t proto_len = i - proto;
		int cause = -1;
		struct cr_finding f = { .kind = CR_FIND_REASON, .at = proto, .number = -1 };
		for (;;) {
			i = skip_blanks(s, n, i);
			if (i >= n || s[i] != ';')
				break;
			i = skip_blanks(s, n, i + 1);
			size_t name = i;
			i = token_end(s, n, i);
			size_t name_len = i - name;
			i = skip_blanks(s, n, i);
			if (i >= n || s[i] != '=')
				continue;
			i = skip_blanks(s, n, i + 1);
			size_t value = i, value_end, inner;
			bool quoted = i < n && s[i] == '"';
			if (quoted) {
				quoted_at(s, n, i, &inner, &i);
				value++;
				value_end = inner;
			} else {
				i = token_end(s, n, i);
				value_end = i;
			}
			if (word_is(s, name, name_len, "cause")) {
				size_t e;
				cause = quoted ? -1 : number_at(s, value_end, value, &e);
			} else if (word_is(s, name, name_len, "text")) {
				f.phrase_at = value;
				f.phrase_len = value_end - value;
				f.phrase_quoted = quoted;
			}
		}
		if (word_is(s, proto, proto_len, "SIP"))
			f.set = "sip";
		else if (word_is(s, proto, proto_len, "Q.850"))
			f.set = "q850";
		if (f.set && cause >= 0) {
			f.number = cause;
			f.len = i - proto;
			found(data, &f);
		}
		i = skip_blanks(s, n, i);
		if (i >= n || s[i] != ',')
			return i;
		i++;
	}
}

/* Warning: 392 10.0.0.1:5060 "text", 399 host "text" */
static size_t warning_values(const char *s, size_t n, size_t i, cr_scan_found *found, void *data)
{
	for (;;) {
		i = skip_blanks(s, n, i);
		size_t code = i, e;
		int number = number_at(s, n, i, &e);
		if (number < 0 || e - code != 3 || e >= n || !blank(s[e]))
			return i;
		struct cr_finding f = { .kind = CR_FIND_WARNING, .set = "warning", .number = number,
		                        .at = code };
		i = skip_blanks(s, n, e);
		while (i < n && !blank(s[i]) && s[i] != '"' && s[i] != ',')
			i++;
		i = skip_blanks(s, n, i);
		if (i < n && s[i] == '"') {
			size_t inner;
			f.phrase_at = i + 1;
			quoted_at(s, n, i, &inner, &i);
			f.phrase_len = inner - f.phrase_at;
			f.phrase_quoted = true;
		}
		f.len = i - code;
		found(data, &f);
		i = skip_blanks(s, n, i);
		if (i >= n || s[i] != ',')
			return i;
		i++;
	}
}

static size_t call_id_value(const char *s, size_t n, size_t i, cr_scan_found *found, void *data)
{
	i = skip_blanks(s, n, i);
	size_t v = i;
	while (i < n && (unsigned char)s[i] > ' ' && s[i] != 0x7f && !(s[i] == '.' && i + 1 < n && s[i + 1] == '.'))
		i++;
	size_t e = i;
	if (e > v && s[e - 1] == '.')   /* ngrep's CR */
		e--;
	if (e > v) {
		struct cr_finding f = { .kind = CR_FIND_CALL_ID, .number = -1, .at = v, .len = e - v,
		                        .name_at = v, .name_len = e - v };
		found(data, &f);
	}
	return i;
}

/* ---- variables: HANGUPCAUSE=17, variable_hangup_cause: [USER_BUSY] ---- */

enum what { REASON, WARNING, CALL_ID, CODE, SET_CODE };

enum { COLON = 1, EQUALS = 2 };

#define KEY(name) name, sizeof name - 1
static const struct key {
	const char *name;
	size_t len;
	unsigned seps;          /* what may follow the name */
	enum what what;
	const char *set;
} keys[] = {
	{ KEY("Reason"), COLON, REASON, NULL },
	{ KEY("Warning"), COLON, WARNING, NULL },
	{ KEY("Call-ID"), COLON, CALL_ID, NULL },
	{ KEY("i"), COLON, CALL_ID, NULL },          /* compact form, at a line's start only */
	{ KEY("HANGUPCAUSE"), COLON | EQUALS, CODE, "q850" },
	{ KEY("Cause"), COLON, CODE, "q850" },       /* the Asterisk manager's Hangup event */
	{ KEY("Hangup-Cause"), COLON, CODE, "q850" }, /* FreeSWITCH events */
	{ KEY("hangup_cause"), COLON | EQUALS, CODE, "q850" },
	{ KEY("hangup_cause_q850"), COLON | EQUALS, CODE, "q850" },
	{ KEY("sip_term_status"), COLON | EQUALS, CODE, "sip" },
	{ KEY("sip_term_cause"), COLON | EQUALS, CODE, "q850" },
	{ KEY("proto_specific_hangup_cause"), COLON | EQUALS, SET_CODE, NULL },
};
#undef KEY

/* The longest name above, and then some. */
#define KEY_WINDOW 32

/* The last letters of the names above, case folded: most stops (a time,
 * a URI's "sip:", an address's port, "branch=") end at the first test. */
static const bool key_last[256] = { ['n'] = 1, ['g'] = 1, ['d'] = 1, ['i'] = 1, ['e'] = 1,
                                    ['s'] = 1, ['0'] = 1 };

static const struct key *key_before(const char *s, size_t i, char sep, size_t *key_start)
{
	size_t e = i;
	if (sep == ':')
		while (e > 0 && blank(s[e - 1]))
			e--;
	if (e == 0 || !is(s, e - 1, WORD))
		return NULL;
	int last = s[e - 1] | 0x20;         /* letters and digits: ASCII case folded */
	if (!key_last[(unsigned char)last])
		return NULL;
	/* The word before, as far back as the longest name needs. */
	size_t b = e;
	while (b > 0 && e - b < KEY_WINDOW && (is(s, b - 1, WORD) || s[b - 1] == '-'))
		b--;
	unsigned want = sep == ':' ? COLON : EQUALS;
	const struct key *best = NULL;
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		const struct key *key = &keys[k];
		size_t kl = key->len;
		if ((key->name[kl - 1] | 0x20) != last || !(key->seps & want) || kl > e - b ||
		    (best && kl <= best->len) ||
		    (kl > 1 && (s[e - 2] | 0x20) != (key->name[kl - 2] | 0x20)) ||
		    strncasecmp(s + e - kl, key->name, kl) != 0)
			continue;
		size_t ks = e - kl;
		/* The whole word, or its end after '_' or '-': variable_hangup_cause,
		 * last_bridge_hangup_cause, a header after a run of dashes. */
		bool whole = ks == b && (b == 0 || !(is(s, b - 1, WORD) || s[b - 1] == '-'));
		bool tail = ks > b && (s[ks - 1] == '_' || s[ks - 1] == '-');
		if (!whole && !tail)
			continue;
		if (key->name[1] == '\0') {     /* "i:" only where a header starts */
			size_t h = ks;
			while (h > 0 && blank(s[h - 1]))
				h--;
			if (h > 0 || !whole)
				continue;
		}
		best = key;
		*key_start = ks;
	}
	return best;
}

/* The end of a run of name characters [A-Z0-9_] from i. */
static size_t upper_end(const char *s, size_t n, size_t i)
{
	while (i < n && is(s, i, UPPER))
		i++;
	return i;
}

static bool is_name(const struct cr_scan_names *names, const char *s, size_t n, size_t b, size_t e)
{
	return e - b >= NAME_MIN && e - b <= NAME_MAX && !(s[b] >= '0' && s[b] <= '9') &&
	       (b == 0 || !is(s, b - 1, WORD)) && (e == n || !is(s, e, WORD)) && names &&
	       names->is_name(names->data, s + b, e - b);
}

static size_t variable_value(const char *s, size_t n, size_t i, size_t key_start, const struct key *key,
                             cr_scan_found *found, void *data)
{
	i = skip_blanks(s, n, i);
	if (i < n && (s[i] == '[' || s[i] == '"' || s[i] == '\''))
		i++;
	struct cr_finding f = { .kind = CR_FIND_VARIABLE, .set = key->set, .at = key_start, .number = -1 };
	size_t e;
	if (key->what == SET_CODE) {      /* sip:486 */
		size_t w = i;
		while (w < n && is(s, w, WORD) && !is(s, w, DIGIT))
			w++;
		if (w == i || w >= n || s[w] != ':')
			return i;
		static const char *const sets[] = { "sip", "q850" };
		for (size_t k = 0; k < 2; k++)
			if (word_is(s, i, w - i, sets[k]))
				f.set = sets[k];
		if (!f.set || (f.number = number_at(s, n, w + 1, &e)) < 0)
			return w;
	} else if (i < n && is(s, i, DIGIT)) {
		if ((f.number = number_at(s, n, i, &e)) < 0 || (e < n && is(s, e, WORD)))
			return i;
	} else {
		/* A name: the caller resolves it, and drops one it does not know. */
		e = upper_end(s, n, i);
		if (e - i < NAME_MIN || e - i > NAME_MAX || (e < n && is(s, e, WORD)))
			return e;
		f.name_at = i;
		f.name_len = e - i;
	}
	f.len = e - key_start;
	found(data, &f);
	return e;
}

static size_t on_separator(const char *s, size_t n, size_t i,
                           cr_scan_found *found, void *data)
{
	size_t key_start = 0;
	const struct key *key = key_before(s, i, s[i], &key_start);
	if (!key)
		return i + 1;
	switch (key->what) {
	case REASON: return reason_values(s, n, i + 1, found, data);
	case WARNING: return warning_values(s, n, i + 1, found, data);
	case CALL_ID: return call_id_value(s, n, i + 1, found, data);
	case CODE:
	case SET_CODE: return variable_value(s, n, i + 1, key_start, key, found, data);
	}
	return i + 1;
}

/* ---- Asterisk and bare names ---- */

/* chan_sip: Got SIP response 486 "Busy Here" back from 10.0.0.2:5060 */
static size_t on_quote(const char *s, size_t n, size_t i, cr_scan_found *found, void *data)
{
	static const char lead[] = "Got SIP response ";
	const size_t ll = sizeof lead - 1;
	if (i < ll + 4 || !is(s, i - 2, DIGIT) || s[i - 1] != ' ' || !is(s, i - 4, DIGIT) || !is(s, i - 3, DIGIT) ||
	    !is(s, i - 2, DIGIT) || memcmp(s + i - 4 - ll, lead, ll) != 0)
		return i + 1;
	struct cr_finding f = { .kind = CR_FIND_RESPONSE, .set = "sip", .at = i - 4 - ll,
	                        .phrase_at = i + 1, .phrase_quoted = true };
	f.number = (s[i - 4] - '0') * 100 + (s[i - 3] - '0') * 10 + (s[i - 2] - '0');
	size_t inner, end;
	quoted_at(s, n, i, &inner, &end);
	f.phrase_len = inner - f.phrase_at;
	f.len = end - f.at;
	found(data, &f);
	return end;
}

/* NORMAL_TEMPORARY_FAILURE, AST_CAUSE_BUSY: a whole word of capitals,
 * digits and '_' that the caller knows as a name. */
static size_t on_underscore(const char *s, size_t n, size_t i, const struct cr_scan_names *names,
                            cr_scan_found *found, void *data)
{
	if (!((i > 0 && s[i - 1] >= 'A' && s[i - 1] <= 'Z') || (i + 1 < n && s[i + 1] >= 'A' && s[i + 1] <= 'Z')))
		return i + 1;
	size_t b = i;
	while (b > 0 && is(s, b - 1, UPPER))
		b--;
	size_t e = upper_end(s, n, i);
	if (is_name(names, s, n, b, e)) {
		struct cr_finding f = { .kind = CR_FIND_NAME, .number = -1, .at = b, .len = e - b,
		                        .name_at = b, .name_len = e - b };
		found(data, &f);
	}
	return e;
}

/* [INTERWORKING]: FreeSWITCH puts the cause in brackets, and a name with
 * no '_' has nothing else to stop at. */
static size_t on_bracket(const char *s, size_t n, size_t i, const struct cr_scan_names *names,
                         cr_scan_found *found, void *data)
{
	size_t b = i + 1, e = upper_end(s, n, b);
	if (e < n && s[e] == ']' && !memchr(s + b, '_', e - b) && is_name(names, s, n, b, e)) {
		struct cr_finding f = { .kind = CR_FIND_NAME, .number = -1, .at = b, .len = e - b,
		                        .name_at = b, .name_len = e - b };
		found(data, &f);
	}
	return b;       /* a name with '_' is the '_' stop's */
}

/* Whether the stop at i can begin anything, by the byte before it: most
 * stops (a time's ':', a URI's '/', "branch=") end here, before a call. */
static inline bool worth_a_look(const char *s, size_t n, size_t i)
{
	unsigned char before = i > 0 ? (unsigned char)s[i - 1] : 0;
	switch (s[i]) {
	case '/': return before == 'P';                      /* SIP/, HTTP/ */
	case '"': return before == ' ';                      /* 486 "Busy Here" */
	case '_': return (before >= 'A' && before <= 'Z') ||
	                 (i + 1 < n && s[i + 1] >= 'A' && s[i + 1] <= 'Z');
	case '[': return i + 1 < n && s[i + 1] >= 'A' && s[i + 1] <= 'Z';
	case ':': return key_last[before | 0x20] || before == ' ' || before == '\t';
	default: return key_last[before | 0x20];             /* '=' */
	}
}

/* What the stop at i finds; where scanning goes on (after i). */
static inline size_t on_stop(const char *s, size_t n, size_t i, const struct cr_scan_names *names,
                      cr_scan_found *found, void *data)
{
	if (!worth_a_look(s, n, i))
		return i + 1;
	size_t next;
	switch (s[i]) {
	case '/': next = on_slash(s, n, i, found, data); break;
	case '"': next = on_quote(s, n, i, found, data); break;
	case '_': next = on_underscore(s, n, i, names, found, data); break;
	case '[': next = on_bracket(s, n, i, names, found, data); break;
	default: next = on_separator(s, n, i, found, data); break;
	}
	return next > i ? next : i + 1;
}

void cr_scan_line(const char *s, size_t n, const struct cr_scan_names *names,
                  cr_scan_found *found, void *data)
{
	init_classes();
	size_t i = 0;
#ifdef __SSE2__
	/* Sixteen bytes at a time (every x86-64 has SSE2): a mask of the stop
	 * bytes among them, each handled in turn. */
	const __m128i colon = _mm_set1_epi8(':'), equals = _mm_set1_epi8('='),
	              slash = _mm_set1_epi8('/'), quote = _mm_set1_epi8('"'),
	              under = _mm_set1_epi8('_'), bracket = _mm_set1_epi8('[');
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, equals)),
		                           _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, slash),
		                                                     _mm_cmpeq_epi8(v, quote)),
		                                        _mm_or_si128(_mm_cmpeq_epi8(v, under),
		                                                     _mm_cmpeq_epi8(v, bracket))));
		unsigned mask = (unsigned)_mm_movemask_epi8(hit);
		size_t next = i + 16;
		while (mask) {
			size_t at = i + (size_t)__builtin_ctz(mask);
			size_t after = on_stop(s, n, at, names, found, data);
			if (after >= i + 16) {
				next = after;
				break;
			}
			mask &= ~0u << (after - i);
		}
		i = next;
	}
#endif
	while (i < n) {
		while (i < n && !(cls[(unsigned char)s[i]] & STOP))
			i++;
		if (i < n)
			i = on_stop(s, n, i, names, found, data);
	}
}

const char *cr_find_kind_name(enum cr_find_kind kind)
{
	static const char *const names[CR_FIND__MAX] = {
		[CR_FIND_STATUS_LINE] = "status-line", [CR_FIND_REASON] = "reason",
		[CR_FIND_WARNING] = "warning", [CR_FIND_RESPONSE] = "asterisk-response",
		[CR_FIND_VARIABLE] = "variable", [CR_FIND_NAME] = "name",
		[CR_FIND_CALL_ID] = "call-id", [CR_FIND_REQUEST_LINE] = "request-line",
	};
	return kind < CR_FIND__MAX ? names[kind] : "?";
}

size_t cr_scan_phrase(const char *line, const struct cr_finding *f, char *out, size_t cap)
{
	size_t k = 0;
	if (!cap)
		return 0;
	for (size_t i = 0; i < f->phrase_len && k + 1 < cap; i++) {
		char c = line[f->phrase_at + i];
		if (f->phrase_quoted && c == '\\' && i + 1 < f->phrase_len)
			c = line[f->phrase_at + ++i];
		out[k++] = c;
	}
	out[k] = '\0';
	return k;
}

/* The next byte that counts in a phrase comparison, folded; 0 at the end. */
static int phrase_next(const char *s, size_t n, size_t *i)
{
	if (*i < n && blank(s[*i])) {
		while (*i < n && blank(s[*i]))
			(*i)++;
		if (*i < n && !(*i + 1 == n && s[*i] == '.'))
			return ' ';
	}
	if (*i >= n || (*i + 1 == n && s[*i] == '.'))
		return 0;
	int c = (unsigned char)s[(*i)++];
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

bool cr_scan_same_phrase(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	while (i < an && blank(a[i]))
		i++;
	while (j < bn && blank(b[j]))
		j++;
	for (;;) {
		int x = phrase_next(a, an, &i), y = phrase_next(b, bn, &j);
		if (x != y)
			return false;
		if (!x)
			return true;
	}
}
