/* Reader for the stanza files in db/: "Field: value" lines, continuation
 * lines starting with one space (each one a paragraph), '#' comments,
 * stanzas separated by blank lines. */
#include "config.h"

#include "stanza.h"

#include <stdlib.h>
#include <string.h>

int stanza_open(struct stanza_reader *r, const char *path)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->fp = fopen(path, "r");
	return r->fp ? 0 : -1;
}

void stanza_close(struct stanza_reader *r)
{
	if (r->fp)
		fclose(r->fp);
	free(r->buf);
	memset(r, 0, sizeof *r);
}

static int read_line(struct stanza_reader *r)
{
	if (r->pending) {
		r->pending = 0;
		return 1;
	}
	ssize_t n = getline(&r->buf, &r->bufcap, r->fp);
	if (n < 0)
		return 0;
	r->line++;
	while (n > 0 && (r->buf[n - 1] == '\n' || r->buf[n - 1] == '\r'))
		r->buf[--n] = '\0';
	return 1;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d) {
		perror("dbgen");
		exit(1);
	}
	return d;
}

static void add_field(struct stanza *s, const char *name, const char *value, int line)
{
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->fields = realloc(s->fields, s->cap * sizeof *s->fields);
		if (!s->fields) {
			perror("dbgen");
			exit(1);
		}
	}
	s->fields[s->count].name = xstrdup(name);
	s->fields[s->count].value = xstrdup(value);
	s->fields[s->count].line = line;
	s->count++;
}

static void append_paragraph(struct stanza_field *f, const char *text)
{
	size_t a = strlen(f->value), b = strlen(text);
	char *v = realloc(f->value, a + b + 2);
	if (!v) {
		perror("dbgen");
		exit(1);
	}
	if (a > 0)
		v[a++] = '\n';
	memcpy(v + a, text, b + 1);
	f->value = v;
}

static int is_blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

int stanza_next(struct stanza_reader *r, struct stanza *s)
{
	memset(s, 0, sizeof *s);
	while (read_line(r)) {
		char *l = r->buf;
		if (l[0] == '#')
			continue;
		if (is_blank(l)) {
			if (s->count > 0)
				return 1;
			continue;
		}
		if (l[0] == ' ' || l[0] == '\t') {
			if (s->count == 0 || l[0] == '\t') {
				fprintf(stderr, "%s:%d: %s\n", r->path, r->line,
				        l[0] == '\t' ? "tab at start of line (continuations start with one space)"
				                     : "continuation line outside a field");
				return -1;
			}
			append_paragraph(&s->fields[s->count - 1], l + 1);
			continue;
		}
		char *colon = strchr(l, ':');
		if (!colon || colon == l) {
			fprintf(stderr, "%s:%d: expected 'Field: value'\n", r->path, r->line);
			return -1;
		}
		*colon = '\0';
		const char *value = colon + 1;
		value += strspn(value, " ");
		if (s->count == 0)
			s->line = r->line;
		int repeatable = 0;
		for (const char *const *f = r->repeatable; f && *f && !repeatable; f++)
			repeatable = strcmp(*f, l) == 0;
		if (!repeatable && stanza_get(s, l)) {
			fprintf(stderr, "%s:%d: field '%s' given twice\n", r->path, r->line, l);
			return -1;
		}
		add_field(s, l, value, r->line);
	}
	return s->count > 0;
}

void stanza_free(struct stanza *s)
{
	for (size_t i = 0; i < s->count; i++) {
		free(s->fields[i].name);
		free(s->fields[i].value);
	}
	free(s->fields);
	memset(s, 0, sizeof *s);
}

const struct stanza_field *stanza_get(const struct stanza *s, const char *name)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->fields[i].name, name) == 0)
			return &s->fields[i];
	return NULL;
}

const char *stanza_value(const struct stanza *s, const char *name)
{
	const struct stanza_field *f = stanza_get(s, name);
	return f && f->value[0] ? f->value : NULL;
}
