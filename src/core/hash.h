/* The hash that ties a translation to the English text it was made from. */
#ifndef CODEREF_HASH_H
#define CODEREF_HASH_H

#include <stddef.h>

#define CR_HASH_HEX 17  /* 16 hex digits and a NUL */

/* FNV-1a 64 over the fields in order, each followed by a 0x1f separator;
 * NULL fields count as empty.  Written as 16 lowercase hex digits. */
void cr_hash_fields(const char *const *fields, size_t count, char out[CR_HASH_HEX]);

#endif
