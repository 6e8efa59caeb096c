/* Reader for the stanza files in db/ (format: db/FORMAT.md). */
#ifndef CODEREF_STANZA_H
#define CODEREF_STANZA_H

#include <stdio.h>

struct stanza_field {
	char *name;
	char *value;      /* paragraphs joined with '\n' */
	int line;         /* where the field starts, for messages */
};

struct stanza {
	struct stanza_field *fields;
	size_t count, cap;
	int line;         /* first line of the stanza */
};

struct stanza_reader {
	FILE *fp;
	const char *path;
	int line;
	char *buf;
	size_t bufcap;
	int pending;      /* buf holds a line not consumed yet */
	/* Fields that may come more than once in a stanza (set.txt's Fact),
	 * NULL-terminated; any other field given twice is an error. */
	const char *const *repeatable;
};

int stanza_open(struct stanza_reader *r, const char *path);
void stanza_close(struct stanza_reader *r);
/* 1: a stanza was read; 0: end of file; -1: syntax error (printed). */
int stanza_next(struct stanza_reader *r, struct stanza *s);
void stanza_free(struct stanza *s);
const struct stanza_field *stanza_get(const struct stanza *s, const char *name);
const char *stanza_value(const struct stanza *s, const char *name);

#endif
