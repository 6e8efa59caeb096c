#include "config.h"

#include "json.h"
#include "core/util.h"

#include <string.h>

static void put_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		/* A run that needs no escape, written at once. */
		const unsigned char *q = p;
		while (*q >= 0x20 && *q != '"' && *q != '\\')
			q++;
		if (q > p)
			fwrite(p, 1, (size_t)(q - p), fp);
		p = q;
		if (!*p)
			break;
		switch (*p) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\r': fputs("\\r", fp); break;
		default: fprintf(fp, "\\u%04x", *p); break;
		}
		p++;
	}
	fputc('"', fp);
}

/* Comma, and the key when inside an object. */
static void member(struct json *j, const char *key)
{
	if (j->depth > 0 && j->count[j->depth - 1]++ > 0)
		fputc(',', j->fp);
	if (key) {
		put_string(j->fp, key);
		fputc(':', j->fp);
	}
}

static void begin_level(struct json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->fp);
	if (j->depth < JSON_MAX_DEPTH)
		j->count[j->depth++] = 0;
}

static void close_level(struct json *j, char c)
{
	fputc(c, j->fp);
	if (j->depth > 0)
		j->depth--;
	if (j->depth == 0)
		fputc('\n', j->fp);
}

void json_begin_object(struct json *j, const char *key) { begin_level(j, key, '{'); }
void json_end_object(struct json *j) { close_level(j, '}'); }
void json_begin_array(struct json *j, const char *key) { begin_level(j, key, '['); }
void json_end_array(struct json *j) { close_level(j, ']'); }

void json_string(struct json *j, const char *key, const char *value)
{
	member(j, key);
	if (value)
		put_string(j->fp, value);
	else
		fputs("null", j->fp);
}

void json_int(struct json *j, const char *key, long value)
{
	member(j, key);
	fprintf(j->fp, "%ld", value);
}

void json_bool(struct json *j, const char *key, int value)
{
	member(j, key);
	fputs(value ? "true" : "false", j->fp);
}

void json_list(struct json *j, const char *key, const char *list)
{
	char **items;
	size_t n = cr_split_list(list, &items);
	json_begin_array(j, key);
	for (size_t i = 0; i < n; i++)
		json_string(j, NULL, items[i]);
	json_end_array(j);
	cr_free_list(items, n);
}
