/* A small JSON writer for --json: strings escaped, structure tracked so commas
 * come out right.  Input text is already valid UTF-8 (the core sanitizes). */
#ifndef CODEREF_JSON_H
#define CODEREF_JSON_H

#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *fp;
	int depth;
	int count[JSON_MAX_DEPTH];   /* members written at each level */
};

void json_begin_object(struct json *j, const char *key);
void json_end_object(struct json *j);
void json_begin_array(struct json *j, const char *key);
void json_end_array(struct json *j);
/* key is NULL inside arrays.  A NULL string writes null. */
void json_string(struct json *j, const char *key, const char *value);
void json_int(struct json *j, const char *key, long value);
void json_bool(struct json *j, const char *key, int value);
/* "A, B, C" as ["A","B","C"]; NULL or empty as []. */
void json_list(struct json *j, const char *key, const char *comma_list);

#endif
