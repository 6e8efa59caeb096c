#include "config.h"

#include "hash.h"

#include <stdint.h>
#include <stdio.h>

void cr_hash_fields(const char *const *fields, size_t count, char out[CR_HASH_HEX])
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < count; i++) {
		for (const unsigned char *p = (const unsigned char *)(fields[i] ? fields[i] : ""); *p; p++) {
			h ^= *p;
			h *= 0x100000001b3u;
		}
		h ^= 0x1f;
		h *= 0x100000001b3u;
	}
	snprintf(out, CR_HASH_HEX, "%016llx", (unsigned long long)h);
}
