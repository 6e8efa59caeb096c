#include "config.h"

#include "json.h"

#include <string.h>

static void put_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\r': fputs("\\r", fp); break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				fputc(*p, fp);
		}
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
	json_begin_array(j, key);
	const char *p = list ? list : "";
	while (*p) {
		size_t n = strcspn(p, ",");
		const char *s = p, *e = p + n;
		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		if (e > s) {
			char item[256];
			snprintf(item, sizeof item, "%.*s", (int)(e - s), s);
			json_string(j, NULL, item);
		}
		p += n;
		if (*p)
			p++;
	}
	json_end_array(j);
}
