#include "config.h"

#include "template.h"
#include "util.h"

#include <string.h>
#include <unistr.h>

int cr_is_cjk(unsigned int c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F);
}

static int is_latin(unsigned int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static unsigned int last_char(const struct cr_buf *b)
{
	if (!b->len)
		return 0;
	ucs4_t c = 0;
	const uint8_t *end = (const uint8_t *)b->s + b->len;
	if (!u8_prev(&c, end, (const uint8_t *)b->s))
		return 0;
	return c;
}

static unsigned int first_char(const char *s)
{
	ucs4_t c = 0;
	if (*s)
		u8_mbtouc(&c, (const uint8_t *)s, strlen(s));
	return c;
}

/* Adds s, with a space first where Latin meets CJK across the seam. */
static void add_spaced(struct cr_buf *b, const char *s, size_t n)
{
	if (n == 0)
		return;
	unsigned int before = last_char(b), after = first_char(s);
	/* A Latin phrase may end or start with ASCII brackets: "No answer from
	 * user (user alerted)". */
	if ((cr_is_cjk(before) && (is_latin(after) || after == '(' || after == '[')) ||
	    ((is_latin(before) || before == ')' || before == ']') && cr_is_cjk(after)))
		cr_buf_add(b, " ", 1);
	cr_buf_add(b, s, n);
}

char *cr_fill(const char *tpl, const struct cr_slot *slots, size_t nslots)
{
	struct cr_buf b = { 0 };
	const char *p = tpl;
	while (*p) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (!open || !close) {
			add_spaced(&b, p, strlen(p));
			break;
		}
		add_spaced(&b, p, (size_t)(open - p));
		const char *name = open + 1;
		size_t len = (size_t)(close - name);
		const struct cr_slot *slot = NULL;
		for (size_t i = 0; i < nslots; i++)
			if (strlen(slots[i].name) == len && memcmp(slots[i].name, name, len) == 0)
				slot = &slots[i];
		if (slot)
			add_spaced(&b, slot->value ? slot->value : "", strlen(slot->value ? slot->value : ""));
		else
			add_spaced(&b, open, len + 2);
		p = close + 1;
	}
	return cr_buf_take(&b);
}
