/* Finding code numbers in running text, byte by byte: UTF-8 around them
 * (Japanese particles: "486は") counts as a word break. */
#include "config.h"

#include "core/mention.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static bool digit(char c) { return c >= '0' && c <= '9'; }
static bool letter(char c) { return ((unsigned char)c | 0x20) >= 'a' && ((unsigned char)c | 0x20) <= 'z'; }

/* "RFC 822", "RFC822", "rfc 822" before offset at. */
static bool after_rfc(const char *s, size_t at)
{
	size_t i = at;
	if (i > 0 && s[i - 1] == ' ')
		i--;
	return i >= 3 && strncasecmp(s + i - 3, "RFC", 3) == 0;
}

size_t cr_mention_next(const char *s, size_t n, size_t from, size_t *len, int *number)
{
	for (size_t i = from; i + 3 <= n; i++) {
		if (!digit(s[i]) || !digit(s[i + 1]) || !digit(s[i + 2]))
			continue;
		if (i > 0) {
			char b = s[i - 1];
			/* "§" is C2 A7 in UTF-8 */
			if (digit(b) || letter(b) || b == '.' || b == '_' || (unsigned char)b == 0xA7 ||
			    after_rfc(s, i)) {
				while (i + 1 < n && digit(s[i + 1]))
					i++;
				continue;
			}
		}
		if (i + 3 < n) {
			char a = s[i + 3];
			if (digit(a) || letter(a) || a == '_' ||
			    (a == '.' && i + 4 < n && digit(s[i + 4]))) {
				while (i + 1 < n && digit(s[i + 1]))
					i++;
				continue;
			}
		}
		if (s[i] < '1' || s[i] > '6')
			continue;
		*len = 3;
		*number = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
		return i;
	}
	*len = 0;
	*number = 0;
	return n;
}
